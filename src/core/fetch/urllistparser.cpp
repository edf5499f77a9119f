#include "urllistparser.h"

#include <QCoreApplication>
#include <QHash>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// The parser runs over every line of a paste (100,000 lines must take well under a second, also
// under sanitizers), so tokens are QStringViews into the input and the shape checks below are
// hand-written loops; the only allocations per URL are the QUrl and its duplicate key.

constexpr bool isAsciiAlpha(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

constexpr bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

constexpr bool isLineBreak(QChar c)
{
    return c == u'\n' || c == u'\r';
}

// Length of the RFC 3986 scheme at the start of token when it is followed by ':', else -1.
qsizetype schemeLength(QStringView token)
{
    if (token.isEmpty() || !isAsciiAlpha(token.front()))
        return -1;
    for (qsizetype i = 1; i < token.size(); ++i) {
        const QChar c = token[i];
        if (c == u':')
            return i;
        if (!isAsciiAlpha(c) && !isAsciiDigit(c) && c != u'+' && c != u'-' && c != u'.')
            return -1;
    }
    return -1;
}

bool isHttpScheme(QStringView scheme)
{
    return scheme.compare(u"http", Qt::CaseInsensitive) == 0
            || scheme.compare(u"https", Qt::CaseInsensitive) == 0;
}

// Index of the first '/', '?' or '#' at or after from: where the authority ends.
qsizetype authorityEnd(QStringView s, qsizetype from)
{
    for (qsizetype i = from; i < s.size(); ++i) {
        const QChar c = s[i];
        if (c == u'/' || c == u'?' || c == u'#')
            return i;
    }
    return s.size();
}

// "8080", "8080/x", "/x", "": what follows "localhost:" in a bare host with a port.
bool startsWithPort(QStringView rest)
{
    const qsizetype end = authorityEnd(rest, 0);
    for (qsizetype i = 0; i < end; ++i) {
        if (!isAsciiDigit(rest[i]))
            return false;
    }
    return true;
}

bool isIPv4(QStringView host)
{
    int parts = 0;
    qsizetype i = 0;
    while (i <= host.size()) {
        int value = 0;
        int digits = 0;
        while (i < host.size() && isAsciiDigit(host[i])) {
            value = value * 10 + (host[i].unicode() - u'0');
            if (++digits > 3)
                return false;
            ++i;
        }
        if (digits == 0 || value > 255)
            return false;
        ++parts;
        if (i == host.size())
            return parts == 4;
        if (host[i] != u'.')
            return false;
        ++i;
    }
    return false;
}

// A dotted domain name as people paste them: labels of letters, digits, '-' and '_' or any
// non-ASCII character (IDN, validated later by QUrl), and a top-level label that is not all
// digits, so that "3.14" or "v1.2" are not taken for hosts. One trailing dot is allowed.
bool isDomainName(QStringView host)
{
    if (host.endsWith(u'.'))
        host.chop(1);
    int labels = 0;
    qsizetype labelStart = 0;
    bool labelHasNonDigit = false;
    for (qsizetype i = 0; i <= host.size(); ++i) {
        if (i == host.size() || host[i] == u'.') {
            if (i == labelStart)
                return false; // empty label
            ++labels;
            if (i == host.size())
                return labels >= 2 && labelHasNonDigit;
            labelStart = i + 1;
            labelHasNonDigit = false;
            continue;
        }
        const QChar c = host[i];
        if (isAsciiDigit(c))
            continue;
        if (!isAsciiAlpha(c) && c != u'-' && c != u'_' && c.unicode() < 0x80)
            return false;
        labelHasNonDigit = true;
    }
    return false;
}

QString notAUrl()
{
    return QCoreApplication::translate("UrlListParser", "not a URL");
}

QString unsupportedScheme(QStringView scheme)
{
    return QCoreApplication::translate("UrlListParser",
                                       "unsupported scheme \"%1\" (only http and https)")
            .arg(scheme);
}

// Splits "user@host:port" and checks the port. On success sets *host to the host as written
// (brackets included for IPv6).
bool checkAuthority(QStringView authority, QStringView *host, QString *reason)
{
    const qsizetype at = authority.lastIndexOf(u'@');
    if (at >= 0)
        authority = authority.mid(at + 1);

    QStringView port;
    bool hasPort = false;
    if (authority.startsWith(u'[')) {
        const qsizetype close = authority.indexOf(u']');
        if (close < 0) {
            *reason = QCoreApplication::translate("UrlListParser", "invalid IPv6 address");
            return false;
        }
        *host = authority.left(close + 1);
        const QStringView after = authority.mid(close + 1);
        if (!after.isEmpty()) {
            if (after.front() != u':') {
                *reason = QCoreApplication::translate("UrlListParser", "invalid IPv6 address");
                return false;
            }
            port = after.mid(1);
            hasPort = true;
        }
    } else {
        const qsizetype colon = authority.indexOf(u':');
        *host = colon < 0 ? authority : authority.left(colon);
        if (colon >= 0) {
            port = authority.mid(colon + 1);
            hasPort = true;
        }
    }

    if (host->isEmpty()) {
        *reason = QCoreApplication::translate("UrlListParser", "missing host");
        return false;
    }
    // An empty port ("example.com:/") means the default one, as in QUrl.
    if (hasPort && !port.isEmpty()) {
        int value = 0;
        for (const QChar c : port) {
            if (!isAsciiDigit(c)) {
                *reason = QCoreApplication::translate("UrlListParser", "invalid port \"%1\"")
                                  .arg(port);
                return false;
            }
            value = qMin(value * 10 + (c.unicode() - u'0'), 100000);
        }
        if (value < 1 || value > 65535) {
            *reason = QCoreApplication::translate("UrlListParser", "port %1 out of range (1-65535)")
                              .arg(port);
            return false;
        }
    }
    return true;
}

// Parses "http://..." or "https://..." (scheme already checked, schemeEnd is the ':').
QUrl parseAbsolute(QStringView token, qsizetype schemeEnd, QString *reason)
{
    const qsizetype authorityStart = schemeEnd + 3; // skip "://"
    const QStringView authority =
            token.mid(authorityStart, authorityEnd(token, authorityStart) - authorityStart);
    QStringView host;
    if (!checkAuthority(authority, &host, reason))
        return QUrl();

    // Tolerant mode: pasted URLs often carry '|', '{', '"' and the like in their paths; QUrl
    // percent-encodes those. Hosts are still validated.
    QUrl url(token.toString(), QUrl::TolerantMode);
    if (!url.isValid() || url.host().isEmpty()) {
        *reason = QCoreApplication::translate("UrlListParser", "invalid host \"%1\"").arg(host);
        return QUrl();
    }
    return url;
}

// A token without a scheme: accepted as "http://" + token when its host looks like one.
QUrl parseBareHost(QStringView token, QString *reason)
{
    const QStringView authority = token.left(authorityEnd(token, 0));
    if (authority.contains(u'@')) {
        *reason = notAUrl(); // "user@example.com" is an e-mail address, not a page
        return QUrl();
    }
    // Unbracketed IPv6 ("::1") and the like.
    if (!authority.startsWith(u'[') && authority.count(u':') > 1) {
        *reason = notAUrl();
        return QUrl();
    }

    QStringView host;
    QString authorityReason;
    if (!checkAuthority(authority, &host, &authorityReason)) {
        // "missing host" would be confusing for "/path" or ":80"; a bad port is worth saying.
        *reason = host.isEmpty() ? notAUrl() : authorityReason;
        return QUrl();
    }
    const bool looksLikeHost = host.startsWith(u'[')
            || host.compare(u"localhost", Qt::CaseInsensitive) == 0 || isIPv4(host)
            || isDomainName(host);
    if (!looksLikeHost) {
        *reason = notAUrl();
        return QUrl();
    }
    // The authority is now known to be a host, so parseAbsolute() only adds QUrl's checks.
    QString withScheme;
    withScheme.reserve(token.size() + 7);
    withScheme.append("http://"_L1).append(token);
    return parseAbsolute(withScheme, 4, reason);
}

// The key under which two URLs count as the same download: the fully encoded form (so that
// "/中" and "/%E4%B8%AD" match; QUrl already lowercases scheme and host), without the fragment
// (never sent to the server) and without a default port, with an empty path read as "/".
// Trailing slashes elsewhere, query order and dot segments are kept: they may name other pages.
QString duplicateKey(const QUrl &url)
{
    QUrl::FormattingOptions options = QUrl::FullyEncoded | QUrl::RemoveFragment;
    const int port = url.port();
    if ((port == 80 && url.scheme() == "http"_L1) || (port == 443 && url.scheme() == "https"_L1))
        options |= QUrl::RemovePort;
    QString key = url.toString(options);

    const qsizetype authorityStart = key.indexOf("://"_L1) + 3;
    qsizetype pathStart = authorityStart;
    while (pathStart < key.size() && key[pathStart] != u'/' && key[pathStart] != u'?')
        ++pathStart;
    if (pathStart == key.size() || key[pathStart] == u'?')
        key.insert(pathStart, u'/');
    return key;
}

} // namespace

