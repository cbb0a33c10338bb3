import Documents
import Foundation
import RecordRepo
import SOPRender

/// What a technician waits for: a started job's SOP fetched (the bound revision, its signatures)
/// and rendered to the full HTML page, on the benchmark's large repository.
func jobSOPBenchmark(plant: BenchPlant) throws {
    let job = try plant.records.createWorkOrder(sop: plant.sop, equipment: BenchPlant.equipment(1), title: "Bench job",
                                                assignee: "tess", reason: "Benchmark", by: plant.supervisor)
    _ = try plant.records.startWorkOrder(job.id, reason: nil, by: plant.technician)
    var latencies: [Double] = []
    var bytes = 0
    for _ in 0..<500 {
        latencies.append(try timed {
            let view = try plant.records.workOrderSOP(job.id)
            let page = SOPPage(id: view.sop.id, title: view.sop.title, revision: view.revision.number,
                               status: view.status.rawValue, effectiveDate: view.revision.effectiveDate,
                               markdown: String(decoding: view.body, as: UTF8.self),
                               signatures: view.signatures.map {
                                   SignatureLine(name: $0.name, signer: $0.signer, time: $0.time, meaning: $0.meaning,
                                                 reason: $0.reason, commit: $0.commit)
                               })
            bytes = SOPRenderer.html(page).utf8.count
        } * 1000)
    }
    let commits = (try? plant.records.ledger.commits().count) ?? 0
    say(String(format: "a job's SOP fetched and rendered (%d-byte page) on %d acts: p50 %.2f ms, p99 %.2f ms (target p99 < 2 ms)",
                 bytes, commits, percentile(latencies, 0.5), percentile(latencies, 0.99)))
}
