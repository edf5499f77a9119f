#include "httpframing.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include <QByteArrayView>
#include <QDateTime>

namespace qcrawl::HttpFraming {

bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || (c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

bool isHeaderLine(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    return colon > 0 && !line.contains('\0')
            && std::all_of(line.begin(), line.begin() + colon,
                           [](char c) { return isTokenChar(c); });
}

qint64 parseContentLength(const QList<QByteArray> &values)
{
    qint64 length = -1;
    for (const QByteArray &value : values) {
        for (const QByteArray &part : value.split(',')) {
            const QByteArray digits = part.trimmed();
            if (digits.isEmpty() || digits.size() > 18)
                return -1;
            for (const char c : digits) {
                if (c < '0' || c > '9')
                    return -1;
            }
            const qint64 n = digits.toLongLong();
            if (length >= 0 && n != length)
                return -1;
            length = n;
        }
    }
    return length;
}

namespace {

// A plain decimal number of 1 to 18 digits (never overflows); -1 otherwise.
qint64 plainNumber(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 18)
        return -1;
    qint64 n = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

} // namespace

std::optional<ContentRange> parseContentRange(const QByteArray &value)
{
    const QByteArray text = value.trimmed();
    if (!text.startsWith("bytes "))
        return std::nullopt;
    const QByteArray spec = text.mid(6).trimmed();
    const qsizetype dash = spec.indexOf('-');
    const qsizetype slash = spec.indexOf('/');
    if (dash <= 0 || slash <= dash + 1)
        return std::nullopt;
    ContentRange range;
    range.first = plainNumber(QByteArrayView(spec).first(dash));
    range.last = plainNumber(QByteArrayView(spec).sliced(dash + 1, slash - dash - 1));
    const QByteArrayView total = QByteArrayView(spec).sliced(slash + 1);
    range.total = total == "*" ? -1 : plainNumber(total);
    if (range.first < 0 || range.last < range.first || (total != "*" && range.total < 0)
        || (range.total >= 0 && range.last >= range.total))
        return std::nullopt;
    return range;
}

qint64 parseRetryAfter(const QByteArray &value, const QDateTime &now)
{
    const QByteArray text = value.trimmed();
    if (text.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = text.toLongLong(&ok);
    if (ok) {
        if (seconds < 0)
            return -1;
        // Saturated: a server's number times 1000 must not overflow (callers cap it anyway).
        constexpr qint64 MaxSeconds = std::numeric_limits<qint64>::max() / 1000;
        return std::min(seconds, MaxSeconds) * 1000;
    }
    const QDateTime when = QDateTime::fromString(
            QString::fromLatin1(text).replace(QStringLiteral("GMT"), QStringLiteral("+0000")),
            Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return std::max<qint64>(0, now.msecsTo(when));
}

} // namespace qcrawl::HttpFraming
