import Foundation

extension DistributionTemplate {
    /// `init NAME`: the name (checked before any lookup or file access), the templates
    /// (`$COWORK_DIST_TEMPLATES` in `environment`, else the built-in ones), then `write`.
    /// `directory` is where to create it, shown as given.
    public static func create(name: String, kind: Kind, upstream: String?, directory: String,
                              environment: [String: String]) throws -> Written {
        if let problem = problem(withName: name) { throw DistributionTemplateError.invalidName(problem) }
        let source = try DistributionTemplateLocator.locate(environment: environment)
        let choice: UpstreamChoice = upstream.map { .path(URL(fileURLWithPath: $0)) } ?? .bundled
        return try DistributionTemplate(source: source).write(name: name, kind: kind, upstream: choice,
                                                              to: URL(fileURLWithPath: directory))
    }

    /// `init path/to/acme`: the name is the last component, the directory the whole path
    /// (unless `directory` names it).
    public static func nameAndDirectory(_ argument: String, directory: String?) -> (name: String, directory: String) {
        let trimmed = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
        guard trimmed.contains("/") else { return (trimmed, directory ?? trimmed) }
        return ((trimmed as NSString).lastPathComponent, directory ?? trimmed)
    }
}

extension DistributionTemplate.Written {
    /// What `init` says when done: the directory as the user named it, and the next steps.
    public func summary(shown: String, kind: DistributionTemplate.Kind) -> String {
        var text = "created \(shown) (\(kind.rawValue)), \(files.count) files\n"
        if let upstreamPath { text += "  upstream: \(upstreamPath)\n" }
        return text + "next:\n  cowork-dist check \(shown)\n  cowork-dist build \(shown)\n"
    }
}
