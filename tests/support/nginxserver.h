#pragma once

// A real HTTP/2 server for the tests: Debian's nginx (nginx-light, installed by
// scripts/setup.sh) in the foreground, one process, its configuration, logs and files in a
// temporary folder, TLS with the test certificate (tests/data/tls, trusted through
// testCaFile()), listening on 127.0.0.1 only. HTTP/2 by ALPN, HTTP/1.1 for clients that ask for
// it. The access log records each request's connection number, so tests can count connections.

#include "testserver.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace qcrawl::test {

class NginxServer
{
public:
    NginxServer()
    {
        const QString binary = QStringLiteral("/usr/sbin/nginx");
        if (!QFile::exists(binary)) {
            m_error = QStringLiteral("no %1 (Debian's nginx-light; scripts/setup.sh installs it)")
                              .arg(binary);
            return;
        }
        m_port = freePort();
        QDir(m_dir.path()).mkpath(QStringLiteral("www"));
        QDir(m_dir.path()).mkpath(QStringLiteral("tmp"));
        const QString d = m_dir.path();
        const QString conf =
                QStringLiteral("daemon off;\n"
                               "master_process off;\n"
                               "worker_processes 1;\n"
                               "pid %1/nginx.pid;\n"
                               "error_log %1/error.log warn;\n"
                               "events { worker_connections 4096; }\n"
                               "http {\n"
                               "  log_format conn '$connection $server_protocol $status "
                               "$request_uri';\n"
                               "  access_log %1/access.log conn;\n"
                               "  client_body_temp_path %1/tmp; proxy_temp_path %1/tmp;\n"
                               "  fastcgi_temp_path %1/tmp; uwsgi_temp_path %1/tmp;\n"
                               "  scgi_temp_path %1/tmp;\n"
                               "  types { application/octet-stream bin; text/html html; }\n"
                               "  server {\n"
                               "    listen 127.0.0.1:%2 ssl http2;\n"
                               "    ssl_certificate %3;\n"
                               "    ssl_certificate_key %4;\n"
                               "    ssl_protocols TLSv1.2 TLSv1.3;\n"
                               "    http2_max_concurrent_streams 256;\n"
                               "    keepalive_requests 100000;\n"
                               "    root %1/www;\n"
                               "  }\n"
                               "}\n")
                        .arg(d)
                        .arg(m_port)
                        .arg(testDataPath(QStringLiteral("tls/server.pem")),
                             testDataPath(QStringLiteral("tls/server.key")));
        QFile file(m_dir.filePath(QStringLiteral("nginx.conf")));
        if (!file.open(QIODevice::WriteOnly) || file.write(conf.toUtf8()) < 0) {
            m_error = QStringLiteral("cannot write the nginx configuration");
            return;
        }
        file.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(binary,
                        { QStringLiteral("-p"), d, QStringLiteral("-c"), file.fileName(),
                          QStringLiteral("-e"), m_dir.filePath(QStringLiteral("error.log")) });
        if (!m_process.waitForStarted()) {
            m_error = QStringLiteral("cannot start nginx: %1").arg(m_process.errorString());
            return;
        }
        const bool up = QTest::qWaitFor(
                [this] {
                    if (m_process.state() != QProcess::Running)
                        return true;
                    QTcpSocket probe;
                    probe.connectToHost(QHostAddress::LocalHost, m_port);
                    return probe.waitForConnected(200);
                },
                10'000);
        if (!up || m_process.state() != QProcess::Running) {
            m_error = QStringLiteral("nginx did not start: %1 %2")
                              .arg(QString::fromUtf8(m_process.readAll()),
                                   QString::fromUtf8(
                                           readFile(m_dir.filePath(QStringLiteral("error.log")))));
            m_process.kill();
            m_process.waitForFinished();
        }
    }

    ~NginxServer()
    {
        if (m_process.state() == QProcess::Running) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished();
            }
        }
    }

    bool isRunning() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("https://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

    // Puts a file under the server's root.
    bool addFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(QStringLiteral("www/") + name));
        return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
    }

    // One line per request so far: "<connection> <protocol> <status> <uri>".
    QList<QByteArray> accessLog() const
    {
        QList<QByteArray> lines =
                readFile(m_dir.filePath(QStringLiteral("access.log"))).split('\n');
        lines.removeAll(QByteArray());
        return lines;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace qcrawl::test
