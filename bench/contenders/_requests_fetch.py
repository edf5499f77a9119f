"""One blocking fetch with requests, as the tutorial's get_content()/get_video_data() do."""
import requests

from _common import CHUNK, HEADERS, out_path


def fetch(session, url, index, args, tally):
    try:
        if args.body == 'read':
            # The tutorial: response = requests.get(url, headers=headers); response.content
            r = session.get(url, headers=HEADERS)
            if r.status_code != 200:
                tally.failure('HTTP %d' % r.status_code)
                return
            tally.success(len(r.content))
            return
        with session.get(url, headers=HEADERS, stream=True) as r:
            if r.status_code != 200:
                tally.failure('HTTP %d' % r.status_code)
                return
            n = 0
            if args.body == 'stream':
                for chunk in r.iter_content(CHUNK):
                    n += len(chunk)
            else:
                with open(out_path(args.out, index), 'wb') as fp:
                    for chunk in r.iter_content(CHUNK):
                        fp.write(chunk)
                        n += len(chunk)
            tally.success(n)
    except requests.RequestException as e:
        tally.failure(type(e).__name__ + ': ' + str(e))
