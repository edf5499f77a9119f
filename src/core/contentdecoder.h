#pragma once

#include <functional>
#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace qcrawl {

// Inflates a gzip or deflate body (Content-Encoding) as it is read, with zlib: what Qt's own
// HTTP client does for the requests it adds "Accept-Encoding: gzip, deflate" to, done here for
// Http1Reply, whose reader sees the decoded bytes. Pulls the encoded bytes from a callback, so
// nothing is buffered beyond one input chunk.
class ContentDecoder final
{
    Q_DISABLE_COPY_MOVE(ContentDecoder)

public:
    using Source = std::function<qint64(char *data, qint64 maxSize)>; // 0: nothing right now

    ContentDecoder();
    ~ContentDecoder();

    // "gzip", "x-gzip" or "deflate" (case-insensitive); false for anything else.
    static bool supports(QByteArrayView encoding);
    bool start(QByteArrayView encoding);

    // Decoded bytes into data, pulling from source as needed. Returns 0 when no more can be
    // decoded now, -1 on corrupt input (see errorString()).
    qint64 read(char *data, qint64 maxSize, const Source &source);
    QString errorString() const { return m_error; }

private:
    struct Stream;
    std::unique_ptr<Stream> m_stream;
    QByteArray m_input;
    QString m_error;
    bool m_rawDeflateTried = false;
    bool m_deflate = false;
};

} // namespace qcrawl
