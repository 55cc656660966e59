/// The operating systems artifacts are staged for.
public enum Platform: String, Sendable, Hashable, CaseIterable, Codable {
    case macos, windows, linux
}
