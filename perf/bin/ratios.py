#!/usr/bin/env python3
"""Ratios of Myrmidon against a peer MPI, from files of LAT/BW/ALLREDUCE lines (several runs each).

For each size, the median over runs of each side; latency ratio = myrmidon / peer (<= 1.0 is as
fast or faster), bandwidth ratio = myrmidon / peer (>= 1.0 is as fast or faster).

Usage: ratios.py --ours myrmidon-shm --peer openmpi FILE...
"""
import argparse
import statistics
from collections import defaultdict


def load(paths):
    data = defaultdict(list)
    for path in paths:
        with open(path) as f:
            for line in f:
                parts = line.split()
                if not parts or parts[0] not in ("LAT", "BW", "ALLREDUCE"):
                    continue
                kv = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
                size = int(kv.get("size", kv.get("bytes", "0")))
                metric = "MBps" if parts[0] == "BW" else "median_us"
                if metric in kv:
                    data[(parts[0], kv["impl"], size)].append(float(kv[metric]))
    return data


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ours", required=True)
    parser.add_argument("--peer", required=True)
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    data = load(args.files)
    print(f"| kind | size | {args.ours} | {args.peer} | ratio | target |")
    print("|---|---|---|---|---|---|")
    for kind, unit, better in (("LAT", "us (median one-way)", "<= 1.0"), ("BW", "MB/s", ">= 1.0"),
                               ("ALLREDUCE", "us (median)", "<= 1.0")):
        sizes = sorted({k[2] for k in data if k[0] == kind and k[1] == args.ours} &
                       {k[2] for k in data if k[0] == kind and k[1] == args.peer})
        for size in sizes:
            ours = statistics.median(data[(kind, args.ours, size)])
            peer = statistics.median(data[(kind, args.peer, size)])
            ratio = ours / peer if peer else float("nan")
            print(f"| {kind} {unit} | {size} | {ours:.2f} | {peer:.2f} | {ratio:.2f} | {better} |")


if __name__ == "__main__":
    main()
