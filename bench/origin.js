#!/usr/bin/env node
// The benchmark's loopback origin: a separate process (so its cost is not the client's), Node's
// own http module, HTTP/1.1 keep-alive, precomputed headers.
//
//   node bench/origin.js [--port 0] [--host 127.0.0.1] [--workers 1] [--backlog 4096]
//
// Routes (anything after the first number is ignored, so /page/17 and /bytes/1024/17 give every
// URL of a list its own path and file name):
//   /delay/<ms>[/...]  "hello <ms>" after <ms> milliseconds (the tutorial's slow page)
//   /page/<i>          1,024 bytes at once (W2)
//   /bytes/<n>[/...]   n bytes with Content-Length, streamed from one preallocated buffer with
//                      back-pressure (never holds more than that buffer per response)
//   /health            "ok"
// With --workers N > 1 it forks N processes with Node's cluster module (round-robin accept).
// --backlog: the listen queue (default 4096, the C origin's; Node's own default is 511, which the
// driver's cold origin of W1-node keeps).
// Prints "origin listening on http://HOST:PORT pid=PID workers=N" once every worker listens.
'use strict';

const http = require('http');
const cluster = require('cluster');

function arg(name, fallback) {
    const i = process.argv.indexOf(name);
    return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const host = arg('--host', '127.0.0.1');
const port = Number(arg('--port', '0')); // 0: any free port, printed
const workers = Math.max(1, Number(arg('--workers', '1')));
const backlog = Math.max(1, Number(arg('--backlog', '4096')));

if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    console.error('origin: loopback only');
    process.exit(2);
}

const CHUNK = 4 * 1024 * 1024;
const BUF = Buffer.alloc(CHUNK);
for (let i = 0; i < CHUNK; ++i)
    BUF[i] = 97 + (i % 26); // "abc...z" repeated, so a saved file is easy to check
const PAGE = BUF.subarray(0, 1024);

function text(res, status, body) {
    const b = Buffer.from(body);
    res.writeHead(status, ['Content-Type', 'text/plain', 'Content-Length', String(b.length)]);
    res.end(b);
}

function sendBytes(res, n) {
    res.writeHead(200, ['Content-Type', 'application/octet-stream', 'Content-Length', String(n)]);
    let left = n;
    let closed = false;
    res.on('close', () => { closed = true; });
    const pump = () => {
        while (left > 0 && !closed) {
            const k = Math.min(left, CHUNK);
            left -= k;
            if (!res.write(k === CHUNK ? BUF : BUF.subarray(0, k))) {
                res.once('drain', pump);
                return;
            }
        }
        if (!closed)
            res.end();
    };
    pump();
}

function handle(req, res) {
    const url = req.url;
    // /<route>/<number>...
    const slash = url.indexOf('/', 1);
    const route = slash < 0 ? url : url.substring(0, slash);
    const num = slash < 0 ? NaN : parseInt(url.substring(slash + 1), 10);
    switch (route) {
    case '/page':
        res.writeHead(200, ['Content-Type', 'text/html', 'Content-Length', '1024']);
        res.end(PAGE);
        return;
    case '/bytes':
        if (num >= 0 && num <= 64 * 1024 * 1024 * 1024)
            return sendBytes(res, num);
        break;
    case '/delay':
        if (num >= 0 && num <= 600000) {
            setTimeout(() => text(res, 200, 'hello ' + num), num);
            return;
        }
        break;
    case '/health':
        return text(res, 200, 'ok');
    }
    text(res, 404, 'not found\n');
}

function serve() {
    const server = http.createServer({ keepAlive: true, noDelay: true }, handle);
    server.keepAliveTimeout = 120000;
    server.headersTimeout = 125000;
    server.requestTimeout = 0;
    server.maxRequestsPerSocket = 0;
    server.listen({ host, port, backlog }, () => {
        const actual = server.address().port;
        if (cluster.isPrimary)
            console.log(`origin listening on http://${host}:${actual} pid=${process.pid} workers=1`);
        else
            process.send({ listening: actual });
    });
}

if (workers > 1 && cluster.isPrimary) {
    let ready = 0;
    for (let i = 0; i < workers; ++i) {
        const w = cluster.fork();
        w.on('message', (m) => {
            if (m && m.listening !== undefined && ++ready === workers)
                console.log(`origin listening on http://${host}:${m.listening} pid=${process.pid} workers=${workers}`);
        });
    }
    cluster.on('exit', (w, code) => {
        console.error(`origin: worker ${w.process.pid} exited (${code})`);
        process.exit(1);
    });
    const stop = () => {
        for (const id in cluster.workers)
            cluster.workers[id].kill();
        process.exit(0);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
} else {
    serve();
}
