#pragma once

#include "demo/demorequest.h"
#include "demo/demoresponse.h"

#include <QByteArray>
#include <QHash>

namespace qcrawl {

// The demo server's application: maps a request to its endpoint (the list is in demoserver.h)
// and decides the answer, which the connection then sends. One instance per DemoServer, shared by
// its connections, so it also keeps what outlives a connection: the /flaky counters and the
// count of answers sent.
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

private:
    int takeFlakyCount(const QByteArray &key); // returns how many times the key was seen before
    DemoResponse serveFlaky(const DemoRequest &request, const QByteArray &arg);
    DemoResponse serveVideoSite(const DemoRequest &request, const DemoEnvironment &environment);

    QHash<QByteArray, int> m_flaky;
    qint64 m_served = 0;
};

} // namespace qcrawl
