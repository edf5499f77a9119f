#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace qcrawl {

// Which character encoding a page or a response body is in, and who said so: a byte order mark,
// else the HTTP header, else a <meta> tag, as browsers decide it, else a guess. The labels pages
// use are mapped as the WHATWG Encoding standard says (gb2312 and gbk are GB18030, latin1 is
// windows-1252), so a page labelled gb2312 that uses GBK characters still reads right. The one
// detector for harvest pages (HtmlDocument) and for bodies shown to people (the response dialog).
struct TextEncoding
{
    enum class Source {
        ByteOrderMark,
        HttpHeader, // charset= of the Content-Type header
        MetaTag, // <meta charset> or <meta http-equiv="Content-Type" content="...; charset=">
        Guess, // nothing declared: UTF-8 when the bytes are valid UTF-8, else GB18030 or
               // windows-1252
    };

    QString name; // a name both libxml2 and QStringDecoder know: "UTF-8", "GB18030", ...
    Source source = Source::Guess;

    bool isDeclared() const { return source != Source::Guess; }
    // The bytes of the byte order mark at the start of the text (0 without one).
    qsizetype byteOrderMarkSize() const;

    static TextEncoding detect(const QByteArray &bytes, const QString &contentType);
    // The encoding for a charset label ("gb2312" -> "GB18030"); empty when unknown.
    static QString forLabel(QStringView label);
    // Decodes bytes (invalid sequences become U+FFFD; a multi-byte sequence cut at the end is
    // dropped). An encoding QStringDecoder does not know decodes as Latin-1, which keeps every
    // ASCII character (URLs, markup) where it was.
    static QString decode(const QByteArray &bytes, const QString &encoding);
};

// libxml2's one-time set-up, for every unit that uses libxml2 (xmlInitParser() itself is not
// thread-safe).
void ensureLibxmlInitialized();

} // namespace qcrawl
