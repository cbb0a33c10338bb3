import Foundation
import SOPRender
import Testing

/// The `reading:` span of a checklist item, read from cmark-gfm's tree, and how it renders.
@Suite struct ReadingSpecTests {
    static let procedure = """
        # Cold room check

        - [ ] Record the outlet temperature `reading: outlet temperature in °C, between 2 and 8`
        - [ ] Check the belt tension `reading: tension in N, at least 40`
          - [ ] Nested step `reading: pressure in Pa, at most -1.5`
        - [ ] Read the hour meter `reading: running hours in h`
        - [ ] Count the filters `reading: filters`
        - [ ] Set the mode to `auto`
        - [ ] Broken `reading: temperature in °C, between 8 and 2`
        - [ ] Two readings `reading: a` and `reading: b`
        - Plain item `reading: x in y, at least 1` is not a step

        ```
        - [ ] in a code block `reading: x`
        ```
        """

    @Test("the reading spec is the item's own code span: quantity, unit and limits")
    func specs() {
        let steps = Checklist.steps(in: Self.procedure)
        #expect(steps.map(\.number) == Array(1...8))
        #expect(steps[0].reading == ReadingSpec(quantity: "outlet temperature", unit: "°C", low: 2, high: 8))
        #expect(steps[0].text == "Record the outlet temperature reading: outlet temperature in °C, between 2 and 8")
        #expect(steps[1].reading == ReadingSpec(quantity: "tension", unit: "N", low: 40, high: nil))
        #expect(steps[2].reading == ReadingSpec(quantity: "pressure", unit: "Pa", low: nil, high: -1.5), "a nested item has its own")
        #expect(steps[3].reading == ReadingSpec(quantity: "running hours", unit: "h", low: nil, high: nil))
        #expect(steps[4].reading == ReadingSpec(quantity: "filters", unit: nil, low: nil, high: nil))
        #expect(steps[5].reading == nil && steps[5].readingProblem == nil, "other code spans are text")
        #expect(steps[6].reading == nil && steps[6].readingProblem?.contains("lower limit comes first") == true)
        #expect(steps[7].reading == nil && steps[7].readingProblem?.contains("one reading") == true)
    }

    @Test("limits are plain decimal numbers; anything else in a reading span is a problem, not a spec", arguments: [
        "reading:", "reading: in °C", "reading: t in", "reading: t, between 1 and", "reading: t, between a and 2",
        "reading: t, at least 1e3", "reading: t, at most nan", "reading: t, at most inf", "reading: t, about 5",
        "reading: t, at least 1234567890123456", "reading: t, at least .5", "reading: t, at least 5.",
    ])
    func malformed(literal: String) {
        guard case .malformed = ReadingSpec.parse(literal) else {
            Issue.record("\(literal) parsed as \(ReadingSpec.parse(literal))")
            return
        }
    }

    @Test("plain numbers only, as typed on the command line too")
    func numbers() {
        #expect(ReadingSpec.number("4.5") == 4.5 && ReadingSpec.number("-20") == -20 && ReadingSpec.number("0") == 0)
        for bad in ["", "-", "nan", "NaN", "inf", "1e9", "0x10", "1,5", "١٢", "4.5.1", " 4", "+4", "1234567890123456"] {
            #expect(ReadingSpec.number(bad) == nil, "\(bad)")
        }
    }

    @Test("an item with a reading still renders as a task item: a checkbox in HTML, [ ] in text, the span as code")
    func renders() {
        let markdown = "- [ ] Record the outlet temperature `reading: outlet temperature in °C, between 2 and 8`\n"
        let html = MarkdownRenderer.html(markdown)
        #expect(html.contains("<li><input type=\"checkbox\" disabled=\"\" /> <span class=\"step-number\">Step 1:</span> Record the outlet temperature <code>reading: outlet temperature in °C, between 2 and 8</code></li>"),
                "\(html)")
        let text = MarkdownRenderer.text(markdown, width: 200)
        #expect(text.contains("- [ ] Step 1: Record the outlet temperature reading: outlet temperature in °C, between 2 and 8"), "\(text)")
    }

    @Test("every rendering numbers the task items as the checklist (and wo step) does, nested ones included")
    func numbering() {
        let markdown = ChecklistTests.procedure
        let html = MarkdownRenderer.html(markdown)
        let text = MarkdownRenderer.text(markdown, width: 200)
        let steps = Checklist.steps(in: markdown)
        #expect(steps.count == 6)
        for step in steps {
            let word = String(step.text.prefix { $0 != " " })
            #expect(html.contains("<span class=\"step-number\">Step \(step.number):</span> \(word)"), "\(html)")
            #expect(text.contains("Step \(step.number): \(word)"), "\(text)")
        }
        #expect(!html.contains("Step 7:") && !text.contains("Step 7:"))
    }
}
