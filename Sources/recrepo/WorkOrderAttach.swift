import ArgumentParser
import Documents
import Foundation

extension RecRepo.WorkOrderCommand {
    struct Attach: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Attach a file to a job (a photo, a PDF, an instrument printout), no larger than the policy allows.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The work order ID.") var id: String
        @Argument(help: "The file.") var file: String
        @Option(help: "The name to record (default: the file's own name).") var name: String?
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let (shown, bytes) = try readAttachment(file, name: name, to: id, records: records)
            let order = try records.attach(bytes, name: shown, to: id, reason: reason.reason, by: try user.session(records))
            guard let added = order.attachments?.last else { return }
            print("Attached \(Terminal.printable(added.name)) to \(order.id): \(added.size) bytes, SHA-256 \(added.sha256)")
        }
    }

    struct Attachment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give back a file attached to a job, byte for byte (to --output, or to standard output).")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The work order ID.") var id: String
        @Argument(help: "The attachment: its name, or at least 8 hex digits of its SHA-256.") var attachment: String
        @Option(help: "Write it to this file (which must not exist).") var output: String?

        func run() throws {
            try giveBack(try repo.open().attachment(id, attachment).1, to: output)
        }
    }
}

extension RecRepo.EquipmentCommand {
    struct AttachDocument: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attach", abstract: "Attach a document to equipment (a manual, a drawing, a certificate), no larger than the policy allows.")
        @OptionGroup var repo: RepoOptions
        @OptionGroup var user: UserOptions
        @Argument(help: "The equipment ID.") var id: String
        @Argument(help: "The file.") var file: String
        @Option(help: "The name to record (default: the file's own name).") var name: String?
        @OptionGroup var reason: ReasonOption

        func run() throws {
            let records = try repo.open()
            let (shown, bytes) = try readAttachment(file, name: name, to: id, records: records)
            let unit = try records.attach(bytes, name: shown, toEquipment: id, reason: reason.reason, by: try user.session(records))
            guard let added = unit.attachments?.last else { return }
            print("Attached \(Terminal.printable(added.name)) to \(unit.id): \(added.size) bytes, SHA-256 \(added.sha256)")
        }
    }

    struct Document: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give back a document attached to equipment, byte for byte (to --output, or to standard output).")
        @OptionGroup var repo: RepoOptions
        @Argument(help: "The equipment ID.") var id: String
        @Argument(help: "The document: its name, or at least 8 hex digits of its SHA-256.") var document: String
        @Option(help: "Write it to this file (which must not exist).") var output: String?

        func run() throws {
            try giveBack(try repo.open().attachment(id, document, kind: .equipment).1, to: output)
        }
    }
}

/// The file to attach and the name to record, its size checked against the policy before it is read.
func readAttachment(_ file: String, name: String?, to id: String, records: Records) throws -> (String, Data) {
    let url = URL(fileURLWithPath: file)
    let shown = name ?? url.lastPathComponent
    // The size first, so that a file over the limit is refused before it is read or anything is signed.
    guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int else {
        throw CLIError.refused("\(file) cannot be read; name a file that exists")
    }
    try records.checkAttachmentSize(size, name: shown, to: id)
    do { return (shown, try Data(contentsOf: url)) } catch { throw CLIError.refused("\(file) cannot be read: \(error.localizedDescription)") }
}

/// Writes an attachment to `output` (which must not exist), or to standard output.
func giveBack(_ data: Data, to output: String?) throws {
    guard let output else {
        FileHandle.standardOutput.write(data)
        return
    }
    guard !FileManager.default.fileExists(atPath: output) else { throw CLIError.refused("\(output) exists; name a new file") }
    do { try data.write(to: URL(fileURLWithPath: output), options: .withoutOverwriting) } catch {
        throw CLIError.refused("\(output) cannot be written: \(error.localizedDescription)")
    }
}
