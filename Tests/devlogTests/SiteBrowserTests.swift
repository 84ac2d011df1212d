import DevlogTestSupport
import Foundation
import Testing

/// The generated site in a real browser: headless Chromium from the distribution opens it, its
/// DOM shows the index linking every devlog and an agent page's chart drawn, and a screenshot of
/// that page is not blank. In CI (`CI=true`, where `.ci/run` installs Chromium) it must run.
@Suite struct SiteBrowserTests {
    static let chromium: URL? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(URL.init(fileURLWithPath:))
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    @Test(.enabled(if: chromium != nil || inCI, "skipped: headless Chromium is not installed (apt-get install chromium); CI installs it"))
    func theIndexLinksEveryDevlogAndAChartIsDrawn() throws {
        let chromium = try #require(Self.chromium, "CI=true, so the browser test must run: install chromium (.ci/run does)")
        let runner = try TrendsCommandTests.examplesProject()
        if SharedFixtures.isAvailable { #expect(try runner.run(["import", SharedFixtures.corpus.path]).status == 0) }
        let made = try runner.run(["site", "-o", "site"])
        try #require(made.status == 0, "\(made.stderr)")
        let site = runner.folder.appendingPathComponent("site")
        let pages = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("cycles").path).sorted()
        let cycles = try runner.run(["cycles"]).stdout.split(separator: "\n")
        #expect(pages.count == cycles.count && !pages.isEmpty)

        let browser = Browser(executable: chromium, profile: runner.folder.appendingPathComponent("chromium"))
        let index = try browser.dumpDOM(site.appendingPathComponent("index.html"))
        for page in pages {
            #expect(index.contains("href=\"cycles/\(page)\""), "the index does not link \(page)")
        }
        let agentPage = site.appendingPathComponent("agents/Agent-7.html")
        let dom = try browser.dumpDOM(agentPage)
        #expect(dom.contains("<svg") && dom.contains("<title id=\"chart-1-title\">Task completion (/2) over 2 cycles</title>"))
        #expect(dom.contains("<polyline points=\"56.0,"))

        let shot = runner.folder.appendingPathComponent("agent.png")
        try browser.screenshot(agentPage, to: shot)
        let pixels = try PNGPixels.measure(shot)
        #expect(pixels.width == 800 && pixels.height == 900)
        // Text and axes make a page not blank; the chart's blue line and dots make it drawn.
        #expect(pixels.nonWhite > 0.02, "the screenshot is blank: \(pixels)")
        #expect(pixels.chartBlue > 100, "no chart line in the screenshot: \(pixels)")
    }
}

/// Headless Chromium, run as a command: `--dump-dom` and `--screenshot`.
struct Browser {
    let executable: URL
    let profile: URL

    func dumpDOM(_ page: URL) throws -> String {
        try run(["--dump-dom", page.absoluteString])
    }

    func screenshot(_ page: URL, to file: URL) throws {
        _ = try run(["--hide-scrollbars", "--window-size=800,900", "--screenshot=\(file.path)", page.absoluteString])
        #expect(FileManager.default.fileExists(atPath: file.path), "chromium wrote no screenshot")
    }

    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = executable
        // Root (as in CI containers) has no sandbox to drop into; the pages are our own files.
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)"] + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium \(arguments.first ?? "") exited \(process.terminationStatus)")
        return try String(contentsOf: output, encoding: .utf8)
    }
}

/// A PNG's pixels summed up by Python (zlib and the PNG row filters decoded by hand), so the test
/// reads what the browser drew without an image library.
struct PNGPixels: CustomStringConvertible {
    var width = 0
    var height = 0
    /// The share of pixels that are not white.
    var nonWhite = 0.0
    /// How many pixels are close to the charts' blue (#0a58ca).
    var chartBlue = 0

    var description: String { "\(width)x\(height), \(nonWhite) not white, \(chartBlue) chart blue" }

    static func measure(_ file: URL) throws -> PNGPixels {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let fields = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard process.terminationStatus == 0, fields.count == 4 else { throw CocoaError(.fileReadCorruptFile) }
        return PNGPixels(width: Int(fields[0]) ?? 0, height: Int(fields[1]) ?? 0, nonWhite: Double(fields[2]) ?? 0, chartBlue: Int(fields[3]) ?? 0)
    }

    private static let script = """
        import struct, sys, zlib
        data = open(sys.argv[1], "rb").read()
        assert data[:8] == b"\\x89PNG\\r\\n\\x1a\\n", "not a PNG"
        pos, idat = 8, b""
        while pos < len(data):
            length, kind = struct.unpack(">I4s", data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            pos += 12 + length
            if kind == b"IHDR":
                width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            elif kind == b"IDAT":
                idat += body
        assert depth == 8 and colour in (2, 6), "unexpected PNG format"
        channels = 3 if colour == 2 else 4
        raw = zlib.decompress(idat)
        stride = width * channels
        previous = bytearray(stride)
        offset, white, blue = 0, 0, 0
        for y in range(height):
            kind = raw[offset]
            line = bytearray(raw[offset + 1:offset + 1 + stride])
            offset += 1 + stride
            for x in range(stride):
                a = line[x - channels] if x >= channels else 0
                b = previous[x]
                c = previous[x - channels] if x >= channels else 0
                if kind == 1: line[x] = (line[x] + a) & 255
                elif kind == 2: line[x] = (line[x] + b) & 255
                elif kind == 3: line[x] = (line[x] + ((a + b) >> 1)) & 255
                elif kind == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            for x in range(0, stride, channels):
                r, g, b = line[x], line[x + 1], line[x + 2]
                if r > 245 and g > 245 and b > 245: white += 1
                if abs(r - 10) < 40 and abs(g - 88) < 40 and abs(b - 202) < 40: blue += 1
            previous = line
        print(width, height, 1 - white / (width * height), blue)
        """
}
