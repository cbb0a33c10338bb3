import Foundation
import Testing

/// Bad input to the commands of record kinds, the policy and the e-signature controls: one clear
/// sentence on standard error, exit 1 or 2, and main where it was.
@Suite struct NewCommandInputTests {
    @Test("refused with one sentence naming what is wrong, main unchanged", arguments: [
        (["alerts", "ack", "ALERT-999999", "--reason", "x"], "ALERT-999999 does not exist"),
        (["alerts", "ack", "../x", "--reason", "x"], "alert ID"),
        (["alerts", "ack", "ALERT-000001"], "--reason"),
        (["policy", "change", "--set", "lockoutThreshold=abc", "--reason", "x"], "is not a whole number"),
        (["policy", "change", "--set", "colour=red", "--reason", "x"], "is not KEY=VALUE with a key of"),
        (["policy", "change", "--set", "timeZone=Mars/Olympus", "--reason", "x"], "is not a time zone"),
        (["policy", "change", "--grant", "wo.fly:qa", "--reason", "x"], "is not PERMISSION:ROLE"),
        (["policy", "change", "--revoke", "wo.close:technician", "--reason", "x"], "does not hold wo.close"),
        (["policy", "change", "--reason", "x"], "give at least one"),
        (["policy", "reject", "--reason", "x"], "alice may not reject policy changes"),
        (["user", "issue", "quinn", "--reason", "x"], "administrator's half"),
        (["user", "add", "bob", "--name", "Bob", "--role", "qa", "--identity", "no colon here", "--reason", "x"], "METHOD: REFERENCE"),
        (["user", "add", "bob", "--name", "Bob", "--role", "qa", "--reason", "x"], "--identity"),
        (["user", "add", "bob", "--name", "Bob", "--role", "qa", "--identity", "badge: 1", "--reason", "x"], "custodian"),
        (["wo", "cancel", "WO-000001", "--reason", "x"], "alice may not cancel jobs"),
        (["wo", "cancel", "WO-000001"], "--reason"),
        (["show", "WO-1"], "WO-1 does not exist"),
        (["show", "wo 1"], "a record ID looks like"),
    ])
    func refused(arguments: [String], says: String) throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        try cli.person("quinn", role: "qa")
        let before = try cli.head()
        let result = try cli.admin(arguments)
        #expect([1, 2].contains(result.status), "exit \(result.status)")
        #expect(result.stderr.contains(says), "\(result.stderr)")
        // One sentence; a usage error adds the usage line and the pointer to --help.
        #expect(result.stderr.split(separator: "\n").count <= (result.status == 2 ? 4 : 1), "\(result.stderr)")
        #expect(try cli.head() == before)
    }
}
