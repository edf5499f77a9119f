#pragma once

#include <optional>

#include <QByteArray>
#include <QString>

namespace qcrawl {

// How a response body is shown to a person: as text in its declared charset, or as a hex dump.
class BodyText final
{
public:
    // The charset named in a Content-Type ("text/html; charset=GBK" -> "GBK"), else from an HTML
    // <meta charset> in the first bytes, else empty.
    static QString charsetOf(const QByteArray &body, const QString &contentType);
    // The body as text, or nullopt when it looks binary. Decodes with Qt where it knows the
    // charset (UTF-8, UTF-16/32, Latin-1) and with iconv otherwise (GBK, GB2312, Big5,
    // Shift_JIS...): Qt 6.4's QStringDecoder knows only the Unicode family.
    static std::optional<QString> decode(const QByteArray &body, const QString &contentType);
    // "00000000  47 49 46 38 ...  |GIF8...|" lines, at most maxBytes of the body.
    static QString hexDump(const QByteArray &body, qsizetype maxBytes = 16 * 1024);
};

} // namespace qcrawl
