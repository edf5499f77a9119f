#include "journalresultcodec.h"

#include <algorithm>

#include <QDataStream>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// The record's own version, first in every blob; and Qt's stream format, fixed. Version 2 adds
// the HLS segment count and the file saved (an HLS video's differs from the job's).
constexpr quint8 FormatVersion = 2;
constexpr QDataStream::Version StreamVersion = QDataStream::Qt_6_4;

QByteArray headerValue(const FetchResult &r, QByteArrayView name)
{
    for (const auto &[key, value] : r.responseHeaders) {
        if (QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace

QByteArray JournalResultCodec::encode(const FetchResult &r)
{
    // A detail page's error keeps its cause's words: the cause itself is not stored.
    const QStringList args = r.error.kind() == FetchErrorKind::DetailPageUnreadable
            ? QStringList { r.error.cause().text() }
            : r.error.arguments();
    QByteArray bytes;
    bytes.reserve(160);
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(StreamVersion);
    out << quint8(FormatVersion) << qint32(r.httpStatus) << r.reasonPhrase << r.httpVersion
        << r.contentType << qint64(r.contentLength) << qint64(r.bytesReceived)
        << qint64(r.resumedFrom) << qint64(r.startedMs) << qint64(r.finishedMs) << qint32(r.retries)
        << (r.error.isEmpty() ? QString() : FetchError::kindName(r.error.kind())) << args
        << r.canceled << (r.finalUrl == r.url ? QString() : r.finalUrl.toString(QUrl::FullyEncoded))
        << headerValue(r, "etag") << headerValue(r, "last-modified") << qint32(r.hlsSegments)
        << r.filePath;
    return bytes;
}

void JournalResultCodec::decode(const QByteArray &bytes, JournalJob *job)
{
    job->hasResult = !bytes.isEmpty();
    if (bytes.isEmpty())
        return;
    QDataStream in(bytes);
    in.setVersion(StreamVersion);
    quint8 format = 0;
    in >> format;
    if (format < 1 || format > FormatVersion)
        return; // a record this version does not know: the job's URL and state stand alone
    FetchResult r = job->result;
    qint32 status = 0, retries = 0;
    qint64 contentLength = -1, received = 0, resumedFrom = 0, started = -1, finished = -1;
    QString kindName, finalUrl;
    QStringList args;
    in >> status >> r.reasonPhrase >> r.httpVersion >> r.contentType >> contentLength >> received
            >> resumedFrom >> started >> finished >> retries >> kindName >> args >> r.canceled
            >> finalUrl >> job->etag >> job->lastModified;
    qint32 segments = 0;
    if (format >= 2)
        in >> segments >> r.filePath;
    if (in.status() != QDataStream::Ok) {
        job->etag.clear();
        job->lastModified.clear();
        return; // damaged: as if no result was kept
    }
    r.httpStatus = status;
    r.contentLength = contentLength;
    r.bytesReceived = received;
    r.resumedFrom = resumedFrom;
    r.startedMs = started;
    r.finishedMs = finished;
    r.retries = retries;
    r.hlsSegments = std::max(0, int(segments));
    const FetchErrorKind kind = FetchError::kindFromName(kindName);
    if (kind == FetchErrorKind::DetailPageUnreadable)
        r.error = FetchError::detailPageUnreadable(FetchError::other(args.value(0)));
    else if (kind != FetchErrorKind::None)
        r.error = FetchError(kind, args);
    r.finalUrl = finalUrl.isEmpty() ? r.url : QUrl(finalUrl, QUrl::StrictMode);
    job->result = r;
}

} // namespace qcrawl
