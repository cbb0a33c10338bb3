import Foundation
import RecordRepo

/// What one `pm run` did.
public struct GenerationRun: Sendable, Equatable {
    /// One generated job.
    public struct Generated: Sendable, Equatable {
        public let order: String
        public let occurrence: WorkOrder.Occurrence
    }

    public var generated: [Generated] = []
    /// Condition plans armed again by a reading back inside their threshold.
    public var rearmed: [String] = []
    /// Plans whose next occurrence is due but cannot be generated yet, and why.
    public var waiting: [PMSchedule.Waiting] = []

    public init() {}
}

extension Records {
    /// The most acts one batch of a run writes (a batch holds its objects in memory).
    static let generationBatch = 2_000

    /// Generates, signed by the system key with the meaning `generation`, every job the approved
    /// plans call for whose window opens on or before today (or `through`, to plan ahead), and
    /// re-arms condition plans a reading has brought back inside. The acts of a run are written as
    /// batches (one pack, one compare-and-swap each); each advances its plan's schedule in the same
    /// commit, so a run that races another (or runs twice) finds nothing left to generate: a batch
    /// built on a head that moved under its plans is refused whole, and the run starts again from
    /// the new head.
    public func runPlans(through: Day? = nil) throws(DocumentsError) -> GenerationRun {
        let today = Day(of: now, in: try policy(at: try head()).zone)
        let limit = today.adding(days: PMSchedule.maxDaysAhead)
        let through = through ?? today
        guard through >= today, through <= limit else {
            throw .invalidField(record: "pm run", field: "--through",
                                reason: "plan from today (\(today)) up to \(PMSchedule.maxDaysAhead) days ahead (\(limit))")
        }
        let session = try systemSession()
        var run = GenerationRun()
        var conflicts = 0
        while true {
            let basedOn = try head()
            let batch: (acts: [Act], run: GenerationRun)
            batch = try generationBatch(basedOn: basedOn, today: today, through: through)
            if run.waiting.isEmpty { run.waiting = batch.run.waiting }
            guard !batch.acts.isEmpty else { return run }
            do {
                try ledger.appendBatch(batch.acts.map { act in
                    var act = act
                    act.extraTrailers = origin + act.extraTrailers
                    return SignedAct(act, by: session.signer)
                }, basedOn: basedOn)
            } catch .conflict where conflicts < 5 {
                // Another writer moved a plan or took a job number: start again from its head.
                conflicts += 1
                continue
            } catch {
                throw .ledger(error)
            }
            run.generated += batch.run.generated
            run.rearmed += batch.run.rearmed
        }
    }

    /// The acts of one batch on `basedOn`: each plan stepped until it calls for nothing more,
    /// every act built on the records the acts before it in the batch wrote.
    private func generationBatch(basedOn: ObjectID?, today: Day, through: Day) throws(DocumentsError) -> (acts: [Act], run: GenerationRun) {
        guard let basedOn else { return ([], GenerationRun()) }
        let context = OverlayContext(base: HeadContext(records: self, commit: basedOn, policy: try policy(at: basedOn)))
        let guards = [try Account.path(Signer.systemPrincipal), Policy.path]
        var nextOrder = try nextNumber(of: .workOrder, at: basedOn)
        var acts: [Act] = []
        var run = GenerationRun()
        for (id, _) in try records(of: .pm, at: basedOn) {
            while acts.count < Self.generationBatch, let plan = context.record(PMPlan.self, kind: .pm, id: id) {
                let step: PMSchedule.Step?
                do { step = try PMSchedule.next(plan, in: context, today: today, through: through) } catch {
                    run.waiting.append(PMSchedule.Waiting(plan: id, reason: error.description))
                    break
                }
                guard let step else { break }
                switch step {
                case .generate(let occurrence):
                    let order = try RecordID.generatedID(kind: .workOrder, number: nextOrder)
                    let generation = WorkOrderKind.Generation(id: order, plan: plan, occurrence: occurrence)
                    acts.append(try prepare(WorkOrderKind.generate, of: WorkOrderKind.declaration, id: order, input: generation,
                                            before: nil, reason: "Due under \(id) (occurrence \(occurrence.number), due \(occurrence.due))",
                                            user: Signer.systemPrincipal, context: context, guards: guards))
                    context.write(try WorkOrderKind.generate.apply(nil, generation, Signing(user: Signer.systemPrincipal, at: now, in: context.policy.zone)),
                                  kind: .workOrder, id: order)
                    context.write(PMSchedule.advanced(plan, by: occurrence, order: order), kind: .pm, id: id)
                    run.generated.append(GenerationRun.Generated(order: order, occurrence: occurrence))
                    nextOrder += 1
                case .rearm(let readingAt):
                    acts.append(try prepare(PMKind.rearm, of: PMKind.declaration, id: id, input: readingAt, before: plan,
                                            reason: "A reading at \(readingAt) is back inside the threshold", user: Signer.systemPrincipal,
                                            context: context, guards: guards))
                    context.write(try PMKind.rearm.apply(plan, readingAt, Signing(user: Signer.systemPrincipal, at: now, in: context.policy.zone)),
                                  kind: .pm, id: id)
                    run.rearmed.append(id)
                }
            }
        }
        return (acts, run)
    }
}
