import Foundation

/// The words a person reads for a field of a record, in history and diffs: `steps[2].signedBy`
/// reads "step 3 signed by". A kind's declaration may name a field in its own words (`labels`,
/// keyed by the path with its indexes left out, `steps[].signedBy`, where `{n}` stands for the
/// first index counted from 1); every other field reads as its path in words.
public enum FieldLabels {
    /// The label of `path` in a record of `kind`.
    public static func label(_ path: String, kind: RecordKind) -> String {
        let (pattern, numbers) = split(path)
        if let own = Kinds.declaration(of: kind)?.labels[pattern] {
            return own.replacingOccurrences(of: "{n}", with: numbers.first.map(String.init) ?? "")
        }
        return words(path)
    }

    /// `steps[2].signedBy` -> (`steps[].signedBy`, [3]).
    static func split(_ path: String) -> (pattern: String, numbers: [Int]) {
        var pattern = "", numbers: [Int] = [], digits = ""
        var inIndex = false
        for character in path {
            if character == "[" { inIndex = true; pattern.append("["); continue }
            if character == "]", inIndex {
                inIndex = false
                numbers.append((Int(digits) ?? 0) + 1)
                digits = ""
                pattern.append("]")
                continue
            }
            if inIndex { digits.append(character) } else { pattern.append(character) }
        }
        return (pattern, numbers)
    }

    /// A path in words: `boundSOP.revision` -> "bound SOP revision", `keys[1].validAfter` -> "key 2 valid after".
    static func words(_ path: String) -> String {
        var out: [String] = []
        for component in path.split(separator: ".") {
            var name = Substring(component), index: Int?
            if let open = component.firstIndex(of: "["), let number = Int(component[component.index(after: open)...].prefix { $0.isNumber }) {
                name = component[..<open]
                index = number + 1
            }
            var word = "", words: [String] = []
            for character in name {
                if character.isUppercase, let last = word.last, last.isLowercase {
                    words.append(word)
                    word = ""
                }
                word.append(character)
            }
            words.append(word)
            var phrase = words.map { $0.allSatisfy(\.isUppercase) ? $0 : $0.lowercased() }.joined(separator: " ")
            if let index {
                if phrase.hasSuffix("s") { phrase.removeLast() }
                phrase += " \(index)"
            }
            out.append(phrase)
        }
        return out.joined(separator: " ")
    }
}
