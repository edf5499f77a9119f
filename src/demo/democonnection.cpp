#include "democonnection.h"

#include "demo/demoserver.h"
#include "demo/demovideosite.h"

#include <algorithm>
#include <optional>

namespace qcrawl {

namespace {

constexpr qint64 MaxHeaderBytes = 64 * 1024; // request line + headers; more gets 431
constexpr qint64 MaxBufferedInput = 256 * 1024; // pipelined input kept while busy
constexpr qint64 SocketReadBuffer = 256 * 1024;
constexpr qint64 WriteHighWater = 1024 * 1024; // bound of the socket's write buffer
constexpr qint64 SliceBytes = 256 * 1024; // one write while streaming
constexpr qint64 MaxBodyBytes = qint64(64) << 30;
constexpr qint64 MaxRequestBody = qint64(1) << 30;
constexpr qint64 MaxDelayMs = 600000;
constexpr qint64 MaxRedirects = 1000;
constexpr qint64 MaxFlaky = 1000000;
constexpr qint64 MaxRetryAfter = 86400 * 365;
constexpr qint64 StallAnnounced = 1024;
constexpr int LingerMs = 200;
constexpr int ThrottleTickMs = 50;
constexpr qint64 MinRate = 1024; // ?rate=<bytes per second>
constexpr qint64 MaxRate = qint64(1) << 40;

const QByteArray TextPlain = QByteArrayLiteral("text/plain; charset=utf-8");
const QByteArray OctetStream = QByteArrayLiteral("application/octet-stream");

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Strict decimal: digits only, no sign, no blanks, at most 18 digits (cannot overflow).
std::optional<qint64> parseNumber(const QByteArray &text, qint64 max)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (const char c : text) {
        if (!isDigit(c))
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value > max)
        return std::nullopt;
    return value;
}

// The percent-decoded value of name in an "a=1&b=2" query; nullopt if absent.
std::optional<QByteArray> queryValue(const QByteArray &query, const char *name)
{
    const QList<QByteArray> items = query.split('&');
    for (const QByteArray &item : items) {
        const qsizetype eq = item.indexOf('=');
        if ((eq < 0 ? item : item.left(eq)) == name)
            return eq < 0 ? QByteArray() : QByteArray::fromPercentEncoding(item.mid(eq + 1));
    }
    return std::nullopt;
}

// Tokens in a request line or header name: RFC 9110 tchar.
bool isToken(const QByteArray &text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool alnum =
                (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!alnum && !QByteArrayView("!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

bool hasControlCharacters(const QByteArray &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](char c) { return uchar(c) < 0x20 || uchar(c) == 0x7f; });
}

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
        const auto suffix = parseNumber(to, Huge);
        if (!suffix)
            return RangeResult::Ignore;
        if (*suffix == 0 || size == 0)
            return RangeResult::Unsatisfiable;
        *first = size - std::min(*suffix, size);
        *last = size - 1;
        return RangeResult::Satisfiable;
    }
    const auto start = parseNumber(from, Huge);
    const auto end = to.isEmpty() ? std::optional<qint64>(Huge) : parseNumber(to, Huge);
    if (!start || !end)
        return RangeResult::Ignore;
    if (*end < *start || *start >= size)
        return RangeResult::Unsatisfiable;
    *first = *start;
    *last = std::min(*end, size - 1);
    return RangeResult::Satisfiable;
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
<code>qcrawl-cli harvest --preset pearvideo --list &lt;this URL&gt;</code></li>
</ul>
</body>
</html>
)");
    return page;
}

} // namespace

struct DemoConnection::Request
{
    QByteArray method;
    QByteArray target; // path + query as sent
    QByteArray path;
    QByteArray query;
    QByteArray range;
    QByteArray headers; // as received, one "Name: value" a line, for /headers
    QByteArray host; // the Host header
    bool head = false;
    bool http11 = true;
    bool keepAlive = true;
};

