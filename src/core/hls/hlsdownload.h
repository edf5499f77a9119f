#pragma once

#include "fetch/fetchtypes.h"
#include "hls/hlsplaylist.h"

#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>

class QNetworkAccessManager;

namespace qcrawl {

class FfmpegRemuxer;
class HlsAssembler;
class HlsSegmentStore;
class Transfer;

// Saves the video an HLS playlist describes (RFC 8216, VOD), for the Transfer whose body turned
// out to be a playlist: picks the variant of a master playlist, reads the media playlist (and a
// separate audio rendition's), refuses what would make no video (a live stream, DRM), fetches the
// segments in parallel through the same network manager, each a Transfer of its own (so each is
// retried, resumed and checked as any download), fetches every AES-128 key once, and writes the
// pieces in playlist order into the video as they complete. Finished segments wait on disk (see
// HlsSegmentStore), never in memory, and stay there for a rerun when the job resumes. MPEG-TS
// becomes "<name>.ts", fMP4 "<name>.mp4"; with ffmpeg, TS is remuxed to "<name>.mp4" and a
// separate audio rendition muxed in (else saved beside as "<name>.audio.<ext>").
class HlsDownload final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HlsDownload)

public:
    // job is the playlist's: its filePath names the video (its extension replaced), its resume
    // keeps the finished segments when the download fails or is canceled.
    HlsDownload(const FetchJob &job, const FetchOptions &options, QNetworkAccessManager *manager,
                const QElapsedTimer &runClock, QObject *parent = nullptr);
    ~HlsDownload() override;

    // playlist: the body of the job's response, from playlistUrl (after redirects).
    void start(const QByteArray &playlist, const QUrl &playlistUrl);
    void cancel(); // finished() follows
    void checkStall(qint64 nowMs);

    // After finished():
    const FetchError &error() const { return m_error; }
    bool isCanceled() const { return m_canceled; }
    QString filePath() const { return m_filePath; } // the video saved
    qint64 bytesWritten() const { return m_bytesWritten; }
    int segmentCount() const { return m_segmentCount; } // segments of the video (not audio)
    int retries() const { return m_retries; }

    // "<name>" of "<name>.m3u8" (and of .m3u, .mp4, .ts, .m4v): the video's extension is the
    // container's, whatever the playlist's URL said.
    static QString baseNameFor(const QString &filePath);
    // path, or "<name> (2).<ext>"... when a file (or link) has that name.
    static QString freePath(const QString &path);

Q_SIGNALS:
    void progress(qint64 bytes, int segmentsDone, int segmentsTotal);
    void finished();

private:
    struct Piece
    {
        QUrl url;
        HlsPlaylist::ByteRange range;
        int keyIndex = -1;
        QByteArray iv;
        int segment = 0; // the segment's number from 0 (an init section: the next segment's)
        bool isSegment = true; // false: an init section (EXT-X-MAP)
        bool fetched = false; // in the store, finished
    };
    struct Track
    {
        QUrl playlistUrl;
        HlsPlaylist::MediaPlaylist playlist;
        QByteArray identity; // of the media playlist, for the store
        QList<Piece> pieces;
        QString videoPath;
        std::unique_ptr<HlsSegmentStore> store;
        std::unique_ptr<HlsAssembler> assembler;
        int nextToFetch = 0;
        int nextToWrite = 0;
        bool isMp4 = false;
    };
    struct Child
    {
        enum class Kind { Playlist, Key, Piece };
        Kind kind = Kind::Piece;
        int track = 0; // Playlist, Piece
        int piece = -1; // Piece
        QString keyUri; // Key
    };

    void fetchMediaPlaylists(const HlsPlaylist::MasterPlaylist &master);
    void onMediaPlaylist(int track, const FetchResult &result);
    void setPlaylist(int track, const QUrl &url, const QByteArray &text,
                     const HlsPlaylist::MediaPlaylist &playlist);
    void beginSegments();
    bool checkPlayable(const Track &track);
    bool setUpTrack(int index);
    void fetchKeys();
    void onKey(const QString &uri, const FetchResult &result);
    Transfer *startChild(const FetchJob &job, const FetchOptions &options, Child child);
    void onChildFinished(Transfer *transfer);
    void pump();
    bool writeReady();
    void allWritten();
    void remux();
    void fail(const FetchError &error);
    void complete();
    void emitProgress();

    FetchJob m_job;
    FetchOptions m_segmentOptions; // what the children see: outlives them
    FetchOptions m_textOptions;
    FetchOptions m_keyOptions;
    QNetworkAccessManager *m_manager;
    QElapsedTimer m_clock;
    std::vector<Track> m_tracks; // the video, then the audio rendition if separate
    QHash<Transfer *, Child> m_children;
    QHash<QString, QByteArray> m_keys; // key URI -> the 16 bytes
    QHash<QString, bool> m_keysAsked;
    int m_playlistsPending = 0;
    std::unique_ptr<FfmpegRemuxer> m_remuxer;
    int m_limit = 8;
    int m_piecesTotal = 0;
    int m_piecesDone = 0; // fetched or found finished
    int m_segmentCount = 0;
    int m_retries = 0;
    qint64 m_bytesWritten = 0;
    FetchError m_error;
    QString m_filePath;
    bool m_canceled = false;
    bool m_done = false;
};

} // namespace qcrawl
