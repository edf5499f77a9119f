// The bare libcurl reference client: what the library qcrawl stands on does with nothing around
// it. curl's multi_socket API on an epoll loop with a timerfd (as curl's docs/examples/
// ephiperfifo.c), N transfers in flight, every body counted (or saved), every status checked.
// bench/run compiles it into bench/out/curlbench:
//
//   cc -O2 -Wall -Wextra -o curlbench bench/curlbench.c -lcurl
//   curlbench -i URLFILE | -u PATTERN -n COUNT  [-c N] [--http1.1 | --http2] [--cacert FILE]
//             [-o DIR] [--streams 256] [--max-host-connections M]
//
// -i: one URL per line; -u: a URL with one %d, replaced by 0 .. COUNT-1. -c: transfers in flight
// (default 100); each finished one is replaced by the next URL on the same easy handle, as an
// application would. --http1.1 / --http2 (CURL_HTTP_VERSION_2_0; without either, as qcrawl:
// HTTP/2 over TLS when ALPN agrees, HTTP/1.1 for http://). -o DIR: bodies go to DIR/body-00000.bin ... (the
// driver's W4), else they are counted and dropped. Prints one JSON line: {"ok", "failed",
// "bytes", "elapsed_s" (first transfer added to last one done), "http_versions", "errors"}, and
// exits 1 unless every transfer ended CURLE_OK with status 200. With --http2 it allows --streams
// (256, nginx's limit in the bench) streams per connection and, unless told, at most
// ceil(N / streams) connections per host (see main() for why).
//
// The easy options are the ones qcrawl's CurlReply sets for the same request (64 KiB receive
// buffer, Accept-Encoding from libcurl, PIPEWAIT, TLS sessions and DNS shared across transfers),
// so that the difference between the two is qcrawl's own code, not a different use of libcurl;
// the HTTP/2 multi options above are the exception (qcrawl's CurlMulti sets neither: it limits
// the TLS handshakes per host it starts at once instead).
#define _GNU_SOURCE
#include <curl/curl.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    CURL *easy;
    long index;       // URL index of the current transfer
    FILE *file;       // -o: the body's file
    char error[CURL_ERROR_SIZE];
} Slot;

static CURLM *multi;
static int epfd, tfd;
static char **urls;
static long nurls, next_url, running_slots, ok, failed, versions[4];
static unsigned long long nbytes;
static const char *outdir;
static char first_error[512];
static long first_error_count;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t on_body(char *data, size_t size, size_t count, void *p)
{
    Slot *slot = p;
    size_t n = size * count;
    nbytes += n;
    if (outdir) {
        if (!slot->file) {
            char path[4096];
            snprintf(path, sizeof path, "%s/body-%05ld.bin", outdir, slot->index);
            if (!(slot->file = fopen(path, "wb")))
                return 0;
        }
        if (fwrite(data, 1, n, slot->file) != n)
            return 0;
    }
    return n;
}

// CURLMOPT_SOCKETFUNCTION: watch what curl asks for (the fd is the epoll key).
static int on_socket(CURL *e, curl_socket_t s, int what, void *u, void *sockp)
{
    (void)e, (void)u;
    struct epoll_event ev = { .data.fd = s };
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(epfd, EPOLL_CTL_DEL, s, NULL);
        return 0;
    }
    ev.events = ((what & CURL_POLL_IN) ? EPOLLIN : 0) | ((what & CURL_POLL_OUT) ? EPOLLOUT : 0);
    if (epoll_ctl(epfd, sockp ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, s, &ev) < 0)
        epoll_ctl(epfd, sockp ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, s, &ev); // a reused number
    curl_multi_assign(multi, s, (void *)1);
    return 0;
}

// CURLMOPT_TIMERFUNCTION: one timerfd; 0 means "now" (1 ns: a zero it_value disarms).
static int on_timer(CURLM *m, long ms, void *u)
{
    (void)m, (void)u;
    struct itimerspec its = { 0 };
    if (ms >= 0) {
        its.it_value.tv_sec = ms / 1000;
        its.it_value.tv_nsec = ms > 0 ? (ms % 1000) * 1000000L : 1;
    }
    timerfd_settime(tfd, 0, &its, NULL);
    return 0;
}

static long want_version; // 0: libcurl's default for the scheme, as qcrawl's

