import BundledFiles
import Foundation

/// Where `init` reads its templates from: the copy compiled into the binary (the normal
/// case, so an installed binary needs no template directory), or a `templates` directory
/// on disk (`$COWORK_DIST_TEMPLATES`, for a house variant of the templates, and tests).
public enum TemplateSource: Sendable, Equatable {
    /// `templates/init` and `templates/upstream-base` as compiled in.
    case embedded
    /// A directory holding `init/` and `upstream-base/`.
    case directory(URL)

    /// The embedded templates' package-relative folder.
    static let embeddedRoot = "templates"

    /// Regular files below `relative` (e.g. `init/common`), relative to it, sorted.
    func files(under relative: String) throws -> [String] {
        switch self {
        case .embedded:
            let found = BundledFiles.files(under: "\(Self.embeddedRoot)/\(relative)")
            if found.isEmpty { throw DistributionTemplateError.templateUnreadable("\(Self.embeddedRoot)/\(relative) (embedded)") }
            return found
        case .directory(let root):
            return try DistributionTemplate.files(under: root.appendingPathComponent(relative))
        }
    }

    /// The bytes of the template file at `relative` (e.g. `init/manifest/desktop.yaml`).
    func contents(_ relative: String) throws -> Data {
        switch self {
        case .embedded:
            guard let data = BundledFiles.data("\(Self.embeddedRoot)/\(relative)") else {
                throw DistributionTemplateError.templateUnreadable("\(Self.embeddedRoot)/\(relative) (embedded)")
            }
            return data
        case .directory(let root):
            let url = root.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw DistributionTemplateError.templateUnreadable(url.path)
            }
            return data
        }
    }

    /// True when `relative` names a template file.
    func exists(_ relative: String) -> Bool { (try? contents(relative)) != nil }
}
