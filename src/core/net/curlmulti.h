#pragma once

#include <curl/curl.h>
#include <vector>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QSocketNotifier;

namespace qcrawl {

class CurlReply;

// One libcurl multi handle driven by the event loop of the thread it lives on, the way curl's
// docs/examples/multi-uv.c and ephiperfifo.c drive theirs: CURLMOPT_SOCKETFUNCTION creates,
// re-arms or drops a QSocketNotifier per socket, CURLMOPT_TIMERFUNCTION arms one single-shot
// QTimer, and every event runs curl_multi_socket_action(). No polling, no thread of its own.
//
// curl's callbacks never reach user code: CurlReply only buffers in them and marks itself dirty;
// after curl returns, dispatch() lets each dirty reply emit its signals, then hands the finished
// transfers (curl_multi_info_read) to their replies. Slots may therefore abort, delete or start
// replies freely.
//
// New connections to one host are opened progressively (see admit()): at most
// MaxHandshakesPerHost transfers wait for a connection of their host at a time, so a burst of
// 1,000 requests to a cold server does not overflow its listen queue. Once two transfers of a
// host run on one connection at the same time (seen from their local port when they connect),
// the host multiplexes (HTTP/2), and admission follows the streams instead: the free streams of
// its connections plus NewConnectionsAtOnce transfers that open new ones. curl itself would open
// a connection for every transfer that finds all connections full (libcurl 7.88), or queue them
// behind the server's stream limit.
class CurlMulti final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlMulti)

public:
    static constexpr int MaxHandshakesPerHost = 64;
    static constexpr int StreamsPerConnection = 100; // CURLMOPT_MAX_CONCURRENT_STREAMS' default
    static constexpr int NewConnectionsAtOnce = 4;

    explicit CurlMulti(QObject *parent = nullptr);
    ~CurlMulti() override;

    // maxHostConnections: CURLMOPT_MAX_HOST_CONNECTIONS (0: no limit); maxConnections: how many
    // idle connections curl keeps for reuse (CURLMOPT_MAXCONNECTS).
    void setConnectionLimits(int maxHostConnections, int maxConnections);

    CURLSH *share() const { return m_share; }

    // Queues the reply's easy handle; it joins the multi handle when its host has room.
    void add(CurlReply *reply);
    // Takes the reply's easy handle out (queued or running). Never called from a curl callback.
    void remove(CurlReply *reply);
    // The reply has headers or body bytes to deliver: dispatch() soon.
    void markDirty(CurlReply *reply);
    // The reply's transfer has a connection now (CURLOPT_PREREQFUNCTION), from localPort: its
    // host may admit the next waiting transfer.
    void markConnected(CurlReply *reply, int localPort);

    int runningCount() const { return m_running; }

private:
    struct Watch;
    struct HostQueue
    {
        int connecting = 0; // added to the multi handle, no connection yet
        std::vector<CurlReply *> waiting; // oldest first
        QHash<int, int> runningByPort; // connected transfers per local port (= connection)
        bool multiplexed = false;

        int limit() const;
        bool isIdle() const
        {
            return connecting == 0 && waiting.empty() && runningByPort.isEmpty();
        }
    };

    static int onSocket(CURL *easy, curl_socket_t socket, int what, void *self, void *watch);
    static int onTimer(CURLM *multi, long timeoutMs, void *self);

    void socketAction(curl_socket_t socket, int mask);
    void dispatch();
    void scheduleDispatch();
    void retire(Watch *watch);
    void admit(HostQueue &queue);
    void leaveStage(CurlReply *reply, HostQueue &queue);

    CURLM *m_multi = nullptr;
    CURLSH *m_share = nullptr;
    QTimer m_timer { this };
    std::vector<QPointer<CurlReply>> m_dirty;
    QHash<QByteArray, HostQueue> m_hosts;
    int m_running = 0;
    bool m_inAction = false; // inside curl_multi_socket_action: dispatch() follows anyway
    bool m_dispatchPosted = false;
};

} // namespace qcrawl
