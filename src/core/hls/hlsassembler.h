#pragma once

#include "hls/hlsdecryptor.h"

#include <memory>

#include <QByteArray>
#include <QString>

class QFile;

namespace qcrawl {

// Writes an HLS video's pieces (init sections and segments), in playlist order, into
// "<video>.part" (see PartFile: never through a link), decrypting the AES-128 ones on the way, a
// chunk at a time; commit() makes it "<video>" once every piece is in.
class HlsAssembler final
{
    Q_DISABLE_COPY_MOVE(HlsAssembler)

public:
    explicit HlsAssembler(const QString &videoPath);
    ~HlsAssembler();

    QString videoPath() const { return m_videoPath; }
    // Opens the .part to add to it, cut back to keepBytes (what the pieces recorded as written
    // make; 0: from the start). Returns the size it continues from: less than keepBytes when the
    // .part is shorter (then 0, and every piece is written again), or -1 with *error.
    qint64 open(qint64 keepBytes, QString *error);
    // Appends the piece in the file at piecePath; key empty: as it is, else AES-128-CBC with iv.
    // A piece that fails (unreadable, does not decrypt) leaves the .part as it was.
    bool append(const QString &piecePath, const QByteArray &key, const QByteArray &iv,
                QString *error);
    qint64 size() const { return m_size; }
    // Flushes, closes and renames the .part to the video. False with *error (the .part stays).
    bool commit(QString *error);
    void close();

private:
    bool appendPiece(const QString &piecePath, const QByteArray &key, const QByteArray &iv,
                     QString *error);
    bool write(const QByteArray &bytes, QString *error);

    QString m_videoPath;
    std::unique_ptr<QFile> m_file;
    HlsDecryptor m_decryptor;
    qint64 m_size = 0;
};

} // namespace qcrawl
