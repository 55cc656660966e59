import Foundation
import Documents
import Diagnostics
import Packaging
import OpenCowork

/// Where a catalog comes from.
public enum CatalogSource: Hashable, Sendable {
    /// Fetched over HTTP (a descriptor's `dynamicCatalog`, a gateway, or `--catalog P=URL`).
    case http(url: String, spec: CatalogSpec)
    /// A snapshot file on disk (`--catalog P=FILE`), same shapes as the live body.
    case file(path: String, spec: CatalogSpec)
}

/// A catalog the audit used, with what the report lists about it.
public struct LoadedCatalog: Sendable {
    public enum Origin: String, Sendable { case live, cache, file }

    public var provider: String
    /// The URL (query removed) or the file path.
    public var source: String
    public var origin: Origin
    /// SHA-256 of the body the catalog was parsed from.
    public var sha256: String
    public var body: [UInt8]
    public var catalog: Catalog
}

/// Loads catalogs from files, the network and the on-disk cache, turning every
/// failure into a finding. Nothing here reads the clock or the environment directly.
public struct CatalogLoader: Sendable {
    public var fetcher: any CatalogFetcher
    public var cache: CatalogCache?
    public var offline: Bool
    /// Values for `{env:NAME}` in `authHeader`, used only to build the request.
    public var environment: [String: String]
    /// Names `authHeader` may resolve (the config's `allowedEnvPlaceholders`); nil
    /// allows none. A name `check` reports as not allowlisted must not leave the machine.
    public var allowedNames: Set<String>?
    public var now: @Sendable () -> Date

    public init(fetcher: any CatalogFetcher, cache: CatalogCache?, offline: Bool = false,
                environment: [String: String] = [:], allowedNames: Set<String>? = nil,
                now: @escaping @Sendable () -> Date) {
        self.fetcher = fetcher
        self.cache = cache
        self.offline = offline
        self.environment = environment
        self.allowedNames = allowedNames
        self.now = now
    }

    /// What went wrong, before it is given a severity by the caller's context.
    public struct Failure: Error, Sendable { public var message: String; public var hint: String? }

    /// Loads one catalog. `notes` receives informational findings (cache fallbacks,
    /// unset auth variables); a failure means no catalog at all.
    public func load(provider: String, from source: CatalogSource, notes: inout [Finding]) -> Result<LoadedCatalog, Failure> {
        switch source {
        case .file(let path, let spec): return loadFile(provider: provider, path: path, spec: spec)
        case .http(let url, let spec): return loadHTTP(provider: provider, text: url, spec: spec, notes: &notes)
        }
    }

    func loadFile(provider: String, path: String, spec: CatalogSpec) -> Result<LoadedCatalog, Failure> {
        let bytes: [UInt8]
        do throws(DocumentError) {
            bytes = try DocumentLoader.readFile(path: path, maxBytes: 512 << 20)
        } catch {
            return .failure(Failure(message: "cannot read catalog file \(path): \(error.message)", hint: nil))
        }
        return parse(provider: provider, source: path, origin: .file, body: bytes, spec: spec)
    }

