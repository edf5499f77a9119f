#include "asyncengine.h"

#include "fetch/transfer.h"

#include <algorithm>

#include <QNetworkAccessManager>

namespace qcrawl {

AsyncEngine::AsyncEngine(const FetchOptions &options, QObject *parent)
    : FetchEngine(options, parent)
{
    connect(&m_watchdog, &QTimer::timeout, this, &AsyncEngine::checkStalls);
}

AsyncEngine::~AsyncEngine()
{
    // Transfers are children: deleting them aborts their replies before the managers go.
    qDeleteAll(m_active);
    m_active.clear();
}

void AsyncEngine::setUpLanes()
{
    const int concurrency = std::max(1, m_options.concurrency);
    // libcurl: one multi handle for all. Qt's client: 6 connections per host per manager.
    const int wanted = m_options.qtHttp
            ? (concurrency + ConnectionsPerManager - 1) / ConnectionsPerManager
            : 1;
    const FetchOptions &a = m_laneOptions;
    const FetchOptions &b = m_options;
    const bool sameManagers = a.proxyMode == b.proxyMode && a.proxyUrl == b.proxyUrl
            && a.qtHttp == b.qtHttp && a.httpVersion == b.httpVersion
            && a.caCertFile == b.caCertFile && a.insecure == b.insecure
            && a.perHostLimit == b.perHostLimit && a.concurrency == b.concurrency;
    if (!sameManagers)
        m_lanes.clear();
    // Lanes are kept between runs: their open keep-alive connections are worth reusing.
    while (int(m_lanes.size()) < wanted)
        m_lanes.push_back({ createNetworkManager(m_options, concurrency), 0 });
    m_lanes.resize(size_t(wanted));
    m_laneOptions = m_options;
}

AsyncEngine::Lane &AsyncEngine::leastBusyLane()
{
    return *std::min_element(m_lanes.begin(), m_lanes.end(),
                             [](const Lane &a, const Lane &b) { return a.inFlight < b.inFlight; });
}

void AsyncEngine::startJobs(const QList<FetchJob> &jobs)
{
    m_runOptions = m_options;
    m_runOptions.readBufferBytes =
            readBufferFor(m_options, std::min<int>(m_options.concurrency, int(jobs.size())));
    setUpLanes();
    m_queue = JobQueue(m_options.perHostLimit);
    m_queue.append(jobs);
    m_watchdog.start(watchdogIntervalMs(m_options));
    // Requests go out from the event loop, so start() returns at once and signals come later.
    QTimer::singleShot(0, this, &AsyncEngine::pump);
}

void AsyncEngine::pump()
{
    if (m_pumping) // a transfer that fails at once re-enters through onTransferFinished()
        return;
    m_pumping = true;
    const int limit = std::max(1, m_options.concurrency);
    while (m_active.size() < limit) {
        std::optional<FetchJob> job = m_queue.takeNext();
        if (!job)
            break;
        Lane &lane = leastBusyLane();
        auto *transfer = new Transfer(*job, m_runOptions, lane.manager.get(), m_clock, this);
        connect(transfer, &Transfer::started, this, &FetchEngine::jobStarted);
        connect(transfer, &Transfer::progress, this, &FetchEngine::jobProgress);
        connect(transfer, &Transfer::finished, this, &AsyncEngine::onTransferFinished);
        m_active.insert(job->index, transfer);
        ++lane.inFlight;
        transfer->start();
    }
    m_pumping = false;
}

void AsyncEngine::onTransferFinished(Transfer *transfer)
{
    m_active.remove(transfer->index());
    for (Lane &lane : m_lanes) {
        if (lane.manager.get() == transfer->manager()) {
            --lane.inFlight;
            break;
        }
    }
    m_queue.release(transfer->job().url);
    transfer->deleteLater();
    reportFinished(transfer->result());
    if (isRunning())
        pump();
}

void AsyncEngine::checkStalls()
{
    const qint64 now = m_clock.elapsed();
    // A stalled transfer finishes inside checkStall(), which changes m_active: iterate a copy.
    const QList<Transfer *> active = m_active.values();
    for (Transfer *transfer : active)
        transfer->checkStall(now);
}

void AsyncEngine::cancel(int index)
{
    if (std::optional<FetchJob> job = m_queue.remove(index)) {
        reportFinished(canceledResult(*job));
        return;
    }
    if (Transfer *transfer = m_active.value(index))
        transfer->cancel();
}

void AsyncEngine::cancelAll()
{
    const QList<FetchJob> queued = m_queue.takeAll();
    const QList<Transfer *> active = m_active.values();
    for (const FetchJob &job : queued)
        reportFinished(canceledResult(job));
    for (Transfer *transfer : active)
        transfer->cancel();
}

void AsyncEngine::runFinished()
{
    m_watchdog.stop();
}

} // namespace qcrawl
