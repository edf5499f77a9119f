#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

class QTcpSocket;

namespace qcrawl {

class Http1Reply;
class NetworkManager;

// One keep-alive HTTP/1.1 connection of NetworkManager's pool: sends a request, parses the
// response head out of the socket's buffer (a line at a time, not a byte per system call), and
// hands the body to its Http1Reply as Content-Length, chunked or close-delimited framing says.
// After a complete response on a connection the server keeps open, it goes back to the pool.
class Http1Connection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Http1Connection)

public:
    Http1Connection(const QString &host, quint16 port, NetworkManager *manager);
    ~Http1Connection() override;

    const QString &key() const { return m_key; }
    static QString keyFor(const QString &host, quint16 port);
    qint64 idleMs() const { return m_idleClock.elapsed(); }

    void startConnecting(); // NetworkManager calls it from the event loop
    void send(Http1Reply *reply, const QByteArray &request, bool headRequest);
    void abandon(); // the reply is gone or aborted: the connection cannot be reused
    void setReadBufferSize(qint64 size);

    qint64 bodyBytesAvailable();
    qint64 readBody(char *data, qint64 maxSize);

    static constexpr int MaxHeadBytes = 64 * 1024;
    static constexpr int MaxHeaderLines = 256;

private:
    enum class State { Connecting, Idle, AwaitingHead, ReadingBody, Closed };
    enum class Framing { None, Length, Chunked, UntilClose };
    enum class Chunk { Size, Data, DataEnd, Trailer, Done };

    void onConnected();
    void onReadyRead();
    void onSocketError();
    void onDisconnected();

    void onRemoteClose();

    bool parseHead(); // false: not complete yet, or failed (then the connection is closed)
    bool parseStatusLine(const QByteArray &line);
    bool startBody();
    void advanceChunks();
    bool bodyComplete() const;
    void deliverBody();
    void scheduleSettle();
    void settle();
    void completeResponse();
    void fail(int networkError, const QString &message);
    void retryElsewhere();
    void close();

    NetworkManager *m_manager;
    QTcpSocket *m_socket;
    QString m_key;
    QString m_host;
    quint16 m_port = 0;
    State m_state = State::Connecting;
    Http1Reply *m_reply = nullptr;
    QByteArray m_pendingRequest; // written once connected
    bool m_head = false;
    bool m_keepAlive = false;
    bool m_responseStarted = false; // a byte of the current response arrived
    bool m_delivering = false; // inside the reply's readyRead: completion waits until it returns
    bool m_settleQueued = false;
    bool m_eof = false; // the server closed the connection
    bool m_broken = false; // malformed chunked encoding
    int m_served = 0;

    // The response head being parsed.
    int m_status = 0;
    QByteArray m_reason;
    bool m_http10 = false;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    int m_headBytes = 0;

    Framing m_framing = Framing::None;
    Chunk m_chunk = Chunk::Size;
    qint64 m_remaining = 0; // Length: body bytes left; Chunked: bytes left in this chunk
    QElapsedTimer m_idleClock;
};

} // namespace qcrawl
