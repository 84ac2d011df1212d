import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

extension ChildProcess {
    /// A child started before its input is known: it gets through its own start-up (for git,
    /// about 1 ms: loading, configuration, the repository and index) while the caller works out
    /// what to tell it, then ``finish(input:)`` hands it its standard input and waits.
    ///
    /// Standard input is one end of a socket pair, so writing to a child that has already gone
    /// fails with an error instead of a `SIGPIPE`; output and error are unlinked files, as for
    /// ``ChildProcess/run(executable:arguments:environment:input:)``. A child dropped without
    /// ``finish(input:)`` reads the end of its input, and ends.
    final class Started: Sendable {
        private let input: Mutex<Int32?>
        private let stdout: Int32
        private let stderr: Int32
        private let exit: Task<Int32, Never>

        /// Starts `executable` as ``ChildProcess/run(executable:arguments:environment:input:)`` does.
        init(executable: String, arguments: [String], environment: [String: String]) throws {
            var ends: [Int32] = [-1, -1]
            guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &ends) == 0 else {
                throw LaunchError(call: "socketpair", code: errno)
            }
            defer { close(ends[1]) }
            let stdout: Int32
            let stderr: Int32
            do {
                stdout = try scratchFile()
                stderr = try scratchFile()
            } catch {
                close(ends[0])
                throw error
            }
            let child: pid_t
            do {
                child = try spawn(executable: executable, arguments: arguments, environment: environment,
                                  stdin: ends[1], stdout: stdout, stderr: stderr)
            } catch {
                [ends[0], stdout, stderr].forEach { close($0) }
                throw error
            }
            self.input = Mutex(ends[0])
            self.stdout = stdout
            self.stderr = stderr
            self.exit = Task { await waitForExit(child) }
        }

        deinit {
            closeInput()
            close(stdout)
            close(stderr)
        }

        /// Writes `input` to the child, ends its input and waits for it to end.
        func finish(input data: Data) async throws -> Output {
            let written = input.withLock { descriptor -> Int32 in
                guard let descriptor else { return 0 }
                return data.withUnsafeBytes { buffer in
                    Descriptor.writeAll(buffer) { send(descriptor, $0, $1, Int32(MSG_NOSIGNAL)) }
                }
            }
            closeInput()
            let status = await exit.value
            // A child that ended without reading all of its input says why on its standard error.
            guard written == 0 || written == EPIPE else { throw LaunchError(call: "send", code: written) }
            return Output(status: status, stdout: try readAll(stdout), stderr: try readAll(stderr))
        }

        private func closeInput() {
            input.withLock { descriptor in
                if let open = descriptor { close(open) }
                descriptor = nil
            }
        }
    }
}