static void start(Slot *slot)
{
    slot->index = next_url++;
    slot->file = NULL;
    slot->error[0] = 0;
    const char *url = urls[slot->index];
    const int https = !strncasecmp(url, "https:", 6);
    curl_easy_setopt(slot->easy, CURLOPT_URL, url);
    // As qcrawl's CurlReply: HTTP/1.1 for http://, HTTP/2 by ALPN for https:// unless told
    // otherwise, and over https PIPEWAIT: a new transfer waits for a connection that may
    // multiplex it instead of opening one of its own (on http:// it would wait for the first
    // answer on the first connection just to learn that it cannot).
    curl_easy_setopt(slot->easy, CURLOPT_HTTP_VERSION,
                     want_version ? want_version
                                  : https ? (long)CURL_HTTP_VERSION_2TLS : (long)CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(slot->easy, CURLOPT_PIPEWAIT, (long)https);
    curl_multi_add_handle(multi, slot->easy);
    ++running_slots;
}

static void finished(void)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(multi, &left))) {
        if (msg->msg != CURLMSG_DONE)
            continue;
        Slot *slot;
        long status = 0, version = 0;
        curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&slot);
        curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_getinfo(msg->easy_handle, CURLINFO_HTTP_VERSION, &version);
        if (slot->file && fclose(slot->file) != 0 && msg->data.result == CURLE_OK)
            msg->data.result = CURLE_WRITE_ERROR;
        if (msg->data.result == CURLE_OK && status == 200) {
            ++ok;
        } else {
            ++failed;
            if (!first_error_count++)
                snprintf(first_error, sizeof first_error, "%.200s: %.250s (status %ld)",
                         urls[slot->index], slot->error[0] ? slot->error
                         : curl_easy_strerror(msg->data.result), status);
        }
        versions[version == CURL_HTTP_VERSION_2_0 ? 2 : version == CURL_HTTP_VERSION_1_1 ? 1 : 0]++;
        curl_multi_remove_handle(multi, msg->easy_handle);
        --running_slots;
        if (next_url < nurls)
            start(slot);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: curlbench -i URLFILE | -u PATTERN -n COUNT [-c N] [--http1.1 | "
                    "--http2] [--cacert FILE] [-o DIR] [--streams S] [--max-host-connections M]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *list = NULL, *pattern = NULL, *cacert = NULL;
    long count = 0, inflight = 100, host_connections = 0, streams = 256;
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--http1.1")) want_version = CURL_HTTP_VERSION_1_1;
        else if (!strcmp(a, "--http2")) want_version = CURL_HTTP_VERSION_2_0;
        else if (!v) usage();
        else if (!strcmp(a, "-i")) list = v, ++i;
        else if (!strcmp(a, "-u")) pattern = v, ++i;
        else if (!strcmp(a, "-n")) count = atol(v), ++i;
        else if (!strcmp(a, "-c")) inflight = atol(v), ++i;
        else if (!strcmp(a, "--max-host-connections")) host_connections = atol(v), ++i;
        else if (!strcmp(a, "--streams")) streams = atol(v), ++i;
        else if (!strcmp(a, "--cacert")) cacert = v, ++i;
        else if (!strcmp(a, "-o")) outdir = v, ++i;
        else usage();
    }
    if (list) {
        FILE *f = fopen(list, "r");
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        if (!f) { perror(list); return 2; }
        while ((len = getline(&line, &cap, f)) > 0) {
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
            if (len == 0) continue;
            urls = realloc(urls, (nurls + 1) * sizeof *urls);
            urls[nurls++] = strdup(line);
        }
        fclose(f);
    } else if (pattern && count > 0) {
        urls = calloc(count, sizeof *urls);
        for (nurls = 0; nurls < count; ++nurls)
            if (asprintf(&urls[nurls], pattern, (int)nurls) < 0) return 2;
    } else {
        usage();
    }
    if (inflight < 1 || streams < 1 || host_connections < 0) usage();
    if (inflight > nurls) inflight = nurls;

    curl_global_init(CURL_GLOBAL_DEFAULT);
    multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, on_socket);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, on_timer);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, inflight); // keep every connection for reuse
    if (want_version == CURL_HTTP_VERSION_2_0) {
        // HTTP/2: use the 256 streams per connection nginx allows (libcurl 7.88 stops at its
        // own CURLMOPT_MAX_CONCURRENT_STREAMS, 100 by default, whatever the server says), and
        // no more connections than that needs. Without the cap, once the connections it has are
        // full, libcurl 7.88 opens a new connection for every transfer that does not fit:
        // PIPEWAIT only makes a transfer wait while the first connection's protocol is unknown
        // (W1s, 1,000 added at once: some 900 TLS connections and 4-7 s instead of 4 and 1 s).
        curl_multi_setopt(multi, CURLMOPT_MAX_CONCURRENT_STREAMS, streams);
        if (!host_connections)
            host_connections = (inflight + streams - 1) / streams;
    }
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, host_connections);
    CURLSH *share = curl_share_init(); // one thread: no lock functions needed
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_share_setopt(share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    struct epoll_event tev = { .events = EPOLLIN, .data.fd = tfd };
    epoll_ctl(epfd, EPOLL_CTL_ADD, tfd, &tev);

    Slot *slots = calloc(inflight, sizeof *slots);
    for (long i = 0; i < inflight; ++i) {
        CURL *e = slots[i].easy = curl_easy_init();
        curl_easy_setopt(e, CURLOPT_PRIVATE, &slots[i]);
        curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(e, CURLOPT_WRITEDATA, &slots[i]);
        curl_easy_setopt(e, CURLOPT_ERRORBUFFER, slots[i].error);
        curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(e, CURLOPT_SHARE, share);
        curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 64L * 1024);
        curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
        curl_easy_setopt(e, CURLOPT_USERAGENT, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                         "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/84.0.4147.89 Safari/537.36");
        if (cacert) {
            // The bench's own CA, one certificate. For the system's CAs, set CURLOPT_CAPATH
            // (/etc/ssl/certs) and CURLOPT_CAINFO NULL instead: libcurl 7.88 with OpenSSL 3
            // parses a CA bundle file again for every new TLS connection (some 30 ms of CPU for
            // Debian's 140-certificate bundle), a hashed folder one certificate per lookup.
            curl_easy_setopt(e, CURLOPT_CAINFO, cacert);
            curl_easy_setopt(e, CURLOPT_CAPATH, NULL);
        }
    }

    double t0 = now();
    for (long i = 0; i < inflight; ++i)
        start(&slots[i]);
    int still = 1;
    struct epoll_event events[256];
    while (running_slots > 0) {
        int n = epoll_wait(epfd, events, 256, 1000);
        if (n < 0 && errno != EINTR) { perror("epoll_wait"); return 2; }
        for (int i = 0; i < n; ++i) {
            if (events[i].data.fd == tfd) {
                uint64_t expirations;
                if (read(tfd, &expirations, sizeof expirations) < 0 && errno == EAGAIN)
                    continue; // already handled in this batch
                curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &still);
            } else {
                int mask = ((events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) ? CURL_CSELECT_IN : 0)
                        | ((events[i].events & EPOLLOUT) ? CURL_CSELECT_OUT : 0)
                        | ((events[i].events & EPOLLERR) ? CURL_CSELECT_ERR : 0);
                curl_multi_socket_action(multi, events[i].data.fd, mask, &still);
            }
            finished();
        }
    }
    double elapsed = now() - t0;

    for (long i = 0; i < inflight; ++i)
        curl_easy_cleanup(slots[i].easy);
    curl_multi_cleanup(multi);
    curl_share_cleanup(share);
    printf("{\"contender\": \"curlbench\", \"libcurl\": \"%s\", \"ok\": %ld, \"failed\": %ld, "
           "\"bytes\": %llu, \"elapsed_s\": %.4f, \"http_versions\": {\"1.1\": %ld, \"2\": %ld, "
           "\"other\": %ld}, \"errors\": {",
           curl_version_info(CURLVERSION_NOW)->version, ok, failed, nbytes, elapsed, versions[1],
           versions[2], versions[0]);
    if (first_error_count) {
        for (char *c = first_error; *c; ++c)
            if (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20) *c = ' ';
        printf("\"%s\": %ld", first_error, first_error_count);
    }
    printf("}}\n");
    return failed == 0 && ok == nurls ? 0 : 1;
}
