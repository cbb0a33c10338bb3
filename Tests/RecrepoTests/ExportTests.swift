import Documents
import Foundation
@testable import RecordRepo
import Testing

/// `Records.export` and `recrepo export`: the folder an inspector gets (§11.10(b)), checked with
/// stock git alone.
@Suite struct ExportTests {
    /// A plant with a job started and its first step signed, plus a hostile equipment name.
    static func plant() throws -> (Plant, WorkOrder) {
        let plant = try Plant()
        let sop = try plant.effectiveSOP(Plant.checklist)
        let job = try plant.job(sop.id)
        plant.tick(); _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.tess)
        plant.tick(); _ = try plant.records.signStep(job.id, number: 1, note: "<script>alert(1)</script>", by: plant.tess)
        plant.tick()
        _ = try plant.records.addEquipment("AC-666", name: "<img src=x onerror=alert(1)> & \"co\"", location: nil, department: nil,
                                           reason: "</td><script>x</script>", by: plant.sam)
        return (plant, try plant.records.workOrder(job.id))
    }

    static func files(_ directory: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
    }

    @Test("one work order: its JSON and page name every act on it with the full signature; stock git checks the bundle")
    func oneWorkOrder() throws {
        let (plant, job) = try Self.plant()
        let out = plant.repo.directory.appendingPathComponent("export")
        let result = try plant.records.export(.record(job.id), to: out.path)
        #expect(try result.records == [job.id] && result.head == plant.repo.head())
        #expect(try Self.files(out) == ["README.md", "allowed_signers", "history.bundle", "\(job.id).json", "\(job.id).html"])

        let expected = try plant.records.ledger.acts(touching: try RecordPath(try RecordID.path(kind: .workOrder, id: job.id)))
        #expect(expected.count == 3, "created, started, step 1")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("\(job.id).json"))) as? [String: Any])
        #expect(json["id"] as? String == job.id && json["kind"] as? String == "wo")
        #expect((json["record"] as? [String: Any])?["status"] as? String == "in-progress")
        let acts = try #require(json["acts"] as? [[String: Any]])
        #expect(acts.map { $0["commit"] as? String } == expected.map(\.commit.hex))
        #expect(acts.map { $0["signer"] as? String } == ["sam", "tess", "tess"])
        #expect(acts.map { $0["meaning"] as? String } == expected.map(\.meaning.rawValue))
        #expect(Set(acts[0].keys) == ["commit", "time", "signer", "name", "meaning", "reason", "revision", "event", "terminal",
                                      "recrepoVersion", "schemaVersion"])
        #expect(acts[0]["event"] as? String == "wo.create" && acts[0]["terminal"] as? String == "library")
        let history = try #require(json["history"] as? [[String: Any]])
        let status = history.filter { $0["field"] as? String == "status" }
        #expect(status.map { $0["new"] as? String } == ["open", "in-progress"] && status[0]["old"] is NSNull)
        #expect(history.contains { $0["field"] as? String == "steps[0].signedBy" && $0["new"] as? String == "tess" })

        let html = try String(contentsOf: out.appendingPathComponent("\(job.id).html"), encoding: .utf8)
        #expect(html.contains("Field-level history") && html.contains("steps[0].signedBy"))
        for act in expected {
            for text in [act.commit.hex, act.signer, act.signerName, Timestamp.iso(act.time), act.meaning.rawValue, act.reason] {
                #expect(html.contains(ExportPage.escape(text)), "the page shows \(text)")
            }
        }
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<img") && !html.contains("<link") && !html.contains("http"), "self-contained: no external resource")

        let readme = try String(contentsOf: out.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("git bundle verify") && readme.contains("verify-commit") && readme.contains(result.head.hex))
        let signers = try String(contentsOf: out.appendingPathComponent("allowed_signers"), encoding: .utf8)
        let clone = try BundleTests.checkWithStockGit(out.appendingPathComponent("history.bundle").path, allowedSigners: signers,
                                                      in: plant.repo.directory)
        for act in expected { #expect(try Git.run(["cat-file", "-e", act.commit.hex], in: clone).status == 0) }
        #expect(try Self.leftovers(plant.repo.directory).isEmpty)
    }

    @Test("--all: every record of every kind, each with its acts; hostile text escaped everywhere")
    func all() throws {
        let (plant, job) = try Self.plant()
        plant.tick()
        let review = try plant.records.reviewAuditTrail(reason: "Review <before> export", by: plant.quinn)
        let out = plant.repo.directory.appendingPathComponent("all")
        let result = try plant.records.export(.all, to: out.path)
        let ids = ["SOP-0001", job.id, "AC-101", "AC-666", review.id, "policy"] + (try plant.records.accounts().map(\.id))
        #expect(Set(result.records) == Set(ids) && result.records.count == ids.count)
        let expected = Set(ids.flatMap { ["\($0).json", "\($0).html"] } + ["README.md", "allowed_signers", "history.bundle"])
        #expect(try Self.files(out) == expected)
        let sop = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("SOP-0001.json"))) as? [String: Any])
        #expect((sop["acts"] as? [Any])?.count == 4 && (sop["body"] as? String) == Plant.checklist)
        for id in ids {
            let html = try String(contentsOf: out.appendingPathComponent("\(id).html"), encoding: .utf8)
            #expect(!html.contains("<script") && !html.contains("<img"), "\(id)")
        }
        let equipment = try String(contentsOf: out.appendingPathComponent("AC-666.html"), encoding: .utf8)
        #expect(equipment.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;co&quot;")
                && equipment.contains("&lt;/td&gt;&lt;script&gt;x&lt;/script&gt;"))
        let signers = try String(contentsOf: out.appendingPathComponent("allowed_signers"), encoding: .utf8)
        _ = try BundleTests.checkWithStockGit(out.appendingPathComponent("history.bundle").path, allowedSigners: signers, in: plant.repo.directory)
    }

    @Test("a non-empty folder, a file, a hostile or unknown ID: refused, nothing written")
    func refusals() throws {
        let plant = try Plant()
        let busy = plant.repo.directory.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
        try Data("keep\n".utf8).write(to: busy.appendingPathComponent("notes.txt"))
        #expect { try plant.records.export(.all, to: busy.path) } throws: { error in
            guard case DocumentsError.cannotExport(_, let reason) = error else { return false }
            return reason.contains("not empty")
        }
        #expect(try Self.files(busy) == ["notes.txt"])
        #expect(throws: DocumentsError.self) { try plant.records.export(.all, to: busy.appendingPathComponent("notes.txt").path) }
        let fresh = plant.repo.directory.appendingPathComponent("fresh")
        for hostile in ["../x", "AC-101/../../x", ".git", "AC-101\n", "wo-000001", ""] {
            #expect(throws: DocumentsError.self, "\(hostile.debugDescription)") { try plant.records.export(.record(hostile), to: fresh.path) }
        }
        #expect { try plant.records.export(.record("WO-000042"), to: fresh.path) } throws: { error in
            guard case DocumentsError.notFound(let record) = error else { return false }
            return record == "WO-000042"
        }
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        #expect(try Self.leftovers(plant.repo.directory).isEmpty)
        // An existing empty folder is fine.
        let empty = plant.repo.directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try plant.records.export(.record("AC-101"), to: empty.path).records == ["AC-101"])
    }

    @Test("equipment whose ID looks like an SOP's: both exported, the second named by its kind")
    func lookAlike() throws {
        let plant = try Plant()
        _ = try plant.effectiveSOP(Plant.checklist)
        plant.tick()
        _ = try plant.records.addEquipment("SOP-0001", name: "Oddly named", location: nil, department: nil, reason: "New", by: plant.sam)
        let out = plant.repo.directory.appendingPathComponent("all")
        let accounts = try plant.records.accounts().map(\.id) + ["policy"]
        #expect(try plant.records.export(.all, to: out.path).records.filter { !accounts.contains($0) }.sorted()
                == ["AC-101", "SOP-0001", "SOP-0001"])
        #expect(try Self.files(out).isSuperset(of: ["SOP-0001.json", "SOP-0001.equipment.json", "SOP-0001.equipment.html"]))
    }

    static func leftovers(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".partial-") }
    }

    @Test("recrepo export: one record and --all; usage and refusals exit 2 and 1 with one clear sentence")
    func command() throws {
        let (cli, directory) = try ReplicationTests.primary()
        defer { try? FileManager.default.removeItem(at: directory) }
        try cli.person("sam", role: "supervisor")
        #expect(try cli.run(["equipment", "add", "PUMP-101", "--name", "Pump", "--reason", "Commissioned"],
                            user: "sam", password: "own pass phrase 1").status == 0)
        let one = directory.appendingPathComponent("one").path
        let exported = try cli.run(["export", "PUMP-101", "--out", one])
        #expect(exported.status == 0 && exported.stdout.contains("Exported 1 record"), "\(exported.stderr)")
        #expect(FileManager.default.fileExists(atPath: one + "/PUMP-101.html"))
        let all = directory.appendingPathComponent("all").path
        #expect(try cli.run(["export", "--all", "--out", all]).status == 0)
        let signers = try String(contentsOfFile: all + "/allowed_signers", encoding: .utf8)
        _ = try BundleTests.checkWithStockGit(all + "/history.bundle", allowedSigners: signers, in: directory)

        let again = try cli.run(["export", "--all", "--out", all])
        #expect(again.status == 1 && again.stderr.contains("not empty"), "\(again.stderr)")
        let hostile = try cli.run(["export", "../../etc/passwd", "--out", directory.appendingPathComponent("h").path])
        #expect(hostile.status == 1 && hostile.stderr.contains("record ID is not valid"), "\(hostile.stderr)")
        #expect(try cli.run(["export", "--out", directory.appendingPathComponent("u").path]).status == 2)
        #expect(try cli.run(["export", "PUMP-101", "--all", "--out", directory.appendingPathComponent("u").path]).status == 2)
    }
}
