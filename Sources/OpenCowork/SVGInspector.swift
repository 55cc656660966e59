import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks an SVG logo for what a renderer must never be handed: script, event
/// handlers, external references and entity tricks. The app shows the logo inside its
/// own window, so an SVG is treated like active content, not like a picture.
///
/// Policy (documented in docs/findings.md):
/// - the document must parse as XML with an `svg` root element;
/// - no DOCTYPE with entity declarations (billion-laughs, external entities);
/// - no `script` or `foreignObject` element;
/// - no attribute named `on...` (event handlers);
/// - `href` / `xlink:href` may only point inside the document (`#id`) or embed a
///   raster image as `data:image/(png|jpeg|gif|webp)`; anything else (http, https,
///   file, relative paths, `javascript:`) is an external reference;
/// - `url(...)` in `style` attributes or `<style>` text follows the same rule, and
///   `@import` is refused.
public enum SVGInspector {
    public enum Problem: Hashable, Sendable {
        case notXML(String)
        case notSVGRoot(String)
        case entityDeclaration
        case script(String)
        case eventHandler(element: String, attribute: String)
        case externalReference(element: String, value: String)
    }

    public static func inspect(_ bytes: [UInt8]) -> [Problem] {
        let text = String(decoding: bytes, as: UTF8.self)
        // Refuse entity declarations before the parser gets a chance to expand them.
        if text.range(of: "<!ENTITY", options: .caseInsensitive) != nil { return [.entityDeclaration] }
        let delegate = Collector()
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        parser.delegate = delegate
        // libxml2 may recover from some errors; an unclosed element or a reported
        // error counts as malformed either way.
        let ok = parser.parse() && delegate.error == nil && delegate.stack.isEmpty
        var problems = delegate.problems
        if !ok {
            let reason = (delegate.error ?? parser.parserError).map { "\($0.localizedDescription)" }
                ?? (delegate.stack.last.map { "<\($0)> is never closed" } ?? "malformed XML")
            problems.insert(.notXML("line \(parser.lineNumber): \(reason)"), at: 0)
        } else if let root = delegate.root, localName(root).lowercased() != "svg" {
            problems.insert(.notSVGRoot(root), at: 0)
        } else if delegate.root == nil {
            problems.insert(.notXML("no root element"), at: 0)
        }
        var seen = Set<Problem>()
        return problems.filter { seen.insert($0).inserted }
    }

    static func localName(_ qualified: String) -> String {
        qualified.split(separator: ":").last.map(String.init) ?? qualified
    }

    /// True when a reference stays inside the file or embeds a raster image.
    static func isSafeReference(_ raw: String) -> Bool {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if value.hasPrefix("#") { return true }
        return ["png", "jpeg", "jpg", "gif", "webp"].contains { value.hasPrefix("data:image/\($0);") || value.hasPrefix("data:image/\($0),") }
    }

    /// The targets of every `url(...)` in CSS text, quotes removed.
    static func cssURLs(_ css: String) -> [String] {
        var out: [String] = []
        var rest = Substring(css)
        while let open = rest.range(of: "url(", options: .caseInsensitive) {
            guard let close = rest[open.upperBound...].firstIndex(of: ")") else { break }
            out.append(rest[open.upperBound..<close].trimmingCharacters(in: CharacterSet(charactersIn: " \t\n\r\"'")))
            rest = rest[rest.index(after: close)...]
        }
        return out
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var root: String?
        var problems: [Problem] = []
        var stack: [String] = []
        var styleText = ""
        var error: Error?

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if error == nil { error = parseError }
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            if root == nil { root = elementName }
            stack.append(elementName)
            let name = SVGInspector.localName(elementName).lowercased()
            if name == "script" || name == "foreignobject" { problems.append(.script(elementName)) }
            for (attribute, value) in attributes.sorted(by: { $0.key < $1.key }) {
                let local = SVGInspector.localName(attribute).lowercased()
                if local.hasPrefix("on") {
                    problems.append(.eventHandler(element: elementName, attribute: attribute))
                } else if local == "href", !SVGInspector.isSafeReference(value) {
                    problems.append(.externalReference(element: elementName, value: value))
                } else if local == "style" {
                    checkCSS(value, element: elementName)
                }
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if SVGInspector.localName(elementName).lowercased() == "style" {
                checkCSS(styleText, element: elementName)
                styleText = ""
            }
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let top = stack.last, SVGInspector.localName(top).lowercased() == "style" { styleText += string }
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            if let top = stack.last, SVGInspector.localName(top).lowercased() == "style" {
                styleText += String(decoding: CDATABlock, as: UTF8.self)
            }
        }

        func checkCSS(_ css: String, element: String) {
            if css.range(of: "@import", options: .caseInsensitive) != nil {
                problems.append(.externalReference(element: element, value: "@import"))
            }
            for target in SVGInspector.cssURLs(css) where !SVGInspector.isSafeReference(target) {
                problems.append(.externalReference(element: element, value: target))
            }
        }
    }
}
