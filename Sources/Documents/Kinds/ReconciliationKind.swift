import Foundation
import RecordRepo

/// The reconciliation of an import: one event, `reconcile`, signed by the person who imported,
/// after the records it names were written. Its checks hold the figures to one another and to
/// the records at the parent, so a reconciliation cannot claim records that are not there.
public enum ReconciliationKind {
    public static let reconcile = RecordEvent<ImportReconciliation, ImportReconciliation>(
        "reconcile", meaning: .migration, permission: .historyImport, action: "import maintenance history", creates: true,
        summary: { id, found, _ in
            "Reconcile import \(id) of \(found.file): \(found.rowsRead) rows, \(found.imported) imported, \(found.refused.count) refused"
        },
        input: { _, written, _ in written },
        check: { _, found, context, _ throws(DocumentsError) in
            if let reason = problem(with: found, in: context) { throw .invalidField(record: found.id, field: "figures", reason: reason) }
        },
        apply: { _, found, signing in
            var signed = found
            signed.reconciledBy = signing.user
            signed.reconciledAt = signing.time
            return signed
        })

    public static let declaration = KindDeclaration<ImportReconciliation>(
        kind: .reconciliation, events: [reconcile.replayable], revision: { _ in 1 },
        labels: ["sha256": "file SHA-256", "rowsRead": "rows read", "alreadyImported": "already imported",
                 "equipmentCreated": "equipment created", "equipmentMapping": "equipment mapping"])

    /// Why the figures of `found` do not add up, or do not describe the records at the parent.
    static func problem(with found: ImportReconciliation, in context: any RecordContext) -> String? {
        guard found.rowsRead == found.imported + found.alreadyImported + found.refused.count else {
            return "rows read (\(found.rowsRead)) must be imported + already imported + refused"
        }
        guard found.compared == found.imported, found.matched <= found.compared,
              found.mismatches.isEmpty == (found.matched == found.compared) else {
            return "every imported record is compared once, and mismatches are listed exactly when some did not match"
        }
        guard let first = found.first, let last = found.last else {
            return found.imported == 0 && found.first == nil && found.last == nil ? nil
                : "an import that wrote records names the first and the last"
        }
        guard let low = try? RecordID.number(of: first, kind: .history), let high = try? RecordID.number(of: last, kind: .history),
              high - low + 1 == found.imported else {
            return "\(first) to \(last) is not \(found.imported) records"
        }
        for id in [first, last] {
            guard let record = context.record(MaintenanceHistory.self, kind: .history, id: id), record.source.file == found.sha256 else {
                return "\(id) is not a record imported from the file \(found.sha256.prefix(12))"
            }
        }
        for id in found.equipmentCreated where context.record(Equipment.self, kind: .equipment, id: id) == nil {
            return "\(id) is named as created, but is not registered"
        }
        return nil
    }
}
