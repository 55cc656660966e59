import Foundation

// Build-time tool of the EmbedFilesPlugin: writes a Swift file holding every regular file
// below the given roots as base64 string literals (string literals compile fast; large
// array literals of bytes do not).
//
// usage: EmbedFilesTool OUTPUT PACKAGE_DIR ROOT...

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: EmbedFilesTool OUTPUT PACKAGE_DIR ROOT...\n".utf8))
    exit(2)
}
let output = URL(fileURLWithPath: arguments[1])
let package = URL(fileURLWithPath: arguments[2]).standardizedFileURL
var entries: [(path: String, data: Data)] = []
for root in arguments.dropFirst(3) {
    let base = package.appendingPathComponent(root).standardizedFileURL
    guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else {
        FileHandle.standardError.write(Data("error: \(base.path) is not a directory\n".utf8))
        exit(1)
    }
    for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
        let full = url.standardizedFileURL.path
        guard full.hasPrefix(base.path + "/") else { continue }
        let relative = root + "/" + full.dropFirst(base.path.count + 1)
        // Editor and OS litter never ships.
        if url.lastPathComponent == ".DS_Store" || url.lastPathComponent.hasSuffix("~") { continue }
        guard let data = FileManager.default.contents(atPath: full) else {
            FileHandle.standardError.write(Data("error: cannot read \(full)\n".utf8))
            exit(1)
        }
        entries.append((relative, data))
    }
}
entries.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }

var text = "// Generated at build time by EmbedFilesTool from embedded-roots.txt. Do not edit.\n\n"
text += "extension BundledFiles {\n"
text += "    /// Package-relative path and base64 contents of every embedded file, sorted by path.\n"
text += "    static let encoded: [(path: String, base64: String)] = [\n"
for entry in entries {
    let path = entry.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    text += "        (\"\(path)\", \"\(entry.data.base64EncodedString())\"),\n"
}
text += "    ]\n}\n"
do {
    // Unchanged output keeps the target from recompiling.
    if FileManager.default.contents(atPath: output.path) != Data(text.utf8) {
        try Data(text.utf8).write(to: output, options: .atomic)
    }
} catch {
    FileHandle.standardError.write(Data("error: cannot write \(output.path): \(error)\n".utf8))
    exit(1)
}
