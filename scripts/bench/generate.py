#!/usr/bin/env python3
"""Generate a large synthetic distribution for `make bench`.

Standard library only. The output depends on nothing but the arguments (seed, scale,
upstream path) and this file: no clock, no environment, sorted iteration. A finished
tree carries a stamp naming those inputs; a second run with the same inputs does
nothing, so repeated benchmarks do not pay for generation again.

Layout under OUT (default benchmarks/work):

    scale-<N>/dist/                 the distribution (distribution.yaml, config/, skills/,
                                    mcps/, policy/, plugins/)
    catalog/openrouter.json         100,000-model OpenRouter-shaped catalog
    catalog/audit.config.json       upstream config with the benchmark's featured
                                    models and agents, for audit-models

Scale 1 is the base (500 skills, 50 MCP bundles of ~2 MB, 30 org plugins); scale N
multiplies those counts by N. Overlays (20) and the catalog do not grow.
"""

import argparse
import base64
import hashlib
import json
import os
import random
import shutil
import sys

GENERATOR_VERSION = 1

BASE_SKILLS = 500
SKILL_FILES = 20  # SKILL.md + 19 references
BASE_MCPS = 50
MCP_BYTES = 2_000_000
BASE_PLUGINS = 30
OVERLAYS = 20
CATALOG_MODELS = 100_000
SKILL_OVERLAYS = 10  # overlays 03..12 append skills
MCP_OVERLAYS = 3  # overlays 13..15 append MCPs

WORDS = (
    "account action agent align answer archive audit balance batch branch budget cache "
    "calendar chart check claim client cluster column commit config contract cost "
    "customer dashboard data deadline deploy design detail digest draft entry estimate "
    "event expense export feature field filter finance forecast format gateway grant "
    "graph handbook incident index insight invoice issue journal ledger limit log "
    "market memo merge metric migrate model monitor note notice order outline owner "
    "payload plan policy portal price priority project query quota range rate record "
    "release report request review risk roadmap route rule sample schedule schema "
    "score search segment server signal source sprint status summary supplier survey "
    "table target task team template ticket timeline token topic trace trend update "
    "usage vendor version volume warning window workflow workspace"
).split()

VENDORS = ["anthropic", "openai", "google", "meta-llama", "mistralai", "qwen", "deepseek",
           "cohere", "x-ai", "nvidia", "microsoft", "amazon", "perplexity", "ai21", "01-ai"]

# Featured ids: upstream's own (so its defaults resolve) plus the benchmark's.
UPSTREAM_FEATURED = ["deepseek/deepseek-v4-flash", "qwen/qwen3-coder-flash",
                     "anthropic/claude-sonnet-4", "openai/gpt-5.5"]


def featured_models():
    """40 featured OpenRouter ids: upstream's 4 and 36 benchmark ones."""
    ids = list(UPSTREAM_FEATURED)
    for i in range(36):
        ids.append(f"{VENDORS[i % len(VENDORS)]}/bench-featured-{i:02d}")
    return ids


# ---------------------------------------------------------------- text helpers

def sentence(rng, low=6, high=16):
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize() + "."


def paragraph(rng, sentences=4):
    return " ".join(sentence(rng) for _ in range(sentences))


def title(rng, k=2):
    return " ".join(w.capitalize() for w in rng.choices(WORDS, k=k))


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": "\n"})) as f:
        f.write(data)


