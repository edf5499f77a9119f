#include "bodytext.h"

#include "harvest/textencoding.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

bool looksBinary(const QByteArray &body)
{
    const qsizetype n = std::min<qsizetype>(body.size(), 4096);
    int control = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const auto c = uchar(body[i]);
        if (c == 0)
            return true;
        if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
            ++control;
    }
    return n > 0 && control * 20 > n;
}

} // namespace

std::optional<BodyText::Decoded> BodyText::decode(const QByteArray &body,
                                                  const QString &contentType)
{
    const TextEncoding encoding = TextEncoding::detect(body, contentType);
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    const bool textual = type.startsWith(u"text/"_s) || type.contains(u"json"_s)
            || type.contains(u"xml"_s) || type.contains(u"javascript"_s) || encoding.isDeclared();
    if (!textual && (type.isEmpty() ? looksBinary(body) : true))
        return std::nullopt;
    // A declared charset is believed; a body that only decodes by guessing may be binary.
    if ((!encoding.isDeclared() || encoding.name == u"UTF-8") && looksBinary(body))
        return std::nullopt;
    return Decoded { TextEncoding::decode(body, encoding.name), encoding };
}

QString BodyText::hexDump(const QByteArray &body, qsizetype maxBytes)
{
    QString out;
    const qsizetype n = std::min(body.size(), maxBytes);
    for (qsizetype offset = 0; offset < n; offset += 16) {
        QString hex;
        QString ascii;
        for (qsizetype i = offset; i < offset + 16; ++i) {
            if (i < n) {
                const auto c = uchar(body[i]);
                hex += u"%1 "_s.arg(c, 2, 16, QChar(u'0'));
                ascii += (c >= 0x20 && c < 0x7f) ? QChar(char16_t(c)) : QChar(u'.');
            } else {
                hex += u"   "_s;
            }
            if (i == offset + 7)
                hex += u' ';
        }
        out += u"%1  %2|%3|\n"_s.arg(offset, 8, 16, QChar(u'0')).arg(hex, ascii);
    }
    if (body.size() > n)
        out += u"…\n"_s;
    return out;
}

} // namespace qcrawl
