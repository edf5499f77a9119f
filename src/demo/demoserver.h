#pragma once

// demo/: the built-in demo server, split the way an HTTP server is. DemoServer listens (plain or
// TLS) and hands each socket to a DemoConnection, which does the socket I/O, keep-alive, timers
// and the streaming of generated bodies. DemoRequestParser reads request heads off the
// connection's input into a DemoRequest; DemoRoutes, the application, maps each request to its
// endpoint and decides a DemoResponse, which builds the status line and headers; DemoPattern is
// the deterministic body bytes; DemoVideoSite serves an offline video site shaped like the
// tutorial's, DemoHls its HLS videos. DemoServerThread runs it all off the GUI thread for the app
// and `qcrawl-cli serve`.

#include <memory>

#include <QHostAddress>
#include <QObject>
#include <QSet>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QUrl>

namespace qcrawl {

class DemoConnection;
class DemoRoutes;

// The tutorial's Flask test server, done properly: an HTTP/1.1 server with keep-alive on
// QTcpServer that never sleeps in a thread. Delays are timers, large bodies are generated as the
// socket drains, so one thread serves thousands of concurrent connections.
//
// Endpoints (all bodies deterministic, so tests can check every byte):
//   /                 HTML page listing the endpoints
//   /delay/<ms>       answers "hello <ms>\n" after <ms> milliseconds (the tutorial's 1 s pages)
//   /bytes/<n>        n bytes of patternBytes(), with Content-Length; honours "Range: bytes=a-[b]";
//                     ?rate=B sends B bytes per second
//   /chunked/<n>      the same n bytes, Transfer-Encoding: chunked (no Content-Length)
//   /status/<code>    that status code with a short text body; ?retry_after=S adds Retry-After
//   /redirect/<n>     302 to /redirect/<n-1>; /redirect/0 answers 200
//   /redirect-to?url=U  302 to U (absolute or relative)
//   /flaky/<n>        503 for the first n requests of a key (path + query), then 200;
//                     ?retry_after=S adds Retry-After to the 503s
//   /drop/<n>         announces 2n bytes, sends n bytes of patternBytes(), then closes
//   /stall            headers announcing 1024 bytes, then silence until the client leaves
//   /headers          echoes the request's headers, one "Name: value" a line
//   /videos/...       an offline video site shaped like the tutorial's (see DemoVideoSite)
//   /hls/...          HLS videos: master and media playlists, TS and fMP4 segments, AES-128
//                     keys, byte ranges, audio renditions, a live, a DRM, a flaky, a missing and
//                     a long playlist (see DemoHls for the list)
// Requests in absolute form ("GET http://any.host/path") are served too, so the server doubles
// as an HTTP proxy for tests of the proxy settings.
// GET and HEAD are served; anything else gets 405. Unknown paths get 404.
class DemoServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoServer)

public:
    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // Serve https:// with this certificate and key (QSslServer) from the next listen(); a null
    // configuration (the default) serves plain http://.
    void setTlsConfiguration(const QSslConfiguration &configuration);
    bool isTls() const { return !m_tls.isNull(); }
    // A server configuration from PEM files; a null one, with *error set, when they do not load.
    static QSslConfiguration tlsConfigurationFromFiles(const QString &certificateFile,
                                                       const QString &keyFile, QString *error);

    // Listens on address:port (port 0 picks a free one). On failure returns false and
    // errorString() says why in one line ("address already in use" and the like).
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    void close();
    bool isListening() const;
    QString errorString() const;

    QHostAddress address() const;
    quint16 port() const;
    QUrl baseUrl() const; // "http://127.0.0.1:<port>" (https with TLS; IPv6 in brackets)

    // Counts for tests and the status line.
    int openConnections() const;
    qint64 requestsServed() const;

    // Forgets the /flaky counters, so the same list can be replayed.
    void resetFlakyCounters();

    // Requests for path (as sent, without the query: "/hls/aes/key1.bin") since the start or
    // resetRequestCounts(), whatever their answer: tests check with it that a key was fetched
    // once, or that a crawler never asked for a page. -1 when the path went uncounted (the
    // table holds DemoRoutes::MaxCountedPaths paths). resetFlakyCounters() leaves the counts.
    int requestsFor(const QByteArray &path) const;
    void resetRequestCounts();

    // The deterministic body of /bytes, /chunked and /drop: byte i of every body is
    // patternByte(i). The pattern has a prime period (65521) so an offset error shows
    // (see DemoPattern).
    static char patternByte(qint64 offset);
    static QByteArray patternBytes(qint64 offset, qint64 count);

private:
    void setUpServer(QTcpServer *server);
    void acceptPending();

    std::unique_ptr<DemoRoutes> m_routes; // shared by the connections, which it outlives
    QTcpServer *m_server; // a child (a QSslServer with TLS), so it follows moveToThread()
    QSslConfiguration m_tls;
    QSet<DemoConnection *> m_connections;
    QString m_error;
};

} // namespace qcrawl
