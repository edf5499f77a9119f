#pragma once

#include <algorithm>
#include <optional>

#include <QByteArray>
#include <QList>

namespace qcrawl {

// The strict field syntax the demo server shares between parsing requests (Content-Length),
// reading endpoint arguments (/bytes/<n>, ?rate=B, the HLS routes) and Range headers.

inline bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Strict decimal: digits only, no sign, no blanks, at most 18 digits (cannot overflow).
inline std::optional<qint64> parseDecimal(const QByteArray &text, qint64 max)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 value = 0;
    for (const char c : text) {
        if (!isAsciiDigit(c))
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    if (value > max)
        return std::nullopt;
    return value;
}

inline bool hasControlCharacters(const QByteArray &text)
{
    return std::any_of(text.cbegin(), text.cend(),
                       [](char c) { return uchar(c) < 0x20 || uchar(c) == 0x7f; });
}

// The percent-decoded value of name in an "a=1&b=2" query; nullopt if absent.
inline std::optional<QByteArray> queryValue(const QByteArray &query, const char *name)
{
    const QList<QByteArray> items = query.split('&');
    for (const QByteArray &item : items) {
        const qsizetype eq = item.indexOf('=');
        if ((eq < 0 ? item : item.left(eq)) == name)
            return eq < 0 ? QByteArray() : QByteArray::fromPercentEncoding(item.mid(eq + 1));
    }
    return std::nullopt;
}

} // namespace qcrawl
