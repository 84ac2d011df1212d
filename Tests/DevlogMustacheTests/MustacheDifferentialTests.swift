import DevlogMustache
import Mustache
import Testing

/// Renders the same templates with this engine and with swift-mustache, which is spec-tested
/// upstream, and expects the same text.
struct MustacheDifferentialTests {
    static let templates: [String] = [
        "# {{title}}\n\n{{#tasks}}\n- {{name}}: {{status}}\n{{/tasks}}\n{{^tasks}}\nNo tasks.\n{{/tasks}}\n",
        "{{#meta}}{{author}} <{{email}}>{{/meta}} {{count}} items, {{&raw}} {{{raw}}}",
        "{{#tasks}}{{#done}}[x]{{/done}}{{^done}}[ ]{{/done}} {{name}}\n{{/tasks}}",
        "{{#meta}}\n  {{title}} by {{author}}\n{{/meta}}\n{{missing}}|{{meta.author}}|{{meta.none}}",
        "{{#tasks}}\n  {{>row}}\n{{/tasks}}",
    ]

    static var context: [String: Any] { [
        "title": "Cycle 12 <draft>",
        "count": 3,
        "raw": "a & b",
        "meta": ["author": "Ada", "email": "ada@example.com"] as [String: Any],
        "tasks": [
            ["name": "parse", "status": "done", "done": true] as [String: Any],
            ["name": "render", "status": "open", "done": false] as [String: Any],
        ],
    ] }

    static let value: MustacheValue = [
        "title": "Cycle 12 <draft>",
        "count": 3,
        "raw": "a & b",
        "meta": ["author": "Ada", "email": "ada@example.com"],
        "tasks": [
            ["name": "parse", "status": "done", "done": true],
            ["name": "render", "status": "open", "done": false],
        ],
    ]

    static let row = "{{name}} ({{status}})\n"

    @Test(arguments: templates)
    func sameOutputAsSwiftMustache(_ source: String) throws {
        let theirs = try Mustache.MustacheTemplate(string: source)
        var theirLibrary = Mustache.MustacheLibrary()
        try theirLibrary.register(Self.row, named: "row")
        let ours = try DevlogMustache.MustacheTemplate(source)
        let ourLibrary = try DevlogMustache.MustacheLibrary(templates: ["row": Self.row])
        let expected = theirs.render(Self.context, library: theirLibrary)
        #expect(try ours.render(Self.value, library: ourLibrary) == expected)
    }
}
