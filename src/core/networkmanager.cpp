#include "networkmanager.h"

#include "http1connection.h"
#include "http1reply.h"

#include <QNetworkProxy>

using namespace Qt::StringLiterals;

namespace qcrawl {

NetworkManager::NetworkManager(QObject *parent)
    : QNetworkAccessManager(parent)
{
    m_sweep.setInterval(IdleTimeoutMs / 3);
    connect(&m_sweep, &QTimer::timeout, this, &NetworkManager::closeExpired);
}

NetworkManager::~NetworkManager()
{
    // Before QObject deletes the children: a connection tells this manager it is gone. Replies
    // still alive hold QPointers to theirs.
    m_closing = true;
    m_idle.clear();
    qDeleteAll(findChildren<Http1Connection *>(Qt::FindDirectChildrenOnly));
}

bool NetworkManager::isFastPathFor(Operation op, const QNetworkRequest &request,
                                   QIODevice *outgoingData) const
{
    if (!m_fastPath || outgoingData || (op != GetOperation && op != HeadOperation))
        return false;
    const QUrl url = request.url();
    if (url.scheme() != u"http" || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    // The fast path never follows redirects itself: Transfer does, with its own rules.
    const QVariant policy = request.attribute(QNetworkRequest::RedirectPolicyAttribute);
    const bool manual = policy.isValid()
            ? policy.toInt() == QNetworkRequest::ManualRedirectPolicy
            : redirectPolicy() == QNetworkRequest::ManualRedirectPolicy;
    if (!manual)
        return false;
    if (proxyFactory())
        return false;
    switch (proxy().type()) {
    case QNetworkProxy::NoProxy:
        return true;
    case QNetworkProxy::DefaultProxy:
        return QNetworkProxy::applicationProxy().type() == QNetworkProxy::NoProxy
                || QNetworkProxy::applicationProxy().type() == QNetworkProxy::DefaultProxy;
    default:
        return false;
    }
}

QNetworkReply *NetworkManager::createRequest(Operation op, const QNetworkRequest &request,
                                             QIODevice *outgoingData)
{
    if (!isFastPathFor(op, request, outgoingData))
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    return new Http1Reply(this, op, request);
}

Http1Connection *NetworkManager::connectionFor(const QString &host, quint16 port, bool allowReuse)
{
    if (allowReuse) {
        auto it = m_idle.find(Http1Connection::keyFor(host, port));
        if (it != m_idle.end() && !it->empty()) {
            Http1Connection *connection = it->back();
            it->pop_back();
            return connection;
        }
    }
    ++m_opened;
    return new Http1Connection(host, port, this);
}

void NetworkManager::releaseConnection(Http1Connection *connection)
{
    m_idle[connection->key()].push_back(connection);
    if (!m_sweep.isActive())
        m_sweep.start();
}

void NetworkManager::forget(Http1Connection *connection)
{
    if (m_closing)
        return;
    auto it = m_idle.find(connection->key());
    if (it == m_idle.end())
        return;
    std::vector<Http1Connection *> &list = *it;
    list.erase(std::remove(list.begin(), list.end(), connection), list.end());
    if (list.empty())
        m_idle.erase(it);
}

void NetworkManager::scheduleConnect(Http1Connection *connection)
{
    if (m_toConnect.isEmpty())
        QMetaObject::invokeMethod(this, &NetworkManager::connectScheduled, Qt::QueuedConnection);
    m_toConnect.append(connection);
}

void NetworkManager::connectScheduled()
{
    const QList<QPointer<Http1Connection>> connections = std::exchange(m_toConnect, {});
    for (const QPointer<Http1Connection> &connection : connections) {
        if (connection)
            connection->startConnecting();
    }
}

int NetworkManager::idleConnectionCount() const
{
    int count = 0;
    for (const auto &list : m_idle)
        count += int(list.size());
    return count;
}

void NetworkManager::closeExpired()
{
    QList<Http1Connection *> expired;
    for (const auto &list : std::as_const(m_idle)) {
        for (Http1Connection *connection : list) {
            if (connection->idleMs() >= IdleTimeoutMs)
                expired.append(connection);
        }
    }
    qDeleteAll(expired); // each forgets itself
    if (m_idle.isEmpty())
        m_sweep.stop();
}

} // namespace qcrawl
