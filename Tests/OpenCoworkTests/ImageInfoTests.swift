import Foundation
import Testing
@testable import OpenCowork

/// Tiny but real image files, built byte by byte.
enum TestImages {
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(data.count) + body + be32(Int(crc32(body)))
    }

    static func png(width: Int, height: Int) -> [UInt8] {
        let ihdr = be32(width) + be32(height) + [8, 6, 0, 0, 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", ihdr) + chunk("IEND", [])
    }

    static func gif(width: Int, height: Int) -> [UInt8] {
        Array("GIF89a".utf8) + le16(width) + le16(height) + [0x00, 0x00, 0x00] + [0x3B]
    }

    static func jpeg(width: Int, height: Int) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        let sof: [UInt8] = [0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF),
                            0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        return [0xFF, 0xD8] + app0 + sof + [0xFF, 0xD9]
    }

    /// Lossless WebP: the VP8L header packs width-1 and height-1 in 14 bits each.
    static func webp(width: Int, height: Int) -> [UInt8] {
        let bits = (width - 1) | (height - 1) << 14
        let vp8l: [UInt8] = [0x2F] + le32(bits) + [0x00]
        let body = Array("WEBP".utf8) + Array("VP8L".utf8) + le32(vp8l.count) + vp8l
        return Array("RIFF".utf8) + le32(body.count) + body
    }
}

@Suite struct ImageInfoTests {
    @Test func readsRasterSizes() {
        #expect(ImageInfo.sniff(TestImages.png(width: 120, height: 40)) == ImageInfo(format: .png, width: 120, height: 40))
        #expect(ImageInfo.sniff(TestImages.gif(width: 64, height: 65)) == ImageInfo(format: .gif, width: 64, height: 65))
        #expect(ImageInfo.sniff(TestImages.jpeg(width: 300, height: 200)) == ImageInfo(format: .jpeg, width: 300, height: 200))
        #expect(ImageInfo.sniff(TestImages.webp(width: 500, height: 16)) == ImageInfo(format: .webp, width: 500, height: 16))
    }

    @Test func recognisesSVGAndRejectsText() {
        #expect(ImageInfo.sniff(Array("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8))?.format == .svg)
        #expect(ImageInfo.sniff(Array("hello".utf8)) == nil)
        #expect(ImageInfo.sniff([]) == nil)
    }

    @Test func truncatedHeadersDoNotCrash() {
        for image in [TestImages.png(width: 9, height: 9), TestImages.jpeg(width: 9, height: 9), TestImages.webp(width: 9, height: 9)] {
            for length in 0..<image.count { _ = ImageInfo.sniff(Array(image.prefix(length))) }
        }
    }
}
