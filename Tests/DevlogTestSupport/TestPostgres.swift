import Foundation
import Testing

/// The throwaway PostgreSQL cluster `scripts/pg-cluster` starts for `make test` and CI, named by
/// `DEVLOG_TEST_PG_URL` (its password included). Without it the PostgreSQL tests are skipped,
/// saying why, except under CI=true, where they run and fail.
public enum TestPostgres {
    /// The cluster's URL, password included; nil when none was started.
    public static var url: String? { variable("DEVLOG_TEST_PG_URL") }

    /// The server's self-signed certificate, to trust for `sslmode=verify-full`.
    public static var certificate: String? { variable("DEVLOG_TEST_PG_CA") }

    /// Whether the PostgreSQL tests run: a cluster is there, or CI demands them.
    public static var runs: Bool { url != nil || variable("CI") == "true" }

    /// Why the PostgreSQL tests are skipped.
    public static var skipReason: String {
        "skipped: no PostgreSQL test cluster (" + (variable("DEVLOG_TEST_PG_SKIP")
            ?? "DEVLOG_TEST_PG_URL unset; run the tests with `make test`, or `scripts/pg-cluster swift test`") + ")"
    }

    /// Skips a test, saying why, when no cluster runs (and CI does not demand one).
    public static var required: ConditionTrait { .enabled(if: runs, Comment(rawValue: skipReason)) }

    /// The test role's password, for tests that check it never shows.
    public static func password() throws -> String {
        guard let password = try components().password, !password.isEmpty else {
            throw TestPostgresError(description: "DEVLOG_TEST_PG_URL holds no password")
        }
        return password
    }

    /// A new, empty database on the cluster, for one test: its URL with the password.
    public static func freshDatabase() throws -> String {
        var components = try components()
        let name = "devlog_t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try psql("CREATE DATABASE \(name)")
        components.path = "/" + name
        return components.string!
    }

    /// `url` with the password taken out (what a user would write with PGPASSWORD set).
    public static func withoutPassword(_ url: String) -> String {
        var components = URLComponents(string: url)!
        components.password = nil
        return components.string!
    }

    /// Runs one SQL statement with `psql` on the cluster's `devlog` database (or `database`).
    @discardableResult
    public static func psql(_ sql: String, database: String? = nil) throws -> String {
        var components = try components()
        let password = components.password
        components.password = nil
        if let database { components.path = "/" + database }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", components.string!, "-c", sql]
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestPostgresError(description: "psql: \(problem)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func components() throws -> URLComponents {
        guard let url else {
            throw TestPostgresError(description: "no PostgreSQL test cluster, and CI=true demands one: " + skipReason)
        }
        guard let components = URLComponents(string: url) else { throw TestPostgresError(description: "DEVLOG_TEST_PG_URL is not a URL") }
        return components
    }

    private static func variable(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// The test cluster could not be used.
public struct TestPostgresError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}