DemoConnection::DemoConnection(QTcpSocket *socket, DemoServer *server)
    : QObject(server)
    , m_socket(socket)
    , m_server(server)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Bounded, so that a client pipelining without reading gets TCP back-pressure.
    m_socket->setReadBufferSize(SocketReadBuffer);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);

    connect(&m_timer, &QTimer::timeout, this, &DemoConnection::onTimeout);
    connect(m_socket, &QIODevice::readyRead, this, &DemoConnection::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &DemoConnection::onBytesWritten);
    connect(m_socket, &QAbstractSocket::disconnected, this, &DemoConnection::onDisconnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, [this] {
        if (m_socket->state() == QAbstractSocket::UnconnectedState)
            onDisconnected();
    });
}

DemoConnection::~DemoConnection()
{
    detach();
}

void DemoConnection::abort()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer.stop();
    detach();
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
    deleteLater();
}

void DemoConnection::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    m_timer.stop();
    detach();
    deleteLater();
}

void DemoConnection::detach()
{
    if (m_server) {
        m_server->forget(this);
        m_server = nullptr;
    }
}

void DemoConnection::onReadyRead()
{
    if (m_state == State::Idle)
        processNext();
    else
        pull();
}

void DemoConnection::onBytesWritten()
{
    if (m_state == State::Streaming)
        fillStream();
    if (m_state == State::Idle)
        processNext();
}

void DemoConnection::onTimeout()
{
    if (m_state == State::Delaying) {
        sendText(200, "hello " + QByteArray::number(m_delayMs) + '\n');
        finishResponse();
        processNext();
    } else if (m_state == State::Lingering) {
        m_state = State::Closing;
        m_socket->disconnectFromHost();
    } else if (m_state == State::Streaming && m_streamRate > 0) {
        m_streamBudget = std::max<qint64>(1, m_streamRate * ThrottleTickMs / 1000);
        fillStream();
    }
}

// Moves received bytes into m_in (bounded) and skips request bodies.
void DemoConnection::pull()
{
    // Nothing behind a stall or a close is ever answered: drop it rather than buffer it.
    if (m_state == State::Stalled || m_state == State::Lingering || m_state == State::Closing
        || m_state == State::Closed) {
        m_socket->skip(m_socket->bytesAvailable());
        m_in.clear();
        return;
    }
    for (;;) {
        if (m_discard > 0 && !m_in.isEmpty()) {
            const qint64 n = std::min<qint64>(m_discard, m_in.size());
            m_in.remove(0, n);
            m_discard -= n;
        }
        if (m_discard > 0 && m_in.isEmpty())
            m_discard -= std::max<qint64>(
                    0, m_socket->skip(std::min(m_discard, m_socket->bytesAvailable())));
        const qint64 room = MaxBufferedInput - m_in.size();
        if (room <= 0 || m_socket->bytesAvailable() <= 0)
            return;
        m_in += m_socket->read(room);
    }
}

void DemoConnection::processNext()
{
    while (m_state == State::Idle) {
        pull();
        // Wait for the rest of a request body, or for the client to read what it was sent.
        if (m_discard > 0 || m_socket->bytesToWrite() >= WriteHighWater)
            return;
        qsizetype skip = 0; // blank lines before a request line are allowed (RFC 9112 2.2)
        while (skip < m_in.size() && (m_in.at(skip) == '\r' || m_in.at(skip) == '\n'))
            ++skip;
        m_in.remove(0, skip);
        if (m_in.isEmpty())
            return;

        // The header block ends with an empty line; accept bare LF line ends too.
        const qsizetype crlf = m_in.indexOf("\n\r\n");
        const qsizetype lf = m_in.indexOf("\n\n");
        qsizetype end = -1;
        qsizetype separator = 0;
        if (crlf >= 0 && (lf < 0 || crlf < lf)) {
            end = crlf;
            separator = 3;
        } else if (lf >= 0) {
            end = lf;
            separator = 2;
        }
        if (end < 0 || end > MaxHeaderBytes) {
            if (end >= 0 || m_in.size() > MaxHeaderBytes)
                replyAndClose(431, "request header too large (limit 64 KiB)\n");
            return;
        }
        const QByteArray head = m_in.left(end);
        m_in.remove(0, end + separator);
        handleHead(head);
    }
}

