import Diagnostics
import Documents
import Foundation

extension ContentResolver {
    /// Reports, at the config line that references the skill, every reason the app would
    /// drop it (`SkillBundleRules`), given its SKILL.md `content`. `frontMatterReported` is
    /// true when the YAML check has already reported a missing name or description in the
    /// file itself.
    func checkAppSkillRules(name: String, content: String, pointer: JSONPointer, frontMatterReported: Bool,
                            _ state: inout State) {
        let dropped = "the app would drop skill '\(name)' at launch: "
        for issue in SkillBundleRules.issues(directory: name, content: content) {
            switch issue {
            case .directoryName:
                state.error(.skillNameInvalid,
                            dropped + "a skill directory name must be 1-64 of a-z, 0-9 and single hyphens, not starting or ending with one",
                            at: pointer, hint: "rename the directory and sourceName, e.g. '\(SkillBundleRules.suggestedName(name))'")
            case .nameMissing where !frontMatterReported:
                state.error(.skillNameMismatch, dropped + "its SKILL.md has no front matter 'name' the app can read",
                            at: pointer, hint: "start SKILL.md with a '---' line, then 'name: \(name)' on a line of its own")
            case .nameMismatch(let declared):
                state.error(.skillNameMismatch,
                            dropped + "its SKILL.md front matter says name '\(declared)', which must equal the directory name '\(name)'",
                            at: pointer, hint: "set 'name: \(name)' in the front matter (or rename the directory and sourceName)")
            case .descriptionMissing where !frontMatterReported:
                state.error(.skillDescriptionMissing, dropped + "its SKILL.md has no front matter 'description' the app can read",
                            at: pointer, hint: "add 'description: ...' on one line of the front matter")
            case .descriptionTooLong(let length):
                state.error(.skillDescriptionTooLong,
                            dropped + "its description is \(length) characters, over the app's limit of \(SkillBundleRules.maxDescriptionLength)",
                            at: pointer, hint: "shorten the front matter description; put detail in the body of SKILL.md")
            case .nameMissing, .descriptionMissing:
                break
            }
        }
    }
}

extension SkillBundleRules {
    /// `name` lower-cased, with every run of other characters turned into one hyphen.
    static func suggestedName(_ name: String) -> String {
        var out = ""
        for s in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(s) || ("0"..."9").contains(s) {
                out.unicodeScalars.append(s)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out += "-"
            }
            if out.count >= maxNameLength { break }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "my-skill" : out
    }
}
