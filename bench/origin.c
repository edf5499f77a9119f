// The benchmark's loopback origin in C: one process, one thread, epoll, HTTP/1.1 keep-alive. The
// routes and the bytes are origin.js's; bench/run builds and starts this one unless
// QCRAWL_BENCH_ORIGIN=node.
//
// Why C: W1 (1,000 requests at once, each answered after 1 s, on 1,000 fresh connections) was
// limited by the Node.js origin itself. Node spends about 55 µs per accepted connection (accept,
// the http parser, the socket objects, the timers), so 1,000 connections took it some 55 ms
// before the last timer even started, and even a raw-socket Python client (epoll, no HTTP
// library) needed 1.10-1.19 s for W1 against it, where the target is 1.05 s. Here a connection
// costs a few system calls and no allocation beyond its buffer.
//
//   cc -O2 -Wall -Wextra -o origin bench/origin.c       (bench/run does this into bench/out/)
//   origin [--port 0] [--host 127.0.0.1] [--workers 1]
//
// Prints "origin listening on http://HOST:PORT pid=PID workers=N" once it listens. Loopback
// hosts only (127.0.0.1, localhost, ::1; anything else exits with 2). --workers N > 1 binds once
// and forks N processes that share the listening socket (EPOLLEXCLUSIVE); they die with the
// parent, which forwards SIGTERM/SIGINT. The default, one worker, serves in the printed pid.
//
// Routes (as origin.js: the route is the target up to its second '/', the number is JS
// parseInt of what follows, anything after the number is ignored, so /page/17 and
// /bytes/1024/17 give every URL of a list its own path and file name):
//   /delay/<ms>[/...]  0-600000: "hello <ms>" (text/plain) after <ms> milliseconds
//   /page/<i>          1,024 bytes (text/html) at once: the first 1,024 bytes of the pattern
//   /bytes/<n>[/...]   0 <= n <= 64 GiB: n bytes (application/octet-stream), byte p being
//                      'a' + (p % 4194304) % 26 (origin.js writes its 4 MiB buffer again and
//                      again), streamed with back-pressure, never buffered
//   /health            "ok"
//   anything else      404 "not found\n"
// GET and HEAD only (HEAD: the same head, no body); other methods get 405 and a close.
// Requests are read into an 8 KiB buffer per connection (a longer head: 431 and close),
// pipelined requests are answered in order, and nothing is read from a connection while its
// response waits or is being written. "Connection: close" (or HTTP/1.0 without
// "Connection: keep-alive") closes after the response.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (4u * 1024 * 1024) // origin.js's buffer: the body repeats with this period
#define PAGE_SIZE 1024
#define IN_SIZE 8192             // request head limit, per connection
#define OUT_SIZE 512             // response head plus a short text body
#define MAX_BYTES (64ull * 1024 * 1024 * 1024)
#define MAX_DELAY 600000
#define DRAIN_MS 5000            // after "Connection: close": wait this long for the peer's FIN

static char BUF[CHUNK];

enum { ST_READ, ST_DELAY, ST_WRITE, ST_DRAIN };

struct conn {
    int fd;
    uint8_t state;
    uint8_t close_after;  // close once the current response is written
    uint8_t head_only;    // HEAD
    uint32_t events;      // what epoll watches for this fd now
    uint32_t delay_ms;
    uint32_t in_len;
    uint32_t out_len, out_off;
    uint64_t body_left;   // body bytes still to write, from BUF
    uint32_t body_pos;    // offset into BUF of the next one
    char out[OUT_SIZE];
    char in[IN_SIZE];
};

// Timers: a binary min-heap. An entry is stale (ignored) when its connection was closed, or
// scheduled something else since, which bumps gens[fd].
struct timer {
    int64_t at; // CLOCK_MONOTONIC, ns
    int fd;
    uint32_t gen;
};

