import Documents
import Foundation
import Testing

/// `recrepo show` for any record, and signatures with printed names in `wo show`.
@Suite struct ShowCLITests {
    @Test("show prints any record's fields and every signature with printed name, time and meaning")
    func anyRecord() throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let job = try cli.run(["show", "WO-000001"])
        #expect(job.status == 0, "\(job.stderr)")
        #expect(job.stdout.hasPrefix("Work order WO-000001") && job.stdout.contains("status: closed"))
        #expect(job.stdout.contains("Quinn QA (quinn)  approval r8  Released for use"), "\(job.stdout)")
        for id in ["SOP-0001", "AC-101", "DRILL-000001", "AR-000001", "tara", "policy"] {
            let shown = try cli.run(["show", id, "--format", "json"])
            #expect(shown.status == 0, "\(id): \(shown.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
            #expect(json?["id"] as? String == id && (json?["acts"] as? [Any])?.isEmpty == false, "\(id)")
        }
        let page = try cli.run(["show", "tara", "--format", "html"])
        #expect(page.stdout.hasPrefix("<!DOCTYPE html>") && page.stdout.contains("Alice Admin"))
    }

    @Test("hostile or unknown IDs are refused naming the ID and the forms an ID takes", arguments: ["../x", ".git", "a\nb", "WO-999999", ""])
    func refused(id: String) throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shown = try cli.run(["show", id])
        #expect(shown.status == 1 && shown.stdout.isEmpty, "\(shown.stdout)")
        #expect(shown.stderr.contains("WO-999999 does not exist") || shown.stderr.contains("a record ID looks like SOP-0001"), "\(shown.stderr)")
    }

    @Test("wo show names every signer by printed name with the time and meaning of each signature")
    func workOrderSignatures() throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = try cli.run(["wo", "show", "WO-000001"]).stdout
        #expect(text.contains("Signatures (oldest first):") && text.contains("Tara Tech (tara)  completion r6  All steps done"))
        let html = try cli.run(["wo", "show", "WO-000001", "--format", "html"]).stdout
        #expect(html.contains("<td>Quinn QA (quinn)</td><td>approval</td>"))
    }
}

/// Every kind, every format: each signature shows its printed name, UTC time and meaning (§11.50).
@Suite struct ManifestationTests {
    @Test("show as text, JSON and HTML, and the export page, give every signature's printed name, time and meaning, for every kind")
    func everyKindEveryFormat() throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        // An alert, the one kind the fixture lacks: a wrong password raises one.
        #expect(try cli.run(["acknowledge"], user: "sam", password: "not sam's password").status == 1)
        let ids = ["SOP-0001", "WO-000001", "AC-101", "DRILL-000001", "AR-000001", "ALERT-000001", "tara", "policy"]
        #expect(Set(ids.map { $0 == "tara" || $0 == "policy" ? $0 : String($0.prefix { $0 != "-" }) }).count == 8)
        let export = directory.appendingPathComponent("export").path
        #expect(try cli.run(["export", "--all", "--out", export]).status == 0)
        for id in ids {
            let json = try JSONSerialization.jsonObject(with: Data(try cli.run(["show", id, "--format", "json"]).stdout.utf8)) as? [String: Any]
            let acts = try #require(json?["acts"] as? [[String: Any]], "\(id)")
            #expect(!acts.isEmpty, "\(id)")
            let text = try cli.run(["show", id]).stdout
            let html = try cli.run(["show", id, "--format", "html"]).stdout
            let page = try String(contentsOfFile: "\(export)/\(id).html", encoding: .utf8)
            for act in acts {
                let name = try #require(act["name"] as? String), time = try #require(act["time"] as? String)
                let meaning = try #require(act["meaning"] as? String)
                #expect(time.hasSuffix("Z") && !name.isEmpty, "\(id)")
                #expect(text.contains("\(time)  \(name) (") && text.contains(meaning), "\(id) text lacks \(name) \(time) \(meaning)")
                for document in [html, page] {
                    #expect(document.contains(name) && document.contains(time) && document.contains(meaning), "\(id) page lacks \(name) \(time)")
                }
            }
        }
    }
}

@Suite struct ListCLITests {
    @Test("list gives one line per record of a kind, or the records as JSON; an unknown kind names the kinds")
    func list() throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try cli.run(["list", "wo"]).stdout == "WO-000001  closed  r8  Weekly autoclave check\nWO-000002  in-progress  r2  Next week's check\n")
        let accounts = try JSONSerialization.jsonObject(with: Data(try cli.run(["list", "account", "--format", "json"]).stdout.utf8)) as? [[String: Any]]
        #expect(accounts?.compactMap { $0["id"] as? String } == ["alice", "dan", "dora", "olga", "quinn", "sam", "system", "tara"])
        let unknown = try cli.run(["list", "widgets"])
        #expect(unknown.status == 2 && unknown.stderr.contains("the kinds are sop, wo, pm, req, train, dev, capa, drill, review, alert, clock, mh, imp, equipment, std, cal, account, policy"))
    }
}

@Suite struct ProgressTests {
    @Test("long work writes nothing extra when standard error is not a terminal")
    func quietWhenPiped() throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let verified = try cli.run(["verify"])
        #expect(verified.status == 0 && verified.stderr.isEmpty, "\(verified.stderr)")
        let rebuilt = try cli.run(["index", "rebuild"])
        #expect(rebuilt.status == 0 && rebuilt.stderr.isEmpty, "\(rebuilt.stderr)")
    }
}

@Suite struct FieldLabelTests {
    @Test("history and diff name fields in words and fit 100 columns without cutting a long reason")
    func labelsAndWidth() throws {
        let (cli, directory) = try LegacyFixtureTests.unpacked()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sam = try LegacyFixtureTests.ready(cli, "sam", "Oak-green-2026")
        let reason = String(repeating: "The autoclave was replaced after the audit finding and this job is no longer needed. ", count: 4)
            .trimmingCharacters(in: .whitespaces)
        #expect(try cli.run(["wo", "cancel", "WO-000002", "--reason", reason], user: "sam", password: sam).status == 0)
        let history = try cli.run(["history", "WO-000002"]).stdout
        #expect(history.split(separator: "\n").allSatisfy { $0.count <= 100 }, "\(history)")
        #expect(history.replacingOccurrences(of: "\n  ", with: " ").contains("Reason: " + reason))
        #expect(history.contains("status: in-progress -> cancelled") && history.contains("SOP revision followed: (none) -> 1"))
        let diff = try cli.run(["diff", "WO-000001", "--from", "2", "--to", "3"]).stdout
        #expect(diff.contains("step 1 signed by: (none) -> tara"), "\(diff)")
    }

    @Test("paths read as words, indexes counted from 1", arguments: [
        ("status", "status"), ("boundSOP.revision", "bound SOP revision"), ("keys[1].validAfter", "key 2 valid after"),
        ("revisions[0].effectiveDate", "revision 1 effective date"),
    ])
    func words(path: String, words: String) {
        #expect(FieldLabels.label(path, kind: .sop) == words)
    }
}
