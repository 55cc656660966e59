import Foundation
import Documents
import Packaging

/// Catalog bodies kept on disk between runs, keyed by the SHA-256 of the URL and of
/// whether the request was authenticated. Header values are never written: the key
/// says only that authentication was present.
public struct CatalogCache: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    /// `$XDG_CACHE_HOME/cowork-dist/catalogs`, else `~/.cache/cowork-dist/catalogs`.
    public static func defaultDirectory(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("cowork-dist/catalogs")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/cowork-dist/catalogs")
    }

    /// A cached body and when it was fetched.
    public struct Entry: Sendable {
        public var body: [UInt8]
        public var fetchedAt: Date
    }

    public static func key(url: URL, authenticated: Bool) -> String {
        SHA256Digest.hex(of: Array("\(url.absoluteString)\n\(authenticated ? "auth" : "anonymous")".utf8))
    }

    public func read(url: URL, authenticated: Bool) -> Entry? {
        let key = Self.key(url: url, authenticated: authenticated)
        guard let body = try? Data(contentsOf: bodyURL(key)),
              let metaBytes = try? Data(contentsOf: metaURL(key)),
              let meta = try? JSONReader(recordsLocations: false).read(bytes: Array(metaBytes)).value,
              let seconds = meta["fetchedAt"]?.numberValue?.doubleValue, seconds.isFinite,
              meta["sha256"]?.stringValue == SHA256Digest.hex(of: body)
        else { return nil }
        return Entry(body: Array(body), fetchedAt: Date(timeIntervalSince1970: seconds))
    }

    /// Stores a body; failures are ignored because the cache is only an optimisation.
    public func write(url: URL, authenticated: Bool, body: [UInt8], fetchedAt: Date) {
        let key = Self.key(url: url, authenticated: authenticated)
        let meta: JSONValue = [
            "url": .string(CatalogHTTPFetcher.display(url)),
            "fetchedAt": .number(JSONNumber(Int64(fetchedAt.timeIntervalSince1970.rounded(.down)))),
            "sha256": .string(SHA256Digest.hex(of: body)),
        ]
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(body).write(to: bodyURL(key), options: .atomic)
            try Data(JSONWriter().string(meta).utf8).write(to: metaURL(key), options: .atomic)
        } catch {
            return
        }
    }

    private func bodyURL(_ key: String) -> URL { directory.appendingPathComponent("\(key).json") }
    private func metaURL(_ key: String) -> URL { directory.appendingPathComponent("\(key).meta.json") }
}
