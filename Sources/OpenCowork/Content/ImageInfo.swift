import Foundation

/// What the bytes of an image file say about it: its format and, for raster formats,
/// its pixel size. Read from the headers only (no decoding), so hostile files cost
/// nothing and a file renamed to the wrong extension is caught.
public struct ImageInfo: Equatable, Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case png, jpeg, gif, webp, svg
    }

    public var format: Format
    /// Pixel size; nil for SVG or when the header does not say.
    public var width: Int?
    public var height: Int?

    public init(format: Format, width: Int? = nil, height: Int? = nil) {
        self.format = format
        self.width = width
        self.height = height
    }

    /// The format an extension promises (`jpg` and `jpeg` are the same).
    public static func expectedFormat(forExtension ext: String) -> Format? {
        switch ext.lowercased() {
        case "png": return .png
        case "jpg", "jpeg": return .jpeg
        case "gif": return .gif
        case "webp": return .webp
        case "svg": return .svg
        default: return nil
        }
    }

    /// Sniffs the bytes. SVG is recognised loosely (text mentioning `<svg`); the SVG
    /// inspector then checks it properly.
    public static func sniff(_ bytes: [UInt8]) -> ImageInfo? {
        if let png = png(bytes) { return png }
        if let gif = gif(bytes) { return gif }
        if let jpeg = jpeg(bytes) { return jpeg }
        if let webp = webp(bytes) { return webp }
        if looksLikeSVG(bytes) { return ImageInfo(format: .svg) }
        return nil
    }

    static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func le24(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 }
    static func be32(_ b: [UInt8], _ i: Int) -> Int { be16(b, i) << 16 | be16(b, i + 2) }

    /// PNG: 8-byte signature, then the IHDR chunk (width, height as big-endian u32).
    static func png(_ b: [UInt8]) -> ImageInfo? {
        guard b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        guard b.count >= 24, Array(b[12..<16]) == Array("IHDR".utf8) else { return ImageInfo(format: .png) }
        return ImageInfo(format: .png, width: be32(b, 16), height: be32(b, 20))
    }

    /// GIF: `GIF87a`/`GIF89a`, then the logical screen size (little-endian u16).
    static func gif(_ b: [UInt8]) -> ImageInfo? {
        guard b.starts(with: Array("GIF87a".utf8)) || b.starts(with: Array("GIF89a".utf8)) else { return nil }
        guard b.count >= 10 else { return ImageInfo(format: .gif) }
        return ImageInfo(format: .gif, width: le16(b, 6), height: le16(b, 8))
    }

    /// JPEG: SOI, then markers until a start-of-frame (SOF0..SOF15 except DHT, JPG, DAC)
    /// whose body holds precision, height, width.
    static func jpeg(_ b: [UInt8]) -> ImageInfo? {
        guard b.count >= 3, b[0] == 0xFF, b[1] == 0xD8, b[2] == 0xFF else { return nil }
        var i = 2
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { break }
            let marker = b[i + 1]
            if marker == 0xFF { i += 1; continue } // fill byte
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = be16(b, i + 2)
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard i + 9 <= b.count else { break }
                return ImageInfo(format: .jpeg, width: be16(b, i + 7), height: be16(b, i + 5))
            }
            if marker == 0xDA || marker == 0xD9 || length < 2 { break }
            i += 2 + length
        }
        return ImageInfo(format: .jpeg)
    }

    /// WebP: RIFF container with a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk.
    static func webp(_ b: [UInt8]) -> ImageInfo? {
        guard b.count >= 16, b.starts(with: Array("RIFF".utf8)), Array(b[8..<12]) == Array("WEBP".utf8) else { return nil }
        let chunk = String(decoding: b[12..<16], as: UTF8.self)
        switch chunk {
        case "VP8 " where b.count >= 30 && b[23] == 0x9D && b[24] == 0x01 && b[25] == 0x2A:
            return ImageInfo(format: .webp, width: le16(b, 26) & 0x3FFF, height: le16(b, 28) & 0x3FFF)
        case "VP8L" where b.count >= 25 && b[20] == 0x2F:
            let bits = Int(b[21]) | Int(b[22]) << 8 | Int(b[23]) << 16 | Int(b[24]) << 24
            return ImageInfo(format: .webp, width: (bits & 0x3FFF) + 1, height: ((bits >> 14) & 0x3FFF) + 1)
        case "VP8X" where b.count >= 30:
            return ImageInfo(format: .webp, width: le24(b, 24) + 1, height: le24(b, 27) + 1)
        default:
            return ImageInfo(format: .webp)
        }
    }

    static func looksLikeSVG(_ b: [UInt8]) -> Bool {
        let head = String(decoding: b.prefix(4096), as: UTF8.self).lowercased()
        return head.contains("<svg")
    }
}
