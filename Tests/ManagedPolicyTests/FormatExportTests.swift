import Foundation
import Testing
import Documents
import Diagnostics
import TestSupport
@testable import ManagedPolicy

/// Exports read back by independent parsers (Python's xml.etree, plistlib, zipfile and a
/// strict .reg parser written here in Python), byte-identical across runs.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
struct FormatExportTests {
    func export(_ policy: ManagedPolicy, _ format: PolicyExportFormat, _ options: PolicyExportOptions = PolicyExportOptions(name: "acme", organization: "Acme"))
        throws -> [UInt8] {
        let (bytes, findings) = try TestPolicies.workflow().export(policy, format: format, options: options)
        #expect(findings.errorCount == 0, "\(findings)")
        return try #require(bytes)
    }

    func richPolicy() throws -> ManagedPolicy {
        let (policy, findings) = try TestPolicies.check(richPolicyYAML)
        #expect(findings.errorCount == 0, "\(findings)")
        return try #require(policy)
    }

    /// Runs a Python script on a file holding `bytes`; returns its standard output as JSON.
    func python(_ script: String, _ bytes: [UInt8], name: String) throws -> JSONValue {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write(name, Data(bytes))
        let result = try ProcessRunner.run("/usr/bin/python3", ["-c", script, file.path])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONReader().read(result.stdout).value
    }

