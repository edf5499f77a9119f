#pragma once

#include "net/httpversion.h"

#include <curl/curl.h>
#include <memory>

#include <QByteArray>
#include <QList>
#include <QNetworkReply>
#include <QPair>

namespace qcrawl {

class ContentDecoder;
class ChunkedDecoder;
class CurlMulti;
class NetworkManager;

// What every curl transfer of one NetworkManager is set up with.
struct CurlSettings
{
    HttpVersion httpVersion = HttpVersion::Default;
    QByteArray caCertFile; // PEM; empty: the system's hashed certificate folder
    bool insecure = false; // -k: no certificate or host name check
    // Unset: curl reads http_proxy, https_proxy, all_proxy and no_proxy itself. Empty: no proxy.
    std::optional<QByteArray> proxy;
};

// A QNetworkReply answered by libcurl (see NetworkManager), for http:// and https://, HTTP/1.1
// and HTTP/2. Body bytes wait in a buffer of at most readBufferSize() (and MaxBufferBytes); when it
// is full the transfer is paused (CURL_WRITEFUNC_PAUSE) until the reader makes room, so neither a
// slow reader nor a slow disk makes memory grow. Signals come in Qt's order (metaDataChanged,
// readyRead/downloadProgress, errorOccurred for failures and HTTP >= 400, finished) and always
// from the event loop, never from inside curl. abort() finishes at once, like Qt's.
//
// Compressed bodies (gzip, deflate, br, zstd; asked for unless the caller set Accept-Encoding)
// are decoded by ContentDecoder, not by curl, so that a body whose encoded stream stops before
// its end is an error (UnknownContentError), not a shorter success. Decoding stays within the
// buffer bound too: what does not fit waits, encoded, until the reader makes room.
//
// Stricter than curl where the response is ambiguous (RFC 9112 section 6): a Content-Length that
// is not a plain number or differs from another, Transfer-Encoding other than exactly "chunked"
// or together with Content-Length, a header line that is not "name: value", a 206 to a request
// without Range, a head beyond MaxHeadBytes and a malformed chunked body (chunks are undone
// here, by ChunkedDecoder: curl 7.88 reads a chunk size "0x5" as 0) are errors (ProtocolFailure),
// not bodies.
class CurlReply final : public QNetworkReply
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CurlReply)

public:
    static constexpr qsizetype MaxHeadBytes = 256 * 1024;
    static constexpr int MaxHeaderLines = 1000;
    // Body bytes a reply holds at most, whatever readBufferSize() says: the reader drains it on
    // every readyRead(), and curl pauses the transfer meanwhile instead of buffering.
    static constexpr qint64 MaxBufferBytes = 256 * 1024;

    CurlReply(NetworkManager *manager, CurlMulti *multi, const CurlSettings &settings,
              QNetworkAccessManager::Operation op, const QNetworkRequest &request);
    ~CurlReply() override;

    void abort() override;
    void close() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }
    void setReadBufferSize(qint64 size) override;

    const QByteArray &hostKey() const { return m_hostKey; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    friend class CurlMulti;
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    enum class Stage { Idle, Waiting, Connecting, Running };

    static size_t onHeader(char *data, size_t size, size_t count, void *self);
    static size_t onBody(char *data, size_t size, size_t count, void *self);
    static int onConnected(void *self, char *, char *, int, int);

    void setUp(const CurlSettings &settings, const QNetworkRequest &request);
    bool headerLine(const QByteArray &line);
    bool headComplete();
    void applyHead();
    void deliver(); // from CurlMulti::dispatch(): emits what the callbacks buffered
    void onDone(CURLcode result);
    void complete(CURLcode result, const QString &curlMessage);
    bool decodeSome(QByteArrayView &input);
    void decodePending();
    void failLater(const QString &message);
    void finishWith(NetworkError error, const QString &message);
    void release();
    qint64 buffered() const { return m_buffer.size() - m_readPos; }
    bool bufferFull() const;
    qint64 bufferLimit() const;
    bool hasDecodeBacklog() const; // encoded bytes or decoded output wait for room

    NetworkManager *m_manager;
    CurlMulti *m_multi;
    CURL *m_easy = nullptr;
    curl_slist *m_headerList = nullptr;
    Stage m_stage = Stage::Idle;
    int m_localPort = 0; // of the connection, once connected
    QByteArray m_hostKey;
    char m_errorBuffer[CURL_ERROR_SIZE] = {};

    // Filled by the callbacks, published by deliver().
    int m_status = 0;
    QByteArray m_reason;
    QByteArray m_version;
    Headers m_headers;
    qsizetype m_headBytes = 0;
    QString m_protocolError; // set by a callback that refused the response
    bool m_askedRange = false;
    bool m_headDone = false;
    bool m_headPending = false;
    bool m_bodyPending = false;
    bool m_paused = false;
    bool m_decodes = false; // this reply asked for compressed bodies itself
    std::unique_ptr<ContentDecoder> m_decoder;
    QByteArray m_encodedPending; // taken from curl, not decoded yet: no room
    qint64 m_encodedReceived = 0;
    QString m_contentError; // a corrupt compressed body
    bool m_finishPending = false; // curl is done; finish once m_encodedPending is decoded
    CURLcode m_doneResult = CURLE_OK;
    QString m_doneMessage;
    // A chunked body as received (curl's chunk parser is lenient, see setUp()).
    std::unique_ptr<ChunkedDecoder> m_chunks;

    QByteArray m_buffer; // body bytes not read yet start at m_readPos
    qsizetype m_readPos = 0;
    qint64 m_received = 0;
    qint64 m_total = -1;
};

} // namespace qcrawl
