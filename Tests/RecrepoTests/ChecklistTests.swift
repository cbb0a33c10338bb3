import Foundation
import SOPRender
import Synchronization
import Testing

@Suite struct ChecklistTests {
    static let procedure = """
        # Procedure

        Before you start:

        - Wear gloves (not a step)
        - [ ] Isolate the **autoclave** from mains
          - [x] Lock out the breaker `Q1`
          - plain note under a step
            * [ ] Tag the lock with [your name](https://example.com/tags)
        * [X] Vent the chamber
        + [ ] Check   the door seal
              for cracks

        1. [ ] Ordered task
        2. Ordered plain

        [ ] A bracket outside a list is not a step.
        """

    @Test("steps are the task items, nested ones included, numbered in document order")
    func numbering() {
        let steps = Checklist.steps(in: Self.procedure)
        #expect(steps.map(\.number) == Array(1...6))
        #expect(steps.map(\.text) == [
            "Isolate the autoclave from mains",
            "Lock out the breaker Q1",
            "Tag the lock with your name",
            "Vent the chamber",
            "Check the door seal for cracks",
            "Ordered task",
        ])
        #expect(steps.map(\.checked) == [false, true, false, true, false, false])
    }

    @Test("the steps are exactly the checkboxes the HTML page shows, in the same order and state")
    func stepsMatchCheckboxes() {
        // A task item inside a block quote is one case where cmark-gfm 0.29 shows no box: then it
        // is not a step either.
        let markdown = Self.procedure + "\n\n> - [ ] Quoted item\n\n| a |\n|---|\n| - [ ] in a cell |\n"
        let boxes = LiveMarkup.tags(in: MarkdownRenderer.html(markdown)).filter { $0.hasPrefix("<input type=\"checkbox\"") }
        let steps = Checklist.steps(in: markdown)
        #expect(steps.count == boxes.count)
        #expect(steps.map(\.checked) == boxes.map { $0.contains("checked") })
    }

    @Test("a step's text leaves out its nested items and raw HTML, and keeps words apart at line breaks")
    func stepText() {
        let steps = Checklist.steps(in: "- [ ] Open *the* ~~old~~ valve<br>then wait un<b>til</b> cool\n  - [ ] Nested\n")
        #expect(steps.map(\.text) == ["Open the old valve then wait until cool", "Nested"])
    }

    @Test("markdown parsed on many threads at once reads as it does on one (cmark-gfm's shared table of special characters)")
    func concurrentParses() {
        let markdown = "- [ ] Open *the* ~~old~~ valve\n\n| Step | ~~Old~~ value |\n| --- | --- |\n| 1 | ~~2~~ 3 |\n"
        let steps = Checklist.steps(in: markdown).map(\.text), html = MarkdownRenderer.html(markdown)
        let differing = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<300 where Checklist.steps(in: markdown).map(\.text) != steps || MarkdownRenderer.html(markdown) != html {
                differing.add(1, ordering: .relaxed)
            }
        }
        #expect(steps == ["Open the old valve"] && html.contains("<del>Old</del>"))
        #expect(differing.load(ordering: .relaxed) == 0)
    }

    @Test("control characters never reach a step's text")
    func controls() {
        let steps = Checklist.steps(in: "- [ ] Press\u{1B}[31m start &#27;[0m\ttwice\n")
        #expect(steps.map(\.text) == ["Press[31m start [0m twice"])
    }

    @Test("a document without task items has no steps")
    func none() throws {
        #expect(Checklist.steps(in: "- a\n- b\n\n[ ] not a task\n").isEmpty)
        #expect(Checklist.steps(in: "").isEmpty)
        #expect(Checklist.steps(in: try Corpus.markdown("training-record.md")).isEmpty)
    }
}
