#include "resultformat.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace qcrawl {

QStringList ResultFormat::columns()
{
    return { u"index"_s, u"url"_s,          u"final_url"_s,   u"status"_s,
             u"bytes"_s, u"content_type"_s, u"started_ms"_s,  u"elapsed_ms"_s,
             u"error"_s, u"mode"_s,         u"http_version"_s };
}

QJsonObject ResultFormat::toJson(const FetchResult &r, FetchMode mode)
{
    QJsonObject o;
    o.insert(u"index"_s, r.index);
    o.insert(u"url"_s, r.url.toString(QUrl::FullyEncoded));
    o.insert(u"final_url"_s, r.finalUrl.toString(QUrl::FullyEncoded));
    o.insert(u"status"_s,
             r.hasResponse() ? QJsonValue(r.httpStatus) : QJsonValue(QJsonValue::Null));
    o.insert(u"bytes"_s, r.bytesReceived);
    o.insert(u"content_type"_s, r.contentType);
    o.insert(u"started_ms"_s,
             r.startedMs < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(r.startedMs));
    o.insert(u"elapsed_ms"_s, r.elapsedMs());
    o.insert(u"error"_s,
             r.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.error.text()));
    o.insert(u"mode"_s, fetchModeName(mode));
    o.insert(u"http_version"_s,
             r.httpVersion.isEmpty() ? QJsonValue(QJsonValue::Null)
                                     : QJsonValue(QString::fromLatin1(r.httpVersion)));
    if (!r.filePath.isEmpty())
        o.insert(u"file"_s, r.filePath);
    if (r.hlsSegments > 0)
        o.insert(u"segments"_s, r.hlsSegments);
    return o;
}

namespace {

// Appends text as a JSON string exactly as QJsonDocument::toJson() writes it (Qt 6.4's
// qjsonwriter.cpp): \" \\ \b \f \n \r \t, other controls as \u00xx, UTF-8 for the rest, a
// lone surrogate as \uxxxx.
void appendJsonString(QByteArray &out, QStringView text)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out += '"';
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = text[i].unicode();
        if (u < 0x80) {
            if (u >= 0x20 && u != u'"' && u != u'\\') {
                out += char(u);
                continue;
            }
            out += '\\';
            switch (u) {
            case u'"':
                out += '"';
                break;
            case u'\\':
                out += '\\';
                break;
            case 0x8:
                out += 'b';
                break;
            case 0xc:
                out += 'f';
                break;
            case 0xa:
                out += 'n';
                break;
            case 0xd:
                out += 'r';
                break;
            case 0x9:
                out += 't';
                break;
            default:
                out += "u00";
                out += Hex[u >> 4];
                out += Hex[u & 0xf];
            }
        } else if (u < 0x800) {
            out += char(0xc0 | (u >> 6));
            out += char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && i + 1 < n
                   && QChar::isLowSurrogate(text[i + 1].unicode())) {
            const char32_t c = QChar::surrogateToUcs4(u, text[++i].unicode());
            out += char(0xf0 | (c >> 18));
            out += char(0x80 | ((c >> 12) & 0x3f));
            out += char(0x80 | ((c >> 6) & 0x3f));
            out += char(0x80 | (c & 0x3f));
        } else if (QChar::isSurrogate(u)) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4)
                out += Hex[(u >> shift) & 0xf];
        } else {
            out += char(0xe0 | (u >> 12));
            out += char(0x80 | ((u >> 6) & 0x3f));
            out += char(0x80 | (u & 0x3f));
        }
    }
    out += '"';
}

} // namespace

// The same bytes as QJsonDocument(toJson()).toJson(Compact) (keys in sorted order), written
// directly: with QJsonObject and its CBOR conversion it was a quarter of qcrawl-cli's
// instructions for 1 KiB pages (callgrind, 2,000 requests).
QByteArray ResultFormat::toJsonLine(const FetchResult &r, FetchMode mode)
{
    const QString error = r.error.text();
    QByteArray out;
    out.reserve(256 + 2 * (r.url.toString().size() + error.size()));
    const auto key = [&out](const char *name) {
        out += out.isEmpty() ? "{\"" : ",\"";
        out += name;
        out += "\":";
    };
    const auto nullOr = [&out](bool isNull, auto &&write) {
        if (isNull)
            out += "null";
        else
            write();
    };
    key("bytes");
    out += QByteArray::number(r.bytesReceived);
    key("content_type");
    appendJsonString(out, r.contentType);
    key("elapsed_ms");
    out += QByteArray::number(r.elapsedMs());
    key("error");
    nullOr(r.error.isEmpty(), [&] { appendJsonString(out, error); });
    if (!r.filePath.isEmpty()) {
        key("file");
        appendJsonString(out, r.filePath);
    }
    key("final_url");
    appendJsonString(out, r.finalUrl.toString(QUrl::FullyEncoded));
    key("http_version");
    nullOr(r.httpVersion.isEmpty(),
           [&] { appendJsonString(out, QString::fromLatin1(r.httpVersion)); });
    key("index");
    out += QByteArray::number(r.index);
    key("mode");
    appendJsonString(out, fetchModeName(mode));
    if (r.hlsSegments > 0) {
        key("segments");
        out += QByteArray::number(r.hlsSegments);
    }
    key("started_ms");
    nullOr(r.startedMs < 0, [&] { out += QByteArray::number(r.startedMs); });
    key("status");
    nullOr(!r.hasResponse(), [&] { out += QByteArray::number(r.httpStatus); });
    key("url");
    appendJsonString(out, r.url.toString(QUrl::FullyEncoded));
    out += "}\n";
    return out;
}

QString ResultFormat::csvField(const QString &text)
{
    // A cell a spreadsheet would run as a formula starts with ' instead (OWASP's advice on CSV
    // injection): server text such as a Content-Type of "=HYPERLINK(...)" stays text.
    QString cell = text;
    if (!cell.isEmpty() && QStringView(u"=+-@\t\r").contains(cell.front()))
        cell.prepend(u'\'');
    if (!cell.contains(u',') && !cell.contains(u'"') && !cell.contains(u'\n')
        && !cell.contains(u'\r'))
        return cell;
    cell.replace(u"\""_s, u"\"\""_s);
    return u'"' + cell + u'"';
}

QByteArray ResultFormat::csvHeader()
{
    return columns().join(u',').toUtf8() + "\r\n";
}

QByteArray ResultFormat::toCsvRow(const FetchResult &r, FetchMode mode)
{
    const QStringList fields = {
        QString::number(r.index),
        csvField(r.url.toString(QUrl::FullyEncoded)),
        csvField(r.finalUrl.toString(QUrl::FullyEncoded)),
        r.hasResponse() ? QString::number(r.httpStatus) : QString(),
        QString::number(r.bytesReceived),
        csvField(r.contentType),
        r.startedMs < 0 ? QString() : QString::number(r.startedMs),
        QString::number(r.elapsedMs()),
        csvField(r.error.text()),
        fetchModeName(mode),
        QString::fromLatin1(r.httpVersion),
    };
    return fields.join(u',').toUtf8() + "\r\n";
}

} // namespace qcrawl
