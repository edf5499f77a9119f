#pragma once

#include <memory>

#include <QList>
#include <QNetworkReply>
#include <QPair>
#include <QPointer>

namespace qcrawl {

class ContentDecoder;
class Http1Connection;
class NetworkManager;

// A QNetworkReply answered by qcrawl's HTTP/1.1 client (see NetworkManager). The body is read
// straight out of the connection's socket buffer, without a copy in between; signals come in
// Qt's order: metaDataChanged, readyRead/downloadProgress, errorOccurred (HTTP >= 400 and
// failures), finished. abort() finishes at once, like Qt's.
class Http1Reply final : public QNetworkReply
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Http1Reply)

public:
    Http1Reply(NetworkManager *manager, QNetworkAccessManager::Operation op,
               const QNetworkRequest &request);
    ~Http1Reply() override;

    void abort() override;
    void close() override;
    qint64 bytesAvailable() const override;
    void setReadBufferSize(qint64 size) override;

    QByteArray requestBytes() const { return m_requestBytes; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    friend class Http1Connection;
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    void send(bool allowReuse);
    // Called by the connection.
    void onResponseHead(int status, const QByteArray &reason, const Headers &headers,
                        qint64 contentLength);
    void onBody();
    void onComplete();
    void onFailure(NetworkError error, const QString &message);
    void onStaleConnection(); // a reused connection closed before answering: try a fresh one

    void bufferUnread();
    qint64 pull(char *data, qint64 maxSize);
    void finishWith(NetworkError error, const QString &message);
    void detach();

    NetworkManager *m_manager;
    QPointer<Http1Connection> m_connection;
    QByteArray m_requestBytes;
    qint64 m_received = 0;
    qint64 m_total = -1;
    int m_staleRetries = 0;
    bool m_decodes = false; // this request asked for gzip/deflate itself
    std::unique_ptr<ContentDecoder> m_decoder;
    QByteArray m_pending; // body bytes the reader left unread (see bufferUnread())
    qsizetype m_pendingPos = 0;
};

} // namespace qcrawl