void DemoConnection::handleHead(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }

    const QList<QByteArray> parts = lines.first().split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty())
        return replyAndClose(400, "malformed request line\n");
    Request request;
    request.method = parts.at(0);
    request.head = request.method == "HEAD";
    const QByteArray &version = parts.at(2);
    if (version.size() != 8 || !version.startsWith("HTTP/") || version.at(6) != '.'
        || !isDigit(version.at(5)) || !isDigit(version.at(7)))
        return replyAndClose(400, "malformed HTTP version\n");
    if (version.at(5) != '1')
        return replyAndClose(505, "only HTTP/1.x is supported\n");
    request.http11 = version.at(7) != '0';

    QByteArray target = parts.at(1);
    if (hasControlCharacters(target))
        return replyAndClose(400, "malformed request target\n");
    if (target.toLower().startsWith("http://") || target.toLower().startsWith("https://")) {
        // absolute-form: keep the path and query only
        const qsizetype slash = target.indexOf('/', target.indexOf("//") + 2);
        target = slash < 0 ? QByteArrayLiteral("/") : target.mid(slash);
    }
    if (!target.startsWith('/'))
        return replyAndClose(400, "malformed request target\n");
    request.target = target;
    const qsizetype question = target.indexOf('?');
    request.path = question < 0 ? target : target.left(question);
    request.query = question < 0 ? QByteArray() : target.mid(question + 1);

    qint64 contentLength = -1;
    bool transferEncoding = false;
    bool closeToken = false;
    bool keepAliveToken = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (line.startsWith(' ') || line.startsWith('\t'))
            return replyAndClose(400, "obsolete header line folding\n");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon)))
            return replyAndClose(400, "malformed header line\n");
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers += line.left(colon) + ": " + value + '\n';
        if (name == "content-length") {
            const auto length = parseNumber(value, 999999999999999999);
            if (!length || (contentLength >= 0 && contentLength != *length))
                return replyAndClose(400, "malformed Content-Length\n");
            contentLength = *length;
        } else if (name == "transfer-encoding") {
            transferEncoding = true;
        } else if (name == "connection") {
            const QList<QByteArray> tokens = value.split(',');
            for (const QByteArray &token : tokens) {
                const QByteArray option = token.trimmed().toLower();
                closeToken = closeToken || option == "close";
                keepAliveToken = keepAliveToken || option == "keep-alive";
            }
        } else if (name == "range") {
            request.range = value;
        } else if (name == "host") {
            request.host = value;
        }
    }
    if (transferEncoding)
        return replyAndClose(501, "request bodies with Transfer-Encoding are not supported\n");
    if (contentLength > MaxRequestBody)
        return replyAndClose(413, "request body too large\n");
    m_discard = std::max<qint64>(contentLength, 0);
    request.keepAlive = !closeToken && (request.http11 || keepAliveToken);
    dispatch(request);
}

void DemoConnection::dispatch(const Request &request)
{
    m_headOnly = request.head;
    m_closeAfter = !request.keepAlive;
    m_lingerOnClose = false;

    const QByteArray &path = request.path;
    if (request.method != "GET" && !request.head) {
        sendText(405, "method " + request.method + " not allowed; use GET or HEAD\n",
                 "Allow: GET, HEAD\r\n");
        finishResponse();
    } else if (path == "/") {
        serveIndex();
    } else if (path.startsWith("/delay/")) {
        serveDelay(path.mid(7));
    } else if (path.startsWith("/bytes/")) {
        serveBytes(request, path.mid(7));
    } else if (path.startsWith("/chunked/")) {
        serveChunked(request, path.mid(9));
    } else if (path.startsWith("/status/")) {
        serveStatus(request, path.mid(8));
    } else if (path.startsWith("/redirect/")) {
        serveRedirect(path.mid(10));
    } else if (path == "/redirect-to") {
        serveRedirectTo(request);
    } else if (path.startsWith("/flaky/")) {
        serveFlaky(request, path.mid(7));
    } else if (path.startsWith("/drop/")) {
        serveDrop(path.mid(6));
    } else if (path == "/headers") {
        sendText(200, request.headers);
        finishResponse();
    } else if (path == "/stall") {
        serveStall();
    } else if (path == "/videos" || path.startsWith("/videos/")) {
        serveVideoSite(request);
    } else {
        sendText(404, "not found: " + path + '\n');
        finishResponse();
    }
}

