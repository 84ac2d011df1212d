import DevlogModel
import DevlogRender
import Mustache

/// Our default templates rendered by swift-mustache (hummingbird-project) from a `[String: Any]`
/// context with the same keys the default templates read, for comparison with our engine.
struct SwiftMustacheRenderer {
    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, source) in DefaultTemplates.all {
            // Markdown, not HTML: the pragma turns escaping off, as our renderer's `.none` does.
            try library.register("{{% CONTENT_TYPE: TEXT}}\n" + source, named: name)
        }
        self.library = library
    }

    func render(_ devlog: Devlog) throws -> String {
        guard let text = library.render(["sections": Self.sections(of: devlog)], withTemplate: DefaultTemplates.root) else {
            throw BenchError("swift-mustache: no template named \(DefaultTemplates.root)")
        }
        return text
    }

    /// A run of blocks under one heading, before it becomes a dictionary.
    private struct Run {
        var partial: String?
        var heading: Block?
        var lines: [Block] = []
        var subsections: [Run] = []

        var context: [String: Any] {
            var values: [String: Any] = ["lines": lines.map(SwiftMustacheRenderer.context)]
            if let partial { values["partial"] = partial; values["subsections"] = subsections.map(\.context) }
            if let heading { values["heading"] = SwiftMustacheRenderer.context(heading) }
            return values
        }
    }

    /// Header, sections and footer as dictionaries, split the way `SectionContext` splits them.
    private static func sections(of devlog: Devlog) -> [[String: Any]] {
        var runs = [Run(partial: "header")]
        let blocks = devlog.blocks
        for index in blocks.indices {
            let block = blocks[index]
            switch block.kind {
            case .section:
                let kind = SectionKind(title: block.value)
                runs.append(Run(partial: kind == .custom ? "custom-section" : kind.rawValue, heading: block))
                continue
            case .subsection:
                runs[runs.count - 1].subsections.append(Run(heading: block))
                continue
            case .rule where blocks[(index + 1)...].first(where: { $0.kind != .blank })?.kind == .pairs:
                runs.append(Run(partial: "footer"))
            default:
                break
            }
            if runs[runs.count - 1].subsections.isEmpty {
                runs[runs.count - 1].lines.append(block)
            } else {
                runs[runs.count - 1].subsections[runs[runs.count - 1].subsections.count - 1].lines.append(block)
            }
        }
        return runs.map(\.context)
    }

    /// A block's keys; absent ones (`raw`, `status`) are left out, which Mustache reads as false.
    private static func context(_ block: Block) -> [String: Any] {
        var values: [String: Any] = [
            "indent": block.indent, "marker": block.marker, "label": block.label, "value": block.value,
            "hasLabel": !block.label.isEmpty, "hasValue": !block.value.isEmpty, "hasStatus": block.status != nil,
        ]
        for kind in Block.Kind.allCases { values[kind.rawValue] = block.kind == kind }
        values["shape"] = "line-" + block.kind.rawValue
        if let status = block.status { values["status"] = status.text }
        if let raw = block.raw { values["raw"] = raw }
        return values
    }
}
