import Foundation
import Documents

/// How a catalog endpoint pages its list, and the bounds on following it. The default is
/// the Anthropic `/v1/models` style a 3P gateway serves: each page says `has_more` and its
/// `last_id`, and the next page is asked for with `after_id=<last_id>`.
public struct CatalogPagination: Hashable, Sendable {
    public var hasMoreField = "has_more"
    public var cursorField = "last_id"
    public var cursorParameter = "after_id"
    /// Pages fetched at most; a longer list is an error, not a silently partial catalog.
    public var maxPages = 50
    /// Bytes over all pages together.
    public var maxTotalBytes = 64 << 20
    /// Seconds for all pages together, retries included.
    public var deadline: TimeInterval = 180

    public init() {}

    /// Anthropic-style pagination with the default bounds.
    public static let anthropic = CatalogPagination()
}

/// Follows a paginated catalog page by page. Bounded however the server behaves: a page
/// cap, a byte cap over all pages, one deadline for the whole walk, and a cursor seen
/// before stops it (a server repeating itself would otherwise loop). Any failure fails
/// the whole catalog: a partial list would report models as missing that are not.
struct CatalogPager {
    var fetcher: any CatalogFetcher
    var pagination: CatalogPagination
    /// The top-level key of each page holding the records.
    var arrayKey: String
    /// Seconds on a monotonic clock (tests pass their own).
    var uptime: @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime }

    /// One page is returned as served; several become one body in the first page's shape
    /// (records concatenated, `has_more` false), which is what the cache and
    /// `--save-catalogs` keep and what reads back as a snapshot.
    func fetch(_ first: CatalogRequest) throws(CatalogFetchError) -> [UInt8] {
        let start = uptime()
        let display = CatalogHTTPFetcher.display(first.url)
        var request = first
        var merged: JSONObject?
        var records: [JSONValue] = []
        var seen: Set<String> = []
        var total = 0
        for page in 1...max(1, pagination.maxPages) {
            let remaining = pagination.deadline - (uptime() - start)
            guard remaining > 0 else {
                throw CatalogFetchError("GET \(display): no complete list within \(Int(pagination.deadline)) s over \(page - 1) pages")
            }
            request.timeLimit = min(first.timeLimit ?? remaining, remaining)
            request.maxBytes = min(first.maxBytes ?? Int.max, pagination.maxTotalBytes - total)
            let body: [UInt8]
            do throws(CatalogFetchError) {
                body = try fetcher.fetch(request)
            } catch {
                if page == 1 { throw error }
                throw CatalogFetchError("page \(page) of \(display): \(error.message)", status: error.status)
            }
            total += body.count
            guard total <= pagination.maxTotalBytes else {
                throw CatalogFetchError("GET \(display): the pages exceed \(pagination.maxTotalBytes) bytes together (page \(page))")
            }
            let limits = DocumentLimits(maxBytes: max(pagination.maxTotalBytes, 1), maxDepth: 64)
            let object = try? JSONReader(limits: limits, recordsLocations: false).read(bytes: body).value.objectValue
            let more = object?[pagination.hasMoreField]?.boolValue == true
            // A single page, or one the catalog parser should judge, goes through as served.
            if page == 1 && !more { return body }
            guard let object, let items = object[arrayKey]?.arrayValue else {
                throw CatalogFetchError("page \(page) of \(display) is not a JSON object with a '\(arrayKey)' array")
            }
            records += items
            if merged == nil { merged = object }
            merged?[pagination.cursorField] = object[pagination.cursorField] ?? .null
            guard more else { break }
            guard let cursor = object[pagination.cursorField]?.stringValue, !cursor.isEmpty else {
                throw CatalogFetchError("page \(page) of \(display) says \(pagination.hasMoreField) but gives no \(pagination.cursorField)")
            }
            guard seen.insert(cursor).inserted else {
                throw CatalogFetchError("page \(page) of \(display) repeats the cursor '\(cursor)'; stopped rather than loop")
            }
            guard page < pagination.maxPages else {
                throw CatalogFetchError("GET \(display): more than \(pagination.maxPages) pages; the list is not read partially")
            }
            guard let next = Self.url(first.url, setting: pagination.cursorParameter, to: cursor) else {
                throw CatalogFetchError("page \(page) of \(display): cannot build the next page's URL")
            }
            request.url = next
        }
        var body = merged ?? JSONObject()
        body[arrayKey] = .array(records)
        body[pagination.hasMoreField] = .bool(false)
        return Array(JSONWriter().string(.object(body)).utf8)
    }

    /// `url` with the query parameter `name` set to `value` (percent-encoded, `+` too).
    static func url(_ url: URL, setting name: String, to value: String) -> URL? {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "+&=;#")
        guard let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) else { return nil }
        var items = (parts.percentEncodedQuery ?? "").split(separator: "&").map(String.init)
        items.removeAll { $0 == name || $0.hasPrefix(name + "=") }
        items.append("\(name)=\(encoded)")
        parts.percentEncodedQuery = items.joined(separator: "&")
        return parts.url
    }
}