void DemoConnection::serveIndex()
{
    const QByteArray &page = indexPage();
    QByteArray out = responseHead(200, QByteArrayLiteral("text/html; charset=utf-8"),
                                  Framing::Length, page.size(), {});
    if (!m_headOnly)
        out += page;
    m_socket->write(out);
    finishResponse();
}

void DemoConnection::serveDelay(const QByteArray &arg)
{
    const auto ms = parseNumber(arg, MaxDelayMs);
    if (!ms) {
        sendText(400, "/delay/<ms> needs 0 <= ms <= 600000\n");
        return finishResponse();
    }
    m_delayMs = *ms;
    m_state = State::Delaying;
    m_timer.start(int(*ms));
}

void DemoConnection::serveBytes(const Request &request, const QByteArray &arg)
{
    const auto size = parseNumber(arg, MaxBodyBytes);
    if (!size) {
        sendText(400, "/bytes/<n> needs 0 <= n <= 68719476736\n");
        return finishResponse();
    }
    qint64 rate = 0;
    if (const auto value = queryValue(request.query, "rate")) {
        const auto parsed = parseNumber(*value, MaxRate);
        if (!parsed || *parsed < MinRate) {
            sendText(400, "rate wants bytes per second, from 1024\n");
            return finishResponse();
        }
        rate = *parsed;
    }
    serveRange(request, 0, *size, OctetStream, rate);
}

// size bytes of the pattern from offset, with Content-Length, honouring a Range request.
void DemoConnection::serveRange(const Request &request, qint64 offset, qint64 size,
                                const QByteArray &contentType, qint64 bytesPerSecond)
{
    const QByteArray total = QByteArray::number(size);
    QByteArray extra = QByteArrayLiteral("Accept-Ranges: bytes\r\n");
    qint64 first = 0;
    qint64 last = size - 1;
    int status = 200;
    switch (parseRange(request.range, size, &first, &last)) {
    case RangeResult::Ignore:
        break;
    case RangeResult::Satisfiable:
        status = 206;
        extra += "Content-Range: bytes " + QByteArray::number(first) + '-'
                + QByteArray::number(last) + '/' + total + "\r\n";
        break;
    case RangeResult::Unsatisfiable:
        extra += "Content-Range: bytes */" + total + "\r\n";
        sendText(416, "range not satisfiable; the body has " + total + " bytes\n", extra);
        return finishResponse();
    }
    const qint64 length = last - first + 1;
    m_socket->write(responseHead(status, contentType, Framing::Length, length, extra));
    startStream(offset + first, offset + first + length, false, bytesPerSecond);
}

void DemoConnection::serveChunked(const Request &request, const QByteArray &arg)
{
    const auto size = parseNumber(arg, MaxBodyBytes);
    if (!size) {
        sendText(400, "/chunked/<n> needs 0 <= n <= 68719476736\n");
        return finishResponse();
    }
    if (request.http11) {
        m_socket->write(responseHead(200, OctetStream, Framing::Chunked, -1, {}));
        startStream(0, *size, true);
    } else {
        // An HTTP/1.0 client does not know chunked encoding: the end of the body is the close.
        m_closeAfter = true;
        m_socket->write(responseHead(200, OctetStream, Framing::UntilClose, -1, {}));
        startStream(0, *size, false);
    }
}

void DemoConnection::serveStatus(const Request &request, const QByteArray &arg)
{
    const auto code = parseNumber(arg, 599);
    if (!code || *code < 200) {
        // 1xx are interim answers and cannot end an exchange.
        sendText(400, "/status/<code> needs 200 <= code <= 599\n");
        return finishResponse();
    }
    const int status = int(*code);
    QByteArray extra;
    if (const auto retryAfter = queryValue(request.query, "retry_after")) {
        if (!parseNumber(*retryAfter, MaxRetryAfter)) {
            sendText(400, "retry_after needs a number of seconds\n");
            return finishResponse();
        }
        extra = "Retry-After: " + *retryAfter + "\r\n";
    }
    if (status == 204 || status == 304) { // never have content
        m_socket->write(responseHead(status, {}, Framing::None, -1, extra));
    } else if (status == 205) {
        m_socket->write(responseHead(status, {}, Framing::Length, 0, extra));
    } else {
        sendText(status, "status " + QByteArray::number(status) + '\n', extra);
    }
    finishResponse();
}

