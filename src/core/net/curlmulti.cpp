#include "curlmulti.h"

#include "net/curlreply.h"

#include <mutex>
#include <openssl/crypto.h>

#include <QSocketNotifier>

namespace qcrawl {

namespace {

// curl_global_init() before the first handle of any thread (it is not thread-safe on every
// build); never cleaned up: other threads may still use curl while the process exits.
void initCurlOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// On the main thread, before main(): OpenSSL, which curl_global_init() starts, keeps per-thread
// state for the thread that started it; a pool thread that did so and then ended left it behind
// (LeakSanitizer, 1 run in 5 of a pool-mode fetch).
[[maybe_unused]] const bool CurlReadyAtStart = (initCurlOnce(), true);

} // namespace

// The notifiers of one socket curl asked to watch (curl_multi_assign keeps the pointer).
struct CurlMulti::Watch
{
    curl_socket_t socket;
    QSocketNotifier *read = nullptr;
    QSocketNotifier *write = nullptr;
};

CurlMulti::CurlMulti(QObject *parent)
    : QObject(parent)
{
    initCurlOnce();
    m_multi = curl_multi_init();
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETFUNCTION, &CurlMulti::onSocket);
    curl_multi_setopt(m_multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERFUNCTION, &CurlMulti::onTimer);
    curl_multi_setopt(m_multi, CURLMOPT_TIMERDATA, this);
    // TLS sessions are resumed across this thread's transfers (the multi handle already shares
    // DNS and connections); a share used by one thread needs no lock functions.
    m_share = curl_share_init();
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
    curl_share_setopt(m_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);

    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] { socketAction(CURL_SOCKET_TIMEOUT, 0); });
}

CurlMulti::~CurlMulti()
{
    // Replies are gone (NetworkManager deletes them first); what is left are sockets curl keeps
    // for reuse, closed by curl_multi_cleanup(), which calls onSocket() to drop their watches.
    m_timer.stop();
    curl_multi_cleanup(m_multi);
    curl_share_cleanup(m_share);
    // This thread's OpenSSL state (error queue, random generator) goes with its last transfer:
    // engine and pool threads end without the thread-exit call that would free it.
    OPENSSL_thread_stop();
}

void CurlMulti::setConnectionLimits(int maxHostConnections, int maxConnections)
{
    curl_multi_setopt(m_multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                      long(std::max(0, maxHostConnections)));
    curl_multi_setopt(m_multi, CURLMOPT_MAXCONNECTS, long(std::max(1, maxConnections)));
}

void CurlMulti::add(CurlReply *reply)
{
    HostQueue &queue = m_hosts[reply->hostKey()];
    reply->m_stage = CurlReply::Stage::Waiting;
    queue.waiting.push_back(reply);
    admit(queue);
}

int CurlMulti::HostQueue::limit() const
{
    if (!multiplexed)
        return MaxHandshakesPerHost;
    int freeStreams = 0;
    for (const int running : runningByPort)
        freeStreams += std::max(0, StreamsPerConnection - running);
    return freeStreams + NewConnectionsAtOnce;
}

void CurlMulti::admit(HostQueue &queue)
{
    const int limit = queue.limit();
    while (!queue.waiting.empty() && queue.connecting < limit) {
        CurlReply *reply = queue.waiting.front();
        queue.waiting.erase(queue.waiting.begin());
        ++queue.connecting;
        reply->m_stage = CurlReply::Stage::Connecting;
        const CURLMcode code = curl_multi_add_handle(m_multi, reply->m_easy);
        if (code != CURLM_OK) {
            --queue.connecting;
            reply->m_stage = CurlReply::Stage::Idle;
            reply->failLater(QString::fromLatin1(curl_multi_strerror(code)));
        }
    }
}

// Takes the reply out of its host's counts for its current stage.
void CurlMulti::leaveStage(CurlReply *reply, HostQueue &queue)
{
    switch (reply->m_stage) {
    case CurlReply::Stage::Idle:
        break;
    case CurlReply::Stage::Waiting:
        queue.waiting.erase(std::remove(queue.waiting.begin(), queue.waiting.end(), reply),
                            queue.waiting.end());
        break;
    case CurlReply::Stage::Connecting:
        --queue.connecting;
        break;
    case CurlReply::Stage::Running: {
        auto it = queue.runningByPort.find(reply->m_localPort);
        if (it != queue.runningByPort.end() && --*it <= 0)
            queue.runningByPort.erase(it);
        break;
    }
    }
}

