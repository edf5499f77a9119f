#pragma once

#include <memory>

#include <QByteArray>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QString>
#include <QThread>
#include <QUrl>

namespace qcrawl {

class DemoServer;

// Runs a DemoServer on a thread of its own, so that a client on the calling thread (the GUI, the
// CLI's demo command, a test) measures the network, not the server sharing its event loop.
class DemoServerThread final
{
    Q_DISABLE_COPY_MOVE(DemoServerThread)

public:
    DemoServerThread();
    ~DemoServerThread(); // stops the server and joins the thread

    // https:// from the next start() (see DemoServer::setTlsConfiguration()).
    void setTlsConfiguration(const QSslConfiguration &configuration) { m_tls = configuration; }

    // Starts the thread and listens; blocks until listening or failed. On failure returns false
    // and errorString() says why.
    bool start(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    void stop();
    bool isRunning() const;
    QString errorString() const;
    QUrl baseUrl() const;
    quint16 port() const;

    // Thread-safe helpers that run on the server's thread and wait for the answer.
    void resetFlakyCounters();
    int openConnections() const;
    qint64 requestsServed() const;
    int requestsFor(const QByteArray &path) const; // see DemoServer::requestsFor()
    void resetRequestCounts();

private:
    QThread m_thread;
    DemoServer *m_server = nullptr; // lives on m_thread, deleted there
    QString m_error;
    QSslConfiguration m_tls;
    QUrl m_baseUrl;
    quint16 m_port = 0;
};

} // namespace qcrawl
