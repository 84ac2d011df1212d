public import Foundation

/// A PostgreSQL database named by a `postgresql://` (or `postgres://`) URL, with its password
/// found the way libpq finds it: in the URL, else `PGPASSWORD`, else the password file
/// (`PGPASSFILE`, default `~/.pgpass`).
///
/// The password is kept for the connection only: ``description`` and every error leave it out.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq's `sslmode` says.
    public enum SSLMode: String, Sendable, Hashable, CaseIterable {
        /// Never.
        case disable
        /// When the server offers it, unverified (libpq's `allow` and `prefer`, the default).
        case prefer
        /// Always, without checking the server's certificate.
        case require
        /// Always, checking the certificate's chain but not its name.
        case verifyCA = "verify-ca"
        /// Always, checking the certificate's chain and that it names the host.
        case verifyFull = "verify-full"
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The role to log in as.
    public var username: String
    /// The database's name.
    public var database: String
    /// How TLS is used.
    public var sslMode: SSLMode
    /// Certificates to trust for `verify-ca` and `verify-full` (`sslrootcert`), else the system's.
    public var rootCertificate: String?
    /// How long connecting may take (`connect_timeout`), in seconds.
    public var connectTimeout: Int
    /// Never printed: ``description`` leaves it out.
    let password: String?

    /// Reads `url`, taking the password from the URL, else `environment["PGPASSWORD"]`, else the
    /// password file. Throws ``PostgresLocationError`` for a URL it cannot use, naming what to fix.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "postgresql" || scheme == "postgres" else {
            throw PostgresLocationError.notAURL
        }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        if host.hasPrefix("/") { throw PostgresLocationError.socketHost }
        port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw PostgresLocationError.badValue(name: "port", value: "\(port)") }
        guard let user = components.user.flatMap({ $0.removingPercentEncoding }), !user.isEmpty else {
            throw PostgresLocationError.noUser
        }
        username = user
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        var sslMode = SSLMode.prefer
        var rootCertificate: String?
        var connectTimeout = 10
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                // libpq's `allow` tries without TLS first; here both it and `prefer` take TLS when offered.
                guard let mode = value == "allow" ? .prefer : SSLMode(rawValue: value) else {
                    throw PostgresLocationError.badValue(name: "sslmode", value: value)
                }
                sslMode = mode
            case "sslrootcert":
                rootCertificate = value
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else { throw PostgresLocationError.badValue(name: "connect_timeout", value: value) }
                connectTimeout = seconds
            default:
                throw PostgresLocationError.unknownParameter(item.name)
            }
        }
        self.sslMode = sslMode
        self.rootCertificate = rootCertificate
        self.connectTimeout = connectTimeout
        let database = database
        password = components.password.flatMap { $0.removingPercentEncoding }
            ?? environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
            ?? Self.passwordFileEntry(environment: environment).flatMap { file in
                PasswordFile(text: file).password(host: components.host ?? "localhost", port: components.port ?? 5432,
                                                 database: database, username: user)
            }
    }

    /// Whether a password was found for the connection.
    public var hasPassword: Bool { password != nil }

    /// The URL without its password (and without parameters other than `sslmode`).
    public var description: String {
        let escapedUser = username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let mode = sslMode == .prefer ? "" : "?sslmode=\(sslMode.rawValue)"
        return "postgresql://\(escapedUser)@\(shownHost):\(port)/\(database)\(mode)"
    }

    /// The password file's text, when it is there and only its owner can read it (libpq ignores
    /// one that others can read, and so does devlog).
    private static func passwordFileEntry(environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"] ?? environment["HOME"].map { ($0 as NSString).appendingPathComponent(".pgpass") }
        guard let path, let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }
}
