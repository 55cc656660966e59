import Diagnostics
import Documents
import Foundation

/// Branding images (SPEC §5): every reason the app would silently drop a logo becomes
/// a finding, then the file itself is checked (format, size, SVG safety, resolution),
/// and the sidebar variant is checked against the asset.
public enum BrandingAssetRules {
    /// Larger files are refused: a sidebar logo has no business being bigger.
    public static let maxBytes = 2 << 20
    /// Raster images should have this many pixels per CSS pixel of `mediaSize` (retina).
    public static let pixelDensity = 2
    public static let defaultMediaSize = 28
    /// Bound applied to `mediaSize` before any arithmetic on it.
    public static let maxMediaSize = 1 << 20
    /// Smallest raster app icon that still looks sharp in a dock or taskbar.
    public static let minimumAppIconPixels = 256

    static let logoVariants = ["logo", "logo-text"]
    static let nonLogoVariants = ["icon", "text", "icon-text"]

    public static func check(_ c: RulesContext) -> [Finding] {
        var out: [Finding] = []
        let top: JSONPointer = "/branding/sidebar/top"
        // mediaSize comes from the config: clamp it before doubling (a value near Int.max
        // trapped); no raster image is larger than maxMediaSize, so nothing is lost.
        let mediaSize = min(max(c.value(top / "mediaSize")?.numberValue?.intValue ?? defaultMediaSize, 0), maxMediaSize)
        let fit = c.string(top / "mediaFit")
        if c.value(top / "logoAsset") != nil {
            out += asset(c, at: top / "logoAsset", minimumPixels: mediaSize * pixelDensity, fit: fit)
        }
        if c.value("/branding/appIcon") != nil {
            out += asset(c, at: "/branding/appIcon", minimumPixels: minimumAppIconPixels, fit: nil)
        }
        out += variant(c, top: top)
        return out
    }

    /// Logo-backed variants need an asset; an asset on a non-logo variant is never shown.
    static func variant(_ c: RulesContext, top: JSONPointer) -> [Finding] {
        var out: [Finding] = []
        let variant = c.string(top / "variant")
        // Any logoAsset value counts: a bad one already has its own finding.
        let hasAsset = c.value(top / "logoAsset") != nil
        let hasDataURL = c.value(top / "logoDataUrl") != nil
        if let variant, logoVariants.contains(variant), !hasAsset, !hasDataURL {
            out.append(c.finding(.error, .brandingLogoMissing, "sidebar variant '\(variant)' needs branding.sidebar.top.logoAsset",
                at: top / "variant", hint: "set logoAsset to an image under branding/, or use variant 'icon-text'"))
        }
        if let variant, nonLogoVariants.contains(variant), hasAsset {
            out.append(c.finding(.warning, .brandingLogoUnused, "logoAsset is set but sidebar variant '\(variant)' does not show a logo",
                at: top / "logoAsset", hint: "use variant 'logo' or 'logo-text', or drop logoAsset"))
        }
        if hasDataURL {
            out.append(c.finding(.warning, .brandingLogoDataUrl, "logoDataUrl is deprecated",
                at: top / "logoDataUrl", hint: "ship the image under branding/ and reference it with logoAsset"))
        }
        return out
    }

    static func asset(_ c: RulesContext, at pointer: JSONPointer, minimumPixels: Int, fit: String?) -> [Finding] {
        let field = c.dotted(pointer)
        guard let raw = c.string(pointer) else { return [] } // the schema reports the type
        let relative: String
        switch BrandingAssetPath.normalise(raw) {
        case .success(let path): relative = path
        case .failure(let problem): return [pathFinding(c, problem, raw: raw, field: field, at: pointer)]
        }
        switch BrandingAssetPath.resolve(relative, roots: c.brandingRoots) {
        case .missing:
            let searched = c.brandingRoots.map(\.path).joined(separator: ", ")
            return [c.finding(.error, .brandingAssetMissing, "\(field) '\(raw)' does not exist in any branding root (\(searched.isEmpty ? "none configured" : searched))",
                at: pointer, hint: "add the file as branding/\(relative) in the distribution, or fix the path")]
        case .escapesRoot(let url):
            return [c.finding(.error, .brandingAssetEscapesRoot, "\(field) '\(raw)' resolves (through a symlink) outside its branding root, or is a dangling link: \(url.path)",
                at: pointer, hint: "copy the image into the branding directory instead of linking to it")]
        case .notRegularFile(let url):
            return [c.finding(.error, .brandingAssetNotFile, "\(field) '\(raw)' is not a regular file: \(url.path)",
                at: pointer, hint: "point at an image file, not a directory or device")]
        case .file(let url):
            return content(c, url: url, raw: raw, relative: relative, at: pointer, minimumPixels: minimumPixels, fit: fit)
        }
    }

