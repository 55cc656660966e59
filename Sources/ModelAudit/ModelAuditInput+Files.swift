import Foundation
import Documents
import Diagnostics
import ManagedPolicy

extension ModelAuditInput {
    /// A `--catalog PROVIDER=FILE|URL` argument split in two; nil when either side is empty
    /// or there is no `=`.
    public static func catalogArgument(_ text: String) -> (provider: String, location: String)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        let location = String(text[text.index(after: equals)...])
        return location.isEmpty ? nil : (String(text[..<equals]), location)
    }

    /// Reads an Open Cowork config file (JSON, JSONC or YAML) to audit, locating findings
    /// in it; returns the reader's warnings.
    public mutating func readConfig(path: String) throws(DocumentError) -> [Finding] {
        let document = try DocumentLoader().load(path: path)
        config = document.value
        locateInConfig = ModelAuditInput.locator(for: document)
        return document.warnings.map(Finding.init(warning:))
    }

    /// The policy as ManagedPolicy reads it (values decoded by the key registry). Its
    /// findings are kept only when it cannot be read at all; `policy check` reports the rest.
    public mutating func readPolicy(_ document: Document) throws -> [Finding] {
        let (read, findings) = try PolicyLoader.bundled().policy(from: document)
        policy = read
        return read == nil ? findings : []
    }

    /// The names `${NAME}` placeholders in catalog URLs may use: the config's
    /// `allowedEnvPlaceholders`.
    public var allowedPlaceholderNames: Set<String> {
        Set((config?["allowedEnvPlaceholders"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}

extension CatalogLoader {
    /// The loader `audit-models` uses: live HTTP (or nothing with `offline`) behind the
    /// on-disk cache in `cacheDirectory` (default: the XDG cache).
    public static func standard(offline: Bool, cacheDirectory: String?, environment: [String: String],
                                allowedNames: Set<String>) -> CatalogLoader {
        let cache = CatalogCache(directory: cacheDirectory.map { URL(fileURLWithPath: $0) }
            ?? CatalogCache.defaultDirectory(environment: environment))
        return CatalogLoader(fetcher: offline ? OfflineCatalogFetcher() : CatalogHTTPFetcher(), cache: cache,
                             offline: offline, environment: environment, allowedNames: allowedNames, now: { Date() })
    }
}