def dump_json(value):
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def yaml_scalar(value):
    """A YAML 1.2 scalar for the plain values this generator writes (JSON syntax is YAML)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def dump_yaml(value, indent=0):
    """Block-style YAML for dicts/lists of scalars; scalars quoted as JSON strings."""
    pad = " " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            k = yaml_scalar(key) if key.startswith("$") or not key.replace("-", "").replace("_", "").isalnum() else key
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{k}:")
                lines.append(dump_yaml(item, indent + 2))
            else:
                lines.append(f"{pad}{k}: {yaml_scalar(item) if not isinstance(item, (dict, list)) else json.dumps(item)}")
    else:
        for item in value:
            if isinstance(item, dict) and item:
                inner = dump_yaml(item, indent + 2).split("\n")
                lines.append(f"{pad}- " + inner[0].lstrip())
                lines.extend(inner[1:])
            elif isinstance(item, list) and item:
                lines.append(f"{pad}-")
                lines.append(dump_yaml(item, indent + 2))
            else:
                lines.append(f"{pad}- {yaml_scalar(item) if not isinstance(item, (dict, list)) else json.dumps(item)}")
    return "\n".join(lines)


# ---------------------------------------------------------------- content

def skill_names(rng, count):
    names = []
    for i in range(count):
        a, b = rng.choice(WORDS), rng.choice(WORDS)
        names.append(f"{a}-{b}-{i:04d}")
    return names


def write_skill(root, name, rng):
    base = os.path.join(root, "skills", name)
    refs = [f"{rng.choice(WORDS)}-{j:02d}.md" for j in range(SKILL_FILES - 1)]
    description = sentence(rng, 8, 14)
    body = [
        "---",
        f"name: {name}",
        f"description: {json.dumps(description)}",
        "---",
        "",
        f"# {title(rng, 3)}",
        "",
        paragraph(rng, 5),
        "",
        "## References",
        "",
    ]
    body += [f"- [{ref[:-3]}](references/{ref})" for ref in refs]
    body += ["", "## Steps", ""]
    body += [f"{k + 1}. {sentence(rng)}" for k in range(8)]
    write(os.path.join(base, "SKILL.md"), "\n".join(body) + "\n")
    for ref in refs:
        text = [f"# {title(rng, 2)}", ""]
        for _ in range(rng.randint(3, 7)):
            text += [f"## {title(rng, 2)}", "", paragraph(rng, rng.randint(3, 6)), ""]
        write(os.path.join(base, "references", ref), "\n".join(text))
    return description


def js_line(rng):
    kind = rng.random()
    ident = rng.choice(WORDS) + rng.choice(WORDS).capitalize() + str(rng.randint(0, 999))
    if kind < 0.12:
        # Embedded data (base64 of random bytes): the part of a bundle that does not compress.
        blob = base64.b64encode(rng.randbytes(rng.randint(30, 90))).decode()
        return f'const {ident} = "{blob}";'
    if kind < 0.45:
        return f"function {ident}(a, b) {{ return a.{rng.choice(WORDS)}(b, {rng.randint(0, 9999)}); }}"
    if kind < 0.7:
        return f'  {ident}: "{sentence(rng, 3, 9)}",'
    if kind < 0.85:
        return f"exports.{ident} = {ident};"
    return f"// {sentence(rng, 4, 12)}"


def write_mcp(root, name, rng):
    base = os.path.join(root, "mcps", name)
    pool = [js_line(rng) for _ in range(3000)]
    lines = ['"use strict";']
    size = len(lines[0]) + 1
    while size < MCP_BYTES:
        # Fresh lines now and then keep the tail from being one repeated pool.
        line = js_line(rng) if rng.random() < 0.25 else rng.choice(pool)
        lines.append(line)
        size += len(line) + 1
    write(os.path.join(base, "dist", "index.js"), "\n".join(lines) + "\n")
    write(os.path.join(base, "package.json"), dump_json({
        "name": name, "version": f"1.{rng.randint(0, 20)}.{rng.randint(0, 50)}",
        "description": sentence(rng), "main": "dist/index.js", "license": "MIT"}))
    write(os.path.join(base, "README.md"), f"# {name}\n\n{paragraph(rng, 6)}\n")
    write(os.path.join(base, "LICENSE"), "MIT License\n\n" + paragraph(rng, 3) + "\n")
    write(os.path.join(base, "dist", "tools.json"), dump_json(
        [{"name": f"{w}_{i}", "description": sentence(rng)} for i, w in enumerate(rng.choices(WORDS, k=12))]))


def write_plugin(root, name, index, rng):
    base = os.path.join(root, "plugins", name)
    write(os.path.join(base, ".claude-plugin", "plugin.json"), dump_json({
        "name": name, "version": f"{1 + index % 3}.{index % 10}.0", "description": sentence(rng, 6, 12),
        "author": {"name": "Bench IT", "email": "it@bench.example"}}))
    for s in range(3):
        skill = f"{rng.choice(WORDS)}-{s}"
        write(os.path.join(base, "skills", skill, "SKILL.md"),
              f"---\nname: {skill}\ndescription: {json.dumps(sentence(rng))}\n---\n\n# {title(rng)}\n\n{paragraph(rng, 4)}\n")
    write(os.path.join(base, ".mcp.json"), dump_json({"mcpServers": {
        f"{name}-search": {"type": "http", "url": f"https://mcp.bench.example/{name}"}}}))
    write(os.path.join(base, "commands", f"{rng.choice(WORDS)}.md"),
          f"---\ndescription: {json.dumps(sentence(rng, 4, 8))}\n---\n\n{paragraph(rng, 2)}\n")


POLICY_YAML = """# Managed policy for the benchmark's Cowork-on-3P target (shape of acme-claude-3p).
profile: restricted

