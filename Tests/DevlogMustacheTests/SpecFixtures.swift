import Testing
import DevlogMustache
import Foundation

/// The official spec files live in the shared folder next to the repository, not in it.
enum SpecFixtures {
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/spec/mustache")

    static let files = [
        "comments", "delimiters", "interpolation", "inverted", "partials", "sections",
        "~dynamic-names", "~inheritance",
    ]

    static var available: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("sections.json").path)
    }

    /// Every case of every file; empty when the folder is absent (the suite is then disabled).
    static let cases: [SpecCase] = {
        guard available else { return [] }
        return files.flatMap { file -> [SpecCase] in
            let url = directory.appendingPathComponent(file + ".json")
            guard let data = try? Data(contentsOf: url),
                let decoded = try? JSONDecoder().decode(SpecFile.self, from: data)
            else {
                // A broken fixture must fail loudly, not shrink the suite.
                return [SpecCase(file: file, name: "unreadable \(file).json", template: "", data: .null,
                                 partials: [:], expected: "<\(file).json could not be decoded>")]
            }
            return decoded.tests.map {
                SpecCase(file: file, name: $0.name, template: $0.template, data: $0.data.mustacheValue,
                         partials: $0.partials ?? [:], expected: $0.expected)
            }
        }
    }()
}

/// One spec test, ready to render.
struct SpecCase: Sendable, CustomTestStringConvertible {
    let file: String
    let name: String
    let template: String
    let data: MustacheValue
    let partials: [String: String]
    let expected: String

    var testDescription: String { "\(file): \(name)" }
}

private struct SpecFile: Decodable {
    struct Test: Decodable {
        let name: String
        let template: String
        let data: JSONValue
        let partials: [String: String]?
        let expected: String
    }
    let tests: [Test]
}

/// JSON decoded without Foundation's `Any`, so booleans and numbers keep their types.
enum JSONValue: Decodable {
    case null, bool(Bool), int(Int), double(Double), string(String)
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .int(number)
        } else if let number = try? container.decode(Double.self) {
            self = .double(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var mustacheValue: MustacheValue {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .double(let number): .double(number)
        case .string(let string): .string(string)
        case .array(let items): .list(items.map(\.mustacheValue))
        case .object(let fields): .dictionary(fields.mapValues(\.mustacheValue))
        }
    }
}
