import Documents
import Foundation
import HTTPTypes
import RecrepoTestSupport
import Synchronization
import Testing
@testable import WebApp

/// Many people signing at once: the key derivations run a bounded number at a time, and wrong
/// passwords at sign-in lock the account as at the CLI.
@Suite struct SigningBoundTests {
    final class Gauge: Sendable {
        let state = Mutex((now: 0, most: 0))
        func enter() { state.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
        func leave() { state.withLock { $0.now -= 1 } }
        var most: Int { state.withLock { $0.most } }
    }

    @Test("with two permits, twelve signings at once never run more than two derivations together")
    func permitsBoundConcurrency() async throws {
        let permits = Permits(2)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await permits.withPermit {
                        gauge.enter()
                        try await Task.sleep(for: .milliseconds(20))
                        gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(gauge.most == 2)
    }

    @Test("the fifth wrong password at sign-in locks the account, says so, and the right one is refused after")
    func signInLockout() async throws {
        let web = try WebPlant()
        try await web.test { browser in
            for attempt in 1...5 {
                let page = try await browser().signIn("tess", "wrong password \(attempt)")
                #expect(page.status == .unauthorized)
                #expect(page.body.contains("locked") == (attempt == 5))
            }
            let refused = try await browser().signIn("tess", WebPlant.password)
            #expect(refused.status == .unauthorized)
        }
        #expect(try web.plant.records.account("tess")?.status == .locked)
    }
}
