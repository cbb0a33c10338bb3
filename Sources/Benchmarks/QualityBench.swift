import Documents
import Foundation
import RecordIndex
import RecordRepo

/// The quality records added to the maintenance plant: reference standards, 300 instruments (one
/// on each of the first 300 units) calibrated monthly for three years, STD-1 used in exactly 2,000
/// of those calibrations, 1 in 100 found out of tolerance with its deviation, 500 more deviations
/// and 100 CAPAs, some actions overdue.
enum QualityData {
    static let instruments = 300
    static let months = 36
    static let usesOfFirstStandard = 2_000
}

/// The dashboard in each format and `cal impact` of the standard used 2,000 times, on the
/// maintenance plant with its quality records (targets: p95 under 200 ms each), and the peak
/// memory of each as a command.
func qualityBenchmark(writer: inout HistoryWriter, index: RecordIndex, path: String, executable: String) throws {
    let records = writer.plant.records
    let today = try records.today()
    let start = today.adding(months: -QualityData.months)
    let built = try timed {
        for number in 1...10 {
            let standard = ReferenceStandard(id: "STD-\(number)", name: "Reference \(number)", certificate: "DKD-\(number)",
                                             calibratedBy: "Accredited lab", traceability: "PTB", calibrated: start.text,
                                             due: today.adding(days: 365).text, uncertainty: .init(value: 0.001, unit: "bar"),
                                             createdBy: "sam", createdAt: start.text + "T08:00:00Z")
            try writer.add(standard.id, .standard, standard)
        }
        let points = [Instrument.TestPoint(name: "low", nominal: 2, unit: "bar", tolerance: 0.05)]
        var calibration = 0, deviation = 0
        for unit in 1...QualityData.instruments {
            var gauge = Equipment(id: "PG-\(unit)", name: "Gauge \(unit)", department: "Sterile", createdBy: "sam", createdAt: start.text + "T08:00:00Z")
            gauge.parent = "UNIT-\(unit)"
            var state: Instrument.State?
            for month in 0..<QualityData.months {
                calibration += 1
                let day = start.adding(months: month)
                let id = try RecordID.generatedID(kind: .calibration, number: calibration)
                let found = calibration % 100 == 0 ? 2.2 : 2.01
                let standard = calibration <= QualityData.usesOfFirstStandard ? "STD-1" : "STD-\(2 + calibration % 9)"
                var opened: String?
                if found > 2.1 {
                    deviation += 1
                    opened = try RecordID.generatedID(kind: .deviation, number: deviation)
                    try writer.add(opened ?? "", .deviation, Deviation(
                        id: opened ?? "", title: "PG-\(unit) found out of tolerance in \(id)", description: "As found 2.2 bar", classification: .major,
                        links: .init(equipment: "PG-\(unit)", calibration: id), openedBy: "tess", openedAt: day.text + "T09:00:00Z",
                        openedOn: day.text, closeWithinDays: 30))
                }
                let recording = CalibrationKind.Recording(
                    id: id, equipment: gauge.id, workOrder: nil, procedure: writer.plant.sop, procedureRevision: 1,
                    interval: .init(every: 1, unit: .months), points: points,
                    standards: [.init(id: standard, certificate: "DKD", due: today.adding(days: 365).text, uncertainty: .init(value: 0.001, unit: "bar"))],
                    readings: [.init(point: "low", asFound: found, asLeft: found > 2.1 ? 2.0 : nil)], deviation: opened)
                let done = recording.calibration(at: Signing(user: "tess", at: Date(timeIntervalSince1970: TimeInterval(day.number * 86_400 + 32_400)),
                                                             in: TimeZone(secondsFromGMT: 0) ?? .current))
                try writer.add(id, .calibration, done)
                state = Instrument.State(calibration: id, calibrated: day.text, nextDue: done.nextDue, outOfTolerance: nil)
            }
            gauge.instrument = Instrument(procedure: writer.plant.sop, interval: .init(every: 1, unit: .months), points: points, state: state)
            try writer.add(gauge.id, .equipment, gauge)
        }
        for number in 1...500 {
            deviation += 1
            let id = try RecordID.generatedID(kind: .deviation, number: deviation)
            let day = today.adding(days: -(number * 2 % 700))
            var opened = Deviation(id: id, title: "Deviation \(number)", description: "Found on a round", classification: [.minor, .major, .critical][number % 3],
                                   links: .init(equipment: "UNIT-\(number)"), openedBy: "tess", openedAt: day.text + "T09:00:00Z",
                                   openedOn: day.text, closeWithinDays: 30)
            if number % 5 != 0 { opened.status = .closed; (opened.closedBy, opened.closedAt) = ("quinn", day.adding(days: 20).text + "T09:00:00Z") }
            try writer.add(id, .deviation, opened)
        }
        for number in 1...100 {
            let id = try RecordID.generatedID(kind: .capa, number: number)
            let day = today.adding(days: -(number * 5))
            try writer.add(id, .capa, BenchCAPA(id: id, title: "CAPA \(number)", status: number % 4 == 0 ? "closed" : "open", actions: [
                .init(number: 1, text: "Action", owner: "tech\(number % 20)", due: day.adding(days: 60).text, plannedBy: "sam", plannedAt: day.text + "T09:00:00Z"),
            ], openedBy: "sam", openedAt: day.text + "T09:00:00Z", revision: 2))
        }
        try writer.flush()
    }
    let indexed = try timed { _ = try index.update() }
    say(String(format: "quality records: %d instruments calibrated monthly for %d months, STD-1 in %d calibrations, 500 deviations, 100 CAPAs; written in %.1f s, indexed in %.1f s",
               QualityData.instruments, QualityData.months, QualityData.usesOfFirstStandard, built, indexed))

    var formats: [String: [Double]] = ["json": [], "html": [], "text": []]
    var board: Dashboard?
    for _ in 0..<21 {
        formats["json", default: []].append(try timed { let computed = try index.dashboard(DashboardFilter(), records: records); board = computed
            _ = try JSONEncoder().encode(computed) } * 1000)
        formats["html", default: []].append(try timed { _ = DashboardPage.html(try index.dashboard(DashboardFilter(), records: records)) } * 1000)
        formats["text", default: []].append(try timed { _ = try index.dashboard(DashboardFilter(), records: records).pm.rate } * 1000)
    }
    for format in ["text", "json", "html"] {
        say(String(format: "dashboard (%@): p50 %.0f ms, p95 %.0f ms (target p95 < 200 ms)", format,
                   percentile(formats[format] ?? [], 0.5), percentile(formats[format] ?? [], 0.95)))
    }
    if let board {
        say(String(format: "  figures: PM rate %.1f%%, %d jobs open, %d instruments due, %d deviations open, %d CAPA actions overdue, %d training due",
                   (board.pm.rate ?? 0) * 100, board.workOrders.open, board.calibration.dueIn30Days, board.deviations.open,
                   board.capa.overdueActions, board.training.due))
    }
    setenv("RECREPO_REPO", path, 1)
    let html = measured(executable, ["dashboard", "--format", "html"])
    say(String(format: "  recrepo dashboard --format html as a command: %.2f s, peak memory %.0f MiB (exit %d)", html.seconds, html.peakMiB, html.status))

    var impacts: [Double] = [], impact: CalibrationImpact?
    for _ in 0..<21 { impacts.append(try timed { impact = try index.calibrationImpact(standard: "STD-1", since: nil, records: records) } * 1000) }
    say(String(format: "cal impact STD-1 (%d calibrations, %d jobs with readings resting on them): p50 %.0f ms, p95 %.0f ms (target p95 < 200 ms)",
               impact?.calibrations.count ?? 0, impact?.workOrders.count ?? 0, percentile(impacts, 0.5), percentile(impacts, 0.95)))
    let command = measured(executable, ["cal", "impact", "STD-1", "--format", "json"])
    say(String(format: "  recrepo cal impact STD-1 --format json as a command: %.2f s, peak memory %.0f MiB (exit %d)",
               command.seconds, command.peakMiB, command.status))
}

/// A CAPA as its record is stored, for writing one directly.
private struct BenchCAPA: Encodable {
    let id: String, title: String, status: String
    let actions: [CAPA.Action]
    let openedBy: String, openedAt: String
    let revision: Int
}