void CurlMulti::markConnected(CurlReply *reply, int localPort)
{
    auto it = m_hosts.find(reply->hostKey());
    if (it == m_hosts.end() || reply->m_stage == CurlReply::Stage::Idle)
        return;
    // Again for a request curl retries on a fresh connection: it moves there.
    leaveStage(reply, *it);
    reply->m_stage = CurlReply::Stage::Running;
    reply->m_localPort = localPort;
    int &running = it->runningByPort[localPort];
    if (running > 0)
        it->multiplexed = true;
    ++running;
    if (!it->waiting.empty())
        scheduleDispatch(); // admit() there: curl refuses new handles inside its callbacks
}

void CurlMulti::remove(CurlReply *reply)
{
    if (reply->m_stage == CurlReply::Stage::Idle)
        return;
    const bool added = reply->m_stage != CurlReply::Stage::Waiting;
    auto it = m_hosts.find(reply->hostKey());
    if (it != m_hosts.end()) {
        leaveStage(reply, *it);
        if (it->isIdle())
            m_hosts.erase(it);
        else if (!it->waiting.empty() && !m_inAction)
            scheduleDispatch();
    }
    reply->m_stage = CurlReply::Stage::Idle;
    if (added)
        curl_multi_remove_handle(m_multi, reply->m_easy);
}

void CurlMulti::markDirty(CurlReply *reply)
{
    m_dirty.emplace_back(reply);
    scheduleDispatch();
}

void CurlMulti::scheduleDispatch()
{
    if (m_inAction || m_dispatchPosted)
        return;
    m_dispatchPosted = true;
    QMetaObject::invokeMethod(
            this,
            [this] {
                m_dispatchPosted = false;
                dispatch();
            },
            Qt::QueuedConnection);
}

int CurlMulti::onSocket(CURL *, curl_socket_t socket, int what, void *self, void *watchPointer)
{
    auto *multi = static_cast<CurlMulti *>(self);
    auto *watch = static_cast<Watch *>(watchPointer);
    if (what == CURL_POLL_REMOVE) {
        if (watch) {
            curl_multi_assign(multi->m_multi, socket, nullptr);
            multi->retire(watch);
        }
        return 0;
    }
    if (!watch) {
        watch = new Watch { socket };
        curl_multi_assign(multi->m_multi, socket, watch);
    }
    const auto arm = [multi, socket](QSocketNotifier *&notifier, QSocketNotifier::Type type,
                                     bool wanted) {
        if (notifier) {
            notifier->setEnabled(wanted);
            return;
        }
        if (!wanted)
            return;
        notifier = new QSocketNotifier(qintptr(socket), type, multi);
        const int mask = type == QSocketNotifier::Read ? CURL_CSELECT_IN : CURL_CSELECT_OUT;
        connect(notifier, &QSocketNotifier::activated, multi,
                [multi, socket, mask] { multi->socketAction(socket, mask); });
    };
    arm(watch->read, QSocketNotifier::Read, what & CURL_POLL_IN);
    arm(watch->write, QSocketNotifier::Write, what & CURL_POLL_OUT);
    return 0;
}

// curl is about to close the socket, and may open another with the same number before the
// event loop runs again: the old notifiers stop watching now and are deleted later (this may run
// inside one of their own activated() signals).
void CurlMulti::retire(Watch *watch)
{
    for (QSocketNotifier *notifier : { watch->read, watch->write }) {
        if (notifier) {
            notifier->setEnabled(false);
            notifier->disconnect(this);
            notifier->deleteLater();
        }
    }
    delete watch;
}

int CurlMulti::onTimer(CURLM *, long timeoutMs, void *self)
{
    auto *multi = static_cast<CurlMulti *>(self);
    if (timeoutMs < 0)
        multi->m_timer.stop();
    else
        multi->m_timer.start(int(std::min<long>(timeoutMs, 24L * 3600 * 1000)));
    return 0;
}

void CurlMulti::socketAction(curl_socket_t socket, int mask)
{
    m_inAction = true;
    curl_multi_socket_action(m_multi, socket, mask, &m_running);
    m_inAction = false;
    dispatch();
}

void CurlMulti::dispatch()
{
    // Hosts whose handshakes ended take their next waiting transfers.
    for (auto it = m_hosts.begin(); it != m_hosts.end();) {
        if (!it->waiting.empty() && it->connecting < it->limit())
            admit(*it);
        if (it->isIdle())
            it = m_hosts.erase(it);
        else
            ++it;
    }
    // Headers and body bytes first, then the transfers that ended: a reply delivers everything
    // it has before it finishes. Slots may delete any reply, hence the QPointers.
    while (!m_dirty.empty()) {
        const std::vector<QPointer<CurlReply>> dirty = std::exchange(m_dirty, {});
        for (const QPointer<CurlReply> &reply : dirty) {
            if (reply)
                reply->deliver();
        }
    }
    int left = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi, &left)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        CurlReply *reply = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &reply);
        const CURLcode result = message->data.result;
        if (reply)
            reply->onDone(result); // removes its handle: the message goes with it
    }
}

} // namespace qcrawl