QList<QUrl> UrlParseResult::urlList() const
{
    QList<QUrl> list;
    list.reserve(urls.size());
    for (const ParsedUrl &parsed : urls)
        list.append(parsed.url);
    return list;
}

QUrl UrlListParser::parseToken(QStringView token, QString *reason)
{
    QString ignored;
    QString *why = reason ? reason : &ignored;

    if (token.isEmpty()) {
        *why = QCoreApplication::translate("UrlListParser", "empty");
        return QUrl();
    }

    const qsizetype schemeEnd = schemeLength(token);
    if (schemeEnd > 0) {
        const QStringView scheme = token.left(schemeEnd);
        const QStringView rest = token.mid(schemeEnd + 1);
        if (rest.startsWith(u"//")) {
            if (!isHttpScheme(scheme)) {
                *why = unsupportedScheme(scheme);
                return QUrl();
            }
            return parseAbsolute(token, schemeEnd, why);
        }
        // "localhost:8080/x" and "example.com:abc" are bare hosts with a (bad) port; real
        // schemes with dots are rare enough to ignore.
        if (!startsWithPort(rest) && !scheme.contains(u'.')) {
            if (isHttpScheme(scheme)) {
                *why = QCoreApplication::translate("UrlListParser",
                                                   "malformed URL (\"//\" missing after \"%1:\")")
                               .arg(scheme);
            } else if (scheme.size() == 1) {
                *why = notAUrl(); // "C:\Users\...": a Windows path
            } else {
                *why = unsupportedScheme(scheme);
            }
            return QUrl();
        }
    }
    return parseBareHost(token, why);
}

UrlParseResult UrlListParser::parse(QStringView text)
{
    UrlParseResult result;
    QHash<QString, int> firstLineOf;
    QString reason;

    const qsizetype size = text.size();
    int line = 1;
    qsizetype i = 0;
    while (i < size) {
        const QChar c = text[i];
        if (isLineBreak(c)) {
            // "\r\n", "\n" and a lone "\r" each end one line.
            ++line;
            ++i;
            if (c == u'\r' && i < size && text[i] == u'\n')
                ++i;
            continue;
        }
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (c == u'#') {
            while (i < size && !isLineBreak(text[i]))
                ++i;
            continue;
        }

        const qsizetype start = i;
        while (i < size && !text[i].isSpace())
            ++i;
        const QStringView token = text.mid(start, i - start);

        QUrl url = parseToken(token, &reason);
        if (!url.isValid()) {
            result.rejected.append({ line, token.toString(), reason });
            continue;
        }
        int &firstLine = firstLineOf[duplicateKey(url)]; // 0 when new: lines start at 1
        if (firstLine != 0) {
            result.duplicates.append({ line, firstLine, std::move(url) });
            continue;
        }
        firstLine = line;
        result.urls.append({ std::move(url), line });
    }
    return result;
}

} // namespace qcrawl
