import Foundation

/// Checks pages are well-formed HTML with Python's `html.parser`: every element closed in order
/// (void elements excepted), no end tag without its start, no id twice on a page, a doctype first.
public enum HTMLCheck {
    /// One line per problem (`file:line: what`), empty when every page is well-formed.
    public static func problems(in files: [URL]) throws -> [String] {
        let (data, status) = try python(script, arguments: files.map(\.path))
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return status == 0 ? lines : lines + ["python3 exited \(status)"]
    }

    /// A start tag as a browser's parser reads it: attribute values decoded, in the order written.
    public struct Element: Sendable, Hashable, Decodable {
        /// The element's name, lowercased.
        public var tag: String
        /// Each attribute's name and value (`""` for an attribute without one), repeats included.
        public var attributes: [[String]]

        /// The attributes' names.
        public var names: [String] { attributes.map { $0[0] } }

        /// The value of the attribute `name`, the first when it is repeated.
        public func value(_ name: String) -> String? {
            attributes.first { $0[0] == name }?[1]
        }
    }

    /// Every start tag of `html`, in order, read by Python's `html.parser`.
    public static func elements(in html: String) throws -> [Element] {
        let (data, status) = try python(elementsScript, arguments: [], input: Data(html.utf8))
        guard status == 0 else { throw ParserFailed(status: status) }
        return try JSONDecoder().decode([Element].self, from: data)
    }

    /// python3 did not read the page: its exit status.
    public struct ParserFailed: Error {
        /// python3's exit status.
        public var status: Int32
    }

    private static func python(_ script: String, arguments: [String], input: Data? = nil) throws -> (Data, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        // python3 reads all its input before it writes, so writing it whole first cannot block.
        try stdin.fileHandleForWriting.write(contentsOf: input ?? Data())
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (data, process.terminationStatus)
    }

    private static let elementsScript = """
        import json, sys
        from html.parser import HTMLParser
        class Reader(HTMLParser):
            def __init__(self):
                super().__init__(convert_charrefs=True)
                self.elements = []
            def handle_starttag(self, tag, attrs):
                self.elements.append({"tag": tag, "attributes": [[k, v or ""] for k, v in attrs]})
            handle_startendtag = handle_starttag
        reader = Reader()
        reader.feed(sys.stdin.read())
        reader.close()
        print(json.dumps(reader.elements))
        """

    private static let script = """
        import sys
        from html.parser import HTMLParser
        VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
        class Checker(HTMLParser):
            def __init__(self, name):
                super().__init__(convert_charrefs=True)
                self.name, self.stack, self.ids, self.problems = name, [], set(), []
            def problem(self, text):
                self.problems.append("%s:%d: %s" % (self.name, self.getpos()[0], text))
            def note_id(self, attrs):
                for key, value in attrs:
                    if key == "id":
                        if value in self.ids: self.problem("id %r twice" % value)
                        self.ids.add(value)
            def handle_starttag(self, tag, attrs):
                self.note_id(attrs)
                if tag not in VOID: self.stack.append(tag)
            def handle_startendtag(self, tag, attrs):
                self.note_id(attrs)
            def handle_endtag(self, tag):
                if tag in VOID: self.problem("</%s> closes a void element" % tag)
                elif not self.stack: self.problem("</%s> without a start tag" % tag)
                elif self.stack[-1] != tag: self.problem("</%s> closes <%s>" % (tag, self.stack[-1]))
                else: self.stack.pop()
        for name in sys.argv[1:]:
            text = open(name, encoding="utf-8").read()
            checker = Checker(name)
            if not text.startswith("<!DOCTYPE html>"): checker.problem("no <!DOCTYPE html> first")
            checker.feed(text)
            checker.close()
            if checker.stack: checker.problem("unclosed: " + " ".join(checker.stack))
            for line in checker.problems: print(line)
        """
}
