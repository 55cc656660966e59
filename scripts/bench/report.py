"""Writes benchmarks/RESULTS.md from the measurements of run.py (no clock, no date)."""


def seconds(value):
    return "—" if value is None else f"{value:.3f} s"


def mib(kib):
    return "—" if kib is None else f"{kib / 1024:.1f} MiB"


def size(n):
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KiB"


def peak(m, floor):
    if not m.ok:
        return "—"
    if m.peak_kib <= floor + 256:
        return f"≤ {mib(m.peak_kib)} (floor)"
    return mib(m.peak_kib)


def status(m):
    if m.unavailable:
        return f"not measured: {m.unavailable}"
    if m.failure:
        return "FAILED: " + m.failure.replace("|", "\\|").replace("\n", " ")[:200]
    return ""


def ratio(a, b):
    """a/b with its reading, or None when either side is missing."""
    if a is None or b is None or not a.ok or not b.ok or b.wall == 0:
        return None
    return a.wall / b.wall


def fmt_ratio(r):
    return "—" if r is None else f"{r:.2f}×"


def cpu_ratio(a, b):
    if a is None or b is None or not a.ok or not b.ok or not a.cpus or not b.cpus or b.cpu == 0:
        return None
    return a.cpu / b.cpu


def targets(results, ctx):
    """The issue's targets, measured ratio first, then what it is compared with."""
    rows = []
    scales = ctx["scales"]
    s1 = scales[0]
    b1, t1, g1 = results.get(f"build-s{s1}"), results.get(f"tar-s{s1}"), results.get(f"gzip-s{s1}")

    def row(what, value, target, met, reading):
        mark = "—" if met is None else ("yes" if met else "**no**")
        rows.append(f"| {what} | {value} | {target} | {mark} | {reading} |")

    r = cpu_ratio(b1, t1)
    row(f"build CPU / tar -czf CPU, scale {s1}", fmt_ratio(r), "≤ 1.5×", None if r is None else r <= 1.5,
        "—" if r is None else f"build {b1.cpu:.2f} s CPU, tar -czf {t1.cpu:.2f} s CPU")
    r = ratio(b1, t1)
    row(f"build wall / tar -czf wall, scale {s1}", fmt_ratio(r), "≤ 1.0×", None if r is None else r <= 1.0,
        "—" if r is None else f"build {b1.wall:.2f} s, tar -czf {t1.wall:.2f} s")
    r = ratio(b1, g1)
    row(f"build wall / gzip -6 once over 2 cores, scale {s1}", fmt_ratio(r), "(the physical limit)", None,
        "—" if r is None else f"gzip -6 of the same bytes once, split in two: {g1.wall:.2f} s wall, {g1.cpu:.2f} s CPU")
    r = cpu_ratio(b1, g1)
    row(f"build CPU / gzip -6 once CPU, scale {s1}", fmt_ratio(r), "(the physical limit)", None,
        "—" if r is None else "all of build (check, hashing, every archive) against deflating the content once")
    size_ = getattr(b1, "manifest_bytes", None) if b1 is not None else None
    row(f"build-manifest.json, scale {s1}", "—" if size_ is None else f"{size_ / 1e6:.2f} MB", "< 3 MB",
        None if size_ is None else size_ < 3e6, "each unique digest once; archives refer to the shared content")
    comp = getattr(b1, "compression", None) if b1 is not None else None
    if comp and comp.get("whole"):
        cost = comp["ours"] / comp["whole"] - 1
        row(f"compression cost of compressing once, scale {s1}", f"{cost * 100:+.1f}%", "(stated)", None,
            f"the build's tar.gz archives: {size(comp['ours'])}; the same tar streams through one gzip -6 each: "
            f"{size(comp['whole'])} (each file is deflated on its own, without its neighbours as dictionary)")
    if len(scales) > 1:
        s2 = scales[1]
        b2 = results.get(f"build-s{s2}")
        mem = (b2.peak_kib / b1.peak_kib) if b1 is not None and b2 is not None and b1.ok and b2.ok else None
        row(f"build peak RSS, scale {s2} / scale {s1}", fmt_ratio(mem), "≤ 1.2×", None if mem is None else mem <= 1.2,
            "—" if mem is None else f"{mib(b1.peak_kib)} → {mib(b2.peak_kib)}")
        row(f"build peak RSS, scale {s2}", "—" if b2 is None or not b2.ok else mib(b2.peak_kib), "< 64 MiB",
            None if b2 is None or not b2.ok else b2.peak_kib < 64 * 1024, "")
        r = ratio(b2, b1)
        data = ctx["datasets"][s2][1] / ctx["datasets"][s1][1]
        row(f"build time, scale {s2} / scale {s1}", fmt_ratio(r), f"≈ {data:.2f}× (linear)", None,
            f"input grew {data:.2f}×")
    c, j, p = results.get("convert"), results.get("jq"), results.get("pyjson")
    r = ratio(j, c)
    row("jq . time / convert time (19 MB JSON)", fmt_ratio(r), "≥ 2×", None if r is None else r >= 2,
        "—" if r is None else f"convert {c.wall:.2f} s, jq {j.wall:.2f} s")
    ok = c is not None and j is not None and c.ok and j.ok
    row("convert peak RSS / jq peak RSS", fmt_ratio(c.peak_kib / j.peak_kib) if ok else "—", "≤ 1×",
        (c.peak_kib <= j.peak_kib) if ok else None, f"{mib(c.peak_kib)} vs {mib(j.peak_kib)}" if ok else "—")
    r = ratio(p, c)
    row("python json time / convert time", fmt_ratio(r), "(reported)", None,
        "—" if r is None else f"python json.load + json.dump {p.wall:.2f} s")
    v, ver, js = results.get("validate"), results.get("version"), results.get("jsonschema")
    r = ratio(v, ver)
    row("validate / --version (upstream config)", fmt_ratio(r), "≤ 1.5×", None if r is None else r <= 1.5,
        "—" if r is None else f"validate {v.wall * 1000:.0f} ms, --version {ver.wall * 1000:.0f} ms")
    r = ratio(v, js)
    row("validate / python jsonschema", fmt_ratio(r), "(reported)", None,
        "—" if r is None else f"jsonschema {js.wall * 1000:.0f} ms")
    a = results.get("audit")
    row("audit-models, 100k models", seconds(a.wall) if a is not None and a.ok else "—", "≤ 0.3 s",
        None if a is None or not a.ok else a.wall <= 0.3, "")
    a = results.get("audit-1m")
    row("audit-models, 1M models", seconds(a.wall) if a is not None and a.ok else "—", "(reported; ~10× the 100k)", None,
        "" if a is None or not a.ok else f"peak {mib(a.peak_kib)}")
    for scale in scales:
        c = results.get(f"check-s{scale}")
        row(f"check, scale {scale}", seconds(c.wall) if c is not None and c.ok else "—",
            "≤ 0.5 s" if scale == s1 else "(reported)", (None if c is None or not c.ok else c.wall <= 0.5) if scale == s1 else None, "")
    return ["## Targets (issue 16)", "", "Ratios from this one run; \"met\" compares with the issue's target.", "",
            "| Measure | Value | Target | Met | Reading |", "| --- | --- | --- | --- | --- |"] + rows + [""]


