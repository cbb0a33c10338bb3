import Foundation
import PackagePlugin

/// Compiles the package's top-level data folders into the targets that read them, so that the
/// binary carries exactly the schemas and templates it was built with and never looks for files
/// at run time: `Documents` gets `schemas/`, `SOPRender` gets the files of `templates/`, `WebApp` those of
/// `templates/web/`.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let folders = ["Documents": "schemas", "SOPRender": "templates", "WebApp": "templates/web"]
        guard let folder = folders[target.name] else { return [] }
        let directory = context.package.directoryURL.appending(path: folder)
        let inputs = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") && (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) != true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(folder)/ into \(target.name)",
                executable: try context.tool(named: "embed-files").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs + [directory],
                outputFiles: [output])
        ]
    }
}
