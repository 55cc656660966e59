/// Reads the content of a CMS (PKCS #7) signed configuration profile — what macOS shows
/// as a "signed" .mobileconfig — and the signer's subject when a certificate names it.
/// The signature itself is not verified: only the embedded property list is returned.
///
/// The parser walks DER and the BER forms signing tools emit (indefinite lengths,
/// constructed OCTET STRINGs in chunks), bounded by the input: every length is checked
/// against the bytes left, nesting is capped, and nothing is allocated beyond the content.
struct SignedProfileReader {
    /// The outcome: the signed content, and the signer's subject when it could be read.
    struct Signed {
        var content: [UInt8]
        /// `CN=..., O=...` of the certificate that signed, nil when none could be matched.
        var signer: String?
    }

    enum Failure: Error, Equatable {
        /// Not CMS SignedData at all (a different file that starts like DER).
        case notSignedData
        /// The structure is cut short or inconsistent.
        case malformed(String)
        /// SignedData without embedded content (a detached signature).
        case detached
    }

    static let maxDepth = 32
    static let signedDataOID: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02]

    /// True when the bytes start like a DER/BER SEQUENCE holding the SignedData OID: the
    /// cheap test before a full read.
    static func looksSigned(_ bytes: [UInt8]) -> Bool {
        guard bytes.count > 16, bytes[0] == 0x30 else { return false }
        let head = Array(bytes.prefix(32))
        return head.indices.contains { i in head[i...].starts(with: [0x06, 0x09] + signedDataOID) }
    }

    func read(_ bytes: [UInt8]) throws(Failure) -> Signed {
        let reader = DERReader(bytes: bytes)
        let contentInfo = try reader.element(at: 0, depth: 0)
        guard contentInfo.tag == 0x30 else { throw .notSignedData }
        let info = try reader.children(of: contentInfo, depth: 1)
        guard info.count >= 2, info[0].tag == 0x06, reader.value(info[0]) == Self.signedDataOID, info[1].tag == 0xA0 else { throw .notSignedData }
        guard let signedData = try reader.children(of: info[1], depth: 2).first, signedData.tag == 0x30 else {
            throw .malformed("no SignedData inside the [0] wrapper")
        }
        let fields = try reader.children(of: signedData, depth: 3)
        // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
        guard fields.count >= 4, fields[2].tag == 0x30 else { throw .malformed("SignedData lacks encapsulated content") }
        let encap = try reader.children(of: fields[2], depth: 4)
        guard encap.count >= 2, encap[1].tag == 0xA0 else { throw .detached }
        guard let octets = try reader.children(of: encap[1], depth: 5).first else { throw .detached }
        let content = try reader.octets(octets, depth: 6)
        let certificates = fields.first { $0.tag == 0xA0 }.map { (try? reader.children(of: $0, depth: 4)) ?? [] } ?? []
        let signerInfos = fields.last.flatMap { $0.tag == 0x31 ? (try? reader.children(of: $0, depth: 4)) : nil } ?? []
        return Signed(content: content, signer: signer(reader, certificates: certificates, signerInfos: signerInfos))
    }

    /// The subject of the certificate whose issuer and serial number the first SignerInfo
    /// names; with a single certificate and a subject-key-identifier signer, that one.
    func signer(_ reader: DERReader, certificates: [DERReader.Element], signerInfos: [DERReader.Element]) -> String? {
        guard let info = signerInfos.first, let fields = try? reader.children(of: info, depth: 5), fields.count >= 2 else { return nil }
        let sid = fields[1]
        var wanted: (issuer: [UInt8], serial: [UInt8])?
        if sid.tag == 0x30, let parts = try? reader.children(of: sid, depth: 6), parts.count == 2 {
            wanted = (reader.raw(parts[0]), reader.value(parts[1]))
        }
        for certificate in certificates {
            guard let tbs = (try? reader.children(of: certificate, depth: 5))?.first,
                  var parts = try? reader.children(of: tbs, depth: 6) else { continue }
            if parts.first?.tag == 0xA0 { parts.removeFirst() }  // explicit version
            // serialNumber, signature, issuer, validity, subject
            guard parts.count >= 5 else { continue }
            if let wanted, reader.value(parts[0]) != wanted.serial || reader.raw(parts[2]) != wanted.issuer { continue }
            if wanted == nil && certificates.count != 1 { return nil }
            return DistinguishedName(reader: reader).render(parts[4])
        }
        return nil
    }
}
