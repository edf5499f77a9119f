#pragma once

#include "fetch/fetchtypes.h"
#include "fetch/partfile.h"

#include <memory>

#include <QElapsedTimer>
#include <QFile>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace qcrawl {

class HlsDownload;

// One job from first request to final result: sends the request, follows redirects, keeps a preview
// of the body or streams it to
// "<file>.part", retries connection errors, 429 and 5xx with exponential backoff (honouring
// Retry-After), and reports one FetchResult. Every engine drives its jobs through this class, on
// whatever thread owns the network manager, so all engines behave the same.
//
// A body bound for a file that turns out to be an HLS playlist is not saved as text: the transfer
// hands it to an HlsDownload, which fetches the video it describes through the same manager, and
// the job's result is that video's.
//
// The engine owns the stall watchdog: it calls checkStall() now and then, which aborts a request
// that made no progress for FetchOptions::stallTimeoutMs, one slower than speedLimit over
// speedTimeMs, and one that took longer than maxTimeMs.
class Transfer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transfer)

public:
    Transfer(const FetchJob &job, const FetchOptions &options, QNetworkAccessManager *manager,
             const QElapsedTimer &runClock, QObject *parent = nullptr);
    ~Transfer() override;

    void start();
    void cancel();
    void checkStall(qint64 nowMs);

    int index() const { return m_job.index; }
    const FetchJob &job() const { return m_job; }
    QNetworkAccessManager *manager() const { return m_manager; }
    bool isFinished() const { return m_done; }
    const FetchResult &result() const { return m_result; }

Q_SIGNALS:
    void started(int index);
    void progress(int index, qint64 received, qint64 total);
    void finished(qcrawl::Transfer *transfer);

private:
    enum class Verdict { Success, Retry, Fail };

    void sendRequest();
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished();
    Verdict judge(QNetworkReply *reply);
    void scheduleRetry(QNetworkReply *reply);
    void finish();
    bool followRedirect(QNetworkReply *reply);
    void failTooLarge();
    bool openSink();
    void dropSink(); // closes; removes the .part unless the job resumes later
    bool commitSink();
    bool isHlsPlaylist() const;
    void startHls();
    void onHlsFinished();
    qint64 now() const { return m_clock.elapsed(); }

    FetchJob m_job;
    const FetchOptions &m_options; // owned by the engine, outlives every transfer
    QNetworkAccessManager *m_manager;
    QElapsedTimer m_clock;
    QUrl m_currentUrl; // after the redirects followed so far
    int m_redirects = 0;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer = nullptr;
    HlsDownload *m_hls = nullptr; // a child, once the body turned out to be a playlist
    std::unique_ptr<QFile> m_sink;
    FetchResult m_result;
    qint64 m_resumeFrom = 0; // bytes of the .part this request asked the server to skip
    bool m_rangeRefused = false;
    bool m_ifRangeRefused = false; // a 412 to If-Range: this job asks for whole files only
    PartFile::Validators m_resumeValidators; // of the file the .part began, sent as If-Range
    qint64 m_expectedTotal = -1; // the whole file's size, when known: a finished file has it
    qint64 m_lastActivityMs = 0;
    qint64 m_lastProgressMs = -1;
    bool m_bodyOk = false; // the current response is a 2xx: its body counts
    bool m_redirecting = false; // the current response is a redirect with a Location
    bool m_stalled = false;
    // The low-speed and max-time guards: when this try began, and the window the speed is
    // measured over (bytes received since its start).
    qint64 m_tryStartMs = 0;
    qint64 m_speedWindowStartMs = 0;
    qint64 m_speedWindowBytes = 0;
    FetchError m_timeoutError; // TooSlow or TimedOut once a guard aborted the reply
    bool m_canceled = false;
    bool m_done = false;
};

} // namespace qcrawl
