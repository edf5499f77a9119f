#pragma once

#include "demo/demorequest.h"
#include "demo/demoresponse.h"

#include <QByteArray>
#include <QHash>

namespace qcrawl {

// The demo server's application: maps a request to its endpoint (the list is in demoserver.h)
// and decides the answer, which the connection then sends. One instance per DemoServer, shared by
// its connections, so it also keeps what outlives a connection: the /flaky counters, the count
// of answers sent and the count of requests per path.
class DemoRoutes final
{
    Q_DISABLE_COPY_MOVE(DemoRoutes)

public:
    DemoRoutes() = default;

    DemoResponse answer(const DemoRequest &request, const DemoEnvironment &environment);

    // Answers whose head went out, error answers included: the connection counts each one as it
    // writes it (a /delay only once the delay is over).
    void countServed() { ++m_served; }
    qint64 requestsServed() const { return m_served; }

    // Forgets the /flaky counters, so the same list can be replayed.
    void resetFlakyCounters() { m_flaky.clear(); }

    // Requests answer() was asked for path (as sent, without the query), since the start or
    // resetRequestCounts(); -1 when path is not counted because MaxCountedPaths other paths
    // were counted first (a "never requested" cannot be told then).
    int requestsFor(const QByteArray &path) const;
    void resetRequestCounts();
    // Bounds the memory a long-running server spends on counts (a few tens of MB at most).
    static constexpr qsizetype MaxCountedPaths = 200000;

private:
    int takeFlakyCount(const QByteArray &key); // returns how many times the key was seen before
    DemoResponse serveFlaky(const DemoRequest &request, const QByteArray &arg);
    DemoResponse serveVideoSite(const DemoRequest &request, const DemoEnvironment &environment);
    DemoResponse serveHls(const DemoRequest &request);
    void countRequest(const QByteArray &path);

    QHash<QByteArray, int> m_flaky;
    qint64 m_served = 0;
    QHash<QByteArray, int> m_requests;
    bool m_requestsOverflowed = false; // a path went uncounted since the last reset
};

} // namespace qcrawl
