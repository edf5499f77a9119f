#pragma once

#include <memory>
#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace qcrawl {

// Decodes a compressed body (Content-Encoding gzip, deflate, br or zstd) with zlib, brotli and
// zstd, as CurlReply receives it, and knows whether the encoded stream really ended.
//
// Why not libcurl's own decoding: libcurl 7.88 reports a gzip body that stops before its end (cut
// in half with a Content-Length that matches the half, or without its CRC trailer) as a
// complete, successful transfer, and gives no way to ask. Here the end of the stream (gzip's CRC
// and size checked by zlib, brotli's and zstd's last block) is a condition of success.
class ContentDecoder final
{
    Q_DISABLE_COPY_MOVE(ContentDecoder)

public:
    enum class Coding { Gzip, Deflate, Brotli, Zstd };

    // "gzip", "x-gzip", "deflate", "br", "zstd" (case-insensitive); nullopt for anything else.
    static std::optional<Coding> codingFor(QByteArrayView name);
    // What to send as Accept-Encoding: every coding this can decode.
    static QByteArray acceptEncoding();

    explicit ContentDecoder(Coding coding);
    ~ContentDecoder();

    // Decodes from input (advancing it past what was used) and appends at most maxOutput bytes
    // to output. Returns false on corrupt input (see errorString()).
    bool decode(QByteArrayView &input, QByteArray &output, qsizetype maxOutput);
    // Decoded bytes wait inside the decoder for output room: call decode() again, with or
    // without more input.
    bool hasPendingOutput() const { return m_pendingOutput; }
    // The encoded stream reached its proper end (for gzip: trailer checked) and nothing waits.
    bool isComplete() const { return m_complete && !m_pendingOutput; }
    QString errorString() const { return m_error; }
    QByteArrayView name() const;

private:
    struct Streams;
    bool fail(const QString &message);

    Coding m_coding;
    std::unique_ptr<Streams> m_streams;
    QString m_error;
    bool m_complete = false;
    bool m_pendingOutput = false;
    bool m_started = false; // deflate: some output came, raw deflate is no longer an option
};

} // namespace qcrawl