    func loadHTTP(provider: String, text: String, spec: CatalogSpec, notes: inout [Finding]) -> Result<LoadedCatalog, Failure> {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
              url.host != nil else {
            return .failure(Failure(message: "catalog URL '\(text)' is not an http(s) URL", hint: nil))
        }
        let display = CatalogHTTPFetcher.display(url)
        guard BoundedHTTP.isAllowed(url) else {
            return .failure(Failure(message: "catalog URL \(display) uses plain http; catalogs are fetched over https only (http only on loopback)",
                                    hint: "use the https URL, or pass --catalog \(provider)=FILE"))
        }
        var headers = spec.headers
        if let template = spec.authHeader {
            switch resolvePlaceholders(template) {
            case .success(let value): headers["Authorization"] = value
            case .failure(let missing) where !missing.notAllowed.isEmpty:
                notes.append(Finding(.error, code: .modelCatalogAuthNotAllowed,
                                     message: "\(provider): authHeader names \(missing.notAllowed.joined(separator: ", ")), not listed in allowedEnvPlaceholders; fetching \(display) without it",
                                     hint: "list the variable in the config's allowedEnvPlaceholders if it is meant to be sent"))
            case .failure(let missing):
                notes.append(Finding(.warning, code: .modelCatalogAuthUnset,
                                     message: "\(provider): authHeader needs \(missing.names.joined(separator: ", ")), which is not set; fetching \(display) without it",
                                     hint: "export the variable in the audit's environment (CI secret)"))
            }
        }
        let authenticated = headers.keys.contains { ["authorization", "x-api-key"].contains($0.lowercased()) }
        let cached = cache?.read(url: url, authenticated: authenticated)
        let clock = now()

        if let cached {
            let ageMinutes = max(0, clock.timeIntervalSince(cached.fetchedAt) / 60)
            if offline || ageMinutes < spec.cacheTtlMinutes {
                if offline {
                    notes.append(Finding(.note, code: .modelCatalogCached,
                                         message: "\(provider): offline, using the catalog cached \(Self.describe(cached.fetchedAt)) (\(Int(ageMinutes)) minutes old) for \(display)"))
                }
                return parse(provider: provider, source: display, origin: .cache, body: cached.body, spec: spec)
            }
        }
        if offline {
            return .failure(Failure(message: "offline and no cached catalog for \(display)",
                                    hint: "run once online, or pass --catalog \(provider)=FILE (see --save-catalogs)"))
        }
        do throws(CatalogFetchError) {
            let request = CatalogRequest(url: url, headers: headers)
            let body: [UInt8]
            if let pagination = spec.pagination {
                body = try CatalogPager(fetcher: fetcher, pagination: pagination, arrayKey: spec.responsePath ?? "data").fetch(request)
            } else {
                body = try fetcher.fetch(request)
            }
            let result = parse(provider: provider, source: display, origin: .live, body: body, spec: spec)
            if case .success = result { cache?.write(url: url, authenticated: authenticated, body: body, fetchedAt: clock) }
            if case .failure = result, let cached { return fallback(provider, display, cached, "its answer is unusable", spec, &notes) }
            return result
        } catch {
            if let cached { return fallback(provider, display, cached, error.message, spec, &notes) }
            return .failure(Failure(message: error.message, hint: "check the URL and network, or pass --catalog \(provider)=FILE"))
        }
    }

    private func fallback(_ provider: String, _ display: String, _ cached: CatalogCache.Entry, _ reason: String,
                          _ spec: CatalogSpec, _ notes: inout [Finding]) -> Result<LoadedCatalog, Failure> {
        notes.append(Finding(.warning, code: .modelCatalogFetchFailed,
                             message: "\(provider): \(reason); using the cached catalog fetched \(Self.describe(cached.fetchedAt))",
                             hint: "re-run when \(display) is reachable to audit against the live list"))
        return parse(provider: provider, source: display, origin: .cache, body: cached.body, spec: spec)
    }

    func parse(provider: String, source: String, origin: LoadedCatalog.Origin, body: [UInt8],
               spec: CatalogSpec) -> Result<LoadedCatalog, Failure> {
        do throws(CatalogParseError) {
            let catalog = try CatalogParser(spec: spec).parse(body, provider: provider, file: source)
            return .success(LoadedCatalog(provider: provider, source: source, origin: origin,
                                          sha256: SHA256Digest.hex(of: body), body: body, catalog: catalog))
        } catch {
            return .failure(Failure(message: "catalog from \(source) is unusable: \(error.message)", hint: nil))
        }
    }

    struct MissingVariables: Error { var names: [String]; var notAllowed: [String] = [] }

    /// Replaces `{env:NAME}` from `environment`; unset, empty or not allowlisted names
    /// are reported (and nothing is resolved then).
    func resolvePlaceholders(_ template: String) -> Result<String, MissingVariables> {
        var output = "", missing: [String] = [], notAllowed: [String] = []
        var rest = Substring(template)
        while let open = rest.range(of: "{env:") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else { rest = rest[open.lowerBound...]; break }
            let name = String(rest[open.upperBound..<close])
            if !(allowedNames?.contains(name) ?? false) {
                notAllowed.append(name)
            } else if let value = environment[name], !value.isEmpty { output += value } else { missing.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        output += rest
        return missing.isEmpty && notAllowed.isEmpty ? .success(output) : .failure(MissingVariables(names: missing, notAllowed: notAllowed))
    }

    static func describe(_ date: Date) -> String {
        "on " + CatalogDate.day(fromEpochSeconds: Int64(max(0, date.timeIntervalSince1970)))
    }
}
