import ArgumentParser
import DevlogModel

/// Checks text given on the command line before it is recorded: an id takes no control
/// character, a one-line value none but a tab, so each record stays one line of the devlog.
enum ArgumentText {
    /// Refuses an id (`--agent`, `--mission`) holding a control character; `name` says where it came from.
    static func checkID(_ value: String?, _ name: String) throws {
        guard let value, let scalar = ControlCharacters.firstInID(value) else { return }
        throw ValidationError("\(name) holds control character \(ControlCharacters.name(scalar)); an id is one line of visible characters")
    }

    /// Refuses a one-line value holding a control character other than a tab.
    static func checkLine(_ value: String?, _ name: String) throws {
        guard let value, let scalar = ControlCharacters.firstInLine(value) else { return }
        throw ValidationError(scalar == "\n" || scalar == "\r"
            ? "\(name) holds a line break; a record is one line, so give one value per line"
            : "\(name) holds control character \(ControlCharacters.name(scalar)); remove it")
    }
}
