import Documents
import Foundation
import RecordRepo

/// Imports `count` rows of legacy maintenance history (one batch: one pack, one compare-and-swap,
/// then the re-read of every record and the signed reconciliation) beside a plain batch append of
/// as many work-order creations, also as one batch, each on a fresh plant in the same run.
func importBenchmark(count: Int, work: URL) throws {
    let appendPlant = try BenchPlant(at: work.appendingPathComponent("append-\(count)").path)
    let first = try appendPlant.records.ledger.head()
    var acts: [SignedAct] = []
    var appendCPU = 0.0
    let appendSeconds = try timed {
        appendCPU = try threadTime {
            acts = try (1...count).map { try appendPlant.creation($0) }
            try appendPlant.records.ledger.appendBatch(acts, basedOn: first)
        }
    }
    acts = []

    let importPlant = try BenchPlant(at: work.appendingPathComponent("import-\(count)").path)
    let file = legacyFile(rows: count)
    let request = HistoryImport(name: "legacy.csv", data: file,
                                columns: .init(date: "Date", equipment: "Asset", description: "Work done", type: "Type",
                                               technician: "Technician", part: "Part"),
                                prefix: "AC-")
    var outcome: ImportOutcome?
    var importCPU = 0.0
    let importSeconds = try timed {
        importCPU = try threadTime {
            outcome = try importPlant.records.importHistory(request, reason: "Migrated from the legacy CMMS", by: importPlant.supervisor)
        }
    }
    let found = outcome?.reconciliation
    say(String(format: "import of %d legacy rows (%.1f MB of CSV; one batch, re-read and reconciled): %.0f rows/s, %d imported, %d matched",
               count, Double(file.count) / 1e6, Double(count) / importSeconds, found?.imported ?? 0, found?.matched ?? 0))
    say(String(format: "  batch append of %d signed acts in one batch: %.0f acts/s; import takes %.2fx the batch append's time (target 1.25)",
               count, Double(count) / appendSeconds, importSeconds / appendSeconds))
    say(String(format: "  processor time of the thread (less moved by other load): import %.1f s, batch append %.1f s, ratio %.2f",
               importCPU, appendCPU, importCPU / appendCPU))
}

/// A legacy export: ISO days and plant-time timestamps, 40 autoclaves by number, quoted
/// descriptions (some with commas, quotes and line breaks), optional columns sometimes empty.
func legacyFile(rows: Int) -> Data {
    var text = "Date,Asset,Work done,Type,Technician,Part\r\n"
    text.reserveCapacity(rows * 110)
    for row in 0..<rows {
        let day = 1 + row % 28, month = 1 + (row / 28) % 12, year = 2005 + (row / 336) % 20
        let date = String(format: row % 3 == 0 ? "%04d-%02d-%02d 08:%02d:00" : "%04d-%02d-%02d", year, month, day, row % 60)
        let description = row % 7 == 0 ? "\"Replaced door seal, \"\"type B\"\"\r\nchecked on restart (job \(row))\"" : "Preventive maintenance \(row)"
        let type = row % 2 == 0 ? "preventive" : "corrective"
        let technician = row % 5 == 0 ? "" : "Tech \(row % 17)"
        let part = row % 4 == 0 ? "\"Gasket, 2x\"" : ""
        text += "\(date),\(100 + row % 40),\(description),\(type),\(technician),\(part)\r\n"
    }
    return Data(text.utf8)
}
