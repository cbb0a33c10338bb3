import Dispatch
import Documents
import Foundation
import RecordRepo
import Synchronization
import Testing

/// A session is proof of a password at one moment, not a lasting authority: what changes between
/// sign-in and the write (a disable, a lockout, a reset) is seen at the head the act is built on.
@Suite struct SigningRaceTests {
    private static func isDisabled(_ error: any Error) -> Bool {
        if case DocumentsError.accountDisabled = error { true } else { false }
    }

    private static func isLocked(_ error: any Error) -> Bool {
        if case DocumentsError.accountLocked = error { true } else { false }
    }

    @Test("an account disabled after its owner signed in writes nothing")
    func disabledWhileSigning() throws {
        let plant = try Plant()
        plant.tick()
        _ = try plant.records.disableUser("sam", reason: "Left the company", by: try plant.repo.admin())
        try expectRefused(plant, by: plant.sam, Self.isDisabled)
    }

    @Test("an account locked by wrong guesses after its owner signed in writes nothing")
    func lockedWhileSigning() throws {
        let plant = try Plant()
        let sam = plant.sam
        // Someone at another terminal guesses sam's password until the account locks.
        for _ in 0..<5 { _ = try? plant.records.authenticate("sam", password: "a wrong guess 1") }
        #expect(try plant.records.account("sam")?.status == .locked)
        try expectRefused(plant, by: sam, Self.isLocked)
    }

    @Test("a failure count at the threshold whose lock act is not written yet (a full disk) stops an act already signed in")
    func lockPendingWhileSigning() throws {
        let plant = try Plant()
        try plant.records.keystore.updateFailures(user: "sam") { _ in 5 }
        try expectRefused(plant, by: plant.sam, Self.isLocked)
    }

    @Test("a credential reset after sign-in closes the key the session unlocked")
    func credentialResetWhileSigning() throws {
        let plant = try Plant()
        plant.tick()
        _ = try plant.records.resetUser("sam", custodian: "quinn", password: "fresh half 1", reason: "Lost badge",
                                        by: try plant.repo.admin())
        try expectRefused(plant, by: plant.sam) { "\($0)".contains("no longer the account's key") }
    }

    private func expectRefused(_ plant: Plant, by session: Session, _ rule: (any Error) -> Bool) throws {
        let before = try plant.repo.head()
        plant.tick()
        #expect(throws: DocumentsError.self) {
            do {
                _ = try plant.records.addEquipment("AC-102", name: "Autoclave 2", location: nil, department: nil,
                                                   reason: "Commissioned", by: session)
            } catch { #expect(rule(error), "\(error)"); throw error }
        }
        #expect(try plant.repo.head() == before)
    }

    @Test("wrong guesses arriving at once are evaluated no more than the lockout threshold")
    func parallelGuessesBounded() throws {
        // A key derivation slow enough that ten guesses are all under way before the first ends.
        let repo = try TestRepository(kdf: KDFParameters(logN: 14))
        try repo.addUser("tom", roles: [.technician])
        let path = repo.path
        let evaluated = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 10) { _ in
            guard let records = try? Records.open(at: path, checklist: TestRepository.checklist) else { return }
            do { _ = try records.authenticate("tom", password: "a wrong guess 1") } catch let error as DocumentsError {
                switch error {
                case .wrongPassword, .lockedOut: evaluated.add(1, ordering: .relaxed)
                default: break
                }
            } catch {}
        }
        #expect(evaluated.load(ordering: .relaxed) <= 5)
        #expect(try repo.records.keystore.failures(user: "tom") == 5)
        #expect(try repo.records.account("tom")?.status == .locked)
        #expect(throws: DocumentsError.self) { _ = try repo.records.authenticate("tom", password: "user password 1") }
    }
}