void DemoConnection::serveRedirect(const QByteArray &arg)
{
    const auto hops = parseNumber(arg, MaxRedirects);
    if (!hops) {
        sendText(400, "/redirect/<n> needs 0 <= n <= 1000\n");
    } else if (*hops == 0) {
        sendText(200, "redirect chain done\n");
    } else {
        const QByteArray location = "/redirect/" + QByteArray::number(*hops - 1);
        sendText(302, "redirecting to " + location + '\n', "Location: " + location + "\r\n");
    }
    finishResponse();
}

void DemoConnection::serveRedirectTo(const Request &request)
{
    const auto url = queryValue(request.query, "url");
    if (!url || url->isEmpty() || hasControlCharacters(*url)) {
        sendText(400, "/redirect-to needs ?url=<percent-encoded url>\n");
    } else {
        sendText(302, "redirecting to " + *url + '\n', "Location: " + *url + "\r\n");
    }
    finishResponse();
}

void DemoConnection::serveFlaky(const Request &request, const QByteArray &arg)
{
    const auto failures = parseNumber(arg, MaxFlaky);
    const auto retryAfter = queryValue(request.query, "retry_after");
    if (!failures || (retryAfter && !parseNumber(*retryAfter, MaxRetryAfter))) {
        sendText(400, "/flaky/<n> needs 0 <= n <= 1000000 (and ?retry_after=<seconds>)\n");
        return finishResponse();
    }
    const int seen = m_server ? m_server->takeFlakyCount(request.target) : 0;
    if (seen < *failures) {
        const QByteArray extra = retryAfter ? "Retry-After: " + *retryAfter + "\r\n" : QByteArray();
        sendText(503,
                 "flaky: request " + QByteArray::number(seen + 1) + " of "
                         + QByteArray::number(*failures) + " fails with 503\n",
                 extra);
    } else {
        sendText(200, "ok\n");
    }
    finishResponse();
}

void DemoConnection::serveDrop(const QByteArray &arg)
{
    const auto size = parseNumber(arg, MaxBodyBytes / 2);
    if (!size) {
        sendText(400, "/drop/<n> needs 0 <= n <= 34359738368\n");
        return finishResponse();
    }
    m_closeAfter = true; // the point of this endpoint
    m_socket->write(responseHead(200, OctetStream, Framing::Length, 2 * *size, {}));
    startStream(0, *size, false);
}

void DemoConnection::serveVideoSite(const Request &request)
{
    QByteArray host = request.host;
    if (host.isEmpty()) { // HTTP/1.0 without Host: name the address the client reached
        const QHostAddress local = m_socket->localAddress();
        const QByteArray address = local.toString().toLatin1();
        host = (local.protocol() == QAbstractSocket::IPv6Protocol ? '[' + address + ']' : address)
                + ':' + QByteArray::number(m_socket->localPort());
    }
    const DemoVideoSite::Answer answer = DemoVideoSite::answer(request.path, request.query, host);
    const QByteArray videoType =
            answer.contentType.isEmpty() ? QByteArrayLiteral("video/mp4") : answer.contentType;
    using Kind = DemoVideoSite::Answer::Kind;
    switch (answer.kind) {
    case Kind::Page: {
        QByteArray out =
                responseHead(200, answer.contentType, Framing::Length, answer.body.size(), {});
        if (!m_headOnly)
            out += answer.body;
        m_socket->write(out);
        return finishResponse();
    }
    case Kind::Media:
        return serveRange(request, answer.offset, answer.size, videoType, answer.bytesPerSecond);
    case Kind::ChunkedMedia:
        if (!request.http11) {
            m_closeAfter = true;
            m_socket->write(responseHead(200, videoType, Framing::UntilClose, -1, {}));
            return startStream(answer.offset, answer.offset + answer.size, false,
                               answer.bytesPerSecond);
        }
        m_socket->write(responseHead(200, videoType, Framing::Chunked, -1, {}));
        return startStream(answer.offset, answer.offset + answer.size, true, answer.bytesPerSecond);
    case Kind::MediaCutOnce:
        if (m_server && m_server->takeFlakyCount("cut:" + request.path) == 0) {
            // Announce the whole file, send half of it, hang up.
            m_closeAfter = true;
            m_socket->write(responseHead(200, videoType, Framing::Length, answer.size,
                                         "Accept-Ranges: bytes\r\n"));
            return startStream(answer.offset, answer.offset + answer.size / 2, false,
                               answer.bytesPerSecond);
        }
        return serveRange(request, answer.offset, answer.size, videoType, answer.bytesPerSecond);
    case Kind::Redirect:
        sendText(302, "redirecting to " + answer.location + '\n',
                 "Location: " + answer.location + "\r\n");
        return finishResponse();
    case Kind::NotFound:
        break;
    }
    sendText(404, "not found: " + request.path + '\n');
    finishResponse();
}

