/// Lines of a `.pgpass` file: `host:port:database:username:password`, `*` matching anything,
/// `\:` and `\\` standing for `:` and `\`; the first matching line wins.
struct PasswordFile {
    let entries: [[String]]

    init(text: String) {
        entries = text.split(whereSeparator: \.isNewline).compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            var fields: [String] = [], field = "", escaped = false
            for character in line {
                if escaped {
                    field.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 4 {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            return fields.count == 5 ? fields : nil
        }
    }

    /// The password of the first line matching the connection, nil when none does.
    func password(host: String, port: Int, database: String, username: String) -> String? {
        let wanted = [host, String(port), database, username]
        return entries.first { entry in zip(entry, wanted).allSatisfy { $0 == "*" || $0 == $1 } }?[4]
    }
}