static int ep = -1;
static int listen_fd = -1;
static int spare_fd = -1; // given up to accept and drop a connection when out of descriptors
static int table_size;
static struct conn **conns; // indexed by fd
static uint32_t *gens;      // indexed by fd, survives the connection
static struct timer *heap;
static size_t heap_n, heap_cap;

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void heap_push(int64_t at, int fd, uint32_t gen)
{
    if (heap_n == heap_cap) {
        size_t cap = heap_cap ? heap_cap * 2 : 1024;
        struct timer *h = realloc(heap, cap * sizeof *h);
        if (!h) {
            perror("origin: realloc");
            exit(1);
        }
        heap = h;
        heap_cap = cap;
    }
    size_t i = heap_n++;
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (heap[p].at <= at)
            break;
        heap[i] = heap[p];
        i = p;
    }
    heap[i] = (struct timer){at, fd, gen};
}

static struct timer heap_pop(void)
{
    struct timer top = heap[0];
    struct timer last = heap[--heap_n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= heap_n)
            break;
        if (c + 1 < heap_n && heap[c + 1].at < heap[c].at)
            ++c;
        if (last.at <= heap[c].at)
            break;
        heap[i] = heap[c];
        i = c;
    }
    if (heap_n > 0)
        heap[i] = last;
    return top;
}

static void set_events(struct conn *c, uint32_t events)
{
    if (c->events == events)
        return;
    struct epoll_event ev = {.events = events, .data.fd = c->fd};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
    c->events = events;
}

static void close_conn(struct conn *c)
{
    int fd = c->fd;
    close(fd); // also leaves the epoll set: the fd is this process's only reference
    ++gens[fd];
    conns[fd] = NULL;
    free(c);
}

static uint32_t schedule(struct conn *c, int64_t ms)
{
    uint32_t gen = ++gens[c->fd];
    heap_push(now_ns() + ms * 1000000, c->fd, gen);
    return gen;
}

// Writes what is left of the response. 0: done (the connection reads again), 1: waiting for
// EPOLLOUT, -1: the connection is gone.
static int flush(struct conn *c)
{
    for (;;) {
        struct iovec iov[3];
        int n = 0;
        size_t want = 0;
        if (c->out_off < c->out_len) {
            iov[n].iov_base = c->out + c->out_off;
            iov[n].iov_len = c->out_len - c->out_off;
            want += iov[n++].iov_len;
        }
        uint64_t left = c->body_left;
        uint32_t pos = c->body_pos;
        while (left > 0 && n < 3) {
            size_t k = CHUNK - pos;
            if (k > left)
                k = (size_t)left;
            iov[n].iov_base = BUF + pos;
            iov[n++].iov_len = k;
            want += k;
            left -= k;
            pos = 0;
        }
        if (n == 0)
            break;
        ssize_t w = writev(c->fd, iov, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                set_events(c, EPOLLOUT);
                return 1;
            }
            close_conn(c); // EPIPE, ECONNRESET, ...: quietly
            return -1;
        }
        size_t done = (size_t)w;
        size_t head = c->out_len - c->out_off;
        if (done <= head) {
            c->out_off += (uint32_t)done;
            done = 0;
        } else {
            c->out_off = c->out_len;
            done -= head;
        }
        c->body_left -= done;
        c->body_pos = (uint32_t)((c->body_pos + done) % CHUNK);
        if ((size_t)w < want && (c->out_off < c->out_len || c->body_left > 0)) {
            // The socket took less than offered: its buffer is full, wait rather than retry.
            set_events(c, EPOLLOUT);
            return 1;
        }
    }
    c->out_off = c->out_len = 0;
    if (c->close_after) {
        // Half-close, then read and drop until the peer closes: closing with unread bytes would
        // send a reset that can destroy the response before the peer reads it.
        shutdown(c->fd, SHUT_WR);
        c->state = ST_DRAIN;
        c->in_len = 0;
        schedule(c, DRAIN_MS);
        set_events(c, EPOLLIN);
        return 0;
    }
    c->state = ST_READ;
    return 0;
}

static const char *reason(int code)
{
    switch (code) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 431: return "Request Header Fields Too Large";
    default: return "Error";
    }
}

