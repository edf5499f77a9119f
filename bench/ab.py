#!/usr/bin/python3
"""A/B two or more qcrawl-cli builds on one workload, interleaved, medians (for engine changes).

    bench/ab.py W2 base=bench/out/build/bin/qcrawl-cli new=/path/to/other/qcrawl-cli
    bench/ab.py W3 --reps 5 a=BIN b=BIN,QCRAWL_SOME_ENV=1      # env for one variant
    bench/ab.py W4 -n 10 -c 1 -m serial a=BIN b=BIN

Workloads as in bench/driver.py (W1 delay pages, W2 1 KiB pages, W3 64 MiB counted, W4 256 MiB
saved); -n/-c override the count and the concurrency. Starts its own origin (bench/origin.js) on
127.0.0.1; prints wall, CPU µs per request and peak RSS per variant. Used for the experiments in
bench/analysis.md (patches in bench/experiments/).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(BENCH, 'out', 'ab')
SHAPES = {'W1': ('/delay/1000/{i}', 1000, 1000, False), 'W2': ('/page/{i}', 20000, 100, False),
          'W3': ('/bytes/67108864/{i}', 20, 20, False), 'W4': ('/bytes/268435456/{i}', 10, 10, True)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('workload', choices=sorted(SHAPES))
    ap.add_argument('variants', nargs='+', help='LABEL=BINARY[,ENV=VALUE...]')
    ap.add_argument('--reps', type=int, default=3)
    ap.add_argument('-n', type=int)
    ap.add_argument('-c', type=int)
    ap.add_argument('-m', '--mode', default='async', choices=['async', 'pool', 'serial'])
    a = ap.parse_args()
    path, n, c, save = SHAPES[a.workload]
    n, c = a.n or n, a.c or c
    os.makedirs(OUT, exist_ok=True)
    origin_log = os.path.join(OUT, 'origin.log')
    with open(origin_log, 'w') as log:
        origin = subprocess.Popen(['node', os.path.join(BENCH, 'origin.js')], stdout=log, stderr=log)
    try:
        base = None
        for _ in range(100):
            time.sleep(0.1)
            m = re.search(r'http://127\.0\.0\.1:\d+', open(origin_log).read())
            if m:
                base = m.group(0)
                break
        if not base:
            sys.exit('origin did not start')
        urls = os.path.join(OUT, 'urls.txt')
        with open(urls, 'w') as f:
            for i in range(n):
                f.write(base + path.format(i=i) + '\n')
        variants = []
        for v in a.variants:
            label, spec = v.split('=', 1)
            binary, *env = spec.split(',')
            variants.append((label, binary, dict(e.split('=', 1) for e in env)))
        results = {label: [] for label, _, _ in variants}
        files = os.path.join(OUT, 'files')
        for rep in range(a.reps):
            for label, binary, env in (variants if rep % 2 == 0 else variants[::-1]):
                shutil.rmtree(files, ignore_errors=True)
                cmd = [binary, 'fetch', '-m', a.mode, '-c', str(c), '-i', urls, '-f', 'jsonl']
                if save:
                    os.makedirs(files)
                    cmd += ['-o', files]
                    subprocess.run(['sync'])
                time.sleep(0.3)
                tfile = os.path.join(OUT, 'time.txt')
                t0 = time.monotonic()
                p = subprocess.run(['/usr/bin/time', '-f', '%U %S %M', '-o', tfile] + cmd,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   env=dict(os.environ, **env), timeout=600)
                wall = time.monotonic() - t0
                user, system, rss = open(tfile).read().split()[-3:]
                ok = p.stdout.decode().count('"status":200')
                results[label].append((wall, float(user) + float(system), int(rss) / 1024, ok == n))
        shutil.rmtree(files, ignore_errors=True)
        for label, runs in results.items():
            print('%-12s %s n=%d c=%d %s: wall %.3f s [%s]  CPU %.0f µs/req  peak RSS %.0f MiB  %s' % (
                label, a.workload, n, c, a.mode, statistics.median(r[0] for r in runs),
                ' '.join('%.2f' % r[0] for r in runs),
                statistics.median(r[1] for r in runs) / n * 1e6,
                statistics.median(r[2] for r in runs),
                'all ok' if all(r[3] for r in runs) else 'SOME RUNS FAILED'))
    finally:
        origin.terminate()
        origin.wait()


if __name__ == '__main__':
    main()
