#include "demoroutes.h"

#include "demo/demohls.h"
#include "demo/demosyntax.h"
#include "demo/demovideosite.h"

#include <optional>

#include <QList>

namespace qcrawl {

namespace {

constexpr qint64 MaxBodyBytes = qint64(64) << 30;
constexpr qint64 MaxDelayMs = 600000;
constexpr qint64 MaxRedirects = 1000;
constexpr qint64 MaxFlaky = 1000000;
constexpr qint64 MaxRetryAfter = 86400 * 365;
constexpr qint64 StallAnnounced = 1024;
constexpr qint64 MinRate = 1024; // ?rate=<bytes per second>
constexpr qint64 MaxRate = qint64(1) << 40;

const QByteArray OctetStream = QByteArrayLiteral("application/octet-stream");

using Framing = DemoResponse::Framing;
using Stream = DemoResponse::Stream;

// A head with no fixed body: what follows it is streamed, or nothing.
DemoResponse bodiless(int status, const QByteArray &contentType, Framing framing, qint64 length,
                      const QByteArray &extraHeaders = {})
{
    DemoResponse response;
    response.status = status;
    response.contentType = contentType;
    response.framing = framing;
    response.length = length;
    response.extraHeaders = extraHeaders;
    return response;
}

// The body [offset, end) of the pattern in chunks, or, since an HTTP/1.0 client does not know
// chunked encoding, delimited by the close.
DemoResponse chunkedStream(const DemoRequest &request, const QByteArray &contentType, qint64 offset,
                           qint64 end, qint64 bytesPerSecond)
{
    DemoResponse response =
            bodiless(200, contentType, request.http11 ? Framing::Chunked : Framing::UntilClose, -1);
    response.close = !request.http11;
    response.stream = Stream { offset, end, request.http11, bytesPerSecond, {} };
    return response;
}

const QByteArray &indexPage()
{
    static const QByteArray page = QByteArrayLiteral(R"(<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>qcrawl demo server</title></head>
<body>
<h1>qcrawl demo server</h1>
<p>Deterministic endpoints for trying qcrawl without the internet. Bodies are a fixed
pseudo-random pattern with a period of 65521 bytes, so every byte can be checked.</p>
<ul>
<li><a href="/delay/1000">/delay/&lt;ms&gt;</a> - answers "hello &lt;ms&gt;" after &lt;ms&gt; milliseconds</li>
<li><a href="/bytes/1048576">/bytes/&lt;n&gt;</a> - n pattern bytes with Content-Length; honours Range;
?rate=B sends B bytes per second</li>
<li><a href="/chunked/1048576">/chunked/&lt;n&gt;</a> - the same bytes, chunked transfer encoding</li>
<li><a href="/status/404">/status/&lt;code&gt;</a> - that status code; ?retry_after=S adds Retry-After</li>
<li><a href="/redirect/5">/redirect/&lt;n&gt;</a> - a chain of n redirects</li>
<li><a href="/redirect-to?url=%2Fbytes%2F16">/redirect-to?url=&lt;url&gt;</a> - redirects to url</li>
<li><a href="/flaky/2">/flaky/&lt;n&gt;</a> - 503 for the first n requests of the same URL, then 200</li>
<li><a href="/drop/1000">/drop/&lt;n&gt;</a> - announces 2n bytes, sends n, then closes</li>
<li><a href="/stall">/stall</a> - headers, then silence</li>
<li><a href="/headers">/headers</a> - echoes the request's headers</li>
<li><a href="/videos/category_5">/videos/category_5</a> - an offline video site shaped like the
tutorial's (pearvideo.com): list page, detail pages, media; try
<code>qcrawl-cli harvest --preset pearvideo --list &lt;this URL&gt;</code>; ?rate=B throttles its
videos, ?page_delay=MS slows its detail pages</li>
<li><a href="/hls/master.m3u8">/hls/master.m3u8</a> - HLS videos: a master playlist with two
variants; also /hls/aes/, /hls/fmp4/, /hls/byterange/, /hls/audio/master.m3u8, /hls/live/,
/hls/drm/, /hls/flaky/, /hls/missing/ and /hls/many/ (index.m3u8 each); ?rate=B throttles the
segments</li>
</ul>
</body>
</html>
)");
    return page;
}

DemoResponse serveDelay(const QByteArray &arg)
{
    const auto ms = parseDecimal(arg, MaxDelayMs);
    if (!ms)
        return DemoResponse::text(400, "/delay/<ms> needs 0 <= ms <= 600000\n");
    DemoResponse response = DemoResponse::text(200, "hello " + QByteArray::number(*ms) + '\n');
    response.delayMs = *ms;
    return response;
}

DemoResponse serveBytes(const DemoRequest &request, const QByteArray &arg)
{
    const auto size = parseDecimal(arg, MaxBodyBytes);
    if (!size)
        return DemoResponse::text(400, "/bytes/<n> needs 0 <= n <= 68719476736\n");
    qint64 rate = 0;
    if (const auto value = queryValue(request.query, "rate")) {
        const auto parsed = parseDecimal(*value, MaxRate);
        if (!parsed || *parsed < MinRate)
            return DemoResponse::text(400, "rate wants bytes per second, from 1024\n");
        rate = *parsed;
    }
    return DemoResponse::patternRange(request.range, 0, *size, OctetStream, rate);
}

DemoResponse serveChunked(const DemoRequest &request, const QByteArray &arg)
{
    const auto size = parseDecimal(arg, MaxBodyBytes);
    if (!size)
        return DemoResponse::text(400, "/chunked/<n> needs 0 <= n <= 68719476736\n");
    return chunkedStream(request, OctetStream, 0, *size, 0);
}

DemoResponse serveStatus(const DemoRequest &request, const QByteArray &arg)
{
    const auto code = parseDecimal(arg, 599);
    if (!code || *code < 200) // 1xx are interim answers and cannot end an exchange
        return DemoResponse::text(400, "/status/<code> needs 200 <= code <= 599\n");
    const int status = int(*code);
    QByteArray extra;
    if (const auto retryAfter = queryValue(request.query, "retry_after")) {
        if (!parseDecimal(*retryAfter, MaxRetryAfter))
            return DemoResponse::text(400, "retry_after needs a number of seconds\n");
        extra = "Retry-After: " + *retryAfter + "\r\n";
    }
    if (status == 204 || status == 304) // never have content
        return bodiless(status, {}, Framing::None, -1, extra);
    if (status == 205)
        return bodiless(status, {}, Framing::Length, 0, extra);
    return DemoResponse::text(status, "status " + QByteArray::number(status) + '\n', extra);
}

DemoResponse redirect(const QByteArray &location)
{
    return DemoResponse::text(302, "redirecting to " + location + '\n',
                              "Location: " + location + "\r\n");
}

DemoResponse serveRedirect(const QByteArray &arg)
{
    const auto hops = parseDecimal(arg, MaxRedirects);
    if (!hops)
        return DemoResponse::text(400, "/redirect/<n> needs 0 <= n <= 1000\n");
    if (*hops == 0)
        return DemoResponse::text(200, "redirect chain done\n");
    return redirect("/redirect/" + QByteArray::number(*hops - 1));
}

DemoResponse serveRedirectTo(const DemoRequest &request)
{
    const auto url = queryValue(request.query, "url");
    if (!url || url->isEmpty() || hasControlCharacters(*url))
        return DemoResponse::text(400, "/redirect-to needs ?url=<percent-encoded url>\n");
    return redirect(*url);
}

DemoResponse serveDrop(const QByteArray &arg)
{
    const auto size = parseDecimal(arg, MaxBodyBytes / 2);
    if (!size)
        return DemoResponse::text(400, "/drop/<n> needs 0 <= n <= 34359738368\n");
    DemoResponse response = bodiless(200, OctetStream, Framing::Length, 2 * *size);
    response.close = true; // the point of this endpoint
    response.stream = Stream { 0, *size, false, 0, {} };
    return response;
}

DemoResponse serveStall()
{
    DemoResponse response = bodiless(200, OctetStream, Framing::Length, StallAnnounced);
    response.stall = true; // until the client disconnects
    return response;
}

DemoResponse notFound(const DemoRequest &request)
{
    return DemoResponse::text(404, "not found: " + request.path + '\n');
}

} // namespace

DemoResponse DemoRoutes::answer(const DemoRequest &request, const DemoEnvironment &environment)
{
    const QByteArray &path = request.path;
    countRequest(path);
    if (request.method != "GET" && !request.head) {
        return DemoResponse::text(405,
                                  "method " + request.method + " not allowed; use GET or HEAD\n",
                                  "Allow: GET, HEAD\r\n");
    }
    if (path == "/")
        return DemoResponse::page(QByteArrayLiteral("text/html; charset=utf-8"), indexPage());
    if (path.startsWith("/delay/"))
        return serveDelay(path.mid(7));
    if (path.startsWith("/bytes/"))
        return serveBytes(request, path.mid(7));
    if (path.startsWith("/chunked/"))
        return serveChunked(request, path.mid(9));
    if (path.startsWith("/status/"))
        return serveStatus(request, path.mid(8));
    if (path.startsWith("/redirect/"))
        return serveRedirect(path.mid(10));
    if (path == "/redirect-to")
        return serveRedirectTo(request);
    if (path.startsWith("/flaky/"))
        return serveFlaky(request, path.mid(7));
    if (path.startsWith("/drop/"))
        return serveDrop(path.mid(6));
    if (path == "/headers")
        return DemoResponse::text(200, request.headers);
    if (path == "/stall")
        return serveStall();
    if (path == "/videos" || path.startsWith("/videos/"))
        return serveVideoSite(request, environment);
    if (path.startsWith("/hls/"))
        return serveHls(request);
    return notFound(request);
}

void DemoRoutes::countRequest(const QByteArray &path)
{
    const auto it = m_requests.find(path);
    if (it != m_requests.end())
        ++*it;
    else if (m_requests.size() < MaxCountedPaths)
        m_requests.insert(path, 1);
    else
        m_requestsOverflowed = true;
}

int DemoRoutes::requestsFor(const QByteArray &path) const
{
    const auto it = m_requests.constFind(path);
    if (it != m_requests.cend())
        return *it;
    return m_requestsOverflowed ? -1 : 0;
}

void DemoRoutes::resetRequestCounts()
{
    m_requests.clear();
    m_requestsOverflowed = false;
}

int DemoRoutes::takeFlakyCount(const QByteArray &key)
{
    return m_flaky[key]++;
}

DemoResponse DemoRoutes::serveFlaky(const DemoRequest &request, const QByteArray &arg)
{
    const auto failures = parseDecimal(arg, MaxFlaky);
    const auto retryAfter = queryValue(request.query, "retry_after");
    if (!failures || (retryAfter && !parseDecimal(*retryAfter, MaxRetryAfter))) {
        return DemoResponse::text(
                400, "/flaky/<n> needs 0 <= n <= 1000000 (and ?retry_after=<seconds>)\n");
    }
    const int seen = takeFlakyCount(request.target);
    if (seen >= *failures)
        return DemoResponse::text(200, "ok\n");
    const QByteArray extra = retryAfter ? "Retry-After: " + *retryAfter + "\r\n" : QByteArray();
    return DemoResponse::text(503,
                              "flaky: request " + QByteArray::number(seen + 1) + " of "
                                      + QByteArray::number(*failures) + " fails with 503\n",
                              extra);
}

DemoResponse DemoRoutes::serveVideoSite(const DemoRequest &request,
                                        const DemoEnvironment &environment)
{
    QByteArray host = request.host;
    if (host.isEmpty()) { // HTTP/1.0 without Host: name the address the client reached
        const QHostAddress &local = environment.localAddress;
        const QByteArray address = local.toString().toLatin1();
        host = (local.protocol() == QAbstractSocket::IPv6Protocol ? '[' + address + ']' : address)
                + ':' + QByteArray::number(environment.localPort);
    }
    const DemoVideoSite::Answer answer = DemoVideoSite::answer(request.path, request.query, host);
    const QByteArray videoType =
            answer.contentType.isEmpty() ? QByteArrayLiteral("video/mp4") : answer.contentType;
    const qint64 end = answer.offset + answer.size;
    using Kind = DemoVideoSite::Answer::Kind;
    switch (answer.kind) {
    case Kind::Page: {
        DemoResponse page = DemoResponse::page(answer.contentType, answer.body);
        page.delayMs = answer.delayMs;
        return page;
    }
    case Kind::Media:
        return DemoResponse::patternRange(request.range, answer.offset, answer.size, videoType,
                                          answer.bytesPerSecond);
    case Kind::ChunkedMedia:
        return chunkedStream(request, videoType, answer.offset, end, answer.bytesPerSecond);
    case Kind::MediaCutOnce:
        if (takeFlakyCount("cut:" + request.path) == 0) {
            // Announce the whole file, send half of it, hang up.
            DemoResponse response = bodiless(200, videoType, Framing::Length, answer.size,
                                             "Accept-Ranges: bytes\r\n");
            response.close = true;
            response.stream = Stream {
                answer.offset, answer.offset + answer.size / 2, false, answer.bytesPerSecond, {}
            };
            return response;
        }
        return DemoResponse::patternRange(request.range, answer.offset, answer.size, videoType,
                                          answer.bytesPerSecond);
    case Kind::Redirect:
        return redirect(answer.location);
    case Kind::NotFound:
        break;
    }
    return notFound(request);
}

DemoResponse DemoRoutes::serveHls(const DemoRequest &request)
{
    const DemoHls::Answer answer = DemoHls::answer(request.path, request.query);
    if (answer.status == 404)
        return notFound(request);
    if (answer.status != 200)
        return DemoResponse::text(answer.status, answer.body);
    // Counted per target, like /flaky: the same URL fails once, then works.
    if (answer.failsOnce && takeFlakyCount(request.target) == 0)
        return DemoResponse::text(503, "flaky: the first request of this segment fails with 503\n");
    return DemoResponse::bytesRange(request.range, answer.body, answer.contentType,
                                    answer.bytesPerSecond);
}

} // namespace qcrawl
