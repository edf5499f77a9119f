#pragma once

#include <memory>

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace qcrawl {

// Undoes HLS's METHOD=AES-128 (RFC 8216 §4.3.2.4): each segment is AES-128 in CBC mode with
// PKCS#7 padding, under a 16-byte key and an IV from the key tag or, when it gives none, the
// segment's media sequence number. The cipher is OpenSSL's (EVP), never hand-written; this class
// only feeds it, a chunk at a time, so a segment of any size is decrypted in bounded memory.
class HlsDecryptor final
{
    Q_DISABLE_COPY_MOVE(HlsDecryptor)

public:
    HlsDecryptor();
    ~HlsDecryptor();

    // The IV of a segment whose key tag has none: its media sequence number as a 128-bit
    // big-endian integer.
    static QByteArray ivForSequence(qint64 sequence);

    // Starts a segment; key and iv must be 16 bytes. Returns false with *error set otherwise.
    bool begin(QByteArrayView key, QByteArrayView iv, QString *error);
    // Decrypts the next bytes of the segment; the plain bytes are appended to *out (up to one
    // block is held back until the next call or finish(), for the padding).
    bool update(QByteArrayView cipherText, QByteArray *out, QString *error);
    // Ends the segment: checks and strips the padding. False (with *error) when the length is not
    // a whole number of blocks or the padding is wrong: a wrong key, or a cut segment.
    bool finish(QByteArray *out, QString *error);

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

} // namespace qcrawl
