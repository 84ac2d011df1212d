import Foundation

extension Trends {
    /// How many of a series' last values its sparkline shows.
    public static let sparklineWidth = 24
    /// The most characters of a name or value the table shows; the rest is `…`.
    static let cellWidth = 32

    /// The terminal table: per metric its sparkline, first and last value and the change from the
    /// value before the last, under a line naming the cycles; empty trends say so.
    public func table() -> String {
        guard let first = cycles.first, let last = cycles.last else { return "no cycles\n" }
        func named(_ cycle: TrendCycle) -> String { cycle.label.isEmpty ? cycle.date : "\(cycle.date) (cycle \(cycle.label))" }
        var lines = ["\(cycles.count) cycle\(cycles.count == 1 ? "" : "s"), \(named(first)) to \(named(last))"]
        guard !metrics.isEmpty else { return (lines + ["no metrics"]).joined(separator: "\n") + "\n" }
        var rows = [["metric", "values", "trend", "first", "last", "change"]]
        for metric in metrics {
            rows.append([
                Self.cell(metric.name), String(metric.points.count), metric.sparkline(width: Self.sparklineWidth),
                Self.cell(metric.points.first?.value ?? ""), Self.cell(metric.points.last?.value ?? ""), metric.changeText,
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func cell(_ text: String) -> String {
        text.count <= cellWidth ? text : text.prefix(cellWidth - 1) + "…"
    }
}

extension MetricTrend {
    private static let bars = Array("▁▂▃▄▅▆▇█")

    /// The last `width` numbers as bars from ▁ (the least shown) to █ (the most); all ▄ when they
    /// are equal, empty when there are none.
    public func sparkline(width: Int) -> String {
        let numbers = numeric.suffix(width).map(\.quantity.number)
        guard let low = numbers.min(), let high = numbers.max() else { return "" }
        return String(numbers.map { number in
            guard high > low else { return Self.bars[3] }
            return Self.bars[Int(((number - low) / (high - low) * Double(Self.bars.count - 1)).rounded())]
        })
    }

    /// The change as `▲ +5`, `▼ -2.5` or `= 0`, with the unit when it is one a difference keeps
    /// (`%`, `s`, not `/4`); empty with fewer than two numbers.
    public var changeText: String {
        guard let change else { return "" }
        let unit = self.unit.hasPrefix("/") ? "" : self.unit
        let suffix = unit.isEmpty ? "" : unit == "%" ? "%" : " " + unit
        if change > 0 { return "▲ +" + TrendNumber.text(change) + suffix }
        if change < 0 { return "▼ -" + TrendNumber.text(-change) + suffix }
        return "= 0" + suffix
    }
}

/// Numbers as trends print them: whole numbers without a point, others to at most two decimals,
/// the same text on every machine.
public enum TrendNumber {
    /// `3`, `1.25`, `0.5`.
    public static func text(_ number: Double) -> String {
        let rounded = (number * 100).rounded() / 100
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