// Fills c->out with the head and, for a text body, the body; a stream body (/page, /bytes)
// comes from BUF. Then writes as much as the socket takes.
static int respond(struct conn *c, int code, const char *type, const char *text, size_t text_len,
                   uint64_t stream_len, const char *extra)
{
    uint64_t length = text ? text_len : stream_len;
    int n = snprintf(c->out, OUT_SIZE,
                     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %llu\r\n%s"
                     "Connection: %s\r\n\r\n",
                     code, reason(code), type, (unsigned long long)length, extra ? extra : "",
                     c->close_after ? "close" : "keep-alive");
    c->out_len = (uint32_t)n;
    c->out_off = 0;
    c->body_left = 0;
    c->body_pos = 0;
    if (!c->head_only) {
        if (text) {
            memcpy(c->out + c->out_len, text, text_len);
            c->out_len += (uint32_t)text_len;
        } else {
            c->body_left = stream_len;
        }
    }
    c->state = ST_WRITE;
    return flush(c);
}

static int respond_text(struct conn *c, int code, const char *text)
{
    return respond(c, code, "text/plain", text, strlen(text), 0, NULL);
}

// JS parseInt(s, 10) of [s, e): leading blanks, a sign, the leading digits. 0: NaN. The value
// saturates far above any limit here; *neg with a zero value is -0, which JS takes as >= 0.
static int parse_int(const char *s, const char *e, uint64_t *value, int *neg)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        ++s;
    *neg = 0;
    if (s < e && (*s == '+' || *s == '-'))
        *neg = *s++ == '-';
    const char *d = s;
    uint64_t v = 0;
    while (s < e && *s >= '0' && *s <= '9') {
        if (v < 1000000000000000000ull)
            v = v * 10 + (uint64_t)(*s - '0');
        ++s;
    }
    *value = v;
    return s > d;
}

static int has_token(const char *v, const char *e, const char *token)
{
    size_t n = strlen(token);
    while (v < e) {
        while (v < e && (*v == ' ' || *v == '\t' || *v == ','))
            ++v;
        const char *t = v;
        while (v < e && *v != ',')
            ++v;
        const char *te = v;
        while (te > t && (te[-1] == ' ' || te[-1] == '\t'))
            --te;
        if ((size_t)(te - t) == n && strncasecmp(t, token, n) == 0)
            return 1;
    }
    return 0;
}

// One complete request head in c->in[0, len) (len includes the blank line): sets
// c->close_after and c->head_only and returns what to answer (*num_out: the route's number).
enum { R_PAGE, R_BYTES, R_DELAY, R_HEALTH, R_404, R_400, R_405 };

static int parse_request(struct conn *c, size_t len, uint64_t *num_out)
{
    const char *p = c->in, *end = c->in + len - 2; // end: the blank line's CRLF
    const char *eol = memmem(p, (size_t)(end - p) + 2, "\r\n", 2);
    const char *sp1 = memchr(p, ' ', (size_t)(eol - p));
    if (!sp1 || sp1 == p)
        return R_400;
    const char *target = sp1 + 1;
    const char *sp2 = memchr(target, ' ', (size_t)(eol - target));
    if (!sp2 || sp2 == target)
        return R_400;
    const char *version = sp2 + 1;
    size_t vlen = (size_t)(eol - version);
    if (vlen != 8 || memcmp(version, "HTTP/1.", 7) != 0 || (version[7] != '0' && version[7] != '1'))
        return R_400;
    int http10 = version[7] == '0';
    size_t mlen = (size_t)(sp1 - p);
    int get = mlen == 3 && memcmp(p, "GET", 3) == 0;
    int head = mlen == 4 && memcmp(p, "HEAD", 4) == 0;

    // Headers: only Connection matters (and a body, which this origin does not read: a
    // request with one gets its answer and a close).
    int conn_close = 0, conn_keep = 0, body = 0;
    for (const char *h = eol + 2; h < end;) {
        const char *he = memmem(h, (size_t)(end - h) + 2, "\r\n", 2);
        const char *colon = memchr(h, ':', (size_t)(he - h));
        if (colon) {
            size_t nlen = (size_t)(colon - h);
            const char *v = colon + 1;
            if (nlen == 10 && strncasecmp(h, "connection", 10) == 0) {
                conn_close |= has_token(v, he, "close");
                conn_keep |= has_token(v, he, "keep-alive");
            } else if (nlen == 17 && strncasecmp(h, "transfer-encoding", 17) == 0) {
                body = 1;
            } else if (nlen == 14 && strncasecmp(h, "content-length", 14) == 0) {
                uint64_t n;
                int neg;
                if (!parse_int(v, he, &n, &neg) || n > 0)
                    body = 1;
            }
        }
        h = he + 2;
    }
    c->close_after = conn_close || (http10 && !conn_keep) || body;
    c->head_only = head;
    if (!get && !head) {
        c->close_after = 1;
        return R_405;
    }

    // origin.js: route = url up to the '/' after the first character, num = parseInt(rest).
    size_t tlen = (size_t)(sp2 - target);
    const char *slash = tlen > 1 ? memchr(target + 1, '/', tlen - 1) : NULL;
    size_t rlen = slash ? (size_t)(slash - target) : tlen;
    uint64_t num = 0;
    int neg = 0;
    int have = slash && parse_int(slash + 1, sp2, &num, &neg);
    int nonneg = have && (!neg || num == 0);
    *num_out = num;
#define ROUTE(s) (rlen == sizeof(s) - 1 && memcmp(target, s, sizeof(s) - 1) == 0)
    if (ROUTE("/page"))
        return R_PAGE;
    if (ROUTE("/bytes") && nonneg && num <= MAX_BYTES)
        return R_BYTES;
    if (ROUTE("/delay") && nonneg && num <= MAX_DELAY)
        return R_DELAY;
    if (ROUTE("/health"))
        return R_HEALTH;
#undef ROUTE
    return R_404;
}

