#!/usr/bin/python3
"""The tutorial's first approach: requests, one URL after another ("单线程串行").

The tutorial calls requests.get() per URL; this uses one requests.Session for the whole list, so
each page reuses the kept-alive connection as qcrawl's serial mode does. Plain requests.get() would
also pay a TCP connect per page (and leave 20,000 sockets in TIME_WAIT per W2 run, enough to run
out of ephemeral ports by the third repetition): the Session is the fair, and faster, baseline.
"""
import sys

import requests

from _common import parse_args, read_urls, Tally
from _requests_fetch import fetch


def main():
    args = parse_args(__doc__)
    urls = read_urls(args.urls)
    tally = Tally()
    with requests.Session() as session:
        for index, url in enumerate(urls):
            fetch(session, url, index, args, tally)
    return tally.report('tutorial_serial', requests=requests.__version__)


if __name__ == '__main__':
    sys.exit(main())
