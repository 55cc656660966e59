/// What the app reads in an org plugin, as data: the checks consult these tables and
/// know no names of their own. Sources: the vendor's org-plugin notes
/// (reference/cowork-3p/NOTES.md) and the plugin format the vendor documents for
/// Claude Code plugins; docs/policy.md says where the app's reading is uncertain.
enum PluginTables {
    /// How a `plugin.json` field may be shaped.
    enum FieldShape {
        case string
        case stringList
        /// A string, or an object (`author`, `repository`).
        case stringOrObject
        /// One of a fixed set of strings.
        case choice([String])
        /// Relative paths inside the plugin: a string or a list of strings.
        case paths
        /// Paths to JSON files, or the configuration inline as an object.
        case pathsOrObject
        /// Any JSON (fields the app passes on without a shape of its own).
        case any
    }

    /// `plugin.json` fields; only `name` is required.
    static let manifestFields: [String: FieldShape] = [
        "name": .string, "version": .string, "description": .string,
        "author": .stringOrObject, "homepage": .string, "repository": .stringOrObject, "license": .string,
        "keywords": .stringList, "$schema": .string,
        "installationPreference": .choice(installationPreferences),
        "commands": .paths, "agents": .paths, "skills": .paths, "outputStyles": .paths,
        "hooks": .pathsOrObject, "mcpServers": .pathsOrObject, "lspServers": .pathsOrObject,
        "userConfig": .any, "dependencies": .any,
    ]

    /// `installationPreference` in `plugin.json`; `available` is the default.
    static let installationPreferences = ["available", "auto_install", "required"]

    /// Hook events. A `hooks.json` naming another event is refused by the app's schema;
    /// newer app releases may know more (docs/policy.md).
    static let hookEvents: Set<String> = [
        "PreToolUse", "PostToolUse", "PostToolUseFailure", "PostToolBatch", "PermissionRequest", "PermissionDenied",
        "UserPromptSubmit", "UserPromptExpansion", "Notification", "Stop", "StopFailure",
        "SubagentStart", "SubagentStop", "TaskCreated", "TaskCompleted", "TeammateIdle",
        "SessionStart", "SessionEnd", "Setup", "PreCompact", "PostCompact",
        "InstructionsLoaded", "ConfigChange", "CwdChanged", "FileChanged", "WorktreeCreate", "WorktreeRemove",
        "Elicitation", "ElicitationResult",
    ]

    /// Hook handler types and the field each one needs.
    static let hookTypes: [String: String] = ["command": "command", "prompt": "prompt", "agent": "prompt", "http": "url"]

    /// MCP server transports an org plugin's `.mcp.json` may use, and the fields read for them.
    static let mcpTransports: Set<String> = ["http", "sse"]
    static let mcpServerFields: Set<String> = ["type", "url", "headers", "oauth"]

    /// Header names and object fields whose values are credentials.
    static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization", "x-api-key", "api-key", "cookie"]
    static let credentialFields: Set<String> = ["clientSecret", "apiKey", "token", "password", "secret"]
}
