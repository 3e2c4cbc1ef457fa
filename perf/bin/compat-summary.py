#!/usr/bin/env python3
"""Summarizes the output of perf/bin/compat-overhead.sh (runs of mpi.CompatLatency, each after a
'## run N CONFIG' line): per configuration and size, the median over runs of the best round of
each API and of the best-round overhead (with its range), and the median of the round-median
overheads; once over all runs, once over the runs in the fast mode."""
import argparse
import re
import statistics

ROW = re.compile(r'\[0\] (\d+)\s+([\d.]+)\s+([\d.]+)\s+(-?[\d.]+)%\s+([\d.]+)\s+([\d.]+)\s+(-?[\d.]+)%')


def parse(path):
    runs, current, section = [], None, 'latency'
    for line in open(path):
        header = re.match(r'## run (\d+) (\S+)', line)
        if header:
            current = {'config': header.group(2), 'latency': {}, 'bandwidth': {}}
            runs.append(current)
            section = 'latency'
        elif current is not None and 'compat MB/s' in line:
            section = 'bandwidth'
        elif current is not None:
            row = ROW.match(line)
            if row:
                current[section][int(row.group(1))] = [float(x) for x in row.groups()[1:]]
    return [r for r in runs if r['latency'] and r['bandwidth']]


def report(title, runs):
    print(f'{title} ({len(runs)} runs)')
    print('| kind | bytes | this API (best) | Myrmidon API (best) | overhead, best rounds: median [range] '
          '| overhead, round medians: median |')
    print('|---|---:|---:|---:|---:|---:|')
    for kind, unit in (('latency', 'us'), ('bandwidth', 'MB/s')):
        for size in sorted(runs[0][kind]):
            rows = [r[kind][size] for r in runs if size in r[kind]]
            best = [row[5] for row in rows]
            print(f'| {kind} | {size} | {statistics.median(row[3] for row in rows):.2f} {unit} '
                  f'| {statistics.median(row[4] for row in rows):.2f} {unit} '
                  f'| {statistics.median(best):+.1f} % [{min(best):+.1f} .. {max(best):+.1f}] '
                  f'| {statistics.median(row[2] for row in rows):+.1f} % |')
    print()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--fast-us', type=float, default=0.2,
                        help='a run is in the fast mode when its best 8 B latency (Myrmidon API) is at most this')
    parser.add_argument('log')
    args = parser.parse_args()
    runs = parse(args.log)
    for config in sorted({r['config'] for r in runs}):
        chosen = [r for r in runs if r['config'] == config]
        report(f'{config} heap, all runs', chosen)
        fast = [r for r in chosen if 8 in r['latency'] and r['latency'][8][4] <= args.fast_us]
        if fast:
            report(f'{config} heap, fast-mode runs', fast)


if __name__ == '__main__':
    main()