inferenceProvider: gateway
deploymentOrganizationUuid: 3b8f0c52-7a1d-4e96-8c2b-5d4f6a7e9b10
disableDeploymentModeChooser: true

inferenceGatewayBaseUrl: https://llm-gateway.bench.example
inferenceGatewayAuthScheme: bearer
inferenceCredentialHelper: /usr/local/bin/bench-llm-token
inferenceCredentialHelperTtlSec: 900
inferenceModels:
  - name: claude-opus-4
    supports1m: true
  - claude-sonnet-4

coworkEgressAllowedHosts: ["*.bench.example", "pypi.org", "files.pythonhosted.org"]
allowedWorkspaceFolders: ["~/Documents/Claude"]

managedMcpServers:
  - name: Bench Wiki
    transport: http
    url: https://mcp.bench.example/wiki
    headersHelper: /usr/local/bin/bench-mcp-headers
    headersHelperTtlSec: 600
    toolPolicy:
      "search_*": allow
      "*": ask

otlpEndpoint: https://otel.bench.example:4318
otlpProtocol: http/protobuf
"""


# ---------------------------------------------------------------- overlays

def overlays(skills, mcps, rng):
    """The 20 overlays as (file name, value), in application order."""
    out = []
    out.append(("01-branding.yaml", {"branding": {
        "name": "Bench Cowork", "shortName": "BC", "appId": "com.bench.cowork", "dataDirName": "bench-cowork",
        "helpUrl": "https://help.bench.example/cowork", "supportUrl": "https://support.bench.example/",
        # Images the upstream package bundles: a runtime delivery (the default,
        # downstream-root) cannot ship its own (delivery-branding-runtime).
        "projectNamespace": "bench-cowork",
        "sidebar": {"top": {"variant": "logo", "logoAsset": "branding/sample/sidebar-logo.svg", "mediaSize": 32,
                            "title": "Bench Cowork"}}}}))
    out.append(("02-home.json", {"branding": {"home": {
        "greeting": "Welcome to Bench Cowork", "subtitle": sentence(rng, 6, 10),
        "composerPlaceholder": "Ask Bench anything", "suggestionLabel": "Try", "statusReadyLabel": "Ready"}}}))
    per = -(-len(skills) // SKILL_OVERLAYS)
    for k in range(SKILL_OVERLAYS):
        batch = skills[k * per:(k + 1) * per]
        items = [{"name": title(random.Random(name), 2) + f" {name[-4:]}", "description": desc, "badge": "Skill",
                  "sourceName": name, "toolIds": ["charts"] if i % 7 == 0 else []}
                 for i, (name, desc) in enumerate(batch)]
        ext = "yaml" if k % 2 == 0 else "json"
        out.append((f"{3 + k:02d}-skills.{ext}", {"skills": {"$append": items}}))
    per = -(-len(mcps) // MCP_OVERLAYS)
    for k in range(MCP_OVERLAYS):
        batch = mcps[k * per:(k + 1) * per]
        items = [{"name": name, "type": "local", "description": sentence(random.Random(name), 5, 10),
                  "authMode": "none", "packageName": name} for name in batch]
        ext = "json" if k % 2 == 0 else "yaml"
        out.append((f"{13 + k:02d}-mcps.{ext}", {"mcps": {"$append": items}}))
    featured = featured_models()
    out.append(("16-providers.yaml", {"providers": {"descriptors": {"openrouter": {
        "defaultModel": featured[0],
        "models": [{"id": m, "name": m.split("/")[1].replace("-", " ").title()} for m in featured]}}}}))
    out.append(("17-agents.json", {"agents": {"$append": agents(skills, featured)}}))
    out.append(("18-permissions.yaml", {"permissions": {"bash": "ask", "fileWrite": "ask", "web": "allow"}}))
    out.append(("19-compaction.json", {"compaction": {"auto": True, "prune": True, "reserved": 16000}}))
    out.append(("20-updates.yaml", {"updates": {"manualFallbackUrl": "https://downloads.bench.example/cowork"}}))
    assert len(out) == OVERLAYS
    return out


def agents(skills, featured):
    result = []
    for i in range(10):
        result.append({
            "name": f"bench-agent-{i}", "label": f"Bench Agent {i}",
            "description": f"Benchmark agent {i} working through a few generated skills.",
            "instructions": "Load the named skills first, then answer with a short summary and the sources used.",
            "skillNames": [skills[(i * 37 + j) % len(skills)][0] for j in range(3)],
            "model": "openrouter/" + featured[i % len(featured)], "mode": "subagent"})
    return result


def write_overlay(root, name, value):
    path = os.path.join(root, "config", name)
    if name.endswith(".json"):
        write(path, dump_json(value))
    else:
        write(path, f"# Benchmark overlay {name}\n" + dump_yaml(value) + "\n")


def distribution_yaml(upstream, overlay_names, scale):
    lines = [
        "# Generated by scripts/bench/generate.py; do not edit.",
        f"name: bench-scale-{scale}",
        "version: 1.0.0",
        "upstream:",
        f"  path: {json.dumps(upstream)}",
        "overlays:",
    ]
    lines += [f"  - config/{n}" for n in overlay_names]
    lines += [
        "content: { skills: skills, mcps: mcps }",
        "targets:",
        "  desktop: { platforms: [macos, windows, linux], formats: [tar.gz, zip] }",
        "  claude-3p: { policy: policy/managed.yaml, profile: restricted, plugins: plugins, formats: [mobileconfig, reg, json] }",
    ]
    return "\n".join(lines) + "\n"


def generate_distribution(root, scale, seed, upstream):
    rng = random.Random(f"{seed}:dist:{scale}")
    names = skill_names(rng, BASE_SKILLS * scale)
    skills = []
    for name in names:
        skills.append((name, write_skill(root, name, random.Random(f"{seed}:skill:{name}"))))
    mcps = [f"{rng.choice(WORDS)}-mcp-{i:03d}" for i in range(BASE_MCPS * scale)]
    for name in mcps:
        write_mcp(root, name, random.Random(f"{seed}:mcp:{name}"))
    for i in range(BASE_PLUGINS * scale):
        name = f"bench-plugin-{i:03d}"
        write_plugin(root, name, i, random.Random(f"{seed}:plugin:{name}"))
    write(os.path.join(root, "policy", "managed.yaml"), POLICY_YAML)
    layer_list = overlays(skills, mcps, random.Random(f"{seed}:overlays"))
    for name, value in layer_list:
        write_overlay(root, name, value)
    write(os.path.join(root, "distribution.yaml"), distribution_yaml(upstream, [n for n, _ in layer_list], scale))


def generate_catalog(directory, seed, upstream):
    """100,000 OpenRouter-shaped records holding every featured and agent id."""
    rng = random.Random(f"{seed}:catalog")
    featured = featured_models()
    ids = set(featured)
    records = []
    # Featured ids sit at fixed, spread-out positions so lookups cannot rely on order.
    slots = {(k * 2477 + 113) % CATALOG_MODELS: m for k, m in enumerate(featured)}
    for i in range(CATALOG_MODELS):
        if i in slots:
            model = slots[i]
        else:
            model = f"{VENDORS[i % len(VENDORS)]}/{rng.choice(WORDS)}-{rng.choice(WORDS)}-{i:06d}"
            while model in ids:
                model += "-x"
        ids.add(model)
        records.append({"id": model, "name": model.split("/")[1].replace("-", " ").title(),
                        "context_length": rng.choice([8192, 32768, 128000, 200000, 1000000])})
    write(os.path.join(directory, "openrouter.json"), json.dumps({"data": records}, separators=(",", ":")) + "\n")
    # The config to audit: upstream's, with the featured list and agents the overlays set.
    with open(os.path.join(upstream, "open-cowork.config.json"), encoding="utf-8") as f:
        config = json.load(f)
    config.pop("$schema", None)
    descriptor = config["providers"]["descriptors"]["openrouter"]
    descriptor["defaultModel"] = featured[0]
    descriptor["models"] = [{"id": m, "name": m.split("/")[1]} for m in featured]
    skills = [(s.get("sourceName"), "") for s in config.get("skills", [])]
    config["agents"] = config.get("agents", []) + agents(skills, featured)
    write(os.path.join(directory, "audit.config.json"), dump_json(config))


# ---------------------------------------------------------------- driver

def generator_digest():
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def build_once(target, stamp_value, make):
    """Runs make(tmp) into a sibling temp dir and renames it into place, unless target's
    stamp already matches; a half-written tree never looks finished."""
    stamp = os.path.join(target, ".stamp.json")
    if os.path.exists(stamp):
        with open(stamp, encoding="utf-8") as f:
            try:
                if json.load(f) == stamp_value:
                    return False
            except ValueError:
                pass
    tmp = target + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    make(tmp)
    write(os.path.join(tmp, ".stamp.json"), dump_json(stamp_value))
    shutil.rmtree(target, ignore_errors=True)
    os.rename(tmp, target)
    return True


def default_upstream():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    return os.path.normpath(os.path.join(root, "..", "shared", "upstream", "open-cowork", "ba16c71"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="benchmarks/work", help="output directory (default benchmarks/work)")
    parser.add_argument("--scale", type=int, action="append", help="scale factor; repeatable (default: 1 and 2)")
    parser.add_argument("--seed", type=int, default=20260808, help="random seed")
    parser.add_argument("--upstream", default=default_upstream(), help="upstream release directory")
    args = parser.parse_args(argv)
    upstream = os.path.abspath(args.upstream)
    if not os.path.isfile(os.path.join(upstream, "open-cowork.config.json")):
        print(f"generate: no open-cowork.config.json in {upstream}", file=sys.stderr)
        return 2
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    common = {"generator": GENERATOR_VERSION, "digest": generator_digest(), "seed": args.seed, "upstream": upstream}
    for scale in sorted(set(args.scale or [1, 2])):
        if scale < 1:
            print("generate: --scale must be at least 1", file=sys.stderr)
            return 2
        target = os.path.join(out, f"scale-{scale}")
        made = build_once(target, dict(common, scale=scale),
                          lambda tmp, s=scale: generate_distribution(os.path.join(tmp, "dist"), s, args.seed, upstream))
        print(f"generate: scale {scale}: {'written' if made else 'up to date'} ({target}/dist)")
    made = build_once(os.path.join(out, "catalog"), common,
                      lambda tmp: generate_catalog(tmp, args.seed, upstream))
    print(f"generate: catalog: {'written' if made else 'up to date'} ({out}/catalog)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
