import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Trailer variants that stock git reads as extra meanings or signers fail verify.
@Suite struct TrailerStrictnessTests {
    /// Signs again, as sam and at the same time, the act that added AC-102, with its message
    /// changed by `alter`, in place of the original.
    static func resigned(_ alter: (String) -> String) throws -> (Plant, String) {
        let plant = try Plant()
        plant.tick()
        _ = try plant.records.addEquipment("AC-102", name: "Autoclave 2", location: nil, department: nil, reason: "New", by: plant.sam)
        let ledger = plant.records.ledger
        let head = try #require(try ledger.head())
        let original = try ledger.repo.commit(head)
        let act = try ledger.act(head)
        let buffer = try ledger.repo.commitBuffer(tree: original.tree, parent: act.parent, name: act.signerName, email: act.signer,
                                                  time: Timestamp.seconds(act.time), message: alter(original.message))
        let id = try ledger.repo.createSignedCommit(buffer, signature: try SSHSignature.sign(buffer, with: plant.sam.signer.key))
        try ledger.repo.compareAndSwap(Ledger.mainRef, to: id, expected: head, log: "test")
        return (plant, id.hex)
    }

    @Test("the same message signed again verifies (the control)")
    func control() throws {
        let (plant, _) = try Self.resigned { $0 }
        #expect(ReplayTests.verify(plant).ok, "\(ReplayTests.verify(plant).failures)")
    }

    @Test("a variant trailer fails verify as a malformed manifestation, naming the commit", arguments: [
        "lowercase key", "space before colon", "folded line", "unknown trailer", "second meaning",
    ])
    func variant(kind: String) throws {
        let (plant, commit) = try Self.resigned { message in
            switch kind {
            case "lowercase key": message + "meaning: approval\n"
            case "space before colon": message.replacingOccurrences(of: "\nMeaning: ", with: "\nMeaning : ")
            case "folded line": message.replacingOccurrences(of: "\nReason: New\n", with: "\nReason: New\n Meaning: approval\n")
            case "unknown trailer": message + "Approved-By: victor\n"
            default: message + "Meaning: approval\n"
            }
        }
        let failures = ReplayTests.verify(plant).failures
        #expect(failures.contains { $0.commit == commit && $0.check == "signature" }, "\(failures)")
    }
}
