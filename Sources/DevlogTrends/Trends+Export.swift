extension Trends {
    /// The CSV header ``csv()`` writes.
    public static let csvHeader = "metric,group,cycle_id,cycle,date,agent,mission,value,number,unit,total,note"

    /// One row per value, in series order then cycle order (fields quoted as RFC 4180 says when they hold
    /// a comma, quote or line break), each handed to `line` as it is made: a long history is never
    /// one string.
    public func csv(_ line: (String) -> Void) {
        line(Self.csvHeader)
        for metric in metrics {
            for point in metric.points {
                let cycle = cycles[point.cycle]
                let quantity = point.quantity
                let fields = [
                    metric.name, metric.group, String(cycle.id), cycle.label, cycle.date, cycle.agent ?? "", cycle.mission ?? "",
                    point.value, quantity.map { TrendNumber.text($0.number) } ?? "", quantity?.unit ?? "",
                    quantity?.total.map(TrendNumber.text) ?? "", point.note ?? "",
                ]
                line(fields.map(Self.csvField).joined(separator: ","))
            }
        }
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The trends as `--json` prints them: each series with its points' cycles spelled out.
    public var document: Document {
        Document(cycles: cycles, metrics: metrics.map { metric in
            Document.Series(metric: metric.name, group: metric.group, unit: metric.unit, change: metric.change, points: metric.points.map { point in
                let cycle = cycles[point.cycle]
                let quantity = point.quantity
                return Document.Point(cycleID: cycle.id, cycle: cycle.label, date: cycle.date, agent: cycle.agent, value: point.value,
                                      number: quantity?.number, unit: quantity?.unit, total: quantity?.total, note: point.note)
            })
        })
    }

    /// The JSON shape of trends.
    public struct Document: Sendable, Encodable {
        /// The cycles, oldest first.
        public var cycles: [TrendCycle]
        /// The series.
        public var metrics: [Series]

        /// A series.
        public struct Series: Sendable, Encodable {
            /// Its label.
            public var metric: String
            /// Its subsection.
            public var group: String
            /// The unit of its last number.
            public var unit: String
            /// The last number minus the one before.
            public var change: Double?
            /// Its values, oldest first.
            public var points: [Point]
        }

        /// A value with its cycle.
        public struct Point: Sendable, Encodable {
            enum CodingKeys: String, CodingKey {
                case cycleID = "cycle_id", cycle, date, agent, value, number, unit, total, note
            }

            /// The cycle's id.
            public var cycleID: Int64
            /// The cycle as written.
            public var cycle: String
            /// The cycle date.
            public var date: String
            /// The agent.
            public var agent: String?
            /// As written.
            public var value: String
            /// The number read from it.
            public var number: Double?
            /// Its unit.
            public var unit: String?
            /// The total of a done-of-total count.
            public var total: Double?
            /// What it says besides the number.
            public var note: String?
        }
    }
}
