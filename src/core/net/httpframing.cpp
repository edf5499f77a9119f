#include "httpframing.h"

#include <algorithm>
#include <cstring>

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

} // namespace qcrawl::HttpFraming
