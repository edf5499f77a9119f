#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpSocket>
#include <QTimer>

namespace qcrawl {

class DemoServer;

// One client connection of the DemoServer: parses HTTP/1.1 requests (keep-alive, pipelining served
// in order), answers them from timers and as the socket drains. Internal to DemoServer.
class DemoConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoConnection)

public:
    DemoConnection(QTcpSocket *socket, DemoServer *server);
    ~DemoConnection() override;

    void abort();

private:
    struct Request;
    enum class State {
        Idle, // waiting for (or parsing) the next request
        Delaying, // /delay: the timer will answer
        Streaming, // a body is generated as the socket drains
        Stalled, // /stall: silence until the client leaves
        Lingering, // an error answer is out; input is drained briefly before closing
        Closing, // disconnectFromHost() called, waiting for the flush
        Closed, // socket gone, deleteLater() pending
    };
    enum class Framing { Length, Chunked, UntilClose, None };

    void onReadyRead();
    void onBytesWritten();
    void onTimeout();
    void onDisconnected();

    void pull();
    void processNext();
    void handleHead(const QByteArray &head);
    void dispatch(const Request &request);

    void serveIndex();
    void serveDelay(const QByteArray &arg);
    void serveBytes(const Request &request, const QByteArray &arg);
    void serveChunked(const Request &request, const QByteArray &arg);
    void serveStatus(const Request &request, const QByteArray &arg);
    void serveRedirect(const QByteArray &arg);
    void serveRedirectTo(const Request &request);
    void serveFlaky(const Request &request, const QByteArray &arg);
    void serveDrop(const QByteArray &arg);
    void serveStall();
    void serveVideoSite(const Request &request);
    void serveRange(const Request &request, qint64 offset, qint64 size,
                    const QByteArray &contentType, qint64 bytesPerSecond = 0);

    QByteArray responseHead(int status, const QByteArray &contentType, Framing framing,
                            qint64 length, const QByteArray &extraHeaders);
    void sendText(int status, const QByteArray &body, const QByteArray &extraHeaders = {});
    void replyAndClose(int status, const QByteArray &body);
    void startStream(qint64 offset, qint64 end, bool chunked, qint64 bytesPerSecond = 0);
    void fillStream();
    void finishResponse();
    void detach();

    QTcpSocket *m_socket; // child of this
    DemoServer *m_server; // null once detached (disconnected or aborted)
    QTimer m_timer; // /delay, the lingering close and throttled streams
    QByteArray m_in; // received, not yet parsed
    State m_state = State::Idle;
    qint64 m_discard = 0; // request body bytes still to skip
    qint64 m_delayMs = 0;
    // the response in progress
    bool m_headOnly = false;
    bool m_closeAfter = false;
    bool m_lingerOnClose = false;
    // streaming state
    qint64 m_streamOffset = 0;
    qint64 m_streamEnd = 0;
    bool m_streamChunked = false;
    qint64 m_streamRate = 0; // bytes per second; 0 = as fast as the socket drains
    qint64 m_streamBudget = 0; // bytes a throttled stream may still send before the next tick
};

} // namespace qcrawl
