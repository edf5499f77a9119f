#include "demoresponse.h"

#include "demo/demosyntax.h"

#include <algorithm>

#include <QStringBuilder> // "a" + QByteArray under QT_USE_QSTRINGBUILDER

namespace qcrawl {

namespace {

const QByteArray TextPlain = QByteArrayLiteral("text/plain; charset=utf-8");

struct Reason
{
    int status;
    const char *phrase;
};
constexpr Reason Reasons[] = {
    { 200, "OK" },
    { 201, "Created" },
    { 202, "Accepted" },
    { 203, "Non-Authoritative Information" },
    { 204, "No Content" },
    { 205, "Reset Content" },
    { 206, "Partial Content" },
    { 300, "Multiple Choices" },
    { 301, "Moved Permanently" },
    { 302, "Found" },
    { 303, "See Other" },
    { 304, "Not Modified" },
    { 307, "Temporary Redirect" },
    { 308, "Permanent Redirect" },
    { 400, "Bad Request" },
    { 401, "Unauthorized" },
    { 402, "Payment Required" },
    { 403, "Forbidden" },
    { 404, "Not Found" },
    { 405, "Method Not Allowed" },
    { 406, "Not Acceptable" },
    { 407, "Proxy Authentication Required" },
    { 408, "Request Timeout" },
    { 409, "Conflict" },
    { 410, "Gone" },
    { 411, "Length Required" },
    { 412, "Precondition Failed" },
    { 413, "Content Too Large" },
    { 414, "URI Too Long" },
    { 415, "Unsupported Media Type" },
    { 416, "Range Not Satisfiable" },
    { 417, "Expectation Failed" },
    { 418, "I'm a teapot" },
    { 421, "Misdirected Request" },
    { 422, "Unprocessable Content" },
    { 425, "Too Early" },
    { 426, "Upgrade Required" },
    { 428, "Precondition Required" },
    { 429, "Too Many Requests" },
    { 431, "Request Header Fields Too Large" },
    { 451, "Unavailable For Legal Reasons" },
    { 500, "Internal Server Error" },
    { 501, "Not Implemented" },
    { 502, "Bad Gateway" },
    { 503, "Service Unavailable" },
    { 504, "Gateway Timeout" },
    { 505, "HTTP Version Not Supported" },
    { 511, "Network Authentication Required" },
};

const char *reasonPhrase(int status)
{
    for (const Reason &reason : Reasons) {
        if (reason.status == status)
            return reason.phrase;
    }
    switch (status / 100) {
    case 2:
        return "Success";
    case 3:
        return "Redirection";
    case 4:
        return "Client Error";
    default:
        return "Server Error";
    }
}

enum class RangeResult { Ignore, Satisfiable, Unsatisfiable };

// A single "bytes=a-b", "bytes=a-" or "bytes=-suffix" range against a body of size bytes.
// Other units and multiple ranges are ignored (the whole body is served), as RFC 9110 allows.
RangeResult parseRange(const QByteArray &header, qint64 size, qint64 *first, qint64 *last)
{
    constexpr qint64 Huge = 999999999999999999;
    const QByteArray value = header.trimmed();
    if (value.isEmpty() || !value.toLower().startsWith("bytes="))
        return RangeResult::Ignore;
    const QByteArray spec = value.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    if (spec.contains(',') || dash < 0)
        return RangeResult::Ignore;
    const QByteArray from = spec.left(dash).trimmed();
    const QByteArray to = spec.mid(dash + 1).trimmed();
    if (from.isEmpty()) {
        const auto suffix = parseDecimal(to, Huge);
        if (!suffix)
            return RangeResult::Ignore;
        if (*suffix == 0 || size == 0)
            return RangeResult::Unsatisfiable;
        *first = size - std::min(*suffix, size);
        *last = size - 1;
        return RangeResult::Satisfiable;
    }
    const auto start = parseDecimal(from, Huge);
    const auto end = to.isEmpty() ? std::optional<qint64>(Huge) : parseDecimal(to, Huge);
    if (!start || !end)
        return RangeResult::Ignore;
    if (*end < *start || *start >= size)
        return RangeResult::Unsatisfiable;
    *first = *start;
    *last = std::min(*end, size - 1);
    return RangeResult::Satisfiable;
}

} // namespace

DemoResponse DemoResponse::text(int status, const QByteArray &body, const QByteArray &extraHeaders)
{
    DemoResponse response;
    response.status = status;
    response.contentType = TextPlain;
    response.length = body.size();
    response.extraHeaders = extraHeaders;
    response.body = body;
    return response;
}

DemoResponse DemoResponse::page(const QByteArray &contentType, const QByteArray &body)
{
    DemoResponse response;
    response.contentType = contentType;
    response.length = body.size();
    response.body = body;
    return response;
}

DemoResponse DemoResponse::patternRange(const QByteArray &range, qint64 offset, qint64 size,
                                        const QByteArray &contentType, qint64 bytesPerSecond)
{
    const QByteArray total = QByteArray::number(size);
    QByteArray extra = QByteArrayLiteral("Accept-Ranges: bytes\r\n");
    qint64 first = 0;
    qint64 last = size - 1;
    int status = 200;
    switch (parseRange(range, size, &first, &last)) {
    case RangeResult::Ignore:
        break;
    case RangeResult::Satisfiable:
        status = 206;
        extra += "Content-Range: bytes " + QByteArray::number(first) + '-'
                + QByteArray::number(last) + '/' + total + "\r\n";
        break;
    case RangeResult::Unsatisfiable:
        extra += "Content-Range: bytes */" + total + "\r\n";
        return text(416, "range not satisfiable; the body has " + total + " bytes\n", extra);
    }
    DemoResponse response;
    response.status = status;
    response.contentType = contentType;
    response.length = last - first + 1;
    response.extraHeaders = extra;
    response.stream =
            Stream { offset + first, offset + first + response.length, false, bytesPerSecond, {} };
    return response;
}

DemoResponse DemoResponse::bytesRange(const QByteArray &range, const QByteArray &data,
                                      const QByteArray &contentType, qint64 bytesPerSecond)
{
    DemoResponse response = patternRange(range, 0, data.size(), contentType, bytesPerSecond);
    if (response.stream)
        response.stream->data = data; // the same offsets, into data instead of the pattern
    return response;
}

QByteArray DemoResponse::head(bool closing) const
{
    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Server: qcrawl-demo\r\n";
    head += closing ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    switch (framing) {
    case Framing::Length:
        head += "Content-Length: " + QByteArray::number(length) + "\r\n";
        break;
    case Framing::Chunked:
        head += "Transfer-Encoding: chunked\r\n";
        break;
    case Framing::UntilClose:
    case Framing::None:
        break;
    }
    head += extraHeaders;
    head += "\r\n";
    return head;
}

} // namespace qcrawl
