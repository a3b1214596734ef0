#!/usr/bin/env python3
"""Writes the load tests' symbol payloads, one CSV per tier (header `symbol`, rank order):
hot.csv, medium.csv, cold.csv. Tiers by rank as the service's defaults (pricewire.tiers:
hot-size 20, medium-size 180): hot = ranks 1-20, medium = 21-200, cold = 201 and beyond.

usage: gen_payloads.py [--universe assets.csv] [--out DIR] [--hot-size 20] [--medium-size 180]
Defaults: core's assets.csv and loadtest/payloads/. Deterministic: the same universe gives the
same files, so the committed payloads only change when the universe does."""
import argparse
import csv
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_UNIVERSE = os.path.join(ROOT, "core/src/main/resources/io/pricewire/core/asset/assets.csv")


def tiers(rows, hot_size, medium_size):
    by_rank = sorted(rows, key=lambda r: int(r["rank"]))
    symbols = [r["symbol"].upper() for r in by_rank]
    return {
        "hot": symbols[:hot_size],
        "medium": symbols[hot_size:hot_size + medium_size],
        "cold": symbols[hot_size + medium_size:],
    }


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--universe", default=DEFAULT_UNIVERSE)
    p.add_argument("--out", default=os.path.join(ROOT, "loadtest/payloads"))
    p.add_argument("--hot-size", type=int, default=20)
    p.add_argument("--medium-size", type=int, default=180)
    a = p.parse_args(argv)
    try:
        with open(a.universe, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"gen_payloads: cannot read the universe {a.universe}: {e.strerror}")
    if not rows or "rank" not in rows[0] or "symbol" not in rows[0]:
        sys.exit(f"gen_payloads: {a.universe} is not an asset CSV (rank,symbol,...)")
    os.makedirs(a.out, exist_ok=True)
    for tier, symbols in tiers(rows, a.hot_size, a.medium_size).items():
        if not symbols:
            sys.exit(f"gen_payloads: the universe has no {tier} assets ({len(rows)} rows)")
        path = os.path.join(a.out, f"{tier}.csv")
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("symbol\n")
            f.writelines(s + "\n" for s in symbols)
        os.replace(tmp, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
