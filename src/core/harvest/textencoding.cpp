#include "textencoding.h"

#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <mutex>

#include <QRegularExpression>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// How far into a page a <meta charset> is looked for. The standard says 1024 bytes; Chinese
// portals put kilobytes of scripts before theirs, so look further: it costs nothing.
constexpr qsizetype MetaScanBytes = 16 * 1024;

QString charsetParameter(const QString &contentType)
{
    const QList<QStringView> parts = QStringView(contentType).split(u';');
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QStringView part = parts.at(i).trimmed();
        if (!part.startsWith(u"charset", Qt::CaseInsensitive))
            continue;
        QStringView value = part.mid(7).trimmed();
        if (!value.startsWith(u'='))
            continue;
        value = value.mid(1).trimmed();
        if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\''))
            value = value.mid(1, value.size() - 2);
        return value.trimmed().toString();
    }
    return {};
}

QString charsetFromMeta(const QByteArray &html)
{
    static const QRegularExpression meta(
            uR"(<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+))"_s,
            QRegularExpression::CaseInsensitiveOption);
    const QString head = QString::fromLatin1(html.left(MetaScanBytes));
    const QRegularExpressionMatch match = meta.match(head);
    return match.hasMatch() ? match.captured(1) : QString();
}

bool decodesCleanly(const QByteArray &bytes, const char *encoding)
{
    QStringDecoder decoder(encoding, QStringDecoder::Flag::Stateless);
    if (!decoder.isValid())
        return false;
    const QString text = decoder.decode(bytes);
    Q_UNUSED(text);
    return !decoder.hasError();
}

bool libxmlKnows(const QByteArray &name)
{
    ensureLibxmlInitialized();
    xmlCharEncodingHandler *handler = xmlFindCharEncodingHandler(name.constData());
    if (!handler)
        return false;
    xmlCharEncCloseFunc(handler); // frees iconv-based handlers, leaves the built-in ones
    return true;
}

} // namespace

void ensureLibxmlInitialized()
{
    static std::once_flag once;
    std::call_once(once, [] { xmlInitParser(); });
}

qsizetype TextEncoding::byteOrderMarkSize() const
{
    if (source != Source::ByteOrderMark)
        return 0;
    return name == u"UTF-8" ? 3 : 2;
}

TextEncoding TextEncoding::detect(const QByteArray &bytes, const QString &contentType)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return { u"UTF-8"_s, Source::ByteOrderMark };
    if (bytes.startsWith("\xFF\xFE"))
        return { u"UTF-16LE"_s, Source::ByteOrderMark };
    if (bytes.startsWith("\xFE\xFF"))
        return { u"UTF-16BE"_s, Source::ByteOrderMark };

    const QString fromHeader = forLabel(charsetParameter(contentType));
    if (!fromHeader.isEmpty())
        return { fromHeader, Source::HttpHeader };

    QString fromMeta = forLabel(charsetFromMeta(bytes));
    if (fromMeta.startsWith(u"UTF-16")) // a page that can say so in ASCII is not UTF-16
        fromMeta = u"UTF-8"_s;
    if (!fromMeta.isEmpty())
        return { fromMeta, Source::MetaTag };

    if (decodesCleanly(bytes, "UTF-8"))
        return { u"UTF-8"_s, Source::Guess };
    if (decodesCleanly(bytes, "GB18030"))
        return { u"GB18030"_s, Source::Guess };
    return { u"windows-1252"_s, Source::Guess };
}

QString TextEncoding::forLabel(QStringView label)
{
    // The WHATWG Encoding standard's labels for the encodings Chinese (and other) sites use.
    struct Label
    {
        QLatin1String label;
        QLatin1String name;
    };
    static constexpr Label labels[] = {
        { "utf-8"_L1, "UTF-8"_L1 },
        { "utf8"_L1, "UTF-8"_L1 },
        { "unicode-1-1-utf-8"_L1, "UTF-8"_L1 },
        { "gb2312"_L1, "GB18030"_L1 },
        { "gbk"_L1, "GB18030"_L1 },
        { "x-gbk"_L1, "GB18030"_L1 },
        { "gb_2312"_L1, "GB18030"_L1 },
        { "gb_2312-80"_L1, "GB18030"_L1 },
        { "chinese"_L1, "GB18030"_L1 },
        { "csgb2312"_L1, "GB18030"_L1 },
        { "csiso58gb231280"_L1, "GB18030"_L1 },
        { "iso-ir-58"_L1, "GB18030"_L1 },
        { "gb18030"_L1, "GB18030"_L1 },
        { "big5"_L1, "BIG5-HKSCS"_L1 },
        { "big5-hkscs"_L1, "BIG5-HKSCS"_L1 },
        { "cn-big5"_L1, "BIG5-HKSCS"_L1 },
        { "x-x-big5"_L1, "BIG5-HKSCS"_L1 },
        { "shift_jis"_L1, "SHIFT_JIS"_L1 },
        { "sjis"_L1, "SHIFT_JIS"_L1 },
        { "x-sjis"_L1, "SHIFT_JIS"_L1 },
        { "euc-jp"_L1, "EUC-JP"_L1 },
        { "euc-kr"_L1, "CP949"_L1 },
        { "iso-8859-1"_L1, "windows-1252"_L1 },
        { "latin1"_L1, "windows-1252"_L1 },
        { "us-ascii"_L1, "windows-1252"_L1 },
        { "ascii"_L1, "windows-1252"_L1 },
        { "windows-1252"_L1, "windows-1252"_L1 },
        { "cp1252"_L1, "windows-1252"_L1 },
        { "utf-16"_L1, "UTF-16LE"_L1 },
        { "utf-16le"_L1, "UTF-16LE"_L1 },
        { "utf-16be"_L1, "UTF-16BE"_L1 },
    };

    const QString key = label.trimmed().toString().toLower();
    if (key.isEmpty())
        return {};
    for (const Label &known : labels) {
        if (key == known.label)
            return known.name;
    }
    // Anything else both libxml2 (iconv) and QStringDecoder (ICU) understand, as given.
    const QByteArray name = key.toLatin1();
    if (QStringDecoder(name.constData()).isValid() && libxmlKnows(name))
        return key;
    return {};
}

QString TextEncoding::decode(const QByteArray &bytes, const QString &encoding)
{
    QStringDecoder decoder(encoding.toLatin1().constData());
    if (!decoder.isValid())
        return QString::fromLatin1(bytes);
    return decoder.decode(bytes);
}

} // namespace qcrawl
