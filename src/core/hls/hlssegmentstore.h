#pragma once

#include <QByteArray>
#include <QString>

namespace qcrawl {

// The finished segments of an HLS download, kept beside the video's .part so that a rerun
// fetches only the missing ones (as aria2 keeps its control file beside the download):
// "<video>.part.hls/" holds "playlist" (what the segments belong to: the media playlist's URL and
// a hash of its text), "<n>" for piece n once finished ("<n>.part" while it downloads, see
// PartFile) and "state" (how many pieces the video's .part already holds, and its size then).
// Pieces are deleted once written into the .part, so the disk holds a video about once.
class HlsSegmentStore final
{
public:
    struct State
    {
        int assembled = 0; // pieces already in the .part, in playlist order
        qint64 size = 0; // the .part's size after them
    };

    explicit HlsSegmentStore(const QString &videoPath);

    QString folder() const { return m_folder; }
    QString piecePath(int n) const;
    bool isPieceDone(int n) const; // a regular file, finished (not a .part, not a link)
    qint64 pieceSize(int n) const;

    // Makes the folder ready for the playlist named by identity. With resume, a folder of the
    // same playlist is kept as it is; anything else there (another playlist's pieces, or no
    // resume) is cleared first. False with *error when the folder cannot be made (or a link or a
    // file is in its place: never written through).
    bool open(const QByteArray &identity, bool resume, QString *error);
    State state() const;
    bool saveState(const State &state, QString *error);
    void removePiece(int n);
    void removeAll(); // the folder and all in it

    // identity for open(): the playlist's URL and a SHA-256 of its bytes.
    static QByteArray identityOf(const QByteArray &playlistUrl, const QByteArray &playlistText);

private:
    QString m_folder;
};

} // namespace qcrawl
