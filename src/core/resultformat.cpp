#include "resultformat.h"

#include "units.h"

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
    o.insert(u"error"_s, r.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.error));
    o.insert(u"mode"_s, fetchModeName(mode));
    o.insert(u"http_version"_s,
             r.httpVersion.isEmpty() ? QJsonValue(QJsonValue::Null)
                                     : QJsonValue(QString::fromLatin1(r.httpVersion)));
    return o;
}

QByteArray ResultFormat::toJsonLine(const FetchResult &result, FetchMode mode)
{
    return QJsonDocument(toJson(result, mode)).toJson(QJsonDocument::Compact) + '\n';
}

QString ResultFormat::csvField(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n')
        && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
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
        csvField(r.error),
        fetchModeName(mode),
        QString::fromLatin1(r.httpVersion),
    };
    return fields.join(u',').toUtf8() + "\r\n";
}

void RunStats::add(const FetchResult &result)
{
    if (result.isSuccess())
        ++ok;
    else if (result.canceled)
        ++canceled;
    else
        ++failed;
    bytes += result.bytesReceived;
}

double RunStats::requestsPerSecond() const
{
    return wallMs > 0 ? total() * 1000.0 / wallMs : 0.0;
}

double RunStats::bytesPerSecond() const
{
    return wallMs > 0 ? bytes * 1000.0 / wallMs : 0.0;
}

QString RunStats::summaryLine(FetchMode mode) const
{
    QString line = u"ok %1, failed %2"_s.arg(ok).arg(failed);
    if (canceled)
        line += u", canceled %1"_s.arg(canceled);
    line += u" · %1 requests in %2 · %3 req/s · %4 MB/s · %5"_s.arg(total())
                    .arg(formatDuration(wallMs))
                    .arg(requestsPerSecond(), 0, 'f', 1)
                    .arg(bytesPerSecond() / 1e6, 0, 'f', 2)
                    .arg(fetchModeName(mode));
    return line;
}

} // namespace qcrawl
