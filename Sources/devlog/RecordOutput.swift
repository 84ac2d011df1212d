/// How record commands report what they changed.
enum RecordOutput {
    static func report(_ global: GlobalOptions, cycle: Int64, _ message: String, _ extra: [String: Int] = [:]) throws {
        if global.json {
            var fields = extra
            fields["cycle"] = Int(cycle)
            try Terminal.printJSON(fields)
        } else {
            Terminal.print("cycle \(cycle): \(message)")
        }
    }
}
