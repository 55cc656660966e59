import Diagnostics
import Documents

/// The validation rules beyond the schema, run on the merged configuration. Every
/// family is a pure function of a `RulesContext`; `check` runs them all and returns
/// every finding at once (codes are documented in docs/findings.md).
///
/// Secrets are not here: they are checked per layer document with `SecretScanner`,
/// because the merged value no longer knows which file a literal came from.
public enum Rules {
    /// All rule families, in a fixed order.
    public static func check(_ context: RulesContext) -> [Finding] {
        upstream(context)
            + crossReferences(context)
            + BrandingAssetRules.check(context)
            + LinkRules.check(context)
            + HazardRules.check(context)
            + IdentityRules.check(context)
    }
}
