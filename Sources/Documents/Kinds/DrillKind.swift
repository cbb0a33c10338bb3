import Foundation
import RecordRepo

/// A recovery drill's one event: its result, signed by the person who ran it.
public enum DrillKind {
    /// The result is what the drill measured; the event adds who signed it and when, and refuses a
    /// result that contradicts its findings. A drill that passed or is stale must also name a copy
    /// and a newest point that lie on the history it is signed on, as many acts apart as its lag
    /// says: an auditor can then trust "passed" to mean the copy held everything known.
    public static let record = RecordEvent<Drill, Drill>(
        "record", meaning: .backupDrill, permission: .backupDrill, action: "run recovery drills", creates: true,
        summary: { _, _, drill in drill.summary },
        input: { _, written, _ in written },
        check: { _, measured, context, _ throws(DocumentsError) in
            guard measured.result != .fail, let lag = measured.lag else { return }
            if let refusal = lagRefusal(measured, lag, context) {
                throw .invalidField(record: measured.id, field: "lag", reason: refusal)
            }
        },
        apply: { _, measured, signing throws(DocumentsError) in
            guard measured.result == Drill.result(problems: measured.problems, lag: measured.lag) else {
                throw .invalidField(record: measured.id, field: "result",
                                    reason: "a drill fails exactly when it found a problem, and is stale exactly when it found none but its copy lacks acts known to it")
            }
            var drill = measured
            drill.performedBy = signing.user
            drill.performedAt = signing.time
            return drill
        })

    public static let declaration = KindDeclaration<Drill>(kind: .drill, events: [record.replayable], revision: { _ in 1 })

    /// Why `lag` does not describe the history before the act: walking back from the act's parent,
    /// the newest point and then the copy's head must be met, `lag.acts` acts apart, at the times
    /// the record gives them.
    static func lagRefusal(_ drill: Drill, _ lag: Drill.Lag, _ context: any RecordContext) -> String? {
        guard let head = drill.head else { return "a drill whose copy was restored names the copy's head" }
        var newest: (index: Int, time: String)?, copy: (index: Int, time: String)?
        var index = 0
        context.walkBack { act in
            if newest == nil, act.commit.hex == lag.newestCommit { newest = (index, Timestamp.iso(act.time)) }
            if newest != nil, act.commit.hex == head { copy = (index, Timestamp.iso(act.time)) }
            index += 1
            return copy == nil
        }
        guard let newest, let copy else {
            return "the copy's head \(head.prefix(12)) and the newest point \(lag.newestCommit.prefix(12)) must lie, in that order, on the history the drill is signed on"
        }
        guard copy.index - newest.index == lag.acts, copy.time == lag.copyEndsAt, newest.time == lag.newestAt else {
            return "the copy's head is \(copy.index - newest.index) acts before the newest point, at \(copy.time) and \(newest.time), not as the drill records"
        }
        return nil
    }
}
