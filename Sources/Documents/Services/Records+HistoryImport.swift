import Foundation
import RecordRepo

/// What an import did.
public struct ImportOutcome: Sendable {
    /// The reconciliation: as signed when the import wrote anything, else the tally of this
    /// reading (unsigned: `reconciledBy` is empty).
    public let reconciliation: ImportReconciliation
    /// False when nothing was written: every row was there already (or refused again) and an
    /// earlier reconciliation covers this file.
    public let wrote: Bool
    /// The earlier reconciliation of the same file, when there is one.
    public let earlier: String?
}

extension Records {
    /// Brings in legacy maintenance history from a CSV file, as the signed acts of one batch (one
    /// pack, one compare-and-swap of `main`), then re-reads every record written, compares it
    /// field by field with its source row, and signs the reconciliation.
    ///
    /// A file that cannot be read as a whole (a missing column, a date or value that cannot be
    /// kept, a ragged row, bytes that are not UTF-8) is refused naming the row and the column,
    /// and nothing is written. Rows that cannot become records (unknown equipment, a duplicate,
    /// a date after today) are refused one by one and listed, by row, in the reconciliation.
    /// Rows whose bytes an earlier import brought in are counted, not written again; a file that
    /// adds nothing and was reconciled before writes nothing at all.
    public func importHistory(_ request: HistoryImport, reason: String, by session: Session) throws(DocumentsError) -> ImportOutcome {
        try session.requireSigningAllowed()
        let basedOn = try head()
        let context = OverlayContext(base: HeadContext(records: self, commit: basedOn, policy: try policy(at: basedOn)))
        let signer = context.account(session.account.id) ?? session.account
        try context.policy.require(.historyImport, of: signer, to: HistoryKind.import.action)
        if request.createEquipment { try context.policy.require(.equipmentAdd, of: signer, to: EquipmentKind.add.action) }
        let mapping = try EquipmentMapping(prefix: request.prefix, map: request.map)
        let zone = context.policy.zone
        let (table, rows) = try request.rows(in: zone)
        let fileHash = SourceDigest.sha256(request.data)
        let known = try importedBefore(at: basedOn)

        // Which rows become records, and which equipment the import registers first.
        var refused: [ImportReconciliation.Refusal] = []
        var already = 0
        var seen: [String: Int] = [:]
        var toCreate: [(id: String, name: String)] = []
        var candidates: [(row: HistoryImport.SourceRow, equipment: String)] = []
        for row in rows {
            if known.checksums.contains(row.checksum) { already += 1; continue }
            if let earlier = seen.updateValue(row.number, forKey: row.checksum) {
                seen[row.checksum] = earlier
                refused.append(.init(row: row.number, reason: "its bytes are those of row \(earlier): a duplicate in the source"))
                continue
            }
            switch mapping.id(for: row.equipment) {
            case .failure(let error): refused.append(.init(row: row.number, reason: error.description))
            case .success(let id):
                if request.createEquipment, context.record(Equipment.self, kind: .equipment, id: id) == nil,
                   !toCreate.contains(where: { $0.id == id }) {
                    toCreate.append((id, row.equipment))
                }
                candidates.append((row, id))
            }
        }

        let signing = Signing(user: session.account.id, at: now, in: zone)
        var acts: [SignedAct] = []
        var created: [String] = [], failed: [String: DocumentsError] = [:]
        for (id, name) in toCreate {
            let request = EquipmentKind.Registration(id: id, description: EquipmentKind.Description(name: name))
            do throws(DocumentsError) {
                let preview = try EquipmentKind.add.perform(nil, request, context, signing)
                _ = try Self.encode(preview, kind: .equipment, record: id)
                acts.append(try batchAct(EquipmentKind.add, of: EquipmentKind.declaration, id: id, input: request, preview: preview,
                                         reason: reason, session: session, context: context))
                context.write(preview, kind: .equipment, id: preview.id)
                created.append(id)
            } catch { failed[id] = error }
        }
        var number = try nextNumber(of: .history, at: basedOn)
        var written: [(id: String, row: HistoryImport.SourceRow, equipment: String)] = []
        for (row, equipment) in candidates {
            if let error = failed[equipment] {
                refused.append(.init(row: row.number, reason: "\(equipment) could not be registered: \(error.description)"))
                continue
            }
            let id = try RecordID.generatedID(kind: .history, number: number)
            let input = HistoryKind.Row(id: id, equipment: equipment, date: row.date, dateAsWritten: row.dateAsWritten,
                                        description: row.description, type: row.type, technician: row.technician, part: row.part,
                                        source: .init(file: fileHash, row: row.number, checksum: row.checksum, equipment: row.equipment))
            do throws(DocumentsError) {
                let preview = try HistoryKind.import.perform(nil, input, context, signing)
                try Schemas.schema(for: .history).validate(preview.jsonValue, record: id)
                acts.append(try batchAct(HistoryKind.import, of: HistoryKind.declaration, id: id, input: input, preview: preview,
                                         reason: reason, session: session, context: context) { CanonicalJSON.bytes(of: $0.jsonValue) })
            } catch {
                refused.append(.init(row: row.number, reason: error.description))
                continue
            }
            written.append((id, row, equipment))
            number += 1
        }
        refused.sort { $0.row < $1.row }

        var tally = ImportReconciliation(
            id: "", file: request.name, sha256: fileHash, columns: request.columns, equipmentMapping: mapping.summary,
            rowsRead: rows.count, imported: written.count, first: written.first?.id, last: written.last?.id, alreadyImported: already,
            refused: refused, equipmentCreated: created, compared: 0, matched: 0, mismatches: [], reconciledBy: "", reconciledAt: "",
            revision: 1)
        let earlier = known.reconciled[fileHash]
        if acts.isEmpty, let earlier { return ImportOutcome(reconciliation: tally, wrote: false, earlier: earlier) }
        if !acts.isEmpty {
            do { try ledger.appendBatch(acts, basedOn: basedOn) } catch { throw .ledger(error) }
        }
        let after = try head()
        for item in written {
            let path = try Self.path(kind: .history, id: item.id)
            let stored: Data?
            do { stored = try ledger.read(path, at: after) } catch { throw .ledger(error) }
            let fields = Self.differences(stored, id: item.id, row: table.rows[item.row.number - 2], in: table, columns: request.columns,
                                          mapping: mapping, file: fileHash, user: session.account.id, zone: zone)
            tally.compared += 1
            if fields.isEmpty { tally.matched += 1 }
            tally.mismatches += fields.map { .init(record: item.id, field: $0) }
        }
        let reconciliation = try withNewID(.reconciliation) { (id, base) throws(DocumentsError) in
            tally.id = id
            return try perform(ReconciliationKind.reconcile, of: ReconciliationKind.declaration, id: id, input: tally,
                               reason: reason, by: session, basedOn: .some(base))
        }
        return ImportOutcome(reconciliation: reconciliation, wrote: true, earlier: earlier)
    }