// Answers the complete requests in c->in, in order, until one has to wait (a delay, a full
// socket) or the buffer holds no complete head.
static void process(struct conn *c)
{
    while (c->state == ST_READ) {
        uint32_t skip = 0; // blank lines between requests are allowed
        while (skip < c->in_len && (c->in[skip] == '\r' || c->in[skip] == '\n'))
            ++skip;
        if (skip) {
            memmove(c->in, c->in + skip, c->in_len - skip);
            c->in_len -= skip;
        }
        const char *e = c->in_len >= 4 ? memmem(c->in, c->in_len, "\r\n\r\n", 4) : NULL;
        if (!e) {
            if (c->in_len == IN_SIZE) {
                c->close_after = 1;
                c->head_only = 0;
                if (respond_text(c, 431, "request head too large\n") < 0)
                    return;
                continue;
            }
            set_events(c, EPOLLIN);
            return;
        }
        size_t len = (size_t)(e - c->in) + 4;
        uint64_t num = 0;
        int route = parse_request(c, len, &num);
        memmove(c->in, c->in + len, c->in_len - len);
        c->in_len -= (uint32_t)len;
        int r = 0;
        switch (route) {
        case R_PAGE:
            r = respond(c, 200, "text/html", NULL, 0, PAGE_SIZE, NULL);
            break;
        case R_BYTES:
            r = respond(c, 200, "application/octet-stream", NULL, 0, num, NULL);
            break;
        case R_DELAY:
            c->delay_ms = (uint32_t)num;
            c->state = ST_DELAY;
            schedule(c, (int64_t)num);
            // Stop reading: lazily (see on_event), unless epoll watches for EPOLLOUT.
            if (c->events & EPOLLOUT)
                set_events(c, 0);
            return;
        case R_HEALTH:
            r = respond_text(c, 200, "ok");
            break;
        case R_404:
            r = respond_text(c, 404, "not found\n");
            break;
        case R_405:
            r = respond(c, 405, "text/plain", "method not allowed\n", 19, 0, "Allow: GET, HEAD\r\n");
            break;
        default:
            c->close_after = 1;
            c->head_only = 0;
            r = respond_text(c, 400, "bad request\n");
            break;
        }
        if (r != 0)
            return; // gone, or waiting for the socket
    }
}

