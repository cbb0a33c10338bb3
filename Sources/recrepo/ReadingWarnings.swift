import Foundation
import SOPRender

/// Tells the author of an SOP body which `reading:` spans are not read as a reading, so that a
/// step meant to ask for a value does not silently ask for none.
enum ReadingWarnings {
    static func warn(about body: Data) {
        for step in Checklist.steps(in: String(decoding: body, as: UTF8.self)) {
            guard let problem = step.readingProblem else { continue }
            Terminal.warn("step \(step.number) asks for no reading: its `reading:` span does not follow the syntax (\(problem)); see docs/sop-syntax.md")
        }
    }
}
