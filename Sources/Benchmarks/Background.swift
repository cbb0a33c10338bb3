import Foundation

/// A server the benchmark starts and stops: `recrepo serve` or nginx, output to a log file.
struct Background {
    let pid: pid_t

    static func start(_ executable: String, _ arguments: [String], log: String) throws -> Background {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { throw BenchError.failed("cannot start \(executable)") }
        return Background(pid: pid)
    }

    /// The process's peak resident memory so far, in MiB (VmHWM).
    func peakMiB() -> Double {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }

    func stop(signal: Int32 = SIGTERM) {
        kill(pid, signal)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}

/// nginx serving one folder on loopback with as many workers as cores, logs off: the baseline.
enum Nginx {
    static func start(root: URL, port: Int, work: URL) throws -> Background {
        let config = work.appendingPathComponent("nginx.conf")
        try """
            worker_processes auto;
            daemon off;
            pid \(work.path)/nginx.pid;
            error_log \(work.path)/nginx-error.log;
            events { worker_connections 1024; }
            http {
                access_log off;
                default_type text/html;
                server { listen 127.0.0.1:\(port); root \(root.path); }
            }
            """.write(to: config, atomically: true, encoding: .utf8)
        return try Background.start("/usr/sbin/nginx", ["-c", config.path, "-p", work.path], log: work.appendingPathComponent("nginx.log").path)
    }
}

/// One wrk run: 2 threads, 16 connections, 10 seconds, with the latency distribution.
enum Wrk {
    struct Result {
        let rps: Double
        /// The 99th percentile latency, in milliseconds.
        let p99: Double
    }

    static func run(url: String, cookie: String?) -> Result {
        var arguments = ["-t2", "-c16", "-d10s", "--latency"]
        if let cookie { arguments += ["-H", "Cookie: \(cookie)"] }
        let output = spawn("/usr/bin/wrk", arguments + [url]).output
        var rps = 0.0, p99 = 0.0
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.first == "Requests/sec:", let value = fields.last.flatMap({ Double($0) }) { rps = value }
            if fields.first == "99%", let value = fields.last { p99 = milliseconds(String(value)) }
        }
        return Result(rps: rps, p99: p99)
    }

    static func milliseconds(_ text: String) -> Double {
        for (suffix, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
            return (Double(text.dropLast(suffix.count)) ?? 0) * scale
        }
        return 0
    }
}
