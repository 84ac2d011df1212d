/// Why the store could not do what was asked, with what to do about it.
///
/// A struct over a private code so new cases do not break callers. Descriptions name the
/// database file and the record, never statement arguments (GRDB hides those by default).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case notADatabase(path: String)
        case foreignSchema(path: String, missingTable: String)
        case newerSchema(path: String, migrations: [String])
        case preReleaseSchema(path: String)
        case unencodable(reason: String)
        case tooLarge(bytes: Int, limit: Int)
        case controlCharacterInID(field: String, character: String)
        case cannotCreateDirectory(path: String, reason: String)
        case notFound(id: Int64)
        case identityConflict(id: Int64, identity: String, other: Int64)
        case corruptRow(table: String, id: Int64, column: String, value: String)
        case busy(path: String, attempts: Int)
        case moveConflict(id: Int64, identity: String, existing: String)
        case unreachable(location: String, reason: String)
        case refusedLogin(location: String, reason: String)
        case database(path: String, message: String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// A person-readable sentence: what went wrong, where, and what to do.
    public var description: String {
        switch code {
        case let .notADatabase(path):
            "database at \(path) is not an SQLite database; point --db at a devlog database or move that file away"
        case let .foreignSchema(path, table):
            "database at \(path) is not a devlog database (table \(table) missing); point --db at a devlog database or delete it"
        case let .newerSchema(path, migrations):
            "database at \(path) was written by a newer devlog (unknown migrations: \(migrations.joined(separator: ", "))); upgrade devlog to use it"
        case let .preReleaseSchema(path):
            "database at \(path) was written by a devlog before 1.0, whose format this one does not read; move it aside and rebuild it from the archived markdown with `devlog import devlogs/`"
        case let .unencodable(reason):
            "the devlog could not be encoded for storage (\(reason)); nothing was written"
        case let .tooLarge(bytes, limit):
            "the devlog is \(Self.size(bytes)) once encoded, over the \(Self.size(limit)) limit; nothing was written, split it or keep large output in linked files"
        case let .controlCharacterInID(field, character):
            "the \(field) holds control character \(character), which no id may; nothing was written, write the id in visible characters"
        case let .cannotCreateDirectory(path, reason):
            "cannot create the folder \(path) for the database: \(reason); check its permissions or choose another --db"
        case let .notFound(id):
            "no devlog with id \(id) in the store; list ids with `devlog cycles`"
        case let .identityConflict(id, identity, other):
            "devlog \(id) cannot become \(identity): devlog \(other) already is that agent, mission and cycle; change the cycle label"
        case let .corruptRow(table, id, column, value):
            "row \(id) of table \(table) has an unreadable \(column) '\(value)'; the database was changed by another program, re-import the devlog"
        case let .busy(path, attempts):
            "database at \(path) stayed locked by other writers after \(attempts) attempts; retry, or raise Configuration.busyTimeout"
        case let .moveConflict(id, identity, existing):
            "cycle \(id) (\(identity)) cannot be copied: the target already holds \(existing) under that id; nothing was copied, copy into an empty store"
        case let .unreachable(location, reason):
            "cannot reach the PostgreSQL server of \(location): \(reason); check the host and port, and that the server is running"
        case let .refusedLogin(location, reason):
            "PostgreSQL at \(location) refused the login: \(reason); check the user and the password (in the URL, PGPASSWORD or ~/.pgpass)"
        case let .database(path, message):
            "database at \(path): \(message)"
        }
    }

    /// `3 MiB`, or `64 KiB` below a mebibyte.
    private static func size(_ bytes: Int) -> String { bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB" }

    package static func notADatabase(path: String) -> StoreError { .init(.notADatabase(path: path)) }
    package static func foreignSchema(path: String, missingTable: String) -> StoreError { .init(.foreignSchema(path: path, missingTable: missingTable)) }
    package static func newerSchema(path: String, migrations: [String]) -> StoreError { .init(.newerSchema(path: path, migrations: migrations)) }
    package static func preReleaseSchema(path: String) -> StoreError { .init(.preReleaseSchema(path: path)) }
    package static func unencodable(reason: String) -> StoreError { .init(.unencodable(reason: reason)) }
    package static func tooLarge(bytes: Int, limit: Int) -> StoreError { .init(.tooLarge(bytes: bytes, limit: limit)) }
    package static func controlCharacterInID(field: String, character: String) -> StoreError {
        .init(.controlCharacterInID(field: field, character: character))
    }
    package static func cannotCreateDirectory(path: String, reason: String) -> StoreError { .init(.cannotCreateDirectory(path: path, reason: reason)) }
    package static func notFound(id: Int64) -> StoreError { .init(.notFound(id: id)) }
    package static func identityConflict(id: Int64, identity: String, other: Int64) -> StoreError {
        .init(.identityConflict(id: id, identity: identity, other: other))
    }
    package static func corruptRow(table: String, id: Int64, column: String, value: String) -> StoreError {
        .init(.corruptRow(table: table, id: id, column: column, value: value))
    }
    package static func busy(path: String, attempts: Int) -> StoreError { .init(.busy(path: path, attempts: attempts)) }
    package static func moveConflict(id: Int64, identity: String, existing: String) -> StoreError {
        .init(.moveConflict(id: id, identity: identity, existing: existing))
    }
    package static func unreachable(location: String, reason: String) -> StoreError { .init(.unreachable(location: location, reason: reason)) }
    package static func refusedLogin(location: String, reason: String) -> StoreError { .init(.refusedLogin(location: location, reason: reason)) }
    package static func database(path: String, message: String) -> StoreError { .init(.database(path: path, message: message)) }
}
