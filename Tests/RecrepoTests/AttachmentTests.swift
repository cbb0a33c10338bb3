@testable import Documents
import Foundation
@testable import RecordRepo
import Testing

/// Files attached to a job come back byte for byte; one over the policy's limit is refused
/// before anything is written; verify checks every stored file against the digest its record names.
@Suite struct AttachmentTests {
    static let photo = Data((0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } + [0, 0, 10, 13, 255])

    @Test("an attached file comes back byte for byte, is listed on the job, exported, and verifies with recrepo and stock git")
    func roundTrip() throws {
        let (plant, job) = try EventReplayTests.plantWithJob()
        plant.tick()
        let order = try plant.records.attach(Self.photo, name: "../seal photo.jpg", to: job.id, reason: "Seal before repair", by: plant.tess)
        let entry = try #require(order.attachments?.first)
        #expect(entry.size == Self.photo.count && entry.sha256.count == 64 && entry.by == "tess" && entry.name == "../seal photo.jpg")
        let (found, bytes) = try plant.records.attachment(job.id, String(entry.sha256.prefix(8)))
        #expect(found == entry && bytes == Self.photo)
        #expect(try plant.records.attachment(job.id, "../seal photo.jpg").1 == Self.photo)
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.attach(Self.photo, name: "again.jpg", to: job.id, reason: "x", by: plant.tess) }

        let folder = plant.repo.directory.appendingPathComponent("export").path
        _ = try plant.records.export(.record(job.id), to: folder)
        let exported = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".attachment-") }
        #expect(exported == ["\(job.id).attachment-\(entry.sha256.prefix(12))-.._seal_photo.jpg"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(exported[0])) == Self.photo)

        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
        #expect(try Git.stockVerification(of: plant.repo.path, allowedSigners: try plant.records.ledger.allowedSigners()).isEmpty)
        #expect(try Git.fsck(plant.repo.path).status == 0)
    }

    @Test("a file over the policy's limit is refused naming the limit, and main stays where it was")
    func oversized() throws {
        let (plant, job) = try EventReplayTests.plantWithJob()
        let head = try plant.repo.head()
        let limit = Policy.standard.attachmentLimit
        plant.tick()
        #expect(throws: DocumentsError.self) {
            do { _ = try plant.records.attach(Data(count: limit + 1), name: "big.pdf", to: job.id, reason: "x", by: plant.tess) } catch {
                #expect("\(error)".contains("the policy allows at most \(limit)"), "\(error)"); throw error
            }
        }
        #expect(try plant.repo.head() == head)
    }

    @Test("an attachment whose stored bytes are not the ones its record names fails verify by the other-records rule")
    func storedBytesDiffer() throws {
        let (plant, job) = try EventReplayTests.plantWithJob()
        plant.tick()
        var order = job
        let digest = Companion.Digest(of: Self.photo)
        order.attachments = [WorkOrder.Attachment(name: "seal.jpg", sha256: digest.sha256, size: digest.size, by: "tess",
                                                  at: Timestamp.iso(plant.repo.clock.now))]
        order.revision += 1
        let act = Act(record: job.id, revision: order.revision, meaning: .execution, event: "wo.attach", reason: "Forged", summary: "Forged",
                      changes: [(try RecordPath(try RecordID.path(kind: .workOrder, id: job.id)), try CanonicalJSON.encode(order)),
                                (try RecordPath(try WorkOrder.Attachment.path(order: job.id, sha256: digest.sha256)), Data("another photo".utf8))])
        let commit = try plant.records.ledger.append(act, by: plant.tess.signer, basedOn: try plant.repo.head()).commit
        EventReplayTests.expectRefused(plant, commit, by: .companions)
    }

    @Test("the command line refuses an oversized file before reading it and gives an attachment back byte for byte")
    func commandLine() throws {
        let (cli, directory) = try EquipmentRegisterTests.plant()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try cli.effectiveSOP("# Check\n\n- [ ] Look\n", title: "Check", in: directory)
        #expect(try EquipmentRegisterTests.sam(cli, ["equipment", "add", "AC-101", "--name", "Autoclave", "--reason", "New"]).status == 0)
        #expect(try EquipmentRegisterTests.sam(cli, ["wo", "new", "--sop", "SOP-0001", "--equipment", "AC-101", "--title", "Fix",
                                                     "--assign", "tess", "--reason", "Broken"]).status == 0)
        let big = directory.appendingPathComponent("big.bin")
        FileManager.default.createFile(atPath: big.path, contents: nil)
        let handle = try FileHandle(forWritingTo: big)
        try handle.truncate(atOffset: UInt64(Policy.standard.attachmentLimit + 1))
        try handle.close()
        let head = try Git.run(["rev-parse", "main"], in: cli.repo).stdout
        let refused = try cli.run(["wo", "attach", "WO-000001", big.path, "--reason", "Printout"], user: "tess", password: "own pass phrase 1")
        #expect(refused.status != 0 && refused.stderr.contains("the policy allows at most"), "\(refused.stderr)")
        #expect(try Git.run(["rev-parse", "main"], in: cli.repo).stdout == head)

        let file = directory.appendingPathComponent("photo.jpg")
        try Self.photo.write(to: file)
        let attached = try cli.run(["wo", "attach", "WO-000001", file.path, "--reason", "Seal"], user: "tess", password: "own pass phrase 1")
        #expect(attached.status == 0, "\(attached.stderr)")
        let back = directory.appendingPathComponent("back.jpg")
        #expect(try cli.run(["wo", "attachment", "WO-000001", "photo.jpg", "--output", back.path]).status == 0)
        #expect(try Data(contentsOf: back) == Self.photo)
        #expect(try cli.run(["wo", "show", "WO-000001"]).stdout.contains("photo.jpg, \(Self.photo.count) bytes"))
        #expect(try cli.run(["verify"]).status == 0)
    }
}

/// Equipment keeps its documents (manuals, drawings, certificates) the same way.
@Suite struct EquipmentDocumentTests {
    @Test("a manual attached to equipment comes back byte for byte, is exported, and verifies; a technician may not attach one")
    func manual() throws {
        let plant = try Plant()
        let manual = Data("%PDF-1.4\n".utf8) + AttachmentTests.photo
        plant.tick()
        #expect(throws: DocumentsError.self) { _ = try plant.records.attach(manual, name: "manual.pdf", toEquipment: "AC-101", reason: "x", by: plant.tess) }
        let unit = try plant.records.attach(manual, name: "manual.pdf", toEquipment: "AC-101", reason: "Manufacturer's manual", by: plant.sam)
        let entry = try #require(unit.attachments?.first)
        #expect(try plant.records.attachment("AC-101", "manual.pdf", kind: .equipment).1 == manual)
        let folder = plant.repo.directory.appendingPathComponent("export").path
        _ = try plant.records.export(.record("AC-101"), to: folder)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent("AC-101.attachment-\(entry.sha256.prefix(12))-manual.pdf")) == manual)
        let report = ReplayTests.verify(plant)
        #expect(report.ok, "\(report.failures)")
        #expect(try Git.fsck(plant.repo.path).status == 0)
    }
}
