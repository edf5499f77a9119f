#pragma once

#include "fetch/fetchtypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace qcrawl {

// Where a job stands in the journal. Pending jobs are what `resume` fetches again: never started,
// interrupted, canceled, or ended in a way that a later try can change (the network, a 5xx, a
// 429, a full disk, a cut body). Done and Failed are final: a 2xx, or an answer that will not
// change (a 404, a refused redirect, a body over --max-filesize).
enum class JournalJobState { Pending = 0, Done = 1, Failed = 2 };

JournalJobState journalStateFor(const FetchResult &result);

// One run as `history` lists it.
struct JournalRun
{
    qint64 id = 0;
    QString kind; // "fetch", "harvest", "crawl"
    QString mode; // "async", "pool", "serial"
    QDateTime started; // UTC
    QJsonObject options; // what the run was started with (FetchOptionsJson and the command's own)
    qint64 wallMs = 0; // summed over the run and its resumes
    bool closed = false; // false while running, and after a crash or a kill
    int urls = 0;
    int ok = 0;
    int failed = 0;

    int unfinished() const { return urls - ok - failed; }
    // As `qcrawl-cli history` prints it and History exports it: run, started (ISO 8601, UTC),
    // kind, mode, urls, ok, failed, unfinished, wall_ms.
    QJsonObject toJson() const;
};

// One job of a run: what it was asked, and its last result (index and URL always set).
struct JournalJob
{
    JournalJobState state = JournalJobState::Pending;
    FetchResult result; // index, url and filePath (the planned file) even when never started
    bool hasResult = false; // a result was recorded (the last try's, for a pending job)
    // The validators of the last response, for a resume (If-Range): ETag, Last-Modified.
    QByteArray etag;
    QByteArray lastModified;
};

} // namespace qcrawl
