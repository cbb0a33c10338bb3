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
            let url = URL(fileURLWithPath: file)
            let shown = name ?? url.lastPathComponent
            // The size first, so that a file over the limit is refused before it is read or anything is signed.
            guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int else {
                throw CLIError.refused("\(file) cannot be read; name a file that exists")
            }
            try records.checkAttachmentSize(size, name: shown, to: id)
            let bytes: Data
            do { bytes = try Data(contentsOf: url) } catch { throw CLIError.refused("\(file) cannot be read: \(error.localizedDescription)") }
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
            let (_, data) = try repo.open().attachment(id, attachment)
            guard let output else {
                FileHandle.standardOutput.write(data)
                return
            }
            guard !FileManager.default.fileExists(atPath: output) else { throw CLIError.refused("\(output) exists; name a new file") }
            do { try data.write(to: URL(fileURLWithPath: output), options: .withoutOverwriting) } catch {
                throw CLIError.refused("\(output) cannot be written: \(error.localizedDescription)")
            }
        }
    }
}
