import DevlogMustache
import Testing

struct MustacheErrorTests {
    private func parseError(_ source: String) -> MustacheError? {
        do {
            _ = try MustacheTemplate(source, name: "templates/section-tasks.mustache")
            return nil
        } catch {
            return error
        }
    }

    @Test func unclosedSectionNamesItsOpeningTag() throws {
        let error = try #require(parseError("# Tasks\n\n    {{#tasks}}\n- {{title}}\n"))
        #expect(error.location == MustacheLocation(template: "templates/section-tasks.mustache", line: 3, column: 5))
        #expect(error.description == "templates/section-tasks.mustache:3:5: section \"tasks\" is never closed; add {{/tasks}}")
    }

    @Test func mismatchedCloseIsReportedAtTheClosingTag() throws {
        let error = try #require(parseError("{{#a}}\n{{#b}}\nx {{/a}}"))
        #expect(error.location.line == 3)
        #expect(error.location.column == 3)
        #expect(error.description.contains("{{/b}}"))
    }

    @Test func unclosedTagAndBadDelimiters() throws {
        let unclosed = try #require(parseError("ok\nhé {{name"))
        #expect(unclosed.location.line == 2)
        #expect(unclosed.location.column == 4, "columns count characters, not UTF-8 bytes")
        let delimiters = try #require(parseError("{{=<% =}}"))
        #expect(delimiters.description.contains("delimiter"))
        let stray = try #require(parseError("text {{/done}}"))
        #expect(stray.location.column == 6)
    }

    @Test func selfIncludingPartialStopsWithAnError() throws {
        let library = try MustacheLibrary(templates: ["loop": "x{{>loop}}"])
        #expect(throws: MustacheError.self) { try library.render("loop", context: [:]) }
    }
}
