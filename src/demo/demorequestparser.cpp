#include "demorequestparser.h"

#include "demo/demosyntax.h"

#include <algorithm>

#include <QByteArrayView>
#include <QList>

namespace qcrawl {

namespace {

using Result = DemoRequestParser::Result;

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

Result error(int status, const char *text)
{
    Result result;
    result.kind = Result::Kind::Error;
    result.errorStatus = status;
    result.errorText = text;
    return result;
}

// Where the empty line that ends a head starts (the head's length), searching from `from`, and in
// *separator how long the line end before it plus the empty line are ("\n\r\n" or "\n\n": bare LF
// line ends are accepted too). -1 if no head ends within limit bytes after `from`.
qsizetype findHeadEnd(const QByteArray &input, qsizetype from, qsizetype limit,
                      qsizetype *separator)
{
    for (qsizetype i = input.indexOf('\n', from); i >= 0 && i - from <= limit;
         i = input.indexOf('\n', i + 1)) {
        if (i + 1 < input.size() && input.at(i + 1) == '\n') {
            *separator = 2;
            return i - from;
        }
        if (i + 2 < input.size() && input.at(i + 1) == '\r' && input.at(i + 2) == '\n') {
            *separator = 3;
            return i - from;
        }
    }
    return -1;
}

} // namespace

DemoRequestParser::Result DemoRequestParser::parse(const QByteArray &input)
{
    qsizetype start = 0;
    while (start < input.size() && (input.at(start) == '\r' || input.at(start) == '\n'))
        ++start;
    qsizetype separator = 0;
    const qsizetype end = findHeadEnd(input, start, MaxHeadBytes, &separator);
    if (end < 0) {
        Result result = input.size() - start > MaxHeadBytes
                ? error(431, "request header too large (limit 64 KiB)\n")
                : Result();
        result.consumed = start;
        return result;
    }
    Result result = parseHead(input.mid(start, end));
    result.consumed = start + end + separator;
    return result;
}

DemoRequestParser::Result DemoRequestParser::parseHead(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }

    const QList<QByteArray> parts = lines.first().split(' ');
    if (parts.size() != 3 || !isToken(parts.at(0)) || parts.at(1).isEmpty())
        return error(400, "malformed request line\n");
    Result result;
    result.kind = Result::Kind::Request;
    DemoRequest &request = result.request;
    request.method = parts.at(0);
    request.head = request.method == "HEAD";
    const QByteArray &version = parts.at(2);
    if (version.size() != 8 || !version.startsWith("HTTP/") || version.at(6) != '.'
        || !isAsciiDigit(version.at(5)) || !isAsciiDigit(version.at(7)))
        return error(400, "malformed HTTP version\n");
    if (version.at(5) != '1')
        return error(505, "only HTTP/1.x is supported\n");
    request.http11 = version.at(7) != '0';

    QByteArray target = parts.at(1);
    if (hasControlCharacters(target))
        return error(400, "malformed request target\n");
    if (target.toLower().startsWith("http://") || target.toLower().startsWith("https://")) {
        // absolute-form (the server doubles as a proxy): keep the path and query only
        const qsizetype slash = target.indexOf('/', target.indexOf("//") + 2);
        target = slash < 0 ? QByteArrayLiteral("/") : target.mid(slash);
    }
    if (!target.startsWith('/'))
        return error(400, "malformed request target\n");
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
            return error(400, "obsolete header line folding\n");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon)))
            return error(400, "malformed header line\n");
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers += line.left(colon) + ": " + value + '\n';
        if (name == "content-length") {
            const auto length = parseDecimal(value, 999999999999999999);
            if (!length || (contentLength >= 0 && contentLength != *length))
                return error(400, "malformed Content-Length\n");
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
    // Checked after all lines, so that a malformed line is reported first, as it always was.
    if (transferEncoding)
        return error(501, "request bodies with Transfer-Encoding are not supported\n");
    if (contentLength > MaxBodyBytes)
        return error(413, "request body too large\n");
    request.bodyLength = std::max<qint64>(contentLength, 0);
    request.keepAlive = !closeToken && (request.http11 || keepAliveToken);
    return result;
}

} // namespace qcrawl
