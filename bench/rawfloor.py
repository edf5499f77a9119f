#!/usr/bin/env python3
"""The W1 floor of an origin: N concurrent GET /delay/<ms>/i on N fresh connections, sent by a
client with no HTTP library at all (non-blocking sockets, epoll), and when all were answered.

    python3 bench/rawfloor.py PORT [N=1000] [MS=1000]

Whatever this client needs beyond MS is the origin's (accepting N connections, reading N
requests, firing N timers, writing N answers) plus the kernel's: no real client can do better
against that origin on this machine. bench/analysis.md quotes it for the Node.js and C origins.
"""
import selectors
import socket
import sys
import time


def main():
    port = int(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    ms = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    sel = selectors.EpollSelector()
    t0 = time.monotonic()
    for i in range(n):
        s = socket.socket()
        s.setblocking(False)
        s.connect_ex(('127.0.0.1', port))
        sel.register(s, selectors.EVENT_WRITE, i)
    issued = time.monotonic() - t0
    done = 0
    last_sent = first_done = None
    while done < n:
        for key, events in sel.select():
            s, i = key.fileobj, key.data
            if events & selectors.EVENT_WRITE:
                s.send(b'GET /delay/%d/%d HTTP/1.1\r\nHost: x\r\n\r\n' % (ms, i))
                last_sent = time.monotonic() - t0
                sel.modify(s, selectors.EVENT_READ, i)
            elif s.recv(65536):
                done += 1
                sel.unregister(s)
                s.close()
                if first_done is None:
                    first_done = time.monotonic() - t0
    print('connects issued %.1f ms, last request sent %.1f ms, first answer %.0f ms, '
          'all answered %.0f ms' % (issued * 1e3, last_sent * 1e3, first_done * 1e3,
                                    (time.monotonic() - t0) * 1e3))


if __name__ == '__main__':
    main()