def write_results(path, results, ctx):
    mc = ctx["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Generated by `make bench` (`scripts/bench.sh`); do not edit by hand. How to run it and",
        "what each number means: [README.md](README.md).",
        "",
    ] + targets(results, ctx) + [
        "## Machine and tools",
        "",
        "| | |",
        "| --- | --- |",
        f"| CPU | {mc['cpu']}, {mc['nproc']} logical CPUs (`nproc`) |",
        f"| Memory | {mc['memory']} |",
        f"| OS | {mc['os']} |",
        f"| Load average when the run started | {mc.get('load', '?')} (the machine is shared; figures include that noise) |",
        f"| Swift | {mc['swift']} |",
        f"| cowork-dist | `{ctx['binary']}` version {ctx['version']} |",
        f"| Python | {mc['python']}; jsonschema {ctx['jsonschema'] or 'unavailable'} |",
        f"| tar / gzip | {mc['tar']}; {mc['gzip']} |",
        "",
        "## Method",
        "",
        f"- Each command runs as a child process: {ctx['warmup']} untimed warm-up run(s) (page cache filled), then",
        f"  {ctx['runs']} timed runs ({ctx.get('short_runs', ctx['runs'])} for `--version` and `validate`, taken alternately so",
        "  a change of load falls on both). Reported: the **median** wall time (min–max in brackets).",
        "- Wall time: `time.perf_counter()` from just before spawning the child to `os.wait4` returning.",
        "- Peak memory: `ru_maxrss` of the child from `os.wait4` (KiB on Linux), median over the timed",
        "  runs. For `tar -czf` it covers the `gzip` child too. Linux starts a child's `ru_maxrss` at",
        "  the parent's own peak (exec records the high-water mark of the address space it replaces), so",
        f"  no figure can fall below the harness's floor, measured with `true`: {mib(ctx['floor_kib'])}. A figure at the",
        "  floor means \"at most this\" and is marked so.",
        "- Output directories are deleted (untimed) before every run; `build` writes into a fresh `--out`.",
        "- Nothing is asserted about time: a slow run is reported, never failed.",
        "",
        "## Data",
        "",
        "Generated by `scripts/bench/generate.py` (fixed seed): skills of 20 files (SKILL.md + references),",
        "local MCP bundles of ~2 MB (`dist/index.js` of moderately compressible JS-like text), org plugins,",
        "20 overlays (YAML and JSON; the sidebar logo is the one upstream bundles), a policy, and a",
        f"`distribution.yaml` with a desktop target (3 platforms, tar.gz + zip) and a claude-3p target. Upstream: `{ctx['upstream']}`.",
        "",
        "| Scale | Skills | MCP bundles | Org plugins | Files | Bytes |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for scale in ctx["scales"]:
        files, total = ctx["datasets"][scale]
        lines.append(f"| {scale} | {500 * scale} | {50 * scale} | {30 * scale} | {files} | {size(total)} |")
    cfiles, cbytes = ctx["catalog"]
    lines += [
        "",
        f"Model catalog: 100,000 OpenRouter-shaped records ({size(cbytes)} with the audit config); a 1,000,000-record",
        f"catalog of the same shape and a {size(ctx.get('convert_bytes', 0))} JSON document of 120,000 mixed objects",
        "for `convert` come from `scripts/bench/generate_json.py`.",
        "",
        "## Results",
        "",
        "| Measurement | Median wall time | Range | CPU (user+sys) | Peak RSS | Notes |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for m in results.values():
        note = status(m)
        if not note and hasattr(m, "archives"):
            files, total = m.output
            note = f"{len(m.archives)} archives ({size(m.archive_bytes)}); output {files} files, {size(total)}"
        if not note and hasattr(m, "archive_bytes"):
            note = f"one archive, {size(m.archive_bytes)}"
        span = f"{min(m.walls):.3f}–{max(m.walls):.3f} s" if m.ok else "—"
        cpu = seconds(m.cpu) if m.ok and m.cpus else "—"
        lines.append(f"| {m.label} | {seconds(m.wall) if m.ok else '—'} | {span} | {cpu} | {peak(m, ctx['floor_kib'])} | {note} |")

    lines += ["", "## Ratios", "", "| Comparison | Ratio | Reading |", "| --- | --- | --- |"]
    for scale in ctx["scales"]:
        b, t = results.get(f"build-s{scale}"), results.get(f"tar-s{scale}")
        r = ratio(b, t)
        n = len(b.archives) if b is not None and hasattr(b, "archives") else 0
        reading = "—" if r is None else (
            f"`build` (check + {n} archives) takes {r:.2f}× the time `tar -czf` takes for one archive of the same tree")
        lines.append(f"| build / tar -czf, scale {scale} | {fmt_ratio(r)} | {reading} |")
        if r is not None and getattr(b, "archive_bytes", 0) and getattr(t, "archive_bytes", 0):
            per = (b.wall / b.archive_bytes) / (t.wall / t.archive_bytes)
            lines.append(f"| build / tar -czf per compressed byte written, scale {scale} | {fmt_ratio(per)} | "
                         f"time per MiB of archive: build {b.wall / (b.archive_bytes / 2**20) * 1000:.0f} ms, "
                         f"tar -czf {t.wall / (t.archive_bytes / 2**20) * 1000:.0f} ms |")
    v, j = results.get("validate"), results.get("jsonschema")
    r = ratio(v, j)
    reading = "—" if r is None else (
        f"cowork-dist validate is {1 / r:.1f}× as fast as a fresh Python jsonschema process" if r < 1
        else f"cowork-dist validate takes {r:.1f}× the time of a fresh Python jsonschema process")
    lines.append(f"| validate / python jsonschema (upstream config) | {fmt_ratio(r)} | {reading} |")
    if len(ctx["scales"]) > 1:
        s1, s2 = ctx["scales"][0], ctx["scales"][1]
        b1, b2 = results.get(f"build-s{s1}"), results.get(f"build-s{s2}")
        r = ratio(b2, b1)
        data = ctx["datasets"][s2][1] / ctx["datasets"][s1][1]
        lines.append(f"| build time, scale {s2} / scale {s1} | {fmt_ratio(r)} | input grew {data:.2f}×; linear growth would be about {data:.2f}× |")
        mem = (b2.peak_kib / b1.peak_kib) if b1 is not None and b2 is not None and b1.ok and b2.ok else None
        if mem is None:
            reading = "—"
        elif mem < 1.2:
            reading = f"flat while the input grew {data:.2f}×: archive contents stream in chunks and nothing per file piles up"
        else:
            reading = (f"not flat: memory grew {mem:.2f}× while the input grew {data:.2f}×. Archive contents stream, so "
                       "what grows is state kept per file (the file plan, manifest entries)")
        lines.append(f"| build peak RSS, scale {s2} / scale {s1} | {fmt_ratio(mem)} | {reading} |")
    lines += ["", "## Commands", "", "Paths relative to the project root; `<program>` is the inline Python program in",
              "`scripts/bench/run.py` (`JSONSCHEMA_SNIPPET`).", ""]
    lines += [f"- {m.label}: `{ctx['display'](m.argv)}`" for m in results.values()]
    failed = [m for m in results.values() if m.failure]
    if failed:
        lines += ["", "## Failures", ""]
        lines += [f"- {m.label}: {m.failure}" for m in failed]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
