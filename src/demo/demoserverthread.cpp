#include "demoserverthread.h"

#include "demo/demoserver.h"
#include "util/systemlimits.h"

#include <memory>
#include <openssl/crypto.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace qcrawl {

DemoServerThread::DemoServerThread()
{
    m_thread.setObjectName(u"qcrawl demo server"_s);
}

DemoServerThread::~DemoServerThread()
{
    stop();
}

bool DemoServerThread::start(const QHostAddress &address, quint16 port)
{
    if (m_server) {
        m_error = u"the demo server is already running at %1"_s.arg(m_baseUrl.toString());
        return false;
    }
    m_error.clear();

    // Created here, then handed to the thread before it runs: from now on it (and its QTcpServer
    // child) is only touched on m_thread.
    auto server = std::make_unique<DemoServer>();
    server->setTlsConfiguration(m_tls);
    server->moveToThread(&m_thread);
    m_server = server.release();
    m_thread.start();
    if (!m_thread.isRunning()) { // out of threads or memory; the server was never touched there
        delete std::exchange(m_server, nullptr);
        m_error = u"cannot start the demo server thread"_s;
        return false;
    }

    bool listening = false;
    QMetaObject::invokeMethod(
            m_server,
            [&] {
                // A GUI in the same process comes first when the CPU is busy.
                lowerCurrentThreadPriority(5);
                listening = m_server->listen(address, port);
                if (listening) {
                    m_baseUrl = m_server->baseUrl();
                    m_port = m_server->port();
                } else {
                    m_error = m_server->errorString();
                }
            },
            Qt::BlockingQueuedConnection);
    if (!listening) {
        const QString error = m_error;
        stop();
        m_error = error;
    }
    return listening;
}

void DemoServerThread::stop()
{
    if (DemoServer *server = std::exchange(m_server, nullptr)) {
        // Deleted on its own thread: its sockets and timers belong to that thread's dispatcher.
        QMetaObject::invokeMethod(
                server,
                [server] {
                    delete server;
                    // OpenSSL keeps state per thread (a random generator for TLS) that only a
                    // thread-exit call frees; Qt's threads do not make it.
                    OPENSSL_thread_stop();
                },
                Qt::BlockingQueuedConnection);
    }
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
    m_baseUrl.clear();
    m_port = 0;
}

bool DemoServerThread::isRunning() const
{
    return m_server != nullptr;
}

QString DemoServerThread::errorString() const
{
    return m_error;
}

QUrl DemoServerThread::baseUrl() const
{
    return m_baseUrl;
}

quint16 DemoServerThread::port() const
{
    return m_port;
}

void DemoServerThread::resetFlakyCounters()
{
    if (m_server)
        QMetaObject::invokeMethod(m_server, &DemoServer::resetFlakyCounters,
                                  Qt::BlockingQueuedConnection);
}

int DemoServerThread::openConnections() const
{
    int count = 0;
    if (m_server) {
        DemoServer *server = m_server;
        QMetaObject::invokeMethod(
                server, [&] { count = server->openConnections(); }, Qt::BlockingQueuedConnection);
    }
    return count;
}

qint64 DemoServerThread::requestsServed() const
{
    qint64 count = 0;
    if (m_server) {
        DemoServer *server = m_server;
        QMetaObject::invokeMethod(
                server, [&] { count = server->requestsServed(); }, Qt::BlockingQueuedConnection);
    }
    return count;
}

int DemoServerThread::requestsFor(const QByteArray &path) const
{
    int count = 0;
    if (m_server) {
        DemoServer *server = m_server;
        QMetaObject::invokeMethod(
                server, [&] { count = server->requestsFor(path); }, Qt::BlockingQueuedConnection);
    }
    return count;
}

void DemoServerThread::resetRequestCounts()
{
    if (m_server)
        QMetaObject::invokeMethod(m_server, &DemoServer::resetRequestCounts,
                                  Qt::BlockingQueuedConnection);
}

} // namespace qcrawl
