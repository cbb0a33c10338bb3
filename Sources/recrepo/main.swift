import ArgumentParser
import Foundation

// Exit status: 0 done; 1 refused, conflict or a failed check; 2 usage error (see docs/commands.md).
// ArgumentParser's own default for usage errors is 64, so parsing is handled here.
do {
    var command = try RecRepo.parseAsRoot()
    do {
        if let serve = command as? RecRepo.Serve {
            try await serve.serve()
        } else {
            try command.run()
        }
    } catch let error as ExitCode {
        exit(error.rawValue)
    } catch where RecRepo.exitCode(for: error) == .success {
        // `--help` parses as ArgumentParser's help command, whose run() throws the help request.
        print(RecRepo.fullMessage(for: error))
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("recrepo: \(CLIError.sentence(for: error))\n".utf8))
        exit(CLIError.isUsage(error) ? 2 : 1)
    }
} catch {
    let code = RecRepo.exitCode(for: error)
    if code == .success {
        print(RecRepo.fullMessage(for: error))
        exit(0)
    }
    FileHandle.standardError.write(Data("\(RecRepo.fullMessage(for: error))\n".utf8))
    exit(2)
}
