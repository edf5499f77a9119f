#pragma once

#include "fetch/fetcherror.h"
#include "net/httpversion.h"

#include <optional>

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QNetworkProxy>
#include <QPair>
#include <QString>
#include <QUrl>

namespace qcrawl {

// The three ways the tutorial fetches a list: one after another, a pool of blocking workers, and a
// single-threaded event loop.
enum class FetchMode { Async, Pool, Serial };

QString fetchModeName(FetchMode mode); // "async", "pool", "serial"
std::optional<FetchMode> fetchModeFromName(QStringView name);

// The User-Agent the tutorial sends: many sites answer plain clients differently.
QByteArray defaultUserAgent();

// Settings shared by every engine. Plain values: copy freely across threads.
struct FetchOptions
{
    enum class ProxyMode {
        System, // from the environment (http_proxy, https_proxy, no_proxy)
        None,
        Explicit, // proxyUrl
    };

    int concurrency = 100; // async: requests in flight
    int threads = 4; // pool: worker threads
    int perHostLimit = 0; // requests in flight per host; 0 = no limit
    int stallTimeoutMs = 30'000; // abort after this long without progress
    // Abort a request slower than speedLimit bytes a second over speedTimeMs (curl's
    // --speed-limit and --speed-time: a server that drips a byte just inside the stall timeout
    // never ends otherwise); 0: no limit.
    qint64 speedLimit = 0;
    int speedTimeMs = 30'000;
    int maxTimeMs = 0; // abort a request (each try, redirects included) after this long; 0: none
    int retries = 2; // on connection errors, 429 and 5xx
    int retryBaseDelayMs = 500; // exponential backoff: base, 2 x base, 4 x base...
    int retryMaxDelayMs = 30'000; // cap on backoff and on a server's Retry-After
    int maxRedirects = 10;
    qint64 previewBytes = 64 * 1024; // the first bytes of each body kept in FetchResult::preview
    // Per reply, what the network may buffer ahead of the engine's thread; 0: the engine picks
    // from how many requests it keeps in flight (readBufferFor()).
    qint64 readBufferBytes = 0;
    QByteArray userAgent = defaultUserAgent();
    QList<QPair<QByteArray, QByteArray>> headers;
    // Every request through Qt's own HTTP client instead of libcurl (--qt-http, to compare).
    bool qtHttp = false;
    HttpVersion httpVersion = HttpVersion::Default;
    QString caCertFile; // PEM file of the CAs to trust (--cacert); empty: the system's
    bool insecure = false; // no certificate check at all (-k, --insecure)
    // A body larger than this (after decoding) fails and leaves no file (--max-filesize); 0: any.
    qint64 maxFileSize = 0;
    ProxyMode proxyMode = ProxyMode::System;
    // http://, https://, socks5:// or socks5h:// host:port, with ProxyMode::Explicit
    QUrl proxyUrl;
    // A body bound for a file that is an HLS playlist is saved as the video it describes (see
    // HlsDownload), unless saveHlsAsVideo is off (HLS segments themselves): which variant of a
    // master playlist (HlsVariantChoice), how many segments in flight per video, and whether
    // MPEG-TS stays .ts instead of being remuxed to .mp4 by ffmpeg.
    QString hlsVariant = QStringLiteral("best");
    int hlsConcurrency = 8;
    bool hlsKeepTs = false;
    bool saveHlsAsVideo = true;

    // Parses "Name: value". Returns false on a malformed header.
    bool addHeader(QStringView line, QString *error = nullptr);
    // Parses a proxy URL; "none" or "direct" selects ProxyMode::None.
    bool setProxy(QStringView text, QString *error = nullptr);
    QNetworkProxy networkProxy() const; // for ProxyMode::Explicit / None
};

// How much one reply may buffer when `inFlight` replies share the budget: bench/run measured
// 1 MiB per reply at 10 in flight taking 256 MiB bodies to disk with 55 MiB peak RSS (4 MiB: 174
// MiB), while one reply at a time needs the full 4 MiB to keep its speed.
qint64 readBufferFor(const FetchOptions &options, int inFlight);

// One URL to fetch. index identifies the job in signals and results (the input order).
struct FetchJob
{
    int index = 0;
    QUrl url;
    QString filePath; // when set, a 2xx body is streamed to "<filePath>.part", then renamed
    // Continue from an existing "<filePath>.part" with a Range request (starting over when the
    // server answers 200 instead of 206), and keep the .part when the job fails or is canceled.
    bool resume = false;
    // Only these bytes of the resource (an HLS segment's EXT-X-BYTERANGE): asked as a Range, and
    // only a 206 with exactly that Content-Range is accepted. -1: the whole resource.
    qint64 rangeOffset = -1;
    qint64 rangeLength = -1;
};

// What happened to one job, the same shape whatever the engine.
struct FetchResult
{
    int index = -1;
    QUrl url;
    QUrl finalUrl; // after redirects
    int httpStatus = 0; // 0 = no response
    QByteArray reasonPhrase;
    QByteArray httpVersion; // "1.0", "1.1" or "2"; empty when no response
    QString contentType;
    qint64 contentLength = -1; // from the header; -1 when not sent
    qint64 bytesReceived = 0; // body bytes received in this run
    qint64 resumedFrom = 0; // bytes already in the .part file when the transfer resumed
    qint64 startedMs = -1; // monotonic ms since the run started; -1 if it never started
    qint64 finishedMs = -1;
    int retries = 0;
    FetchError error; // kind None on success
    bool canceled = false;
    QByteArray preview; // the first FetchOptions::previewBytes of the body
    QString filePath; // the saved file, when the body went to a file
    QList<QPair<QByteArray, QByteArray>> responseHeaders;
    int hlsSegments = 0; // the body was an HLS playlist saved as a video of this many segments

    bool hasResponse() const { return httpStatus > 0; }
    bool isSuccess() const
    {
        return error.kind() == FetchErrorKind::None && httpStatus >= 200 && httpStatus < 300;
    }
    qint64 elapsedMs() const { return startedMs < 0 ? 0 : finishedMs - startedMs; }
};

} // namespace qcrawl

Q_DECLARE_METATYPE(qcrawl::FetchResult)
