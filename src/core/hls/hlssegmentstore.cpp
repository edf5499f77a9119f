#include "hlssegmentstore.h"

#include "fetch/partfile.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr qint64 MaxRecordBytes = 4096; // "playlist" and "state" are one short line each

QByteArray readRecord(const QString &path)
{
    if (QFileInfo(path).isSymLink())
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(MaxRecordBytes);
}

bool writeRecord(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path); // a crash never leaves half a record
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

HlsSegmentStore::HlsSegmentStore(const QString &videoPath)
    : m_folder(PartFile::pathFor(videoPath) + u".hls"_s)
{ }

QString HlsSegmentStore::piecePath(int n) const
{
    return m_folder + u'/' + QString::number(n);
}

bool HlsSegmentStore::isPieceDone(int n) const
{
    const QFileInfo info(piecePath(n));
    return info.isFile() && !info.isSymLink();
}

qint64 HlsSegmentStore::pieceSize(int n) const
{
    return QFileInfo(piecePath(n)).size();
}

QByteArray HlsSegmentStore::identityOf(const QByteArray &playlistUrl,
                                       const QByteArray &playlistText)
{
    return playlistUrl + ' '
            + QCryptographicHash::hash(playlistText, QCryptographicHash::Sha256).toHex();
}

bool HlsSegmentStore::open(const QByteArray &identity, bool resume, QString *error)
{
    const QFileInfo info(m_folder);
    if (info.isSymLink() || (info.exists() && !info.isDir())) {
        *error = u"cannot write %1: it is not a folder of ours"_s.arg(m_folder);
        return false;
    }
    const QString record = m_folder + u"/playlist"_s;
    if (info.exists() && !(resume && readRecord(record) == identity))
        removeAll();
    if (!QDir().mkpath(m_folder)) {
        *error = u"cannot write %1: cannot create the folder"_s.arg(m_folder);
        return false;
    }
    return readRecord(record) == identity || writeRecord(record, identity, error);
}

HlsSegmentStore::State HlsSegmentStore::state() const
{
    const QList<QByteArray> fields = readRecord(m_folder + u"/state"_s).trimmed().split(' ');
    State state;
    bool okCount = false;
    bool okSize = false;
    if (fields.size() == 2) {
        state.assembled = fields[0].toInt(&okCount);
        state.size = fields[1].toLongLong(&okSize);
    }
    if (!okCount || !okSize || state.assembled < 0 || state.size < 0)
        return {};
    return state;
}

bool HlsSegmentStore::saveState(const State &state, QString *error)
{
    return writeRecord(m_folder + u"/state"_s,
                       QByteArray::number(state.assembled) + ' ' + QByteArray::number(state.size),
                       error);
}

void HlsSegmentStore::removePiece(int n)
{
    QFile::remove(piecePath(n));
}

void HlsSegmentStore::removeAll()
{
    const QFileInfo info(m_folder);
    if (info.isSymLink()) // never followed: only the link itself goes
        QFile::remove(m_folder);
    else if (info.isDir())
        QDir(m_folder).removeRecursively();
}

} // namespace qcrawl
