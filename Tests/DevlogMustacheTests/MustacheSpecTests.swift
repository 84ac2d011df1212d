import DevlogMustache
import Testing

@Suite(.enabled(if: SpecFixtures.available, "../shared/spec/mustache not found: spec tests need the shared folder"))
struct MustacheSpecTests {
    @Test func everySpecFileHasCases() {
        for file in SpecFixtures.files {
            #expect(SpecFixtures.cases.contains { $0.file == file }, "no cases read from \(file).json")
        }
    }

    @Test(arguments: SpecFixtures.cases)
    func specCase(_ spec: SpecCase) throws {
        let library = try MustacheLibrary(templates: spec.partials)
        let template = try MustacheTemplate(spec.template, name: spec.name)
        let rendered = try template.render(spec.data, library: library)
        #expect(rendered == spec.expected, "template: \(spec.template.debugDescription)")
    }
}
