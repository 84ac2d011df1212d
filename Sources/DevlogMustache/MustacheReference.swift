/// A name a template uses: what `devlog check --templates` compares against the context.
public struct MustacheReference: Sendable, Hashable, CustomStringConvertible {
    /// What kind of tag uses the name.
    public enum Kind: Sendable, Hashable {
        /// `{{name}}`, `{{{name}}}` or `{{&name}}`.
        case variable
        /// `{{#name}}`.
        case section
        /// `{{^name}}`.
        case invertedSection
        /// `{{>name}}` or `{{<name}}`: a template name, not a context key.
        case partial
        /// `{{>*name}}` or `{{<*name}}`: a context key holding a template name.
        case dynamicPartial
        /// `{{$name}}`: a block name, not a context key.
        case block
    }

    /// The name as written (`task.title`, `.`).
    public var name: String
    /// The tag kind.
    public var kind: Kind
    /// Names of the sections around the tag, outermost first: a name inside `{{#tasks}}` is looked
    /// up in each task before the outer context.
    public var enclosingSections: [String]
    /// Where the tag is.
    public var location: MustacheLocation

    /// A reference to `name` by a `kind` tag at `location` inside `enclosingSections`.
    public init(name: String, kind: Kind, enclosingSections: [String], location: MustacheLocation) {
        self.name = name
        self.kind = kind
        self.enclosingSections = enclosingSections
        self.location = location
    }

    /// `template:line:column: name`.
    public var description: String { "\(location): \(name)" }
}

extension MustacheTemplate {
    /// Every name the template's tags use, in source order (partials are not followed; see
    /// `MustacheLibrary.references(of:)`).
    public var references: [MustacheReference] {
        var found: [MustacheReference] = []
        collect(nodes, sections: [], into: &found)
        return found
    }

    private func collect(_ nodes: [MustacheNode], sections: [String], into found: inout [MustacheReference]) {
        func add(_ name: MustacheName, _ kind: MustacheReference.Kind) {
            found.append(MustacheReference(
                name: name.text, kind: kind, enclosingSections: sections,
                location: MustacheLocation(template: self.name, line: name.line, column: name.column)))
        }
        for node in nodes {
            switch node {
            case .text, .lineStart:
                break
            case .variable(let name, _):
                add(name, .variable)
            case .section(let name, let body, let inverted):
                add(name, inverted ? .invertedSection : .section)
                collect(body, sections: inverted ? sections : sections + [name.text], into: &found)
            case .partial(let site):
                add(site.name, site.isDynamic ? .dynamicPartial : .partial)
                for (_, body) in (site.overrides ?? [:]).sorted(by: { $0.key < $1.key }) {
                    collect(body, sections: sections, into: &found)
                }
            case .block(let site):
                add(site.name, .block)
                collect(site.defaultBody, sections: sections, into: &found)
            }
        }
    }
}

extension MustacheLibrary {
    /// Every name the template called `name` uses, followed by the names of every template it
    /// reaches through static partials and parents (each template once), in source order.
    /// Partial references whose template is missing stay in the list, so a checker can report them.
    public func references(of name: String) -> [MustacheReference] {
        var found: [MustacheReference] = []
        var visited: Set<String> = []
        var queue = [name]
        while let next = queue.first {
            queue.removeFirst()
            guard visited.insert(next).inserted, let template = template(named: next) else { continue }
            let references = template.references
            found += references
            queue += references.filter { $0.kind == .partial }.map(\.name)
        }
        return found
    }
}
