#!/usr/bin/python3
"""The tutorial's thread pool: multiprocessing.dummy.Pool(4).map over a blocking requests fetch.

As in tutorial_serial.py each worker thread keeps one requests.Session (a Session is not meant to
be shared between threads), so every worker reuses its own kept-alive connection.
"""
import sys
import threading
from multiprocessing.dummy import Pool

import requests

from _common import parse_args, read_urls, Tally
from _requests_fetch import fetch


def main():
    args = parse_args(__doc__, concurrency_help='worker threads (the tutorial: Pool(4))')
    urls = read_urls(args.urls)
    tally = Tally()
    local = threading.local()
    lock = threading.Lock()

    class LockedTally:  # Tally's counters, updated under a lock from the workers
        def success(self, n):
            with lock:
                tally.success(n)

        def failure(self, what):
            with lock:
                tally.failure(what)

    shared = LockedTally()

    def get_page(item):
        index, url = item
        session = getattr(local, 'session', None)
        if session is None:
            session = local.session = requests.Session()
        fetch(session, url, index, args, shared)

    pool = Pool(args.concurrency)
    pool.map(get_page, list(enumerate(urls)))
    pool.close()
    pool.join()
    return tally.report('tutorial_pool', threads=args.concurrency, requests=requests.__version__)


if __name__ == '__main__':
    sys.exit(main())
