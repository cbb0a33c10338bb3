import Foundation

extension Ledger {
    /// Runs `body` holding the repository's write lock (an `flock`, released by the kernel if the
    /// process dies). Any git lock file present while we hold it was left by a crashed writer:
    /// it is removed, and named in `recoveredLocks` so that the caller can report it.
    ///
    /// The holder writes who it is into the lock file, so that a writer kept waiting can say who
    /// holds it; after `lockWait` it gives up with `.lockHeld` rather than waiting forever.
    func withWriteLock<T>(_ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        try? FileManager.default.createDirectory(at: sidecar, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let lockPath = sidecar.appendingPathComponent("write.lock").path
        let fd = Glibc.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .staleLock(path: lockPath) }
        defer { Glibc.close(fd) }
        try acquire(fd, path: lockPath)
        defer {
            _ = ftruncate(fd, 0)
            flock(fd, LOCK_UN)
        }
        let holder = Array("pid \(getpid()) (\(ProcessInfo.processInfo.processName)) on \(ProcessInfo.processInfo.hostName) since \(Timestamp.iso(clock.now()))\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, holder, holder.count, 0)
        for lock in lockFiles() {
            let full = URL(fileURLWithPath: path).appendingPathComponent(lock).path
            guard unlink(full) == 0 else { throw .staleLock(path: full) }
            recoveredLocks.append(lock)
        }
        return try body()
    }

    /// Takes the lock on `fd`, trying again every 50 ms until `lockWait` has passed.
    private func acquire(_ fd: Int32, path: String) throws(LedgerError) {
        let deadline = ContinuousClock.now + lockWait
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw .staleLock(path: path) }
            guard ContinuousClock.now < deadline else {
                var buffer = [UInt8](repeating: 0, count: 512)
                let count = pread(fd, &buffer, buffer.count, 0)
                let text = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
                throw .lockHeld(path: path, holder: text.isEmpty ? "a process that did not say who it is" : text,
                                waited: Int(lockWait.components.seconds))
            }
            usleep(50_000)
        }
    }
}
