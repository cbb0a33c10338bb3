import Foundation
import RecordIndex
import Documents
import WebApp

// 9. The web application, served by `recrepo serve` in its own process: the job page with its
//    rendered SOP under wrk beside nginx serving the same page as a static file, then 20
//    technicians signing steps at once.

func webBenchmark(work: URL, executable: String) async throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk"), FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") else {
        say("web: skipped, wrk and nginx are needed (make bench installs them)")
        return
    }
    say("web: building a plant with the standard key cost (20 technicians, each with a started job)")
    let plant = try WebBenchPlant(at: work.appendingPathComponent("web-records").path, steps: 5)
    let port = 18_000 + Int(getpid() % 1000), staticPort = port + 1000
    let server = try Background.start(executable, ["serve", "--repo", plant.path, "--listen", "127.0.0.1:\(port)"],
                                      log: work.appendingPathComponent("serve.log").path)
    defer { server.stop() }
    let base = "http://127.0.0.1:\(port)"
    try await waitUntilAnswering(base + "/sign-in")

    let reader = BenchBrowser(base: base)
    try await reader.signIn(plant.page.user, WebBenchPlant.password)
    let (status, page) = try await reader.send("/jobs/\(plant.page.job)")
    guard status == 200 else { throw BenchError.failed("the job page answered \(status)") }
    let root = work.appendingPathComponent("static")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try Data(page.utf8).write(to: root.appendingPathComponent("job.html"))
    let nginx = try Nginx.start(root: root, port: staticPort, work: work)
    defer { nginx.stop() }
    try await waitUntilAnswering("http://127.0.0.1:\(staticPort)/job.html")

    let served = Wrk.run(url: "\(base)/jobs/\(plant.page.job)", cookie: reader.cookieHeader)
    let baseline = Wrk.run(url: "http://127.0.0.1:\(staticPort)/job.html", cookie: nil)
    say(String(format: "web: job page (%d bytes, SOP rendered): %.0f requests/s, p99 %.1f ms; nginx static: %.0f requests/s, p99 %.1f ms",
               page.utf8.count, served.rps, served.p99, baseline.rps, baseline.p99))
    say(String(format: "     ratio %.2f of nginx (target at least 0.30), p99 %.1f ms (target under 20 ms)", served.rps / max(baseline.rps, 1), served.p99))

    let signing = try await concurrentSignings(plant: plant, base: base)
    say(String(format: "web: %d technicians signing %d steps each: %d signings in %.1f s, %.2f signings/s, p50 %.0f ms, p99 %.0f ms",
               plant.jobs.count, plant.steps, signing.count, signing.seconds, Double(signing.count) / signing.seconds,
               signing.p50, signing.p99))
    try checkSignings(plant)
    say(String(format: "     every step signed exactly once (no act lost or duplicated); server peak memory %.0f MiB", server.peakMiB()))
}

/// Each technician signs in, opens their job and signs its steps in order, all at once.
func concurrentSignings(plant: WebBenchPlant, base: String) async throws -> (count: Int, seconds: Double, p50: Double, p99: Double) {
    let begin = DispatchTime.now().uptimeNanoseconds
    let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
        for (user, job) in plant.jobs {
            group.addTask {
                let browser = BenchBrowser(base: base)
                try await browser.signIn(user, WebBenchPlant.password)
                var times: [Double] = []
                for number in 1...plant.steps {
                    _ = try await browser.send("/jobs/\(job)")
                    let start = DispatchTime.now().uptimeNanoseconds
                    let (status, _) = try await browser.send("/jobs/\(job)/steps/\(number)",
                                                             form: [("value", "2.0"), ("password", WebBenchPlant.password)])
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                    guard status == 303 else { throw BenchError.failed("\(user) signing step \(number) of \(job) answered \(status)") }
                }
                return times
            }
        }
        var all: [Double] = []
        for try await times in group { all += times }
        return all
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - begin) / 1e9
    return (latencies.count, seconds, percentile(latencies, 0.5), percentile(latencies, 0.99))
}

/// No act lost or duplicated: every job has each step signed once, by its technician, and the
/// index holds exactly one act per step beside the job's creation and start.
func checkSignings(_ plant: WebBenchPlant) throws {
    let records = try Records.open(at: plant.path, checklist: JobChecklist.reader)
    let index = try RecordIndex.open(for: records)
    _ = try index.update()
    for (user, job) in plant.jobs {
        let order = try records.workOrder(job)
        guard order.steps.allSatisfy({ $0.signedBy == user }), try index.revisions(of: job).count == 2 + plant.steps else {
            throw BenchError.failed("\(job): its steps or acts are not exactly one signing each")
        }
    }
}

func waitUntilAnswering(_ url: String) async throws {
    let probe = BenchBrowser(base: "")
    for _ in 0..<200 {
        if let (status, _) = try? await probe.send(url), status > 0 { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    throw BenchError.failed("\(url) did not answer within 20 s")
}
