#pragma once

// The one HTTP fixture every test shares: the project's DemoServer on 127.0.0.1, port 0, on a
// thread of its own so that the code under test measures the network, not the server. With
// Scheme::Https it serves https:// with a certificate for 127.0.0.1 and localhost signed by the
// test CA in tests/data/tls (testCaFile(); tests/data/tls/generate.sh makes them anew).

#include "demo/demoserver.h"
#include "demo/demoserverthread.h"

#include <QSslConfiguration>
#include <QTest>
#include <QUrl>

namespace qcrawl::test {

inline QString testDataPath(const QString &relative)
{
    return QStringLiteral(QCRAWL_TEST_DATA "/") + relative;
}

// The CA that signed the test certificates: what tests pass as --cacert.
inline QString testCaFile()
{
    return testDataPath(QStringLiteral("tls/ca.pem"));
}

// A server TLS configuration with tests/data/tls/<name>.pem and <name>.key.
inline QSslConfiguration testTlsConfiguration(const QString &name = QStringLiteral("server"))
{
    QString error;
    const QSslConfiguration configuration = DemoServer::tlsConfigurationFromFiles(
            testDataPath(QStringLiteral("tls/%1.pem").arg(name)),
            testDataPath(QStringLiteral("tls/%1.key").arg(name)), &error);
    if (configuration.isNull())
        qFatal("%s", qPrintable(error));
    return configuration;
}

class TestServer
{
public:
    enum class Scheme { Http, Https };

    explicit TestServer(Scheme scheme = Scheme::Http, const QString &certificate = QString())
    {
        if (scheme == Scheme::Https)
            m_thread.setTlsConfiguration(certificate.isEmpty() ? testTlsConfiguration()
                                                               : testTlsConfiguration(certificate));
        if (!m_thread.start(QHostAddress::LocalHost, 0))
            qFatal("cannot start the demo server: %s", qPrintable(m_thread.errorString()));
    }

    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(m_thread.baseUrl().toString() + pathAndQuery);
    }
    QUrl baseUrl() const { return m_thread.baseUrl(); }
    DemoServerThread &server() { return m_thread; }

private:
    DemoServerThread m_thread;
};

} // namespace qcrawl::test