    static let strictRegParser = #"""
        import json, re, sys
        raw = open(sys.argv[1], 'rb').read()
        assert raw[:2] == b'\xff\xfe', 'no UTF-16LE BOM'
        text = raw[2:].decode('utf-16-le')
        assert text.endswith('\r\n') and '\n' not in text.replace('\r\n', ''), 'not CRLF'
        lines = text.split('\r\n')[:-1]
        assert lines[0] == 'Windows Registry Editor Version 5.00', lines[0]
        key_re = re.compile(r'^\[(-?)(HKEY_LOCAL_MACHINE|HKEY_CURRENT_USER)\\SOFTWARE\\Policies\\Claude\]$')
        val_re = re.compile(r'^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$')
        unescape = lambda s: re.sub(r'\\(.)', r'\1', s)
        out = {'deleted': [], 'keys': [], 'values': {}}
        current = None
        for line in lines[1:]:
            if line == '':
                continue
            m = key_re.match(line)
            if m:
                (out['deleted'] if m.group(1) else out['keys']).append(m.group(2))
                current = None if m.group(1) else m.group(2)
                continue
            m = val_re.match(line)
            assert m and current, 'bad line: ' + line
            out['values'][unescape(m.group(1))] = unescape(m.group(2))
        print(json.dumps(out))
        """#

    @Test func regReplacesByDefaultAndMergesOnRequest() throws {
        let policy = try richPolicy()
        let replaced = try python(Self.strictRegParser, try export(policy, .reg), name: "a.reg")
        #expect(replaced["deleted"] == ["HKEY_LOCAL_MACHINE"])
        #expect(replaced["keys"] == ["HKEY_LOCAL_MACHINE"])
        let values = try #require(replaced["values"]?.objectValue)
        #expect(values.keys == policy.keys)
        for entry in policy.entries { #expect(values[entry.key] == .string(PolicyValueCoder.encode(entry.value)), "\(entry.key)") }
        let merged = try python(Self.strictRegParser, try export(policy, .reg, PolicyExportOptions(name: "acme", merge: true)), name: "m.reg")
        #expect(merged["deleted"] == [])
        #expect(merged["values"] == replaced["values"])
        let user = try python(Self.strictRegParser, try export(policy, .reg, PolicyExportOptions(name: "acme", scope: .user)), name: "u.reg")
        #expect(user["keys"] == ["HKEY_CURRENT_USER"])
    }

    @Test func importingAReplacingRegKeepsTheValues() throws {
        let policy = try richPolicy()
        let (imported, findings) = PolicyImporter(registry: try KeyRegistry.load()).parse(bytes: try export(policy, .reg), file: "a.reg")
        #expect(findings == [])
        #expect(imported?.findings == [])
        #expect(imported?.policy.hasSameValues(as: policy) == true)
    }

    @Test func admxAndAdmlParseAndCoverTheRegistry() throws {
        let registry = try KeyRegistry.load()
        let bytes = try export(try richPolicy(), .admx)
        #expect(bytes == (try export(try richPolicy(), .admx)))
        let script = #"""
            import json, sys, zipfile, re
            import xml.etree.ElementTree as ET
            ns = {'p': 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions'}
            z = zipfile.ZipFile(sys.argv[1])
            names = sorted(z.namelist())
            admx = ET.fromstring(z.read('Claude.admx'))
            adml = ET.fromstring(z.read('en-US/Claude.adml'))
            strings = {s.get('id') for s in adml.iter('{%s}string' % ns['p'])}
            presentations = {s.get('id') for s in adml.iter('{%s}presentation' % ns['p'])}
            policies = []
            missing = []
            for pol in admx.iter('{%s}policy' % ns['p']):
                policies.append({'name': pol.get('name'), 'key': pol.get('key'), 'valueName': pol.get('valueName')})
                for attr in ('displayName', 'explainText'):
                    ref = re.match(r'\$\(string\.(.+)\)', pol.get(attr)).group(1)
                    if ref not in strings: missing.append(ref)
                pres = pol.get('presentation')
                if pres and re.match(r'\$\(presentation\.(.+)\)', pres).group(1) not in presentations: missing.append(pres)
                for el in pol.iter():
                    if el.get('key') and el is not pol: missing.append('subkey ' + el.get('key'))
                    if el.tag.endswith('decimal'): missing.append('REG_DWORD element in ' + pol.get('name'))
            print(json.dumps({'names': [n for n in names if not n.endswith('/')], 'policies': policies, 'missing': missing}))
            """#
        let result = try python(script, bytes, name: "admx.zip")
        #expect(result["names"] == ["Claude.admx", "en-US/Claude.adml"])
        #expect(result["missing"] == [])
        let policies = try #require(result["policies"]?.arrayValue)
        #expect(policies.count == registry.currentKeys.count)
        for policy in policies {
            #expect(policy["key"]?.stringValue == "SOFTWARE\\Policies\\Claude")
            #expect(policy["valueName"] == policy["name"])
        }
    }

    @Test func mobileconfigIdentityComesFromTheOptions() throws {
        let policy = try richPolicy()
        let script = #"""
            import json, plistlib, sys
            p = plistlib.load(open(sys.argv[1], 'rb'))
            inner = p['PayloadContent'][0]
            print(json.dumps({k: p.get(k) for k in ('PayloadIdentifier', 'PayloadOrganization', 'PayloadDisplayName', 'PayloadScope', 'PayloadUUID')}
                             | {'inner': inner['PayloadIdentifier'], 'innerUUID': inner['PayloadUUID']}))
            """#
        let options = PolicyExportOptions(name: "acme", displayName: "Acme Claude", organization: "Acme Corp", identifier: "com.acme.claude",
                                          profileScope: .user)
        let acme = try python(script, try export(policy, .mobileconfig, options), name: "a.mobileconfig")
        #expect(acme["PayloadIdentifier"] == "com.acme.claude")
        #expect(acme["inner"] == "com.acme.claude.settings")
        #expect(acme["PayloadOrganization"] == "Acme Corp")
        #expect(acme["PayloadDisplayName"] == "Acme Claude")
        #expect(acme["PayloadScope"] == "User")
        var other = options
        other.organization = "Globex"
        let globex = try python(script, try export(policy, .mobileconfig, other), name: "g.mobileconfig")
        #expect(globex["PayloadUUID"] != acme["PayloadUUID"])
        #expect(globex["innerUUID"] != acme["innerUUID"])
    }

    @Test func barePlistAndProfileManifestLoadWithPlistlib() throws {
        let policy = try richPolicy()
        let bare = try python(#"""
            import json, plistlib, sys
            print(json.dumps(plistlib.load(open(sys.argv[1], 'rb'))))
            """#, try export(policy, .plist), name: "com.anthropic.claudefordesktop.plist")
        #expect(bare.objectValue?.keys == policy.keys)
        #expect(bare["disableAutoUpdates"] == "true")
        let registry = try KeyRegistry.load()
        let manifest = try python(#"""
            import json, plistlib, sys
            m = plistlib.load(open(sys.argv[1], 'rb'))
            print(json.dumps({'domain': m['pfm_domain'], 'names': [s['pfm_name'] for s in m['pfm_subkeys']],
                              'types': sorted({s['pfm_type'] for s in m['pfm_subkeys']})}))
            """#, try export(policy, .manifest), name: "manifest.plist")
        #expect(manifest["domain"] == "com.anthropic.claudefordesktop")
        #expect(manifest["names"]?.arrayValue?.compactMap(\.stringValue) == registry.currentKeys.map(\.name))
        #expect(manifest["types"] == ["string"])
    }

    @Test func configLibraryHoldsMetaAndTheAppliedConfiguration() throws {
        let policy = try richPolicy()
        let result = try python(#"""
            import json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            meta = json.loads(z.read('configLibrary/_meta.json'))
            body = json.loads(z.read('configLibrary/%s.json' % meta['appliedId']))
            print(json.dumps({'meta': meta, 'body': body}))
            """#, try export(policy, .configLibrary), name: "lib.zip")
        #expect(result["body"] == .object(policy.values))
        #expect(result["meta"]?["entries"]?[0]?["id"] == result["meta"]?["appliedId"])
    }

    @Test func bootstrapBodiesFlatAndNested() throws {
        let registry = try KeyRegistry.load()
        let pathful = ManagedPolicy(entries: [
            PolicyEntry(key: "inferenceGatewayAuthScheme", value: "bearer"),
            PolicyEntry(key: "otlpDesktopLogLevel", value: "warn"),
            PolicyEntry(key: "deploymentDisplayName", value: "Acme"),
            PolicyEntry(key: "mcpToolTimeoutSec", value: 120),
        ])
        let nested = try JSONReader().read(bytes: try export(pathful, .bootstrapV2)).value
        #expect(nested["inference"]?["credential"]?["authScheme"] == "bearer")
        #expect(nested["appearance"]?["deploymentDisplayName"] == "Acme")
        let (imported, findings) = PolicyImporter(registry: registry).parse(bytes: try export(pathful, .bootstrapV2), file: "b.json")
        #expect(findings == [])
        #expect(imported?.policy.hasSameValues(as: pathful) == true)
        // A key without a documented v2 path, or one a bootstrap server cannot set, is refused.
        let (v2, v2Findings) = try TestPolicies.workflow().export(try richPolicy(), format: .bootstrapV2, options: PolicyExportOptions(name: "x"))
        #expect(v2 == nil)
        #expect(v2Findings.contains { $0.code == "policy-export" && $0.message.contains("inferenceProvider") })
        let proxy = ManagedPolicy(entries: [PolicyEntry(key: "egressProxyUrl", value: "http://proxy.example:8080")])
        let (flat, flatFindings) = try TestPolicies.workflow().export(proxy, format: .bootstrap, options: PolicyExportOptions(name: "x"))
        #expect(flat == nil)
        #expect(flatFindings.contains { $0.message.contains("egressProxyUrl") })
    }
}
