#include "hlsassembler.h"

#include "fetch/partfile.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#    include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {
constexpr qint64 ReadChunk = 256 * 1024;
} // namespace

HlsAssembler::HlsAssembler(const QString &videoPath)
    : m_videoPath(videoPath)
{ }

HlsAssembler::~HlsAssembler() = default;

qint64 HlsAssembler::open(qint64 keepBytes, QString *error)
{
    const qint64 existing = PartFile::resumableSize(m_videoPath);
    const bool keep = keepBytes > 0 && existing >= keepBytes;
    QString why;
    m_file = PartFile::open(m_videoPath, keep, &why);
    if (!m_file) {
        *error = u"cannot write %1: %2"_s.arg(PartFile::pathFor(m_videoPath), why);
        return -1;
    }
    m_size = keep ? keepBytes : 0;
#ifdef Q_OS_UNIX
    // Bytes past the last recorded piece are a piece cut by a crash: cut them off (appends go to
    // the end: O_APPEND).
    if (keep && existing > keepBytes && ::ftruncate(m_file->handle(), keepBytes) != 0) {
        *error = u"cannot write %1: cannot cut it back"_s.arg(PartFile::pathFor(m_videoPath));
        m_file.reset();
        return -1;
    }
#else
    if (keep && existing > keepBytes) { // no ftruncate: start over
        m_file = PartFile::open(m_videoPath, false, &why);
        m_size = 0;
        if (!m_file) {
            *error = u"cannot write %1: %2"_s.arg(PartFile::pathFor(m_videoPath), why);
            return -1;
        }
    }
#endif
    return m_size;
}

bool HlsAssembler::write(const QByteArray &bytes, QString *error)
{
    const char *data = bytes.constData();
    qint64 left = bytes.size();
    while (left > 0) {
        const qint64 n = m_file->write(data, left);
        if (n <= 0) {
            *error = u"cannot write %1: %2"_s.arg(PartFile::pathFor(m_videoPath),
                                                  m_file->errorString());
            return false;
        }
        data += n;
        left -= n;
        m_size += n;
    }
    return true;
}

bool HlsAssembler::append(const QString &piecePath, const QByteArray &key, const QByteArray &iv,
                          QString *error)
{
    const qint64 before = m_size;
    if (appendPiece(piecePath, key, iv, error))
        return true;
    // Nothing of a piece that failed half-way stays (a wrong key shows only at its end).
    if (m_file) {
        m_file->flush();
#ifdef Q_OS_UNIX
        if (::ftruncate(m_file->handle(), before) == 0)
            m_size = before;
#endif
    }
    return false;
}

bool HlsAssembler::appendPiece(const QString &piecePath, const QByteArray &key,
                               const QByteArray &iv, QString *error)
{
    if (!m_file) {
        *error = u"cannot write %1: not open"_s.arg(PartFile::pathFor(m_videoPath));
        return false;
    }
    QFile piece(piecePath);
    if (QFileInfo(piecePath).isSymLink() || !piece.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(piecePath, piece.errorString());
        return false;
    }
    const bool encrypted = !key.isEmpty();
    if (encrypted && !m_decryptor.begin(key, iv, error))
        return false;
    QByteArray plain;
    while (true) {
        const QByteArray chunk = piece.read(ReadChunk);
        if (chunk.isEmpty())
            break;
        if (!encrypted) {
            if (!write(chunk, error))
                return false;
            continue;
        }
        plain.clear();
        if (!m_decryptor.update(chunk, &plain, error) || !write(plain, error))
            return false;
    }
    if (piece.error() != QFileDevice::NoError) {
        *error = u"cannot read %1: %2"_s.arg(piecePath, piece.errorString());
        return false;
    }
    if (encrypted) {
        plain.clear();
        if (!m_decryptor.finish(&plain, error) || !write(plain, error))
            return false;
    }
    // In the kernel's hands before the caller records the piece as written: a kill after that
    // record never finds the .part shorter than it says.
    if (!m_file->flush()) {
        *error =
                u"cannot write %1: %2"_s.arg(PartFile::pathFor(m_videoPath), m_file->errorString());
        return false;
    }
    return true;
}

bool HlsAssembler::commit(QString *error)
{
    if (!m_file) {
        *error = u"cannot write %1: not open"_s.arg(PartFile::pathFor(m_videoPath));
        return false;
    }
    if (!m_file->flush()) {
        *error =
                u"cannot write %1: %2"_s.arg(PartFile::pathFor(m_videoPath), m_file->errorString());
        return false;
    }
    m_file.reset();
    QString why;
    if (!PartFile::commit(m_videoPath, &why)) {
        *error = u"cannot rename %1 to %2: %3"_s.arg(PartFile::pathFor(m_videoPath), m_videoPath,
                                                     why);
        return false;
    }
    return true;
}

void HlsAssembler::close()
{
    m_file.reset();
}

} // namespace qcrawl
