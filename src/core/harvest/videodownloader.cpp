#include "videodownloader.h"

#include "fetch/asyncengine.h"
#include "fetch/partfile.h"
#include "harvest/downloadplanner.h"
#include "harvest/filenames.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

FetchOptions defaultOptions()
{
    FetchOptions options;
    options.concurrency = VideoDownloader::DefaultConcurrency;
    return options;
}

// The extension the media URL names, if any. A script's ("play.php?id=1") names nothing.
QString extensionFromUrl(const QUrl &url)
{
    const QString named = FileNames::extensionFor(url);
    return named == FileNames::extensionFor(url, u"video/mp4"_s) ? named : QString();
}

struct NameParts
{
    QString stem;
    QString ext; // with the dot, or empty
};

NameParts splitName(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    if (dot <= 0)
        return { name, QString() };
    return { name.left(dot), name.mid(dot) };
}

} // namespace

VideoDownloader::VideoDownloader(QObject *parent)
    : QObject(parent)
    , m_engine(new AsyncEngine(defaultOptions(), this))
    , m_options(defaultOptions())
{
    qRegisterMetaType<qcrawl::DownloadResult>();
    connect(m_engine, &FetchEngine::jobStarted, this, [this](int slot) {
        // Before the first byte: a .part never exists without the record of its URL. (A job
        // that never started leaves neither.)
        const Slot &started = m_slots.at(slot);
        if (!PartFile::writeOrigin(started.filePath, started.item.mediaUrl))
            qWarning("qcrawl: cannot write %s: this download will not resume after a crash",
                     qPrintable(PartFile::originPathFor(started.filePath)));
        emit itemStarted(started.item.index, started.filePath);
    });
    connect(m_engine, &FetchEngine::jobProgress, this,
            [this](int slot, qint64 received, qint64 total) {
                emit itemProgress(m_slots.at(slot).item.index, received, total);
            });
    connect(m_engine, &FetchEngine::jobFinished, this, &VideoDownloader::onJobFinished);
    connect(m_engine, &FetchEngine::finished, this, &VideoDownloader::onEngineFinished);
}

VideoDownloader::~VideoDownloader() = default;

QString VideoDownloader::fileNameFor(const QString &title, const QUrl &mediaUrl)
{
    const QString named = extensionFromUrl(mediaUrl);
    const QString ext = named.isEmpty() ? u".mp4"_s : named;
    QString stem = title.trimmed();
    if (stem.endsWith(ext, Qt::CaseInsensitive)) // the tutorial's titles + '.mp4'
        stem.chop(ext.size());
    return FileNames::sanitize(stem + ext, u"video"_s + ext);
}

bool VideoDownloader::start(const QList<HarvestItem> &items, QString *error)
{
    auto fail = [error](const QString &reason) {
        if (error)
            *error = reason;
        return false;
    };
    if (m_running)
        return fail(u"downloads are already running"_s);
    const QString dir =
            QDir::cleanPath(QDir(m_folder.isEmpty() ? u"."_s : m_folder).absolutePath());
    if (!QDir().mkpath(dir) || !QFileInfo(dir).isDir() || !QFileInfo(dir).isWritable())
        return fail(u"cannot write to the folder %1"_s.arg(dir));
    QSet<int> indexes;
    for (const HarvestItem &item : items) {
        if (indexes.contains(item.index))
            return fail(u"item index %1 appears twice"_s.arg(item.index));
        indexes.insert(item.index);
    }

    m_slots.clear();
    m_slotOfItem.clear();
    m_unstartable.clear();
    QList<FetchJob> jobs;
    m_planner = std::make_unique<DownloadPlanner>(dir, m_overwrite);
    for (const HarvestItem &item : items) {
        DownloadResult failed;
        failed.index = item.index;
        failed.title = item.title;
        failed.mediaUrl = item.mediaUrl;
        if (!item.hasMedia()) {
            failed.error =
                    item.error.isEmpty() ? FetchError(FetchErrorKind::NoMediaUrl) : item.error;
            m_unstartable.append(failed);
            continue;
        }
        const QString path = m_planner->pathFor(fileNameFor(item.title, item.mediaUrl),
                                                item.mediaUrl.toEncoded());
        m_slotOfItem.insert(item.index, int(m_slots.size()));
        jobs.append(FetchJob { int(m_slots.size()), item.mediaUrl, path, true });
        m_slots.append({ item, path });
    }

    m_running = true;
    // Reported from the event loop, as everything else is; queued before the engine's first event.
    QTimer::singleShot(0, this, &VideoDownloader::reportUnstartable);
    if (!jobs.isEmpty()) {
        FetchOptions options = m_options;
        options.previewBytes = 0; // bodies go to disk only: memory stays flat
        m_engine->setOptions(options);
        m_engineRunning = m_engine->start(jobs);
    }
    return true;
}

void VideoDownloader::stop()
{
    if (m_engineRunning)
        m_engine->cancelAll();
}

void VideoDownloader::cancel(int index)
{
    const auto slot = m_slotOfItem.constFind(index);
    if (m_engineRunning && slot != m_slotOfItem.cend())
        m_engine->cancel(*slot);
}

void VideoDownloader::reportUnstartable()
{
    const QList<DownloadResult> results = std::exchange(m_unstartable, {});
    for (const DownloadResult &result : results)
        emit itemFinished(result);
    maybeFinish();
}

void VideoDownloader::onJobFinished(const FetchResult &result)
{
    const Slot &slot = m_slots.at(result.index);
    DownloadResult download;
    download.index = slot.item.index;
    download.title = slot.item.title;
    download.mediaUrl = slot.item.mediaUrl;
    download.finalUrl = result.finalUrl;
    download.filePath = slot.filePath;
    download.resumedFrom = result.resumedFrom;
    download.httpStatus = result.httpStatus;
    download.contentType = result.contentType;
    download.error = result.error;
    download.canceled = result.canceled;

    const QString part = PartFile::pathFor(slot.filePath);
    if (result.isSuccess()) {
        PartFile::removeOrigin(slot.filePath);
        // An HLS playlist was saved as its video, under the name of its container.
        download.filePath = result.hlsSegments > 0 ? result.filePath
                                                   : renameForContentType(slot, result.contentType);
        download.bytes = QFileInfo(download.filePath).size();
    } else if (QFileInfo(part).isFile()) {
        download.bytes = QFileInfo(part).size(); // kept for the next start()
    } else {
        PartFile::removeOrigin(slot.filePath); // nothing to resume: leave no trace
    }
    emit itemFinished(download);
}

void VideoDownloader::onEngineFinished()
{
    m_engineRunning = false;
    maybeFinish();
}

void VideoDownloader::maybeFinish()
{
    if (!m_running || m_engineRunning || !m_unstartable.isEmpty())
        return;
    m_running = false;
    emit finished();
}

// A media URL without an extension got ".mp4"; when the server says it sent another video or
// audio type, the file takes that type's extension (under a name that is free).
QString VideoDownloader::renameForContentType(const Slot &slot, const QString &contentType)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    if (!extensionFromUrl(slot.item.mediaUrl).isEmpty()
        || (!type.startsWith(u"video/") && !type.startsWith(u"audio/")))
        return slot.filePath;
    const QString ext = FileNames::extensionFor(QUrl(), type);
    if (ext.isEmpty() || slot.filePath.endsWith(ext, Qt::CaseInsensitive))
        return slot.filePath;
    const QString target =
            m_planner->uniquePath(splitName(QFileInfo(slot.filePath).fileName()).stem + ext);
    return QFile::rename(slot.filePath, target) ? target : slot.filePath;
}

} // namespace qcrawl
