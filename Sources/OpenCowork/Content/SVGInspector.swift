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
/// - `url(...)` in `style` attributes, `<style>` text and any other attribute
///   (`fill`, `filter`, `mask`...) follows the same rule after CSS escapes and comments
///   are decoded, and `@import` is refused;
/// - animation elements (`set`, `animate`...) that change an `href` are held to the
///   same rule for `to`/`from`/`by`/`values`, and a `javascript:` value anywhere is refused;
/// - no DOCTYPE naming an external DTD (SYSTEM/PUBLIC), no `xml-stylesheet` instruction.
public enum SVGInspector {
    public enum Problem: Hashable, Sendable {
        case notXML(String)
        case notSVGRoot(String)
        case entityDeclaration
        case script(String)
        case eventHandler(element: String, attribute: String)
        case externalReference(element: String, value: String)
        case externalDTD
    }

    public static func inspect(_ bytes: [UInt8]) -> [Problem] {
        if let refusal = encodingRefusal(bytes) { return [.notXML(refusal)] }
        let text = String(decoding: bytes, as: UTF8.self)
        // Refuse entity declarations before the parser gets a chance to expand them.
        if text.range(of: "<!ENTITY", options: .caseInsensitive) != nil { return [.entityDeclaration] }
        if let doctype = text.range(of: "<!DOCTYPE", options: .caseInsensitive) {
            let declaration = text[doctype.upperBound...].prefix { $0 != ">" && $0 != "[" }.uppercased()
            if declaration.contains("SYSTEM") || declaration.contains("PUBLIC") { return [.externalDTD] }
        }
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

    /// Why the bytes are not handed to the XML parser at all, if they are not. Foundation's
    /// `XMLParser` on Linux traps (force-unwrap) when libxml2 passes it an element,
    /// attribute or processing-instruction name that is not valid UTF-8, and misbehaves
    /// on an empty document; so the parser only ever sees non-empty, NUL-free, valid
    /// UTF-8 that declares no other encoding (libxml2 would transcode from it).
    static func encodingRefusal(_ bytes: [UInt8]) -> String? {
        if bytes.isEmpty { return "the file is empty" }
        if let nul = bytes.firstIndex(of: 0) { return "NUL byte at offset \(nul); save the file as UTF-8 text" }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: break decoding
            case .error: return "not valid UTF-8 at byte offset \(offset); save the file as UTF-8"
            }
        }
        // The XML declaration, if any, sits at the very start (after an optional BOM).
        let head = String(decoding: bytes.prefix(200), as: UTF8.self)
        let start = head.hasPrefix("\u{FEFF}") ? head.dropFirst() : Substring(head)
        guard start.hasPrefix("<?xml"), let end = start.range(of: "?>") else { return nil }
        let declaration = start[..<end.lowerBound]
        guard let key = declaration.range(of: "encoding") else { return nil }
        let value = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" || $0 == "\"" || $0 == "'" }
            .prefix { $0 != "\"" && $0 != "'" && $0 != " " }.lowercased()
        return ["utf-8", "utf8", "us-ascii", "ascii"].contains(value)
            ? nil : "encoding '\(value)' is declared; only UTF-8 SVG files are read"
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

    /// CSS text with comments removed and escapes decoded (`\75 rl(` is `url(`), so
    /// that an escaped `url(` or `@import` cannot slip past the checks.
    static func decodeCSS(_ css: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(css.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if c == "/", i + 1 < scalars.count, scalars[i + 1] == "*" {
                i += 2
                while i + 1 < scalars.count, !(scalars[i] == "*" && scalars[i + 1] == "/") { i += 1 }
                i += 2
                continue
            }
            guard c == "\\", i + 1 < scalars.count else {
                out.append(c)
                i += 1
                continue
            }
            var hex = ""
            var j = i + 1
            while j < scalars.count, hex.count < 6, scalars[j].properties.isASCIIHexDigit {
                hex.unicodeScalars.append(scalars[j])
                j += 1
            }
            if hex.isEmpty {
                out.append(scalars[i + 1])
                i += 2
                continue
            }
            if j < scalars.count, scalars[j] == " " || scalars[j] == "\t" || scalars[j] == "\n" { j += 1 }
            out.append(UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init) ?? "\u{FFFD}")
            i = j
        }
        return String(out)
    }

    /// True when a value, stripped of whitespace and control characters, names the
    /// `javascript:` scheme anywhere.
    static func mentionsJavaScript(_ value: String) -> Bool {
        let squeezed = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 }))
        return squeezed.range(of: "javascript:", options: .caseInsensitive) != nil
    }

    static let animationElements: Set<String> = ["set", "animate", "animatetransform", "animatemotion", "animatecolor"]

    /// The targets of every `url(...)` in CSS text, quotes removed.
    static func cssURLs(_ css: String) -> [String] {
        var out: [String] = []
        var rest = Substring(decodeCSS(css))
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
            let animatesHref = SVGInspector.animationElements.contains(name)
                && attributes["attributeName"].map { SVGInspector.localName($0).lowercased() == "href" } == true
            for (attribute, value) in attributes.sorted(by: { $0.key < $1.key }) {
                let local = SVGInspector.localName(attribute).lowercased()
                if local.hasPrefix("on") {
                    problems.append(.eventHandler(element: elementName, attribute: attribute))
                } else if local == "href", !SVGInspector.isSafeReference(value) {
                    problems.append(.externalReference(element: elementName, value: value))
                } else if animatesHref, ["to", "from", "by", "values"].contains(local),
                          let bad = value.split(separator: ";").map(String.init).first(where: { !SVGInspector.isSafeReference($0) }) {
                    problems.append(.externalReference(element: elementName, value: bad))
                } else if SVGInspector.mentionsJavaScript(value) {
                    problems.append(.externalReference(element: elementName, value: value))
                } else {
                    // `style`, and presentation attributes such as fill="url(...)".
                    checkCSS(value, element: elementName)
                }
            }
        }

        func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) {
            if target.lowercased() == "xml-stylesheet" {
                problems.append(.externalReference(element: "?xml-stylesheet", value: data ?? ""))
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
            if SVGInspector.decodeCSS(css).range(of: "@import", options: .caseInsensitive) != nil {
                problems.append(.externalReference(element: element, value: "@import"))
            }
            for target in SVGInspector.cssURLs(css) where !SVGInspector.isSafeReference(target) {
                problems.append(.externalReference(element: element, value: target))
            }
        }
    }
}
