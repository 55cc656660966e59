import Foundation
import Testing
import TestSupport

/// Builds test archives with Python's `tarfile`/`zipfile`, an implementation independent
/// of libarchive, so hostile entries are exactly what a real tool would produce.
enum PythonArchive {
    struct Entry: Encodable {
        var name: String
        var type: String = "file"  // file, dir, sym, hard, fifo
        var data: String = ""
        var target: String = ""
        var mode: Int = 0o644
    }

    static func file(_ name: String, _ data: String = "x", mode: Int = 0o644) -> Entry { Entry(name: name, data: data, mode: mode) }
    static func dir(_ name: String) -> Entry { Entry(name: name, type: "dir", mode: 0o755) }
    static func symlink(_ name: String, to target: String) -> Entry { Entry(name: name, type: "sym", target: target, mode: 0o777) }
    static func hardlink(_ name: String, to target: String) -> Entry { Entry(name: name, type: "hard", target: target) }
    static func fifo(_ name: String) -> Entry { Entry(name: name, type: "fifo") }

    private static let script = """
    import io, json, sys, tarfile, zipfile
    entries = json.loads(sys.argv[1]); out = sys.argv[2]
    if out.endswith('.zip'):
        with zipfile.ZipFile(out, 'w') as z:
            for e in entries:
                info = zipfile.ZipInfo(e['name'], (1980, 1, 1, 0, 0, 0))
                info.create_system = 3
                kind = {'file': 0o100000, 'dir': 0o040000, 'sym': 0o120000}[e['type']]
                info.external_attr = (kind | e['mode']) << 16
                data = e['target'] if e['type'] == 'sym' else e['data']
                z.writestr(info, data.encode())
    else:
        with tarfile.open(out, 'w:gz', format=tarfile.PAX_FORMAT) as t:
            for e in entries:
                info = tarfile.TarInfo(e['name']); info.mode = e['mode']; data = e['data'].encode()
                info.type = {'file': tarfile.REGTYPE, 'dir': tarfile.DIRTYPE, 'sym': tarfile.SYMTYPE,
                             'hard': tarfile.LNKTYPE, 'fifo': tarfile.FIFOTYPE}[e['type']]
                info.linkname = e['target']
                if e['type'] == 'file':
                    info.size = len(data); t.addfile(info, io.BytesIO(data))
                else:
                    t.addfile(info)
    """

    /// Writes `entries` to `url` (`.zip` gives a zip, anything else a gzip'd pax tar).
    static func make(_ entries: [Entry], at url: URL) throws {
        let json = String(decoding: try JSONEncoder().encode(entries), as: UTF8.self)
        let result = try ProcessRunner.run("python3", ["-c", script, json, url.path])
        #expect(result.status == 0, "python3 failed: \(result.stderr)")
    }

    /// Runs a Python snippet with the given arguments and returns its stdout.
    static func run(_ code: String, _ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run("python3", ["-c", code] + arguments)
        #expect(result.status == 0, "python3 failed: \(result.stderr)")
        return result.stdout
    }
}
