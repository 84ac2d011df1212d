import DevlogMustache
import Foundation
import Testing

struct MustacheRenderTests {
    @Test func escapingIsASetting() throws {
        let template = try MustacheTemplate("{{text}}|{{{text}}}|{{&text}}")
        let context: MustacheValue = ["text": "a < b & \"c\" 'd'"]
        #expect(try template.render(context) == "a &lt; b &amp; &quot;c&quot; &#39;d&#39;|a < b & \"c\" 'd'|a < b & \"c\" 'd'")
        #expect(try template.render(context, escaping: .none) == "a < b & \"c\" 'd'|a < b & \"c\" 'd'|a < b & \"c\" 'd'")
    }

    private struct Task: MustacheObject {
        let title: String
        let done: Bool
        func value(forKey key: String) -> MustacheValue? {
            switch key {
            case "title": .string(title)
            case "done": .bool(done)
            default: nil
            }
        }
    }

    @Test func typedObjectsAnswerLookups() throws {
        let template = try MustacheTemplate("{{#tasks}}- [{{#done}}x{{/done}}{{^done}} {{/done}}] {{title}}\n{{/tasks}}")
        let context: MustacheValue = ["tasks": .list([.object(Task(title: "parse", done: true)), .object(Task(title: "ship", done: false))])]
        #expect(try template.render(context, escaping: .none) == "- [x] parse\n- [ ] ship\n")
    }

    @Test func missesAreRecordedWithPositions() throws {
        let library = try MustacheLibrary(templates: [
            "report": "# {{title}}\n{{#tasks}}{{>task}}{{/tasks}}{{footer.note}}\n",
            "task": "- {{title}} ({{owner}})\n",
        ])
        var misses: [MustacheMiss] = []
        let context: MustacheValue = ["title": "Cycle", "tasks": [["title": "a"]], "footer": [:]]
        let text = try library.render("report", context: context, escaping: .none, misses: &misses)
        #expect(text == "# Cycle\n- a ()\n\n")
        #expect(misses.map(\.name) == ["owner", "footer.note"])
        #expect(misses[0].location == MustacheLocation(template: "task", line: 1, column: 14))
        #expect(misses[1].missingPart == "note")
        #expect(misses[1].location.line == 2)
    }

    @Test func libraryFilesOverrideDefaultsByName() throws {
        var library = try MustacheLibrary(templates: ["report": "R[{{>task}}]", "task": "default {{x}}"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mustache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "custom {{x}}".write(to: directory.appendingPathComponent("task.mustache"), atomically: true, encoding: .utf8)
        try "ignored".write(to: directory.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let loaded = try library.loadOverrides(fromDirectory: directory.path)
        #expect(loaded == ["task"])
        #expect(library.names == ["report", "task"])
        #expect(try library.render("report", context: ["x": 1]) == "R[custom 1]")

        try "{{#open}}".write(to: directory.appendingPathComponent("broken.mustache"), atomically: true, encoding: .utf8)
        #expect {
            try library.loadOverrides(fromDirectory: directory.path)
        } throws: { error in
            String(describing: error).hasPrefix(directory.appendingPathComponent("broken.mustache").path + ":1:1:")
        }
    }
}
