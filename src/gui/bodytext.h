#pragma once

#include "harvest/textencoding.h"

#include <optional>

#include <QByteArray>
#include <QString>

namespace qcrawl {

// How a response body is shown to a person: as text in its declared charset, or as a hex dump.
class BodyText final
{
public:
    struct Decoded
    {
        QString text;
        TextEncoding encoding; // what it was decoded from, and who said so
    };
    // The body as text, or nullopt when it looks binary, in the encoding TextEncoding::detect()
    // finds (the header's charset, a <meta charset>, a byte order mark, else a guess among
    // UTF-8, GB18030 and windows-1252). A multi-byte character cut at the end of a preview is
    // dropped.
    static std::optional<Decoded> decode(const QByteArray &body, const QString &contentType);
    // "00000000  47 49 46 38 ...  |GIF8...|" lines, at most maxBytes of the body.
    static QString hexDump(const QByteArray &body, qsizetype maxBytes = 16 * 1024);
};

} // namespace qcrawl
