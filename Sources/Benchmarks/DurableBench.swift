import Documents
import Foundation
import RecordRepo
import SOPRender

/// Durable signed acts, one commit each with fsync, beside stock git doing the same acts one by
/// one from a shell loop: blob, trees, `commit-tree -S` (ssh signing), `update-ref`.
/// Ours: the same work-order acts the service signs, appended one by one by the ledger; and, for
/// what a person waits for, the whole `wo new` service (reads, checks, schema, signing).
func durableBenchmark(plant: BenchPlant, acts: Int, work: URL) throws {
    var latencies: [Double] = []
    let ledger = plant.records.ledger
    let total = try timed {
        for index in 1...acts {
            let act = try plant.creation(index)
            latencies.append(try timed { try ledger.append(act.act, by: act.signer, basedOn: try ledger.head()) } * 1000)
        }
    }
    var serviceLatencies: [Double] = []
    for index in 1...100 {
        serviceLatencies.append(try timed {
            _ = try plant.records.createWorkOrder(sop: plant.sop, equipment: BenchPlant.equipment(index),
                                                  title: "Preventive maintenance of autoclave \(index % 40)",
                                                  assignee: "tess", reason: "Benchmark", by: plant.supervisor)
        } * 1000)
    }
    let ours = Double(acts) / total

    let baseline = work.appendingPathComponent("baseline.git").path
    let key = work.appendingPathComponent("key").path
    _ = spawn("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key])
    let baselineActs = min(acts, 150)
    let script = """
    set -e
    git init -q --bare "$1"; cd "$1"
    git config gpg.format ssh; git config user.signingkey "$2"; git config user.name Bench; git config user.email bench
    parent=""
    for i in $(seq 1 "$3"); do
      blob=$(printf '{"id": "WO-%06d", "status": "open"}\\n' "$i" | git hash-object -w --stdin)
      leaf=$(printf '100644 blob %s\\tWO-%06d.json\\n' "$blob" "$i" | git mktree)
      root=$(printf '040000 tree %s\\two\\n' "$leaf" | git mktree)
      commit=$(git commit-tree -S "$root" ${parent:+-p "$parent"} -m "Create WO-$i")
      git update-ref refs/heads/main "$commit" $parent
      parent=$commit
    done
    """
    let stock = spawn("/bin/bash", ["-c", script, "bench", baseline, key, "\(baselineActs)"])
    let theirs = Double(baselineActs) / stock.seconds
    say(String(format: "durable signed acts: %.0f/s, p50 %.2f ms, p99 %.2f ms (target p99 < 25 ms)",
                 ours, percentile(latencies, 0.5), percentile(latencies, 0.99)))
    say(String(format: "  stock git, %d acts from a shell loop (exit %d): %.0f/s; ratio %.1fx (target 4x)",
                 baselineActs, stock.status, theirs, ours / theirs))
    say(String(format: "  the whole 'wo new' service (reads, checks, schema, signed act): p50 %.2f ms, p99 %.2f ms",
                 percentile(serviceLatencies, 0.5), percentile(serviceLatencies, 0.99)))
}
