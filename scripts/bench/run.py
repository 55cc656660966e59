#!/usr/bin/env python3
"""Measure cowork-dist on the generated benchmark data and write benchmarks/RESULTS.md.

Standard library only. Each command runs as a child process; wall time is taken around
the child's whole life (perf_counter before spawning, after os.wait4 returns) and peak
memory is the child's ru_maxrss from os.wait4 (KiB on Linux; for tar it covers the gzip
child too, as Linux folds reaped grandchildren into the rusage). That figure never falls
below the harness's own peak RSS, which exec records as the child's starting mark; the
floor is measured with `true` and reported, and figures at the floor read "at most". Every measured command
gets W untimed warm-up runs (page cache filled) and then N timed runs; the median is
reported with the min-max range.

Nothing here asserts a time. The exit status is 1 only when a command that should
succeed fails (non-zero exit), 2 on bad arguments; slowness never fails.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

from report import write_results

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
UPSTREAM = os.path.normpath(os.path.join(ROOT, "..", "shared", "upstream", "open-cowork", "ba16c71"))
# Timed runs at least for commands of milliseconds (--version, validate), whose median of
# three moves with any passing load on a shared machine.
SHORT_RUNS = 21

PYJSON_SNIPPET = (
    "import json, sys\n"
    "with open(sys.argv[1], encoding='utf-8') as f: value = json.load(f)\n"
    "json.dump(value, sys.stdout, indent=2, ensure_ascii=False)\n"
    "sys.stdout.write('\\n')\n"
)

JSONSCHEMA_SNIPPET = (
    "import json, sys\n"
    "from jsonschema import Draft202012Validator\n"
    "schema = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "doc = json.load(open(sys.argv[2], encoding='utf-8'))\n"
    "errors = list(Draft202012Validator(schema).iter_errors(doc))\n"
    "for e in errors: print(e.json_path, e.message)\n"
    "sys.exit(1 if errors else 0)\n"
)


class Measurement:
    """The runs of one command: wall seconds, peak RSS KiB, and the failure if any."""

    def __init__(self, key, label, argv):
        self.key, self.label, self.argv = key, label, argv
        self.walls, self.rss, self.cpus = [], [], []
        self.failure = None  # text when the command failed
        self.unavailable = None  # text when the command cannot run in this setup

    @property
    def ok(self):
        return self.failure is None and self.unavailable is None and bool(self.walls)

    @property
    def wall(self):
        return statistics.median(self.walls) if self.walls else None

    @property
    def cpu(self):
        return statistics.median(self.cpus) if self.cpus else None

    @property
    def peak_kib(self):
        return statistics.median(self.rss) if self.rss else None


def display(argv, root=None):
    """A command line for people: paths under the project root made relative, an inline
    program shown as <program>."""
    shown = []
    for arg in argv:
        if "\n" in arg:
            arg = "<program>"
        elif arg == sys.executable:
            arg = "python3"
        elif root:
            key, eq, path = arg.rpartition("=") if "=" in arg else ("", "", arg)
            if path.startswith(root + os.sep):
                path = path[len(root) + 1:]
            elif path.startswith(os.path.dirname(root) + os.sep):
                path = ".." + os.sep + path[len(os.path.dirname(root)) + 1:]
            arg = key + eq + path
        shown.append(arg)
    return " ".join(shown)


def run_once(argv, log_prefix, cwd=None, cpu=None):
    """Runs argv to completion; returns (wall seconds, ru_maxrss KiB, exit status) and
    appends user + system CPU seconds (children included) to `cpu` when given."""
    with open(log_prefix + ".out", "wb") as out, open(log_prefix + ".err", "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # already reaped; keep Popen quiet
    if cpu is not None:
        cpu.append(usage.ru_utime + usage.ru_stime)
    return wall, usage.ru_maxrss, child.returncode


def tail(path, lines=8):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:]).strip()
    except OSError:
        return ""


def measure_interleaved(ms, runs, warmup, logs, prepare=None):
    """Warm-up runs, then timed runs of each command; prepare() runs untimed before each
    run (e.g. to clear an output directory). A command stops at its first failure, which
    is recorded. With several commands (a ratio is reported), run i of each is taken back
    to back, so a change in the machine's load lands on all of them alike instead of on
    whichever block of runs it falls in."""
    for m in ms:
        print(f"bench: {m.label}: {display(m.argv)}", flush=True)
    for i in range(warmup + runs):
        for m in ms:
            if m.failure:
                continue
            if prepare:
                prepare()
            log = os.path.join(logs, f"{m.key}-{i}")
            try:
                cpu = []
                wall, rss, status = run_once(m.argv, log, cpu=cpu)
            except OSError as error:
                m.failure = f"could not start: {error}"
                continue
            if status != 0:
                m.failure = f"exit {status}: {tail(log + '.err') or tail(log + '.out')}"
                continue
            if i >= warmup:
                m.walls.append(wall)
                m.rss.append(rss)
                m.cpus.append(cpu[0])
    for m in ms:
        if m.failure:
            print(f"bench:   {m.label}: FAILED {m.failure}", file=sys.stderr, flush=True)
        else:
            print(f"bench:   {m.label}: median {m.wall:.3f} s, CPU {m.cpu:.3f} s, peak {m.peak_kib / 1024:.1f} MiB "
                  f"(runs: {', '.join(f'{w:.3f}' for w in m.walls)})", flush=True)
    return ms


def subcommands(binary):
    """The subcommands the binary lists in --help, so a missing one is reported as
    unavailable rather than as a failure of an older binary."""
    try:
        text = subprocess.run([binary, "--help"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return set()
    names, inside = set(), False
    for line in text.splitlines():
        if line.strip() == "SUBCOMMANDS:":
            inside = True
            continue
        if inside and line.startswith("  ") and not line.startswith("   "):
            names.add(line.split()[0])
    return names


def command_output(argv):
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
    except OSError:
        return None
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text and done.returncode == 0 else None


def machine():
    info = {"nproc": str(os.cpu_count() or "?"), "cpu": "?", "memory": "?", "os": platform.platform()}
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["memory"] = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                    break
        with open("/etc/os-release", encoding="utf-8") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    info["os"] = line.split("=", 1)[1].strip().strip('"') + f" (kernel {platform.release()})"
        with open("/proc/loadavg", encoding="utf-8") as f:
            info["load"] = " ".join(f.read().split()[:3])
    except OSError:
        pass
    info["swift"] = command_output(["swift", "--version"]) or "unavailable"
    info["python"] = platform.python_version()
    info["tar"] = command_output(["tar", "--version"]) or "unavailable"
    info["gzip"] = command_output(["gzip", "--version"]) or "unavailable"
    return info


def tree_size(path):
    files = total = 0
    for directory, _, names in os.walk(path):
        for name in names:
            if name == ".stamp.json":
                continue
            files += 1
            total += os.path.getsize(os.path.join(directory, name))
    return files, total


def split_tar(dist, members, prefix):
    """An uncompressed tar of the tree, cut into two halves of equal size (untimed)."""
    plain = prefix + ".tar"
    subprocess.run(["tar", "-cf", plain, "-C", dist] + members, check=True)
    size = os.path.getsize(plain)
    halves = [prefix + ".a", prefix + ".b"]
    # Copied in 1 MiB chunks: a child's peak RSS starts at this process's own peak.
    with open(plain, "rb") as f:
        for path, count in zip(halves, [size // 2, size - size // 2]):
            with open(path, "wb") as out:
                while count > 0:
                    chunk = f.read(min(count, 1 << 20))
                    out.write(chunk)
                    count -= len(chunk)
    os.remove(plain)
    return halves


def compression_cost(build_out, archives, scratch):
    """What compressing each content once costs in size: every tar.gz of the build next
    to its own tar stream deflated whole by gzip -6 (the usual way), summed."""
    import gzip
    ours = whole = 0
    for name in archives:
        if not name.endswith(".tar.gz"):
            continue
        path = os.path.join(build_out, name)
        with gzip.open(path, "rb") as f, open(scratch, "wb") as out:
            shutil.copyfileobj(f, out)
        # Output to a file, never into this process: a child's peak RSS starts at ours.
        with open(scratch + ".gz", "wb") as packed:
            subprocess.run(["gzip", "-6", "-c", scratch], stdout=packed, check=True)
        ours += os.path.getsize(path)
        whole += os.path.getsize(scratch + ".gz")
    for leftover in (scratch, scratch + ".gz"):
        if os.path.exists(leftover):
            os.remove(leftover)
    return {"ours": ours, "whole": whole}


def jsonschema_version():
    done = subprocess.run([sys.executable, "-c", "from importlib.metadata import version; print(version('jsonschema'))"],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else None


def report_only(work, results_path):
    """Rewrites the report from saved raw measurements (after a change to report.py)."""
    with open(os.path.join(work, "results.json"), encoding="utf-8") as f:
        saved = json.load(f)
    results = {}
    for raw in saved["results"]:
        m = Measurement(raw["key"], raw["label"], raw["argv"])
        vars(m).update(raw)
        results[m.key] = m
    context = saved["context"]
    context["datasets"] = {int(k): v for k, v in context["datasets"].items()}
    write_results(results_path, results, dict(context, display=lambda argv: display(argv, ROOT)))
    return 1 if any(m.failure for m in results.values()) else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="Measure cowork-dist and write benchmarks/RESULTS.md.")
    parser.add_argument("binary", help="the cowork-dist binary (release build)")
    parser.add_argument("--work", default=os.path.join(ROOT, "benchmarks", "work"), help="generated data (generate.py --out)")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")), help="timed runs per command (median)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs before the timed ones")
    parser.add_argument("--scales", default="1,2", help="scales to build, comma-separated; the first is the base")
    parser.add_argument("--upstream", default=UPSTREAM, help="upstream release (config + schema for validate)")
    parser.add_argument("--results", default=os.path.join(ROOT, "benchmarks", "RESULTS.md"), help="report to write")
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite the report from the last run's WORK/results.json without measuring")
    args = parser.parse_args(argv)
    if args.report_only:
        return report_only(os.path.abspath(args.work), args.results)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        print(f"bench: {binary} is not an executable; run `make release` first", file=sys.stderr)
        return 2
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    work = os.path.abspath(args.work)
    logs = os.path.join(work, "logs")
    out = os.path.join(work, "out")
    shutil.rmtree(logs, ignore_errors=True)
    os.makedirs(logs)
    os.makedirs(out, exist_ok=True)
    available = subcommands(binary)
    results = {}
    # A child's ru_maxrss starts at the harness's own peak RSS (exec records the
    # high-water mark of the address space it replaces), so measure that floor.
    floor = max(run_once(["true"], os.path.join(logs, "floor"))[1] for _ in range(3))

    def add(m, prepare=None, needs=None):
        return add_interleaved([(m, needs)], args.runs, prepare)[0]

    def add_interleaved(pairs, runs, prepare=None):
        """Each (measurement, subcommand it needs or None): those the binary can run are
        measured together, run by run (see measure_interleaved)."""
        runnable = []
        for m, needs in pairs:
            results[m.key] = m
            if needs and needs not in available:
                m.unavailable = f"this binary has no `{needs}` subcommand"
                print(f"bench: {m.label}: skipped ({m.unavailable})", flush=True)
            else:
                runnable.append(m)
        measure_interleaved(runnable, runs, args.warmup, logs, prepare)
        return [m for m, _ in pairs]

    def clear(path):
        return lambda: (shutil.rmtree(path, ignore_errors=True), os.path.exists(path) and os.remove(path))

    # check and build at each scale, with tar -czf of the same tree beside each build.
    datasets = {}
    for scale in scales:
        dist = os.path.join(work, f"scale-{scale}", "dist")
        if not os.path.isfile(os.path.join(dist, "distribution.yaml")):
            print(f"bench: {dist} is missing; run scripts/bench/generate.py --scale {scale}", file=sys.stderr)
            return 2
        datasets[scale] = tree_size(dist)
        add(Measurement(f"check-s{scale}", f"check (scale {scale})", [binary, "check", dist]), needs="check")
        build_out = os.path.join(out, f"build-s{scale}")
        m = add(Measurement(f"build-s{scale}", f"build (scale {scale})",
                            [binary, "build", dist, "--out", build_out, "--quiet"]), prepare=clear(build_out), needs="build")
        if m.ok:
            m.output = tree_size(build_out)
            m.archives = sorted(os.path.relpath(os.path.join(d, n), build_out)
                                for d, _, names in os.walk(build_out) for n in names
                                if n.endswith((".tar.gz", ".zip")))
            m.archive_bytes = sum(os.path.getsize(os.path.join(build_out, a)) for a in m.archives)
            manifest = os.path.join(build_out, "build-manifest.json")
            m.manifest_bytes = os.path.getsize(manifest) if os.path.exists(manifest) else None
            m.build_out = build_out
        tarball = os.path.join(out, f"tar-s{scale}.tar.gz")
        members = sorted(n for n in os.listdir(dist) if not n.startswith("."))
        add(Measurement(f"tar-s{scale}", f"tar -czf (scale {scale})", ["tar", "-czf", tarball, "-C", dist] + members),
            prepare=clear(tarball))
        if os.path.exists(tarball):
            results[f"tar-s{scale}"].archive_bytes = os.path.getsize(tarball)
        # The physical limit: the same bytes as one uncompressed tar (made untimed), cut in
        # two halves, each deflated once by gzip -6, both at once on the two cores.
        halves = split_tar(dist, members, os.path.join(out, f"plain-s{scale}"))
        add(Measurement(f"gzip-s{scale}", f"gzip -6 once over 2 cores (scale {scale})",
                        ["sh", "-c", 'gzip -6 -c "$1" > /dev/null & gzip -6 -c "$2" > /dev/null; wait', "sh"] + halves))

    # convert of the ~19 MB JSON document vs jq and Python's json module.
    big = os.path.join(work, "json", "convert.json")
    convert_bytes = os.path.getsize(big) if os.path.exists(big) else 0
    add(Measurement("convert", "cowork-dist convert (19 MB JSON)", [binary, "convert", big]), needs="convert")
    jq = shutil.which("jq")
    jqm = Measurement("jq", "jq . (19 MB JSON)", [jq or "jq", ".", big])
    if jq:
        add(jqm)
    else:
        jqm.unavailable = "jq is not installed (scripts/ensure-system-packages.sh with WITH_BENCH_TOOLS=1)"
        results[jqm.key] = jqm
    add(Measurement("pyjson", "python json (19 MB JSON)", [sys.executable, "-c", PYJSON_SNIPPET, big]))

    # validate against process start alone (the floor for small commands), then against
    # Python jsonschema, on the real upstream config. Commands of milliseconds are at the
    # mercy of the machine's load: more runs, and version and validate interleaved.
    schema = os.path.join(args.upstream, "open-cowork.config.schema.json")
    config = os.path.join(args.upstream, "open-cowork.config.json")
    add_interleaved([(Measurement("version", "cowork-dist --version", [binary, "--version"]), None),
                     (Measurement("validate", "cowork-dist validate", [binary, "validate", "--schema", schema, config]),
                      "validate")], max(args.runs, SHORT_RUNS))
    js_version = jsonschema_version()
    js = Measurement("jsonschema", "python jsonschema", [sys.executable, "-c", JSONSCHEMA_SNIPPET, schema, config])
    if js_version:
        add(js)
    else:
        js.unavailable = "the jsonschema package is not importable"
        results[js.key] = js
        print("bench: python jsonschema: unavailable", flush=True)

    # audit-models on the 100k catalog, offline, with a private cache directory.
    catalog = os.path.join(work, "catalog")
    cache = os.path.join(out, "catalog-cache")
    add(Measurement("audit", "audit-models (100k catalog)",
                    [binary, "audit-models", "--config", os.path.join(catalog, "audit.config.json"),
                     "--catalog", "openrouter=" + os.path.join(catalog, "openrouter.json"), "--offline",
                     "--cache-dir", cache]), needs="audit-models")

    large = os.path.join(work, "catalog-1m", "openrouter.json")
    add(Measurement("audit-1m", "audit-models (1M catalog)",
                    [binary, "audit-models", "--config", os.path.join(catalog, "audit.config.json"),
                     "--catalog", "openrouter=" + large, "--offline", "--cache-dir", cache + "-1m"]), needs="audit-models")

    # Untimed, after every measurement (it reads hundreds of MB): the size cost of
    # compressing each file once, from the last build of each scale.
    for scale in scales:
        m = results.get(f"build-s{scale}")
        if m is not None and m.ok and getattr(m, "build_out", None):
            m.compression = compression_cost(m.build_out, m.archives, os.path.join(out, f"recompressed-s{scale}"))

    context = {
        "binary": os.path.relpath(binary, ROOT) if binary.startswith(ROOT) else binary,
        "version": command_output([binary, "--version"]) or "unknown",
        "runs": args.runs, "short_runs": max(args.runs, SHORT_RUNS), "warmup": args.warmup, "scales": scales, "datasets": datasets,
        "catalog": tree_size(catalog), "convert_bytes": convert_bytes, "machine": machine(), "floor_kib": floor, "jsonschema": js_version,
        "upstream": os.path.relpath(args.upstream, ROOT),
    }
    with open(os.path.join(work, "results.json"), "w", encoding="utf-8") as f:
        json.dump({"context": context, "results": [vars(m) for m in results.values()]}, f, indent=1)
    write_results(args.results, results, dict(context, display=lambda argv: display(argv, ROOT)))
    print(f"bench: wrote {os.path.relpath(args.results, os.getcwd())}", flush=True)
    failed = [m for m in results.values() if m.failure]
    for m in failed:
        print(f"bench: FAILED: {m.label}: {m.failure}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
