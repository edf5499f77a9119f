#include "bodytext.h"

#include <iconv.h>

#include <QRegularExpression>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

std::optional<QString> iconvDecode(const QByteArray &body, const QString &charset)
{
    iconv_t cd = iconv_open("UTF-8", charset.toLatin1().constData());
    if (cd == iconv_t(-1))
        return std::nullopt;
    QByteArray out;
    out.resize(body.size() * 4 + 16);
    char *in = const_cast<char *>(body.constData());
    size_t inLeft = size_t(body.size());
    char *outPtr = out.data();
    size_t outLeft = size_t(out.size());
    while (inLeft > 0) {
        if (iconv(cd, &in, &inLeft, &outPtr, &outLeft) == size_t(-1)) {
            if (errno == EILSEQ && inLeft > 0) { // skip a bad byte, keep going
                ++in;
                --inLeft;
                continue;
            }
            break; // EINVAL: a cut multi-byte sequence at the end of a preview
        }
    }
    iconv_close(cd);
    out.resize(out.size() - qsizetype(outLeft));
    return QString::fromUtf8(out);
}

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

QString BodyText::charsetOf(const QByteArray &body, const QString &contentType)
{
    static const QRegularExpression param(u"charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    QRegularExpressionMatch match = param.match(contentType);
    if (match.hasMatch())
        return match.captured(1);
    // <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gbk">
    static const QRegularExpression meta(u"<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)"_s,
                                         QRegularExpression::CaseInsensitiveOption);
    match = meta.match(QString::fromLatin1(body.left(2048)));
    return match.hasMatch() ? match.captured(1) : QString();
}

std::optional<QString> BodyText::decode(const QByteArray &body, const QString &contentType)
{
    const QString charset = charsetOf(body, contentType);
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    const bool textual = type.startsWith(u"text/"_s) || type.contains(u"json"_s)
            || type.contains(u"xml"_s) || type.contains(u"javascript"_s) || !charset.isEmpty();
    if (!textual && (type.isEmpty() ? looksBinary(body) : true))
        return std::nullopt;
    if (charset.isEmpty() || charset.compare(u"utf-8"_s, Qt::CaseInsensitive) == 0)
        return looksBinary(body) ? std::nullopt : std::optional<QString>(QString::fromUtf8(body));
    if (auto encoding = QStringConverter::encodingForName(charset.toLatin1().constData())) {
        QStringDecoder decoder(*encoding);
        return QString(decoder(body));
    }
    if (auto text = iconvDecode(body, charset))
        return text;
    return QString::fromUtf8(body);
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
