#!/usr/bin/env python3
"""Turn Myrmidon's example output into the LAT/BW/ALLREDUCE lines of ../shared/peer-bench.

Reads the rank-prefixed output of `bin/myrmidon run ... ping-pong|bandwidth|allreduce` on stdin
and prints one line per row, labelled with --impl, so that peer-bench's summarize.py puts
Myrmidon and the C MPIs in one table.

Usage: to-peer-format.py --kind LAT|BW|ALLREDUCE --impl myrmidon-shm < output.txt
"""
import argparse
import re
import sys

PREFIX = re.compile(r"^\[\d+\]\s?")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", required=True, choices=["LAT", "BW", "ALLREDUCE"])
    parser.add_argument("--impl", required=True)
    parser.add_argument("--np", default="2")
    args = parser.parse_args()
    for raw in sys.stdin:
        line = PREFIX.sub("", raw.strip())
        if not line or line.startswith("#"):
            continue
        cols = line.split()
        try:
            size = int(cols[0])
        except (ValueError, IndexError):
            continue
        if args.kind == "LAT" and len(cols) >= 5:
            print(f"LAT impl={args.impl} size={size} mean_us={cols[1]} median_us={cols[2]} p99_us={cols[3]} max_us={cols[4]}")
        elif args.kind == "BW" and len(cols) >= 2:
            print(f"BW impl={args.impl} size={size} MBps={cols[1]}")
        elif args.kind == "ALLREDUCE" and len(cols) >= 4:
            print(f"ALLREDUCE impl={args.impl} np={args.np} bytes={size} mean_us={cols[1]} median_us={cols[2]} p99_us={cols[3]}")


if __name__ == "__main__":
    main()
