import DevlogTrends

/// The HTML of each kind of page.
enum SitePages {
    /// What an overview page is about.
    enum Kind {
        case agent, mission

        /// The folder its pages are in.
        var folder: String { self == .agent ? "agents" : "missions" }
        /// Its name in headings.
        var title: String { self == .agent ? "Agent" : "Mission" }
    }

    /// The index: agents, missions and every devlog, newest first.
    static func index(_ devlogs: [SiteDevlog], configuration: SiteWriter.Configuration) -> String {
        var body = "<header><h1>\(SiteHTML.escape(configuration.title))</h1>\n"
        body += "<p>\(devlogs.count) devlog\(devlogs.count == 1 ? "" : "s").</p></header>\n<main>\n"
        for kind in [Kind.agent, .mission] {
            var latest: [String: (count: Int, date: String)] = [:]
            for devlog in devlogs {
                guard let name = kind == .agent ? devlog.agent : devlog.mission else { continue }
                let seen = latest[name]
                latest[name] = (count: (seen?.count ?? 0) + 1, date: seen?.date ?? devlog.date)
            }
            body += "<section id=\"\(kind.folder)\">\n<h2>\(kind.title)s</h2>\n"
            guard !latest.isEmpty else { body += "<p>None named.</p>\n</section>\n"; continue }
            body += "<table>\n<thead><tr><th scope=\"col\">\(kind.title)</th><th scope=\"col\">Devlogs</th><th scope=\"col\">Latest cycle date</th></tr></thead>\n<tbody>\n"
            for (name, seen) in latest.sorted(by: { $0.key < $1.key }) {
                body += "<tr><td>\(SiteHTML.link("\(kind.folder)/\(SitePath.slug(name)).html", name))</td><td>\(seen.count)</td>"
                body += "<td>\(SiteHTML.escape(seen.date))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n</section>\n"
        }
        body += "<section id=\"cycles\">\n<h2>Cycles, newest first</h2>\n" + cycleTable(devlogs, root: "") + "</section>\n</main>"
        return SiteHTML.page(title: configuration.title, root: "", body: body)
    }

    /// A devlog's page: where it sits, its commit and Discord message, and the devlog itself.
    static func devlog(_ devlog: SiteDevlog, configuration: SiteWriter.Configuration) -> String {
        var body = "<header><nav>" + SiteHTML.link("../index.html", configuration.title)
        if let agent = devlog.agent { body += " · " + SiteHTML.link("../agents/\(SitePath.slug(agent)).html", agent) }
        if let mission = devlog.mission { body += " · " + SiteHTML.link("../missions/\(SitePath.slug(mission)).html", mission) }
        body += "</nav></header>\n<main>\n<dl class=\"facts\">\n"
        body += "<dt>Cycle</dt><dd>\(SiteHTML.escape(devlog.cycle)) · \(SiteHTML.escape(devlog.date))</dd>\n"
        if let status = devlog.status { body += "<dt>Status</dt><dd>\(SiteHTML.escape(status))</dd>\n" }
        for (label, fact) in [("Commit", devlog.commit), ("Discord", devlog.discord)] {
            guard let fact else { continue }
            body += "<dt>\(label)</dt><dd>\(fact.url.map { SiteHTML.link($0, fact.text) } ?? SiteHTML.escape(fact.text))</dd>\n"
        }
        body += "</dl>\n<article>\n\(SiteMarkdown.html(devlog.markdown))\n</article>\n</main>"
        return SiteHTML.page(title: "\(devlog.title) — \(configuration.title)", root: "../", body: body)
    }

    /// An agent's or mission's page: a chart of each numeric metric over its cycles, then its
    /// devlogs, newest first.
    static func overview(_ kind: Kind, name: String, devlogs: [SiteDevlog], trends: Trends, configuration: SiteWriter.Configuration) -> String {
        var body = "<header><nav>" + SiteHTML.link("../index.html", configuration.title) + "</nav>\n"
        body += "<h1>\(SiteHTML.escape(name))</h1>\n<p>\(kind.title), \(devlogs.count) devlog\(devlogs.count == 1 ? "" : "s").</p></header>\n<main>\n"
        body += "<section id=\"metrics\">\n<h2>Metrics over cycles</h2>\n"
        var charts = 0
        var others: [MetricTrend] = []
        // A line needs two numbers; a metric with fewer is listed with its last value instead.
        for metric in trends.metrics {
            guard metric.numeric.count >= 2, let figure = SiteChart.figure(metric, cycles: trends.cycles, id: "chart-\(charts + 1)") else {
                others.append(metric)
                continue
            }
            body += figure + "\n"
            charts += 1
        }
        if charts == 0 { body += "<p>No metric holds a number in two cycles or more.</p>\n" }
        if !others.isEmpty {
            body += "<h3>Other metrics</h3>\n<table>\n<thead><tr><th scope=\"col\">Metric</th><th scope=\"col\">Values</th>"
            body += "<th scope=\"col\">Last value</th><th scope=\"col\">Cycle</th></tr></thead>\n<tbody>\n"
            for metric in others {
                guard let last = metric.points.last else { continue }
                let cycle = trends.cycles[last.cycle]
                body += "<tr><td>\(SiteHTML.escape(metric.name))</td><td>\(metric.points.count)</td><td>\(SiteHTML.escape(last.value))</td>"
                body += "<td>\(SiteHTML.escape(cycle.label)) · \(SiteHTML.escape(cycle.date))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        body += "</section>\n<section id=\"cycles\">\n<h2>Devlogs, newest first</h2>\n" + cycleTable(devlogs, root: "../") + "</section>\n</main>"
        return SiteHTML.page(title: "\(kind.title) \(name) — \(configuration.title)", root: "../", body: body)
    }

    private static func cycleTable(_ devlogs: [SiteDevlog], root: String) -> String {
        var html = "<table>\n<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Cycle</th><th scope=\"col\">Agent</th>"
        html += "<th scope=\"col\">Mission</th><th scope=\"col\">Devlog</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n"
        for devlog in devlogs {
            html += "<tr><td>\(SiteHTML.escape(devlog.date))</td><td>\(SiteHTML.escape(devlog.cycle))</td>"
            html += "<td>\(SiteHTML.escape(devlog.agent ?? ""))</td><td>\(SiteHTML.escape(devlog.mission ?? ""))</td>"
            html += "<td>\(SiteHTML.link("\(root)cycles/\(devlog.name).html", devlog.title.isEmpty ? devlog.name : devlog.title))</td>"
            html += "<td>\(SiteHTML.escape(devlog.status ?? ""))</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n"
    }
}