    /// The act of `event` for a record the batch has already checked (`preview`), signed by the
    /// importing person.
    func batchAct<Record, Input>(_ event: RecordEvent<Record, Input>, of declaration: KindDeclaration<Record>, id: String, input: Input,
                                 preview: Record, reason: String, session: Session, context: any RecordContext,
                                 bytes: (@Sendable (Record) -> Data)? = nil) throws(DocumentsError) -> SignedAct {
        var act = try prepare(event, of: declaration, id: id, input: input, before: nil, reason: reason, user: session.account.id,
                              context: context, guards: try Self.guards(for: session), checked: preview, bytes: bytes)
        act.extraTrailers = origin
        return SignedAct(act, by: session.signer)
    }

    /// The row checksums of every imported record, and the reconciliations by file SHA-256.
    func importedBefore(at commit: ObjectID?) throws(DocumentsError) -> (checksums: Set<String>, reconciled: [String: String]) {
        guard let commit else { return ([], [:]) }
        var checksums = Set<String>(), reconciled: [String: String] = [:]
        for (id, kind) in try records(of: .history, at: commit) {
            if let record = try record(MaintenanceHistory.self, kind: kind, id: id, at: commit) { checksums.insert(record.source.checksum) }
        }
        for (id, kind) in try records(of: .reconciliation, at: commit) {
            if let found = try record(ImportReconciliation.self, kind: kind, id: id, at: commit), reconciled[found.sha256] == nil {
                reconciled[found.sha256] = id
            }
        }
        return (checksums, reconciled)
    }
}
