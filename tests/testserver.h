#pragma once

// The one HTTP fixture every test shares: the project's DemoServer on 127.0.0.1, port 0, on a
// thread of its own so that the code under test measures the network, not the server.

#include "demoserverthread.h"

#include <QTest>
#include <QUrl>

namespace qcrawl::test {

class TestServer
{
public:
    TestServer()
    {
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