static void on_read(struct conn *c)
{
    for (;;) {
        ssize_t r = read(c->fd, c->in + c->in_len, IN_SIZE - c->in_len);
        if (r > 0) {
            if (c->state == ST_DRAIN) {
                continue; // dropped
            }
            c->in_len += (uint32_t)r;
            process(c);
            return; // level-triggered: more data, if any, comes with the next epoll_wait
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        close_conn(c); // EOF, ECONNRESET, ...
        return;
    }
}

static void on_timer(struct timer t)
{
    struct conn *c = t.fd < table_size ? conns[t.fd] : NULL;
    if (!c || gens[t.fd] != t.gen)
        return; // closed, or reused since
    if (c->state == ST_DRAIN) {
        close_conn(c);
        return;
    }
    if (c->state != ST_DELAY)
        return;
    char text[32];
    int n = snprintf(text, sizeof text, "hello %u", c->delay_ms);
    if (respond(c, 200, "text/plain", text, (size_t)n, 0, NULL) == 0)
        process(c); // pipelined requests that came with this one
}

static void on_event(struct conn *c, uint32_t ev)
{
    if (ev & EPOLLERR) {
        close_conn(c);
        return;
    }
    switch (c->state) {
    case ST_READ:
    case ST_DRAIN:
        if (ev & (EPOLLIN | EPOLLHUP | EPOLLRDHUP))
            on_read(c);
        break;
    case ST_WRITE:
        if (ev & (EPOLLOUT | EPOLLHUP))
            if (flush(c) == 0)
                process(c);
        break;
    case ST_DELAY:
        // Waiting for a timer: the peer sent more (a pipelined request, or its FIN). Leave it in
        // the socket until the response is written; epoll still reports a reset (EPOLLHUP).
        if (ev & EPOLLHUP)
            close_conn(c);
        else
            set_events(c, 0);
        break;
    }
}

static void accept_all(void)
{
    for (;;) {
        int fd = accept4(listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            if ((errno == EMFILE || errno == ENFILE) && spare_fd >= 0) {
                // Out of descriptors: accept and drop one so the listening socket does not stay
                // readable for ever.
                close(spare_fd);
                fd = accept(listen_fd, NULL, NULL);
                if (fd >= 0)
                    close(fd);
                spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
            }
            return; // EAGAIN and the rest
        }
        if (fd >= table_size) {
            close(fd);
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct conn *c = malloc(sizeof *c);
        if (!c) {
            close(fd);
            continue;
        }
        c->fd = fd;
        c->state = ST_READ;
        c->close_after = c->head_only = 0;
        c->in_len = c->out_len = c->out_off = 0;
        c->body_left = 0;
        c->body_pos = 0;
        c->events = EPOLLIN;
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
            close(fd);
            free(c);
            continue;
        }
        conns[fd] = c;
        on_read(c); // the request is often there already
    }
}

static void serve(int exclusive)
{
    ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) {
        perror("origin: epoll_create1");
        exit(1);
    }
    spare_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    conns = calloc((size_t)table_size, sizeof *conns);
    gens = calloc((size_t)table_size, sizeof *gens);
    if (!conns || !gens) {
        perror("origin: calloc");
        exit(1);
    }
    struct epoll_event lev = {.events = EPOLLIN | (exclusive ? EPOLLEXCLUSIVE : 0), .data.fd = -1};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd, &lev) < 0) {
        perror("origin: epoll_ctl");
        exit(1);
    }
    struct epoll_event events[512];
    for (;;) {
        int timeout = -1;
        if (heap_n > 0) {
            int64_t wait = heap[0].at - now_ns();
            timeout = wait <= 0 ? 0 : (int)((wait + 999999) / 1000000);
        }
        int n = epoll_wait(ep, events, 512, timeout);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            perror("origin: epoll_wait");
            exit(1);
        }
        for (int i = 0; i < n; ++i) {
            int fd = events[i].data.fd;
            if (fd < 0) {
                accept_all();
                continue;
            }
            struct conn *c = conns[fd];
            if (c)
                on_event(c, events[i].events);
        }
        if (heap_n > 0) {
            int64_t now = now_ns();
            while (heap_n > 0 && heap[0].at <= now)
                on_timer(heap_pop());
        }
    }
}

static const char *arg(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return fallback;
}

