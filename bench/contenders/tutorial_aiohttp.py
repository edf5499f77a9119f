#!/usr/bin/python3
"""The tutorial's recommended approach: one asyncio event loop, aiohttp, a task per URL.

Unlike the tutorial's snippet (a new ClientSession inside every get_page()), all tasks share one
ClientSession whose TCPConnector(limit=N) bounds the connections, as aiohttp's documentation
asks; the tasks are created up front and awaited with asyncio.wait(), as in the tutorial. With
--cacert, https:// URLs are checked against that CA (an ssl.SSLContext given to the connector);
aiohttp speaks HTTP/1.1 only.
"""
import asyncio
import ssl
import sys

import aiohttp

from _common import CHUNK, HEADERS, out_path, parse_args, read_urls, Tally


async def get_page(session, url, index, args, tally):
    try:
        async with session.get(url, headers=HEADERS) as response:
            if response.status != 200:
                tally.failure('HTTP %d' % response.status)
                return
            if args.body == 'read':
                # The tutorial: page_text = await response.text(); bytes here, the same read.
                tally.success(len(await response.read()))
                return
            n = 0
            if args.body == 'stream':
                async for chunk in response.content.iter_chunked(CHUNK):
                    n += len(chunk)
            else:
                # Blocking file writes on the loop's thread, as a plain port of the tutorial's
                # "with open(...) as fp: fp.write(data)" does.
                with open(out_path(args.out, index), 'wb') as fp:
                    async for chunk in response.content.iter_chunked(CHUNK):
                        fp.write(chunk)
                        n += len(chunk)
            tally.success(n)
    except (aiohttp.ClientError, asyncio.TimeoutError) as e:
        tally.failure(type(e).__name__ + ': ' + str(e))


async def run(args, urls, tally):
    context = ssl.create_default_context(cafile=args.cacert) if args.cacert else None
    connector = aiohttp.TCPConnector(limit=args.concurrency, ssl=context)
    timeout = aiohttp.ClientTimeout(total=None, sock_read=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        tasks = [asyncio.ensure_future(get_page(session, url, i, args, tally))
                 for i, url in enumerate(urls)]
        await asyncio.wait(tasks)


def main():
    args = parse_args(__doc__, concurrency_help='TCPConnector(limit=N): connections at once')
    urls = read_urls(args.urls)
    tally = Tally()
    asyncio.run(run(args, urls, tally))
    return tally.report('tutorial_aiohttp', limit=args.concurrency, aiohttp=aiohttp.__version__)


if __name__ == '__main__':
    sys.exit(main())