    static func pathFinding(_ c: RulesContext, _ problem: BrandingAssetPath.Problem, raw: String, field: String, at pointer: JSONPointer) -> Finding {
        switch problem {
        case .empty:
            return c.finding(.error, .brandingAssetEmpty, "\(field) is empty", at: pointer, hint: "name an image under branding/, or remove the field")
        case .tooLong:
            return c.finding(.error, .brandingAssetTooLong, "\(field) is longer than \(BrandingAssetPath.maxLength) characters", at: pointer)
        case .urlScheme:
            return c.finding(.error, .brandingAssetUrl, "\(field) '\(raw)' is a URL; the app only loads images shipped under branding/",
                at: pointer, hint: "download the image into the distribution's branding/ directory and reference it relatively")
        case .absolute:
            return c.finding(.error, .brandingAssetAbsolute, "\(field) '\(raw)' is an absolute path", at: pointer,
                hint: "use a path relative to branding/, e.g. 'branding/logo.svg'")
        case .traversal:
            return c.finding(.error, .brandingAssetTraversal, "\(field) '\(raw)' contains a '..' segment", at: pointer,
                hint: "keep branding images inside the branding/ directory")
        case .badExtension(let ext):
            return c.finding(.error, .brandingAssetExtension, "\(field) '\(raw)' has extension '\(ext)'; allowed: \(BrandingAssetPath.extensions.joined(separator: ", "))",
                at: pointer, hint: "convert the image to SVG or PNG")
        }
    }

    static func content(_ c: RulesContext, url: URL, raw: String, relative: String, at pointer: JSONPointer,
                        minimumPixels: Int, fit: String?) -> [Finding] {
        let field = c.dotted(pointer)
        let bytes: [UInt8]
        do { bytes = try SafeFile.read(path: url.path, maxBytes: maxBytes) } catch {
            if error.code == .documentTooLarge {
                return [c.finding(.error, .brandingAssetTooLarge, "\(field) '\(raw)': \(error.message)",
                    at: pointer, hint: "optimise or downscale the image")]
            }
            return [c.finding(.error, .brandingAssetUnreadable, "\(field) '\(raw)' cannot be read: \(error.message)", at: pointer)]
        }
        let ext = (relative as NSString).pathExtension.lowercased()
        let expected = ImageInfo.expectedFormat(forExtension: ext)
        let info = ImageInfo.sniff(bytes)
        guard let info, info.format == expected else {
            let found = info.map { "\($0.format.rawValue) data" } ?? "no recognisable image data"
            return [c.finding(.error, .brandingAssetContentMismatch, "\(field) '\(raw)' has extension .\(ext) but contains \(found)",
                at: pointer, hint: "re-export the image in the format its extension names")]
        }
        if info.format == .svg { return svg(c, bytes: bytes, raw: raw, field: field, at: pointer) }
        guard let width = info.width, let height = info.height, width > 0, height > 0 else {
            return [c.finding(.error, .brandingAssetContentMismatch, "\(field) '\(raw)' has a \(info.format.rawValue) signature but no readable size header",
                at: pointer, hint: "re-export the image; the file looks truncated")]
        }
        // The edge that mediaFit fixes is the one that must be sharp.
        let edge = fit == "vertical" ? height : fit == "horizontal" ? width : min(width, height)
        if edge < minimumPixels {
            return [c.finding(.warning, .brandingAssetLowResolution,
                "\(field) '\(raw)' is \(width)x\(height) px; at least \(minimumPixels) px are needed to stay sharp on high-density displays",
                at: pointer, hint: "export a larger image, or use SVG")]
        }
        return []
    }

    static func svg(_ c: RulesContext, bytes: [UInt8], raw: String, field: String, at pointer: JSONPointer) -> [Finding] {
        SVGInspector.inspect(bytes).map { problem in
            switch problem {
            case .notXML(let reason):
                return c.finding(.error, .brandingSvgInvalid, "\(field) '\(raw)' is not well-formed XML (\(reason))", at: pointer)
            case .notSVGRoot(let root):
                return c.finding(.error, .brandingSvgInvalid, "\(field) '\(raw)' has root element <\(root)>, not <svg>", at: pointer)
            case .entityDeclaration:
                return c.finding(.error, .brandingSvgEntity, "\(field) '\(raw)' declares XML entities", at: pointer,
                    hint: "remove the DOCTYPE; logos need no entities")
            case .script(let element):
                return c.finding(.error, .brandingSvgScript, "\(field) '\(raw)' contains a <\(element)> element", at: pointer,
                    hint: "remove scripts and foreignObject; a logo must be static")
            case .eventHandler(let element, let attribute):
                return c.finding(.error, .brandingSvgEventHandler, "\(field) '\(raw)' has event handler \(attribute) on <\(element)>", at: pointer,
                    hint: "remove on* attributes")
            case .externalReference(let element, let value):
                return c.finding(.error, .brandingSvgExternalRef, "\(field) '\(raw)' references '\(value)' from <\(element)>", at: pointer,
                    hint: "inline the resource; only #fragment and data:image/(png|jpeg|gif|webp) references are allowed")
            case .externalDTD:
                return c.finding(.error, .brandingSvgExternalDtd, "\(field) '\(raw)' names an external DTD in its DOCTYPE", at: pointer,
                    hint: "remove the DOCTYPE; an SVG logo needs none")
            }
        }
    }
}