int main(int argc, char **argv)
{
    const char *host = arg(argc, argv, "--host", "127.0.0.1");
    const char *port_s = arg(argc, argv, "--port", "0");
    const char *workers_s = arg(argc, argv, "--workers", "1");
    if (strcmp(host, "127.0.0.1") != 0 && strcmp(host, "localhost") != 0 && strcmp(host, "::1") != 0) {
        fprintf(stderr, "origin: loopback only\n");
        return 2;
    }
    char *e;
    long port = strtol(port_s, &e, 10);
    if (*port_s == '\0' || *e != '\0' || port < 0 || port > 65535) {
        fprintf(stderr, "origin: bad --port %s\n", port_s);
        return 2;
    }
    long workers = strtol(workers_s, &e, 10);
    if (*workers_s == '\0' || *e != '\0' || workers > 64) {
        fprintf(stderr, "origin: bad --workers %s\n", workers_s);
        return 2;
    }
    if (workers < 1)
        workers = 1;

    // As many connections as the hard limit allows (the table is indexed by fd).
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
        table_size = rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (1u << 20) ? (1 << 20) : (int)rl.rlim_cur;
    }
    if (table_size < 1024)
        table_size = 1024;
    signal(SIGPIPE, SIG_IGN);

    for (uint32_t i = 0; i < CHUNK; ++i)
        BUF[i] = (char)('a' + i % 26);

    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_NUMERICSERV};
    struct addrinfo *ai;
    char port_str[16];
    snprintf(port_str, sizeof port_str, "%ld", port);
    int gai = getaddrinfo(host, port_str, &hints, &ai);
    if (gai != 0) {
        fprintf(stderr, "origin: %s: %s\n", host, gai_strerror(gai));
        return 1;
    }
    listen_fd = socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (listen_fd < 0) {
        perror("origin: socket");
        return 1;
    }
    int one = 1;
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(listen_fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(listen_fd, 4096) < 0) {
        fprintf(stderr, "origin: listen on %s:%ld: %s\n", host, port, strerror(errno));
        return 1;
    }
    freeaddrinfo(ai);
    struct sockaddr_storage sa;
    socklen_t salen = sizeof sa;
    getsockname(listen_fd, (struct sockaddr *)&sa, &salen);
    unsigned actual = ntohs(sa.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&sa)->sin6_port
                                                     : ((struct sockaddr_in *)&sa)->sin_port);

    if (workers == 1) {
        printf("origin listening on http://%s:%u pid=%d workers=1\n", host, actual, (int)getpid());
        fflush(stdout);
        serve(0);
        return 0;
    }

    // Workers: block the signals the parent waits for, fork, and let each child serve.
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGCHLD);
    sigprocmask(SIG_BLOCK, &set, &old);
    pid_t parent = getpid();
    pid_t *pids = calloc((size_t)workers, sizeof *pids);
    for (long i = 0; i < workers; ++i) {
        pid_t pid = fork();
        if (pid < 0) {
            perror("origin: fork");
            for (long j = 0; j < i; ++j)
                kill(pids[j], SIGTERM);
            return 1;
        }
        if (pid == 0) {
            sigprocmask(SIG_SETMASK, &old, NULL);
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (getppid() != parent)
                _exit(1);
            serve(1);
            _exit(0);
        }
        pids[i] = pid;
    }
    printf("origin listening on http://%s:%u pid=%d workers=%ld\n", host, actual, (int)parent, workers);
    fflush(stdout);
    for (;;) {
        int sig = sigwaitinfo(&set, NULL);
        if (sig == SIGCHLD) {
            int status;
            pid_t pid;
            while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
                fprintf(stderr, "origin: worker %d exited (%d)\n", (int)pid,
                        WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
                for (long j = 0; j < workers; ++j)
                    if (pids[j] != pid)
                        kill(pids[j], SIGTERM);
                return 1;
            }
        } else if (sig == SIGTERM || sig == SIGINT) {
            for (long j = 0; j < workers; ++j)
                kill(pids[j], SIGTERM);
            while (wait(NULL) > 0 || errno == EINTR)
                ;
            return 0;
        }
    }
}
