"""Shared by the tutorial contenders: arguments, the URL list, the one-line JSON summary."""
import argparse
import json
import os
import sys
import time

# The tutorial's User-Agent (qcrawl sends one just as long).
HEADERS = {'User-Agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 '
                         '(KHTML, like Gecko) Chrome/84.0.4147.89 Safari/537.36'}
CHUNK = 1024 * 1024  # streaming reads (--body stream / save)


def parse_args(description, concurrency_help=None):
    p = argparse.ArgumentParser(description=description)
    p.add_argument('-i', '--urls', required=True, help='file with one URL per line')
    p.add_argument('--body', choices=['read', 'stream', 'save'], default='read',
                   help='read: the tutorial idiom, the whole body in memory, counted, dropped; '
                        'stream: read in 1 MiB chunks, counted, dropped; '
                        'save: stream in 1 MiB chunks to a file in --out')
    p.add_argument('-o', '--out', help='folder for --body save')
    p.add_argument('--cacert', help='PEM file of the CA to trust for https:// (the bench\'s test CA)')
    if concurrency_help:
        p.add_argument('-c', '--concurrency', type=int, default=4, help=concurrency_help)
    a = p.parse_args()
    if a.body == 'save' and not a.out:
        p.error('--body save needs --out')
    return a


def read_urls(path):
    with open(path) as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


def out_path(out, index):
    return os.path.join(out, 'body-%05d.bin' % index)


class Tally:
    def __init__(self):
        self.ok = 0
        self.failed = 0
        self.bytes = 0
        self.errors = {}
        self.start = time.monotonic()

    def success(self, n):
        self.ok += 1
        self.bytes += n

    def failure(self, what):
        self.failed += 1
        what = str(what)[:200]
        self.errors[what] = self.errors.get(what, 0) + 1

    def report(self, name, **extra):
        elapsed = time.monotonic() - self.start
        d = dict(contender=name, ok=self.ok, failed=self.failed, bytes=self.bytes,
                 elapsed_s=round(elapsed, 4), errors=dict(list(self.errors.items())[:5]))
        d.update(extra)
        sys.stdout.write(json.dumps(d) + '\n')
        sys.stdout.flush()
        return 0 if self.failed == 0 else 1
