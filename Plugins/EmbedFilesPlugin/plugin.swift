import Foundation
import PackagePlugin

/// Compiles data files into the target that uses this plugin, so the installed binary needs
/// no resource bundle and no template directory at run time.
///
/// The folders to embed are listed, one package-relative path a line, in the target's
/// `embedded-roots.txt`. Every regular file below them is an input of the build command,
/// and the list is taken afresh on every build, so a file added to a folder later is
/// embedded without touching this plugin or Package.swift.
@main
struct EmbedFilesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let package = context.package.directoryURL
        // Target.directoryURL needs tools 6.1; targets here follow the Sources/<name> layout.
        let rootsFile = package.appendingPathComponent("Sources/\(target.name)/embedded-roots.txt")
        let rootsText = try String(contentsOf: rootsFile, encoding: .utf8)
        let roots = rootsText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        var inputs = [rootsFile]
        for root in roots {
            let base = package.appendingPathComponent(root)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
                throw EmbedError(message: "embedded-roots.txt names \(root), which is not a directory")
            }
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedFiles.generated.swift")
        return [.buildCommand(
            displayName: "Embedding \(inputs.count - 1) files into \(target.name)",
            executable: try context.tool(named: "EmbedFilesTool").url,
            arguments: [output.path, package.path] + roots,
            inputFiles: inputs,
            outputFiles: [output])]
    }
}

struct EmbedError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
