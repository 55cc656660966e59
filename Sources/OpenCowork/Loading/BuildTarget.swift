/// Which system a build produces artifacts for: the `targets:` of distribution.yaml.
public enum BuildTarget: String, Sendable, CaseIterable {
    /// Open Cowork desktop: downstream-root archives and per-platform install trees.
    case desktop
    /// Cowork on 3P: managed-preference files and org-plugin archives.
    case claude3p = "claude-3p"
}
