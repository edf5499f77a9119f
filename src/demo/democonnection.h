#pragma once

#include "demo/demorequest.h"
#include "demo/demoresponse.h"

#include <QByteArray>
#include <QObject>
#include <QTcpSocket>
#include <QTimer>

namespace qcrawl {

class DemoRoutes;

// One client connection of the DemoServer: reads requests with DemoRequestParser (keep-alive;
// pipelined requests are served in order), has DemoRoutes answer them, and sends the answers:
// at once, from a timer (/delay), or generated as the socket drains (large and throttled
// bodies), so memory stays flat and nothing ever sleeps. Internal to DemoServer.
class DemoConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoConnection)

public:
    // routes belongs to the server, which outlives its connections.
    DemoConnection(QTcpSocket *socket, DemoRoutes *routes, QObject *parent);
    ~DemoConnection() override;

    void abort();

signals:
    // Once, when the connection is done (the client left, or abort()); deleteLater() follows.
    void closed();

private:
    enum class State {
        Idle, // waiting for (or parsing) the next request
        Delaying, // /delay: the timer will answer
        Streaming, // a body is generated as the socket drains
        Stalled, // /stall: silence until the client leaves
        Lingering, // an error answer is out; input is drained briefly before closing
        Closing, // disconnectFromHost() called, waiting for the flush
        Closed, // socket gone, deleteLater() pending
    };

    void onReadyRead();
    void onBytesWritten();
    void onTimeout();
    void onDisconnected();

    void pull();
    void processNext();
    void dispatch(const DemoRequest &request);
    void replyAndClose(int status, const QByteArray &text);
    void send(const DemoResponse &response);
    void startStream(const DemoResponse::Stream &stream);
    void fillStream();
    void finishResponse();
    void detach();

    QTcpSocket *m_socket; // child of this
    DemoRoutes *m_routes;
    DemoEnvironment m_environment;
    bool m_detached = false; // closed() was emitted
    QTimer m_timer; // /delay, the lingering close and throttled streams
    QByteArray m_in; // received, not yet parsed
    State m_state = State::Idle;
    qint64 m_discard = 0; // request body bytes still to skip
    DemoResponse m_delayed; // the answer a /delay timer will send
    // the response in progress
    bool m_headOnly = false;
    bool m_closeAfter = false;
    bool m_lingerOnClose = false;
    // streaming state
    DemoResponse::Stream m_stream;
    qint64 m_streamBudget = 0; // bytes a throttled stream may still send before the next tick
};

} // namespace qcrawl
