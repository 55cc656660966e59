/// ECMA-262's `\p{...}` property expressions, spelled as PCRE2 10.42 reads them.
///
/// ECMA accepts a General_Category value by its short or long name, alone or as
/// `General_Category=`/`gc=`; a binary property (`Alphabetic`, `ASCII`, `Any`,
/// `Assigned`, ...); or `Script=`/`sc=`/`Script_Extensions=`/`scx=` with a script. PCRE2
/// reads the scripts, the binary properties and the short category names the same way,
/// but not the long category names, the `gc=` forms or `Assigned`: those are rewritten
/// here. PCRE2 then refuses what neither knows, which makes the pattern invalid.
enum UnicodeProperty {
    /// General_Category long names (Unicode's PropertyValueAliases.txt) and their short
    /// names; the short names map to themselves so a `gc=Lu` is looked up alike.
    static let generalCategories: [String: String] = {
        let pairs: [(String, [String])] = [
            ("L", ["Letter"]), ("LC", ["Cased_Letter"]), ("Lu", ["Uppercase_Letter"]), ("Ll", ["Lowercase_Letter"]),
            ("Lt", ["Titlecase_Letter"]), ("Lm", ["Modifier_Letter"]), ("Lo", ["Other_Letter"]),
            ("M", ["Mark", "Combining_Mark"]), ("Mn", ["Nonspacing_Mark"]), ("Mc", ["Spacing_Mark"]),
            ("Me", ["Enclosing_Mark"]),
            ("N", ["Number"]), ("Nd", ["Decimal_Number", "digit"]), ("Nl", ["Letter_Number"]), ("No", ["Other_Number"]),
            ("P", ["Punctuation", "punct"]), ("Pc", ["Connector_Punctuation"]), ("Pd", ["Dash_Punctuation"]),
            ("Ps", ["Open_Punctuation"]), ("Pe", ["Close_Punctuation"]), ("Pi", ["Initial_Punctuation"]),
            ("Pf", ["Final_Punctuation"]), ("Po", ["Other_Punctuation"]),
            ("S", ["Symbol"]), ("Sm", ["Math_Symbol"]), ("Sc", ["Currency_Symbol"]), ("Sk", ["Modifier_Symbol"]),
            ("So", ["Other_Symbol"]),
            ("Z", ["Separator"]), ("Zs", ["Space_Separator"]), ("Zl", ["Line_Separator"]), ("Zp", ["Paragraph_Separator"]),
            ("C", ["Other"]), ("Cc", ["Control", "cntrl"]), ("Cf", ["Format"]), ("Cs", ["Surrogate"]),
            ("Co", ["Private_Use"]), ("Cn", ["Unassigned"]),
        ]
        var table: [String: String] = [:]
        for (short, long) in pairs {
            table[short] = short
            for name in long { table[name] = short }
        }
        return table
    }()

    /// `\p{name}` (or `\P{name}` when `negated`) for PCRE2; nil for an empty name or a
    /// `gc=` value that is no General_Category.
    static func pcre2(_ name: String, negated: Bool) -> String? {
        guard !name.isEmpty else { return nil }
        var name = name
        var negated = negated
        if let equals = name.firstIndex(of: "=") {
            let key = name[..<equals], value = String(name[name.index(after: equals)...])
            if key == "General_Category" || key == "gc" {
                guard let short = generalCategories[value] else { return nil }
                name = short
            }
        } else if let short = generalCategories[name] {
            name = short
        } else if name == "Assigned" {
            // Everything but the unassigned code points.
            name = "Cn"
            negated.toggle()
        }
        return (negated ? "\\P{" : "\\p{") + name + "}"
    }
}
