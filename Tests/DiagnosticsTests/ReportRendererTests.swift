import Diagnostics
import Documents
import Foundation
import Testing

@Suite struct SARIFReportTests {
    static let findings: [Finding] = [
        Finding(.error, code: .secretLiteral, message: "API key written literally",
                location: SourceLocation(file: "config/providers.json", line: 12, column: 7),
                pointer: "/providers/custom/acme/options/apiKey", hint: "use {env:NAME}"),
        Finding(.warning, code: .linkLoopback, message: "loopback URL",
                location: SourceLocation(file: "config/branding yaml.yaml", line: 3, column: 1), pointer: "/branding/helpUrl"),
        Finding(.note, code: .mcpGoogleToken, message: "MCP receives the token", location: nil, pointer: "/mcps/0/googleAuth"),
        Finding(.error, code: .secretLiteral, message: "second one",
                location: SourceLocation(file: "config/a.json", line: 2, column: 3)),
    ]

    func render() throws -> [String: Any] {
        let text = ReportRenderer(format: .sarif, options: ReportOptions(toolName: "cowork-dist", toolVersion: "1.2.3"))
            .render(Self.findings)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func hasTheStructureCodeScanningRequires() throws {
        let log = try render()
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "cowork-dist")
        #expect(driver["version"] as? String == "1.2.3")
        #expect(driver["informationUri"] == nil, "no made-up project URL")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIds = rules.compactMap { $0["id"] as? String }
        #expect(ruleIds == ["link-loopback", "mcp-google-token", "secret-literal"])
        for rule in rules { #expect((rule["shortDescription"] as? [String: Any])?["text"] as? String != nil) }

        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(results.count == Self.findings.count)
        for result in results {
            let ruleId = try #require(result["ruleId"] as? String)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(ruleIds[index] == ruleId)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? "none"))
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            if let locations = result["locations"] as? [[String: Any]] {
                let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
                let uri = try #require((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
                #expect(!uri.isEmpty && !uri.hasPrefix("/"))
                let region = try #require(physical["region"] as? [String: Any])
                #expect((region["startLine"] as? Int ?? 0) >= 1)
                #expect((region["startColumn"] as? Int ?? 0) >= 1)
            }
        }
    }

    @Test func findingsWithoutFileHaveNoLocationsAndLevelsMapSeverity() throws {
        let results = try #require(((try render())["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let note = try #require(results.first { $0["ruleId"] as? String == "mcp-google-token" })
        #expect(note["locations"] == nil)
        #expect(note["level"] as? String == "note")
        let warning = try #require(results.first { $0["ruleId"] as? String == "link-loopback" })
        #expect(warning["level"] as? String == "warning")
        let uri = ((((warning["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]
            as? [String: Any])?["uri"] as? String)
        #expect(uri == "config/branding%20yaml.yaml")
        let secret = try #require(results.first { ($0["message"] as? [String: Any])?["text"] as? String == "API key written literally Hint: use {env:NAME}" })
        #expect(secret["level"] as? String == "error")
    }

    @Test func isDeterministic() {
        let renderer = ReportRenderer(format: .sarif)
        #expect(renderer.render(Self.findings) == renderer.render(Self.findings.reversed()))
    }

    @Test func emptyRunIsValid() throws {
        let text = ReportRenderer(format: .sarif).render([])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        #expect((run["results"] as? [Any])?.isEmpty == true)
    }
}

@Suite struct GitHubReportTests {
    /// `::error file=F,line=L,col=C,title=CODE::message`, or without the file part.
    static var shape: Regex<(Substring, Substring, Substring?)> { #/^::(error|warning|notice) (file=[^,:]+,line=[0-9]+,col=[0-9]+,)?title=[^,:]+::[^\r\n]*$/# }

    @Test func linesMatchTheWorkflowCommandShape() throws {
        let text = ReportRenderer(format: .github).render(SARIFReportTests.findings)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        #expect(lines.count == SARIFReportTests.findings.count + 1)
        for line in lines.dropLast() { #expect(String(line).wholeMatch(of: Self.shape) != nil, "\(line)") }
        #expect(text.contains("::error file=config/providers.json,line=12,col=7,title=secret-literal::API key written literally (at /providers/custom/acme/options/apiKey)%0Ahint: use {env:NAME}\n"))
        #expect(text.contains("::notice title=mcp-google-token::MCP receives the token (at /mcps/0/googleAuth)\n"))
    }

    @Test func escapesDataAndProperties() throws {
        let finding = Finding(.warning, code: .linkInsecure, message: "100% done\r\nnext: a,b",
                              location: SourceLocation(file: "dir,x/a:b.json", line: 0, column: 0))
        let text = ReportRenderer(format: .github).render([finding])
        #expect(text == "::warning file=dir%2Cx/a%3Ab.json,line=1,col=1,title=link-insecure::100%25 done%0D%0Anext: a,b\n")
        #expect(String(text.dropLast()).wholeMatch(of: Self.shape) != nil)
    }
}
