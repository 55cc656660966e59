import Diagnostics
import Documents
import Foundation
import Testing
import TestSupport
@testable import OpenCowork

/// SVG safety gaps, secret shapes and redaction, and arithmetic on config numbers.
@Suite struct OpenCoworkRobustnessTests {
    static let head = ##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">"##

    @Test(arguments: [
        head + ##"<a><set attributeName="href" to="javascript:alert(1)"/></a></svg>"##,
        head + ##"<a><animate attributeName="xlink:href" values="#a;https://evil.example/x"/></a></svg>"##,
        ##"<?xml-stylesheet href="https://evil.example/s.css"?>"## + head + "</svg>",
        ##"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">"## + head + "</svg>",
        head + ##"<style>rect { fill: \75 rl(https://evil.example/f) }</style></svg>"##,
        head + ##"<style>@\69mport "https://evil.example/s.css";</style></svg>"##,
        head + ##"<rect fill="url(https://evil.example/p.svg#g)"/></svg>"##,
        head + ##"<rect filter="url('http://evil.example/f.svg#f')"/></svg>"##,
        head + ##"<a href="java&#x09;script:alert(1)"><rect/></a></svg>"##,
    ])
    func unsafeSVGs(_ text: String) {
        #expect(!SVGInspector.inspect(Array(text.utf8)).isEmpty, "\(text)")
    }

    @Test(arguments: [
        head + ##"<rect fill="url(#g)"/><a xlink:href="#x"><set attributeName="href" to="#y"/></a></svg>"##,
        head + ##"<style>rect { fill: url("#g") } /* url(https://x) is a comment */</style></svg>"##,
    ])
    func safeSVGs(_ text: String) {
        #expect(SVGInspector.inspect(Array(text.utf8)).isEmpty, "\(text)")
    }

    // Assembled at run time so the repository holds no credential-shaped literal.
    static let google = "AIza" + "SyD4k3Jx9Qw7Lm2Np4Rt6Vb8Zc1Xe5Gh0Ij"
    static let stripe = "sk_" + "live_" + "51Hq8kL2mN4pR6tV8xZ0bC2dF4"
    static let npm = "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
    static let awsSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzEXAMPLEKE"

    @Test(arguments: [google, stripe, npm, "https://admin:hunter2hunter2@example.com/x"])
    func newShapes(_ text: String) {
        #expect(SecretScanner.detect(text) != nil, "\(text)")
    }

    @Test func keyNamesAndSecretKeysAreScannedAndNeverEchoed() throws {
        let text = """
            {"aws_secret_access_key": "\(Self.awsSecret)", "\(Self.google)": true, "url": "https://example.com/a:b@c"}
            """
        let document = try DocumentLoader().parse(bytes: Array(text.utf8), format: .json, file: "c.json")
        let findings = SecretScanner.scan(document)
        #expect(findings.count == 2, "\(findings)")
        #expect(findings.contains { $0.message.contains("AWS secret access key") })
        #expect(findings.contains { $0.message.contains("as a key name") })
        for finding in findings {
            #expect(!finding.message.contains(Self.awsSecret) && !finding.message.contains(Self.google))
        }
        let other = Finding(.error, code: .secretLiteral, message: "value \(Self.awsSecret) is bad", hint: "drop \(Self.google)")
        let redacted = SecretScanner.redact([other], secrets: SecretScanner.secrets(in: document))
        #expect(redacted.first?.message == "value [redacted] is bad")
        #expect(redacted.first?.hint == "drop [redacted]")
    }
}
