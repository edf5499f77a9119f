#pragma once

#include <vector>

#include <QHash>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QTimer>

namespace qcrawl {

class Http1Connection;

// The engines' QNetworkAccessManager. Plain http:// GET and HEAD requests with a manual redirect
// policy and no proxy go through qcrawl's own HTTP/1.1 client (Http1Reply over a keep-alive pool
// of Http1Connection); everything else (https, proxies, uploads, other callers' requests) goes
// through Qt's own code, unchanged.
//
// Why not Qt's for plain HTTP too: bench/RESULTS.md measured Qt 6.4's HTTP client reading
// response headers one byte per read() system call (155 calls for a 1 KiB page), making about 30
// string-based connects per get(), and running one HTTP thread per 6 connections, which put it at
// about 300 µs of CPU per small request against 42 µs for curl. Qt has no public way to change
// that, while QNetworkReply may be subclassed: callers keep the QNetworkReply interface (signals,
// attributes, headers, errors, abort) whichever client answers.
class NetworkManager final : public QNetworkAccessManager
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NetworkManager)

public:
    explicit NetworkManager(QObject *parent = nullptr);
    ~NetworkManager() override;

    // Requests that take the HTTP/1.1 fast path; false sends all through Qt (for comparison).
    void setFastPathEnabled(bool enabled) { m_fastPath = enabled; }
    bool isFastPathEnabled() const { return m_fastPath; }
    bool isFastPathFor(Operation op, const QNetworkRequest &request,
                       QIODevice *outgoingData = nullptr) const;

    // The keep-alive pool: an idle connection to host:port, or a new one. Connections that are
    // idle for IdleTimeoutMs close.
    Http1Connection *connectionFor(const QString &host, quint16 port, bool allowReuse = true);
    void releaseConnection(Http1Connection *connection); // after a complete keep-alive response
    // New connections connect from the event loop, all of a turn's in one posted call.
    void scheduleConnect(Http1Connection *connection);
    int idleConnectionCount() const;
    int connectionsOpened() const { return m_opened; }

    static constexpr int IdleTimeoutMs = 30'000;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    friend class Http1Connection;
    void forget(Http1Connection *connection); // closed or deleted: never hand it out again
    void closeExpired();
    void connectScheduled();

    QHash<QString, std::vector<Http1Connection *>> m_idle; // "host:port" -> most recent last
    QTimer m_sweep { this };
    QList<QPointer<Http1Connection>> m_toConnect;
    int m_opened = 0;
    bool m_fastPath = true;
    bool m_closing = false;
};

} // namespace qcrawl
