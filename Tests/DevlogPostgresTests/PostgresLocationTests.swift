import DevlogPostgres
import Foundation
import Testing

/// Reading a PostgreSQL URL: defaults, the password's three sources in libpq's order, and a
/// description that never holds the password.
@Suite("PostgresLocation: URLs, passwords and what is shown")
struct PostgresLocationTests {
    @Test("defaults: port 5432, the database named after the user, TLS when offered")
    func defaults() throws {
        let location = try PostgresLocation(url: "postgres://agent@db.example", environment: [:])
        #expect(location.host == "db.example" && location.port == 5432 && location.database == "agent" && location.username == "agent")
        #expect(location.sslMode == .prefer && !location.hasPassword)
        #expect(location.description == "postgresql://agent@db.example:5432/agent")
    }

    @Test("the password: the URL's first, then PGPASSWORD, then the password file; never in the description")
    func passwordOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("devlog-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass")
        try "db.example:5432:team:agent:from\\:file\\\\\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let environment = ["PGPASSFILE": file.path]

        let inURL = try PostgresLocation(url: "postgresql://agent:p%40ss@db.example/team?sslmode=require", environment: environment)
        #expect(inURL.hasPassword)
        #expect(inURL.description == "postgresql://agent@db.example:5432/team?sslmode=require")
        #expect(!inURL.description.contains("p@ss") && !"\(inURL)".contains("p%40ss"))
        #expect(try PostgresLocation(url: "postgresql://agent@db.example/team", environment: ["PGPASSWORD": "x"]).hasPassword)
        #expect(try PostgresLocation(url: "postgresql://agent@db.example/team", environment: environment).hasPassword,
                "a matching line of the password file, with \\: and \\\\ read as : and \\")
        #expect(try !PostgresLocation(url: "postgresql://agent@db.example/other", environment: environment).hasPassword)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        #expect(try !PostgresLocation(url: "postgresql://agent@db.example/team", environment: environment).hasPassword,
                "a password file others can read is ignored")
    }

    @Test("refused: no user, a socket path, an unknown sslmode or parameter; the error never holds the password",
          arguments: ["postgresql://db.example/x", "postgresql://u:secret@%2Ftmp/x", "postgresql://u:secret@h/x?sslmode=always",
                      "postgresql://u:secret@h/x?application_name=a", "postgresql://u:secret@h/x?connect_timeout=soon"])
    func refused(url: String) {
        let error = #expect(throws: (any Error).self) { try PostgresLocation(url: url, environment: [:]) }
        #expect(error.map { !"\($0)".contains("secret") } == true)
    }
}
