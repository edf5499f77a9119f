#pragma once

#include <optional>

#include <QByteArray>

namespace qcrawl {

// One answer of the demo server, as a value: DemoRoutes decides it, DemoConnection sends it.
// head() writes the status line and header fields; the body is fixed bytes, or bytes the
// connection sends as the socket drains (stream: pattern bytes, or a slice of a shared buffer),
// or nothing at all (stall).
struct DemoResponse
{
    enum class Framing {
        Length, // Content-Length: length
        Chunked, // Transfer-Encoding: chunked
        UntilClose, // neither: the close ends the body (for HTTP/1.0 clients)
        None, // neither: there is no body (204, 304)
    };

    // DemoPattern bytes [offset, end), generated while the socket drains; or, when data is not
    // null, the bytes [offset, end) of data (implicitly shared, so nothing is copied), which
    // lets a fixed body be throttled too.
    struct Stream
    {
        qint64 offset = 0;
        qint64 end = 0;
        bool chunked = false; // in chunks of Transfer-Encoding: chunked
        qint64 bytesPerSecond = 0; // 0 = as fast as the socket drains
        QByteArray data;
    };

    int status = 200;
    QByteArray contentType; // no Content-Type when empty
    Framing framing = Framing::Length;
    qint64 length = 0; // the Content-Length with Framing::Length
    QByteArray extraHeaders; // "Name: value\r\n" lines after the framing ones
    QByteArray body; // a fixed body (none for HEAD)
    std::optional<Stream> stream; // a generated body instead (none for HEAD)
    bool stall = false; // after the head nothing more comes until the client leaves (/stall)
    qint64 delayMs = -1; // >= 0: sent only after that many milliseconds (/delay)
    bool close = false; // the connection closes after this answer, whatever the request asked

    // A text/plain answer with Content-Length.
    static DemoResponse text(int status, const QByteArray &body,
                             const QByteArray &extraHeaders = {});
    // 200 with this body and Content-Length.
    static DemoResponse page(const QByteArray &contentType, const QByteArray &body);
    // size pattern bytes from offset with Content-Length, honouring a request's Range header
    // ("bytes=a-b", "bytes=a-", "bytes=-suffix"): 200, 206 or 416.
    static DemoResponse patternRange(const QByteArray &range, qint64 offset, qint64 size,
                                     const QByteArray &contentType, qint64 bytesPerSecond = 0);
    // The same for a body of fixed bytes (the HLS media): 200, 206 or 416, streamed from data.
    static DemoResponse bytesRange(const QByteArray &range, const QByteArray &data,
                                   const QByteArray &contentType, qint64 bytesPerSecond = 0);

    // The status line and header fields, up to and with the empty line. closing answers
    // "Connection: close" instead of keep-alive.
    QByteArray head(bool closing) const;
};

} // namespace qcrawl
