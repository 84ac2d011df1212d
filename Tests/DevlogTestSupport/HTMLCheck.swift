import Foundation

/// Checks pages are well-formed HTML with Python's `html.parser`: every element closed in order
/// (void elements excepted), no end tag without its start, no id twice on a page, a doctype first.
public enum HTMLCheck {
    /// One line per problem (`file:line: what`), empty when every page is well-formed.
    public static func problems(in files: [URL]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + files.map(\.path)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return process.terminationStatus == 0 ? lines : lines + ["python3 exited \(process.terminationStatus)"]
    }

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
