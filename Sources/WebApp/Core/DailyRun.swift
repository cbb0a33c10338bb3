import Documents
import Foundation
import Logging
import RecordRepo
import ServiceLifecycle

/// The work the server does once a day, at the policy's `dailyRunHour` of the plant's day: the
/// day's preventive maintenance generated (`pm run`, signed by the system key with the meaning
/// generation) and then a checkpoint at the head. Both are idempotent, so a server started after
/// the hour runs them at once, and a CLI run the same day leaves nothing to do. Both stay
/// available from the CLI.
public struct DailyRun: Service {
    let site: Site
    let logger: Logger

    public init(site: Site, logger: Logger) {
        self.site = site
        self.logger = logger
    }

    /// What one daily run did.
    public struct Outcome: Sendable, Equatable {
        public let day: Day
        public let generated: [String]
        public let checkpoint: String
        public let checkpointCreated: Bool
    }

    public func run() async throws {
        var last: Day?
        while !Task.isShuttingDownGracefully {
            do {
                if let outcome = try await site.dailyRunIfDue(after: last) {
                    last = outcome.day
                    logger.notice("daily run for \(outcome.day): \(outcome.generated.count) work orders generated, checkpoint \(outcome.checkpoint)")
                }
            } catch {
                logger.error("the daily run failed and is tried again in a minute: \(error)")
            }
            try? await Task.sleep(for: .seconds(60))
        }
    }
}

extension Site {
    /// Runs the day's generation and checkpoint when the plant's clock is at or past the policy's
    /// hour and they have not run today (`last` is the day of the last run); nil when not due.
    public func dailyRunIfDue(after last: Day?) async throws -> DailyRun.Outcome? {
        try await read { records -> DailyRun.Outcome? in
            let policy = try records.policy()
            let now = records.now
            let today = Day(of: now, in: policy.zone)
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = policy.zone
            guard calendar.component(.hour, from: now) >= policy.dailyRun, last != today else { return nil }
            let run = try records.runPlans()
            let system: Signer
            do throws(KeystoreError) { system = try records.keystore.systemSigner() } catch { throw DocumentsError.keystore(error) }
            let checkpoint: (name: String, commit: ObjectID, created: Bool)
            do throws(LedgerError) { checkpoint = try records.ledger.checkpoint(by: system) } catch { throw DocumentsError.ledger(error) }
            return DailyRun.Outcome(day: today, generated: run.generated.map(\.order), checkpoint: checkpoint.name,
                                    checkpointCreated: checkpoint.created)
        }
    }
}
