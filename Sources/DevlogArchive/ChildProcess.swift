import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// One child process, started with `posix_spawn` and waited for on a thread of its own (never
/// on the cooperative pool). Foundation's `Process` on Linux watches its child from a run loop,
/// which added about 6 ms to every git command: most of an archive's time.
///
/// Standard input, output and error are unlinked temporary files rather than pipes, so the
/// child can never block on a full pipe while nobody reads it.
struct ChildProcess {
    /// What the child wrote and how it ended.
    struct Output {
        /// The exit status; 128 + the signal number when a signal ended it, as shells report.
        var status: Int32
        var stdout: Data
        var stderr: Data
    }

    /// `posix_spawn` or a scratch file failed; `call` names the C function.
    struct LaunchError: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call) failed: \(String(cString: strerror(code)))" }
    }

    /// Runs `executable` with `arguments` (not including argv[0]) and exactly `environment`, in
    /// this process's current directory, feeding it `input`.
    static func run(executable: String, arguments: [String], environment: [String: String], input: Data) async throws -> Output {
        let stdin = try scratchFile()
        defer { close(stdin) }
        let stdout = try scratchFile()
        defer { close(stdout) }
        let stderr = try scratchFile()
        defer { close(stderr) }
        try fill(stdin, with: input)

        let child = try spawn(executable: executable, arguments: arguments, environment: environment, stdin: stdin, stdout: stdout, stderr: stderr)
        let status = await waitForExit(child)
        return Output(status: status, stdout: try readAll(stdout), stderr: try readAll(stderr))
    }

    /// Waits for `child` to end; its status, 128 + the signal number when a signal ended it.
    static func waitForExit(_ child: pid_t) async -> Int32 {
        // A thread of its own blocks in waitpid, created while the child runs: on Dispatch's
        // global queues (one thread per core) a blocked wait kept the next git command from
        // starting while a store opened on the other core.
        let raw: Int32 = await withCheckedContinuation { continuation in
            Thread {
                var raw: Int32 = 0
                while waitpid(child, &raw, 0) == -1, errno == EINTR {}
                continuation.resume(returning: raw)
            }.start()
        }
        // The wait status: exit code in bits 8–15 when the low 7 bits (the signal) are zero.
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    /// Starts the child with `stdin`, `stdout` and `stderr` as its descriptors 0–2; its pid.
    static func spawn(executable: String, arguments: [String], environment: [String: String],
                      stdin: Int32, stdout: Int32, stderr: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copies: the child gets exactly these three.
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)

        // The child starts with no blocked signals and SIGPIPE at its default, whatever this
        // process set for itself.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw LaunchError(call: "posix_spawn", code: spawned) }
        return pid
    }

    /// `$TMPDIR/devlog-git-`, the start of every scratch file's name; read once.
    private static let scratchPrefix = (getenv("TMPDIR").map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/devlog-git-"

    /// A new file open for reading and writing, already unlinked, closed on exec. Named after
    /// the process and a counter: a UUID path per file cost more than the git command's own setup.
    static func scratchFile() throws -> Int32 {
        switch NewFile.create(prefix: scratchPrefix, permissions: 0o600) {
        case .success(let file):
            unlink(file.path)
            return file.descriptor
        case .failure(let error):
            throw LaunchError(call: "open(\(scratchPrefix)…)", code: error.code)
        }
    }

    private static func fill(_ descriptor: Int32, with data: Data) throws {
        let failed = data.withUnsafeBytes { buffer in
            Descriptor.writeAll(buffer) { write(descriptor, $0, $1) }
        }
        guard failed == 0 else { throw LaunchError(call: "write", code: failed) }
        lseek(descriptor, 0, SEEK_SET)
    }

    static func readAll(_ descriptor: Int32) throws -> Data {
        lseek(descriptor, 0, SEEK_SET)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            guard let count = buffer.withUnsafeMutableBytes({ Descriptor.readFully(descriptor, into: $0) }) else {
                throw LaunchError(call: "read", code: errno)
            }
            data.append(contentsOf: buffer[..<count])
            if count < buffer.count { return data }
        }
    }
}
