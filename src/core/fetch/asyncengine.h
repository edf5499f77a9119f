#pragma once

#include "fetch/fetchengine.h"
#include "fetch/jobqueue.h"

#include <memory>
#include <vector>

#include <QHash>
#include <QTimer>

class QNetworkAccessManager;

namespace qcrawl {

class Transfer;

// The event-loop engine: every request in flight on one thread, none of them blocking it.
//
// Requests go through one NetworkManager (one libcurl multi handle). With Qt's own client
// (FetchOptions::qtHttp) a fact of Qt 6.4 shapes it: one QNetworkAccessManager opens at most 6
// connections per host (QHttp1Configuration, which lifts that, is Qt 6.5+), so the engine then
// spreads requests over ceil(concurrency / 6) managers ("lanes"), always to the least busy one.
// Issuing thousands of get() at once costs memory and freezes the thread, so only a window of
// `concurrency` requests is ever issued; the rest wait in a JobQueue.
class AsyncEngine final : public FetchEngine
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AsyncEngine)

public:
    static constexpr int ConnectionsPerManager = 6;

    explicit AsyncEngine(const FetchOptions &options = {}, QObject *parent = nullptr);
    ~AsyncEngine() override;

    FetchMode mode() const override { return FetchMode::Async; }
    void cancelAll() override;
    void cancel(int index) override;

    int laneCount() const { return int(m_lanes.size()); }

protected:
    void startJobs(const QList<FetchJob> &jobs) override;
    void runFinished() override;

private:
    struct Lane
    {
        std::unique_ptr<QNetworkAccessManager> manager;
        int inFlight = 0;
    };

    void setUpLanes();
    Lane &leastBusyLane();
    void pump();
    void onTransferFinished(Transfer *transfer);
    void checkStalls();

    std::vector<Lane> m_lanes;
    FetchOptions m_laneOptions; // the options the lanes were made with
    FetchOptions m_runOptions; // this run's, as the transfers see them
    JobQueue m_queue;
    QHash<int, Transfer *> m_active; // children of this, deleted with deleteLater()
    QTimer m_watchdog { this }; // a child: moves with the engine to another thread
    bool m_pumping = false;
};

} // namespace qcrawl
