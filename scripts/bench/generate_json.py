#!/usr/bin/env python3
"""Generate the JSON inputs of `make bench` that do not depend on a distribution.

Standard library only; the output depends on nothing but the seed (same inputs, same bytes):

    json/convert.json                 ~19 MB document of 120,000 mixed objects (strings with
                                      escapes and non-ASCII text, numbers, booleans, nulls,
                                      nested arrays and objects), for `convert` vs jq and Python
    catalog-1m/openrouter.json        1,000,000-model OpenRouter-shaped catalog holding every
                                      featured id (the 100k catalog's shape, ten times longer)

Like generate.py, each tree is written once and reused while this file and the seed
are unchanged (`.stamp.json`).
"""

import argparse
import hashlib
import json
import os
import random
import sys

from generate import VENDORS, WORDS, build_once, featured_models, write

CONVERT_OBJECTS = 120_000
LARGE_CATALOG = 1_000_000


def generate_convert(directory, seed):
    rng = random.Random(f"{seed}:convert")
    items = []
    for i in range(CONVERT_OBJECTS):
        words = [rng.choice(WORDS) for _ in range(rng.randint(2, 4))]
        item = {
            "id": f"item-{i:06d}",
            "title": " ".join(words).title(),
            "score": round(rng.uniform(-1000, 1000), rng.randint(0, 4)),
            "count": rng.randint(0, 10**9),
            "active": rng.random() < 0.5,
            "parent": None if rng.random() < 0.3 else f"item-{rng.randrange(max(i, 1)):06d}",
            "tags": [rng.choice(WORDS) for _ in range(rng.randint(0, 3))],
            "note": rng.choice(["", "line one\nline two", "tab\there", "quote \"q\" and \\ slash",
                                "café – naïve ☕", "emoji 🚀 text"]),
        }
        if rng.random() < 0.1:
            item["meta"] = {"owner": rng.choice(WORDS), "weights": [rng.randint(0, 99) for _ in range(3)]}
        items.append(item)
    text = json.dumps({"version": 1, "items": items}, ensure_ascii=False) + "\n"
    write(os.path.join(directory, "convert.json"), text)


def generate_large_catalog(directory, seed):
    rng = random.Random(f"{seed}:catalog-1m")
    featured = featured_models()
    ids = set(featured)
    slots = {(k * 24_677 + 113) % LARGE_CATALOG: m for k, m in enumerate(featured)}
    records = []
    for i in range(LARGE_CATALOG):
        if i in slots:
            model = slots[i]
        else:
            model = f"{VENDORS[i % len(VENDORS)]}/{rng.choice(WORDS)}-{rng.choice(WORDS)}-{i:07d}"
            while model in ids:
                model += "-x"
        ids.add(model)
        records.append({"id": model, "name": model.split("/")[1].replace("-", " ").title(),
                        "context_length": rng.choice([8192, 32768, 128000, 200000, 1000000])})
    write(os.path.join(directory, "openrouter.json"), json.dumps({"data": records}, separators=(",", ":")) + "\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="benchmarks/work", help="output directory (default benchmarks/work)")
    parser.add_argument("--seed", type=int, default=20260808, help="random seed")
    args = parser.parse_args(argv)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    with open(os.path.abspath(__file__), "rb") as f:
        stamp = {"digest": hashlib.sha256(f.read()).hexdigest(), "seed": args.seed}
    made = build_once(os.path.join(out, "json"), stamp, lambda tmp: generate_convert(tmp, args.seed))
    print(f"generate: convert input: {'written' if made else 'up to date'} ({out}/json)")
    made = build_once(os.path.join(out, "catalog-1m"), stamp, lambda tmp: generate_large_catalog(tmp, args.seed))
    print(f"generate: 1M catalog: {'written' if made else 'up to date'} ({out}/catalog-1m)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
