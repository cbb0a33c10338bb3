import ArgumentParser

struct RecRepo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recrepo",
        abstract: "A signed, git-native record repository for GMP maintenance records (21 CFR Part 11).",
        discussion: """
            Every change is one signed act: a git commit whose author is the signer, whose trailers \
            say what the signature means, when and why, and which carries an Ed25519 SSH signature \
            that stock 'git verify-commit' accepts.
            """,
        subcommands: [Init.self, User.self, Acknowledge.self, Passwd.self, PolicyCommand.self, ClockCommand.self, Show.self, List.self, Alerts.self, SOPCommand.self, EquipmentCommand.self, MeterCommand.self, PMCommand.self, StandardCommand.self, InstrumentCommand.self, CalibrationCommand.self, DashboardCommand.self,
                      WorkOrderCommand.self, TrainCommand.self, DeviationCommand.self, CAPACommand.self, ImportCommand.self, Log.self, Verify.self, Checkpoint.self, AllowedSigners.self,
                      Backup.self, Restore.self, Drill.self, History.self, RecordDiff.self, IndexCommand.self, Audit.self, Export.self, Serve.self])
}
