#include "demoserver.h"

#include "demo/democonnection.h"
#include "demo/demopattern.h"
#include "demo/demoroutes.h"

#include <utility>

#include <QFile>
#include <QSslKey>
#include <QSslServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr int ListenBacklog = 1024;
constexpr int MaxPendingConnections = 65536;
constexpr int AcceptRetryMs = 100;

QString hostAndPort(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
            ? u"[%1]"_s.arg(address.toString())
            : address.toString();
    return host + u':' + QString::number(port);
}

} // namespace

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
    , m_routes(std::make_unique<DemoRoutes>())
{
    setUpServer(new QTcpServer(this));
}

void DemoServer::setUpServer(QTcpServer *server)
{
    m_server = server;
    m_server->setMaxPendingConnections(MaxPendingConnections);
    m_server->setListenBacklogSize(ListenBacklog);
    // QSslServer queues a connection once its handshake is done.
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &DemoServer::acceptPending);
    connect(m_server, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        // Typically out of file descriptors. QTcpServer pauses accepting on such errors; try
        // again shortly instead of going deaf for good.
        qWarning("qcrawl demo server: cannot accept a connection: %s",
                 qPrintable(m_server->errorString()));
        QTimer::singleShot(AcceptRetryMs, this, [this] {
            if (m_server->isListening())
                m_server->resumeAccepting();
        });
    });
}

void DemoServer::setTlsConfiguration(const QSslConfiguration &configuration)
{
    if (m_server->isListening())
        close();
    m_tls = configuration;
    delete m_server;
    if (m_tls.isNull()) {
        setUpServer(new QTcpServer(this));
        return;
    }
    auto *server = new QSslServer(this);
    server->setSslConfiguration(m_tls);
    setUpServer(server);
}

DemoServer::~DemoServer()
{
    close();
}

QSslConfiguration DemoServer::tlsConfigurationFromFiles(const QString &certificateFile,
                                                        const QString &keyFile, QString *error)
{
    QFile cert(certificateFile);
    QFile key(keyFile);
    if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1"_s.arg(cert.isOpen() ? keyFile : certificateFile);
        return {};
    }
    const QSslCertificate certificate(&cert, QSsl::Pem);
    const QByteArray keyBytes = key.readAll();
    QSslKey privateKey(keyBytes, QSsl::Ec, QSsl::Pem);
    if (privateKey.isNull())
        privateKey = QSslKey(keyBytes, QSsl::Rsa, QSsl::Pem);
    if (certificate.isNull() || privateKey.isNull()) {
        *error = u"%1 is not a PEM certificate with its PEM key %2"_s.arg(certificateFile, keyFile);
        return {};
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(privateKey);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

bool DemoServer::listen(const QHostAddress &address, quint16 port)
{
    m_error.clear();
    if (m_server->isListening())
        close();
    if (m_server->listen(address, port))
        return true;
    QString reason = m_server->errorString().simplified();
    if (reason.endsWith(u'.'))
        reason.chop(1);
    m_error = u"cannot listen on %1: %2"_s.arg(hostAndPort(address, port), reason);
    return false;
}

void DemoServer::close()
{
    m_server->close();
    const QSet<DemoConnection *> connections = std::exchange(m_connections, {});
    for (DemoConnection *connection : connections)
        connection->abort();
}

bool DemoServer::isListening() const
{
    return m_server->isListening();
}

QString DemoServer::errorString() const
{
    return m_error;
}

QHostAddress DemoServer::address() const
{
    return m_server->serverAddress();
}

quint16 DemoServer::port() const
{
    return m_server->serverPort();
}

QUrl DemoServer::baseUrl() const
{
    if (!m_server->isListening())
        return {};
    QHostAddress host = address();
    // A wildcard address is not something a client can connect to; loopback is.
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress(QHostAddress::LocalHost);
    else if (host == QHostAddress::AnyIPv6)
        host = QHostAddress(QHostAddress::LocalHostIPv6);
    QUrl url;
    url.setScheme(isTls() ? u"https"_s : u"http"_s);
    url.setHost(host.toString()); // QUrl adds the brackets for IPv6
    url.setPort(port());
    return url;
}

int DemoServer::openConnections() const
{
    return int(m_connections.size());
}

qint64 DemoServer::requestsServed() const
{
    return m_routes->requestsServed();
}

void DemoServer::resetFlakyCounters()
{
    m_routes->resetFlakyCounters();
}

int DemoServer::requestsFor(const QByteArray &path) const
{
    return m_routes->requestsFor(path);
}

void DemoServer::resetRequestCounts()
{
    m_routes->resetRequestCounts();
}

char DemoServer::patternByte(qint64 offset)
{
    return DemoPattern::byte(offset);
}

QByteArray DemoServer::patternBytes(qint64 offset, qint64 count)
{
    return DemoPattern::bytes(offset, count);
}

void DemoServer::acceptPending()
{
    while (m_server->hasPendingConnections()) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        auto *connection = new DemoConnection(socket, m_routes.get(), this);
        connect(connection, &DemoConnection::closed, this,
                [this, connection] { m_connections.remove(connection); });
        m_connections.insert(connection);
    }
}

} // namespace qcrawl
