import ArgumentParser
import Documents
import RecordRepo

/// Errors of the command line itself; library errors carry their own sentences.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case refused(String)

    var description: String {
        switch self {
        case .usage(let text), .refused(let text): text
        }
    }

    static func sentence(for error: any Error) -> String {
        switch error {
        case let error as any CustomStringConvertible: error.description
        default: "\(error)"
        }
    }

    static func isUsage(_ error: any Error) -> Bool {
        if case .usage = error as? CLIError { return true }
        return false
    }
}
