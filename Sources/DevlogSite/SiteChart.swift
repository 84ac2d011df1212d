import DevlogTrends
import Foundation

/// One metric's numbers over a page's cycles as an inline SVG line chart, with its text
/// alternatives: a `<title>` and `<desc>` the SVG is labelled by, and the values as a table.
///
/// Drawn with presentation attributes, so it shows without the style sheet and without scripts.
enum SiteChart {
    static let width = 640.0
    static let height = 220.0
    private static let left = 56.0
    private static let right = 16.0
    private static let top = 16.0
    private static let bottom = 36.0

    /// The figure for `metric` (whose points index `cycles`); `id` makes its element ids unique on
    /// the page. `nil` when the metric holds no number.
    static func figure(_ metric: MetricTrend, cycles: [TrendCycle], id: String) -> String? {
        let numeric = metric.numeric
        let points = numeric.map(\.point)
        guard let first = points.first, let last = points.last else { return nil }
        let numbers = numeric.map(\.quantity.number)
        let low = min(numbers.min() ?? 0, 0)
        // A done-of-total count is drawn against its total: 2/4 sits halfway up.
        var high = max(numbers.max() ?? 0, numeric.compactMap(\.quantity.total).max() ?? 0)
        if high == low { high = low + 1 }
        let span = Double(max(cycles.count - 1, 1))
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        func x(_ cycle: Int) -> String { number(left + (cycles.count == 1 ? plotWidth / 2 : Double(cycle) / span * plotWidth)) }
        func y(_ value: Double) -> String { number(top + (1 - (value - low) / (high - low)) * plotHeight) }

        let unit = metric.unit
        let name = SiteHTML.escape(metric.name)
        let titleText = "\(metric.name)\(unit.isEmpty ? "" : " (\(unit))") over \(points.count) cycle\(points.count == 1 ? "" : "s")"
        let firstCycle = cycles[first.cycle]
        let lastCycle = cycles[last.cycle]
        var description = "From \(TrendNumber.text(numbers[0])) in cycle \(firstCycle.label) (\(firstCycle.date))"
        description += " to \(TrendNumber.text(numbers[numbers.count - 1])) in cycle \(lastCycle.label) (\(lastCycle.date))"
        description += "; lowest \(TrendNumber.text(numbers.min() ?? 0)), highest \(TrendNumber.text(numbers.max() ?? 0))."

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" \
            role="img" aria-labelledby="\(id)-title \(id)-desc">
            <title id="\(id)-title">\(SiteHTML.escape(titleText))</title>
            <desc id="\(id)-desc">\(SiteHTML.escape(description))</desc>
            <rect x="0" y="0" width="\(Int(width))" height="\(Int(height))" fill="#ffffff"/>

            """
        for value in [low, (low + high) / 2, high] {
            let at = y(value)
            svg += "<line x1=\"\(number(left))\" y1=\"\(at)\" x2=\"\(number(width - right))\" y2=\"\(at)\" stroke=\"#d0d7de\" stroke-width=\"1\"/>\n"
            svg += "<text x=\"\(number(left - 6))\" y=\"\(at)\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"12\" fill=\"#57606a\">"
            svg += "\(SiteHTML.escape(TrendNumber.text(value)))</text>\n"
        }
        let baseline = number(height - bottom)
        svg += "<line x1=\"\(number(left))\" y1=\"\(baseline)\" x2=\"\(number(width - right))\" y2=\"\(baseline)\" stroke=\"#57606a\" stroke-width=\"1\"/>\n"
        let ends = cycles.count == 1 ? [("middle", cycles[0])] : [("start", cycles[0]), ("end", cycles[cycles.count - 1])]
        for (anchor, cycle) in ends {
            let at = number(anchor == "start" ? left : anchor == "end" ? width - right : left + plotWidth / 2)
            let label = cycle.label.count > 28 ? cycle.label.prefix(27) + "…" : cycle.label
            svg += "<text x=\"\(at)\" y=\"\(number(height - 12))\" text-anchor=\"\(anchor)\" font-size=\"12\" fill=\"#57606a\">"
            svg += "\(SiteHTML.escape("cycle \(label) · \(cycle.date)"))</text>\n"
        }
        let coordinates = zip(points, numbers).map { "\(x($0.cycle)),\(y($1))" }
        svg += "<polyline points=\"\(coordinates.joined(separator: " "))\" fill=\"none\" stroke=\"#0a58ca\" stroke-width=\"2\"/>\n"
        for (point, value) in zip(points, numbers) {
            let cycle = cycles[point.cycle]
            svg += "<circle cx=\"\(x(point.cycle))\" cy=\"\(y(value))\" r=\"3\" fill=\"#0a58ca\">"
            svg += "<title>\(SiteHTML.escape("cycle \(cycle.label), \(cycle.date): \(point.value)"))</title></circle>\n"
        }
        svg += "</svg>"

        var table = "<table>\n<thead><tr><th scope=\"col\">Cycle</th><th scope=\"col\">Date</th><th scope=\"col\">\(name)</th></tr></thead>\n<tbody>\n"
        for point in metric.points {
            let cycle = cycles[point.cycle]
            table += "<tr><td>\(SiteHTML.escape(cycle.label))</td><td>\(SiteHTML.escape(cycle.date))</td><td>\(SiteHTML.escape(point.value))</td></tr>\n"
        }
        table += "</tbody>\n</table>"
        return """
            <figure class="chart" id="\(id)">
            <figcaption><h3>\(name)</h3><p>Last: \(SiteHTML.escape(last.value))\(metric.changeText.isEmpty ? "" : " (" + metric.changeText + " from the value before)")</p></figcaption>
            \(svg)
            <details><summary>\(name): the values</summary>
            \(table)
            </details>
            </figure>
            """
    }

    /// A coordinate to one decimal, the same text on every machine.
    private static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }
}