void DemoConnection::serveStall()
{
    m_socket->write(responseHead(200, OctetStream, Framing::Length, StallAnnounced, {}));
    if (m_headOnly)
        return finishResponse();
    m_state = State::Stalled; // until the client disconnects
}

QByteArray DemoConnection::responseHead(int status, const QByteArray &contentType, Framing framing,
                                        qint64 length, const QByteArray &extraHeaders)
{
    if (m_server)
        ++m_server->m_requests;
    QByteArray head;
    head.reserve(256);
    head += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Server: qcrawl-demo\r\n";
    head += m_closeAfter ? "Connection: close\r\n" : "Connection: keep-alive\r\n";
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

void DemoConnection::sendText(int status, const QByteArray &body, const QByteArray &extraHeaders)
{
    QByteArray out = responseHead(status, TextPlain, Framing::Length, body.size(), extraHeaders);
    if (!m_headOnly)
        out += body;
    m_socket->write(out);
}

// For requests that cannot be answered reliably (broken framing): answer, then close.
void DemoConnection::replyAndClose(int status, const QByteArray &body)
{
    m_headOnly = false;
    m_closeAfter = true;
    m_lingerOnClose = true;
    m_discard = 0;
    sendText(status, body);
    finishResponse();
}

void DemoConnection::startStream(qint64 offset, qint64 end, bool chunked, qint64 bytesPerSecond)
{
    if (m_headOnly)
        return finishResponse();
    m_streamOffset = offset;
    m_streamEnd = end;
    m_streamChunked = chunked;
    m_streamRate = bytesPerSecond;
    m_streamBudget = std::max<qint64>(1, bytesPerSecond * ThrottleTickMs / 1000);
    m_state = State::Streaming;
    fillStream();
}

// Tops the socket's write buffer up to WriteHighWater; called again on every bytesWritten(),
// so memory stays flat however large the body.
void DemoConnection::fillStream()
{
    while (m_state == State::Streaming && m_socket->bytesToWrite() < WriteHighWater) {
        const qint64 remaining = m_streamEnd - m_streamOffset;
        if (remaining <= 0) {
            if (m_streamChunked)
                m_socket->write("0\r\n\r\n", 5);
            finishResponse();
            return;
        }
        if (m_streamRate > 0 && m_streamBudget <= 0) {
            if (!m_timer.isActive())
                m_timer.start(ThrottleTickMs); // onTimeout() refills the budget
            return;
        }
        qint64 available = 0;
        const char *data = DemoServer::patternAt(m_streamOffset, &available);
        qint64 n = std::min({ remaining, SliceBytes, available });
        if (m_streamRate > 0) {
            n = std::min(n, m_streamBudget);
            m_streamBudget -= n;
        }
        if (m_streamChunked) {
            QByteArray chunk;
            chunk.reserve(n + 16);
            chunk += QByteArray::number(n, 16);
            chunk += "\r\n";
            chunk.append(data, n);
            chunk += "\r\n";
            m_socket->write(chunk);
        } else {
            m_socket->write(data, n);
        }
        m_streamOffset += n;
    }
}

void DemoConnection::finishResponse()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Idle;
    if (!m_closeAfter)
        return;
    if (m_lingerOnClose) {
        // Closing with unread input makes the kernel send RST, which can destroy the answer
        // before the client has read it. Drain the input for a moment first.
        m_state = State::Lingering;
        pull();
        m_timer.start(LingerMs);
    } else {
        m_state = State::Closing;
        m_socket->disconnectFromHost(); // flushes first; may emit disconnected() right away
    }
}

} // namespace qcrawl
