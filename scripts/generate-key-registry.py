#!/usr/bin/env python3
"""Generates Sources/ManagedPolicy/Resources/registry.json from the vendor-key reference.

Inputs:
  ../shared/reference/cowork-3p/cowork-3p-keys.json  the reference (129 records): every
      fact it states per key -- status, section, type, allowed values, default, range,
      provider, release introduced, JSON path, availability, sensitivity, constraints,
      aliases, description, sources -- is copied from it, never restated here.
  scripts/key-registry-curation.json  what the reference states only in prose or not at
      all and cowork-dist needs as data: value formats and patterns, structured object
      fields, deprecations parsed into releases and cut-off instants, deprecated values
      and forms, key requirements, the provider table, ignored-key rules, org-plugin roots,
      and the top-level constants. Edit rules there.

Usage:
  scripts/generate-key-registry.py            write the registry
  scripts/generate-key-registry.py --check    exit 1 if the committed registry differs
                                              (byte for byte) from what would be written
"""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "cowork-3p" / "cowork-3p-keys.json"
CURATION = ROOT / "scripts" / "key-registry-curation.json"
OUT = ROOT / "Sources" / "ManagedPolicy" / "Resources" / "registry.json"

# Registry field <- reference field, copied verbatim.
COPIED = [
    ("name", "name"), ("status", "status"), ("section", "section"), ("type", "type"),
    ("allowed", "allowed_values"), ("itemAllowed", "item_allowed_values"), ("default", "default"),
    ("defaultNote", "default_note"), ("min", "min"), ("max", "max"), ("provider", "provider"),
    ("introduced", "introduced"), ("introducedDate", "introduced_date"), ("introducedBasis", "introduced_basis"),
    ("jsonPath", "json_path"), ("availability", "availability"), ("sensitive", "sensitive"),
    ("constraints", "constraints"), ("aliases", "aliases"),
    ("inCurrentVendorReference", "in_current_vendor_reference"), ("description", "description"),
    ("sources", "sources"),
]
# Always present, even when null (unknown stays unknown: introduced is null, not invented).
ALWAYS = {"name", "status", "section", "type", "introduced", "availability", "inCurrentVendorReference",
          "description", "sources"}
# A curated field set to this is removed from the record rather than written.
DROP = "$drop"
# A curated member listing a record's field order when it differs from fieldOrder.
ORDER = "$order"


def derived(record):
    """The registry fields a reference record states; absent/empty/'none' facts are left out."""
    out = {}
    for field, source in COPIED:
        value = record.get(source)
        if field not in ALWAYS and (value is None or value == [] or value == "none"
                                    or (field == "sensitive" and value is False)):
            continue
        out[field] = value
    condition = (record.get("required") or {}).get("condition")
    if condition is not None:
        out["requiredCondition"] = condition
    return out


def generate(reference, curation):
    order = curation["fieldOrder"]
    rank = {name: i for i, name in enumerate(order)}
    keys = []
    for record in reference["keys"]:
        merged = derived(record)
        curated = dict(curation["keys"].get(record["name"], {}))
        # A record whose fields stand in another order than fieldOrder lists its own.
        own_order = curated.pop(ORDER, None)
        for field, value in curated.items():
            if value == DROP:
                merged.pop(field, None)
            else:
                merged[field] = value
        unknown = [f for f in merged if f not in rank]
        if unknown:
            sys.exit(f"{record['name']}: fields {unknown} missing from fieldOrder in {CURATION.name}")
        if own_order is not None:
            if sorted(own_order) != sorted(merged):
                sys.exit(f"{record['name']}: {ORDER} does not list exactly its fields")
            keys.append({f: merged[f] for f in own_order})
        else:
            keys.append({f: merged[f] for f in sorted(merged, key=rank.__getitem__)})
    names = {r["name"] for r in reference["keys"]}
    stray = sorted(set(curation["keys"]) - names)
    if stray:
        sys.exit(f"{CURATION.name} curates keys the reference does not have: {stray}")
    snapshot = reference["source_snapshot"]
    top = {}
    for field, value in curation["top"].items():
        if field == "generatedFrom":
            value = f"../shared/reference/cowork-3p/cowork-3p-keys.json ({snapshot['vendor_changelog_newest_entry']})"
        elif field == "snapshot":
            value = snapshot
        elif field == "keys":
            value = keys
        top[field] = value
    return json.dumps(top, indent=1, ensure_ascii=False) + "\n"


def main():
    if not REFERENCE.exists():
        sys.exit(f"missing {REFERENCE} (the shared reference sits beside the project as ../shared)")
    text = generate(json.loads(REFERENCE.read_text(encoding="utf-8")), json.loads(CURATION.read_text(encoding="utf-8")))
    if "--check" in sys.argv[1:]:
        if OUT.read_text(encoding="utf-8") != text:
            sys.exit(f"{OUT.relative_to(ROOT)} differs from the generated registry: run scripts/generate-key-registry.py")
        print(f"{OUT.relative_to(ROOT)} matches the reference and the curation ({len(text)} bytes)")
        return
    OUT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
