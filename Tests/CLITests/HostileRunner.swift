import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TestSupport

/// One hostile input and what a clean refusal of it looks like.
struct HostileCase {
    var name: String
    var arguments: [String]
    /// A file is involved: the report must name it as `file:line:column`.
    var located = true
    /// Must not exist, or be empty, after the run (`build --out`, `policy export --out`).
    var output: URL?
    /// Text that must appear nowhere in what the tool prints (secrets).
    var secrets: [String] = []
    /// Standard output must stay empty (commands that print their result there).
    var quietStdout = false
}

/// How one run ended.
enum HostileOutcome: Equatable {
    case cleanError
    /// Exit 0, or 1/2 without the expected location, or something written, or a secret printed.
    case unclean(String)
    case crash(String)
    case hang
}

/// Runs the built binary on a case with a hang guard: a run past `limit` seconds is
/// killed and counted as a hang (never asserted as a time, only as "did not finish").
enum HostileRunner {
    /// `COWORK_DIST_BIN` selects another build (the address-sanitizer binary in CI).
    static var binary: String {
        ProcessInfo.processInfo.environment["COWORK_DIST_BIN"] ?? ProcessRunner.coworkDistBinary.path
    }

    static let location = try? NSRegularExpression(pattern: #"[^\s:]+:[0-9]+:[0-9]+: (error|warning)"#)

    static func run(_ hostile: HostileCase, cwd: URL, limit: TimeInterval = 900) -> HostileOutcome {
        let process = Process()
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        // A memory bomb must fail the run, not the machine: 4 GiB of address space, or
        // under the address sanitizer (which reserves terabytes) its own RSS limit.
        if binary.contains("asan") || environment["COWORK_DIST_ASAN"] != nil {
            environment["ASAN_OPTIONS"] = "hard_rss_limit_mb=4096:detect_leaks=0:" + (environment["ASAN_OPTIONS"] ?? "")
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = hostile.arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", #"ulimit -v 4194304 && exec "$0" "$@""#, binary] + hostile.arguments
        }
        process.currentDirectoryURL = cwd
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch { return .crash("cannot start: \(error)") }
        let collected = Collected()
        let readers = DispatchGroup()
        for (pipe, isOut) in [(out, true), (err, false)] {
            readers.enter()
            DispatchQueue.global().async {
                // Keep at most 1 MiB of each stream: a runaway report is not worth more.
                var data = Data()
                while case let chunk = pipe.fileHandleForReading.availableData, !chunk.isEmpty {
                    if data.count < 1 << 20 { data.append(chunk.prefix((1 << 20) - data.count)) }
                }
                collected.set(data, isOut: isOut)
                readers.leave()
            }
        }
        if finished.wait(timeout: .now() + limit) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = finished.wait(timeout: .now() + 10)
            _ = readers.wait(timeout: .now() + 10)
            return .hang
        }
        _ = readers.wait(timeout: .now() + 30)
        let (stdout, stderr) = collected.texts()
        let text = stdout + stderr
        if process.terminationReason == .uncaughtSignal {
            return .crash("signal \(process.terminationStatus): \(stderr.suffix(400))")
        }
        for marker in ["Fatal error", "AddressSanitizer", "UndefinedBehaviorSanitizer", "Stack dump", "runtime error:"]
        where text.contains(marker) {
            return .crash("\(marker): \(text.suffix(400))")
        }
        let status = process.terminationStatus
        guard status == 1 || status == 2 else { return .unclean("exit \(status): \(text.prefix(300))") }
        if hostile.located, location?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
            return .unclean("no file:line:column in: \(text.prefix(300))")
        }
        if hostile.quietStdout, !stdout.isEmpty { return .unclean("printed a result: \(stdout.prefix(200))") }
        if let output = hostile.output, FileManager.default.fileExists(atPath: output.path),
           !((try? FileManager.default.contentsOfDirectory(atPath: output.path))?.isEmpty ?? false) {
            return .unclean("wrote \(output.path)")
        }
        if let leaked = hostile.secrets.first(where: { text.contains($0) }) {
            return .unclean("printed the secret '\(leaked.prefix(6))…'")
        }
        return .cleanError
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func set(_ data: Data, isOut: Bool) {
            lock.lock()
            if isOut { out = data } else { err = data }
            lock.unlock()
        }
        func texts() -> (String, String) {
            lock.lock()
            defer { lock.unlock() }
            return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }
}
