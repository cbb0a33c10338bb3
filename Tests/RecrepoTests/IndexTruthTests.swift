import Foundation
import GRDB
import Testing

/// The index is a file anyone with the folder can edit; what `history` and `audit` show of a
/// signature is what the commit says, or nothing.
@Suite struct IndexTruthTests {
    @Test("an index edited to change a signer or a reason is caught before history or audit shows it",
          arguments: [("signer", "'victor'"), ("reason", "'Approved by the plant manager'"), ("meaning", "'approval'")])
    func editedIndexRefused(column: String, value: String) throws {
        let (cli, directory) = try CLI.initialised()
        defer { try? FileManager.default.removeItem(at: directory) }
        try cli.person("sam", role: "supervisor")
        let added = try cli.run(["equipment", "add", "AC-101", "--name", "Autoclave 1", "--reason", "Commissioned"],
                                user: "sam", password: "own pass phrase 1")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try cli.run(["history", "AC-101"]).status == 0)
        let index = try DatabaseQueue(path: cli.repo + "/recrepo/index.sqlite")
        try index.write { db in try db.execute(sql: "UPDATE acts SET \(column) = \(value) WHERE record = 'AC-101'") }
        try index.close()
        for arguments in [["history", "AC-101"], ["audit", "--record", "AC-101"], ["audit", "--format", "csv"]] {
            let result = try cli.run(arguments)
            #expect(result.status != 0, "\(arguments) showed \(result.stdout)")
            #expect(result.stderr.contains("the index says the \(column)") && result.stderr.contains("altered or damaged"),
                    "\(arguments): \(result.stderr)")
            #expect(!result.stdout.contains("victor") && !result.stdout.contains("plant manager"))
        }
        #expect(try cli.run(["index", "rebuild"]).status == 0)
        #expect(try cli.run(["history", "AC-101"]).status == 0)
    }
}
