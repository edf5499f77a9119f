#include "hlsdownload.h"

#include "fetch/partfile.h"
#include "fetch/transfer.h"
#include "harvest/filenames.h"
#include "hls/ffmpegremuxer.h"
#include "hls/hlsassembler.h"
#include "hls/hlsdecryptor.h"
#include "hls/hlssegmentstore.h"

#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr qint64 MaxKeyBytes = 4096; // an AES-128 key is 16 bytes: far more is not one

bool isHttpUrl(const QUrl &url)
{
    return (url.scheme() == u"http" || url.scheme() == u"https") && !url.host().isEmpty();
}

QString keyUri(const HlsPlaylist::Key &key)
{
    return key.uri.toString(QUrl::FullyEncoded);
}

} // namespace

HlsDownload::HlsDownload(const FetchJob &job, const FetchOptions &options,
                         QNetworkAccessManager *manager, const QElapsedTimer &runClock,
                         QObject *parent)
    : QObject(parent)
    , m_job(job)
    , m_manager(manager)
    , m_clock(runClock)
{
    m_limit = std::max(1, options.hlsConcurrency);
    if (options.perHostLimit > 0) // segments come from one host, mostly: no more than it allows
        m_limit = std::min(m_limit, options.perHostLimit);
    // The children never take a body for another playlist: a segment is saved as it is.
    m_segmentOptions = options;
    m_segmentOptions.saveHlsAsVideo = false;
    m_segmentOptions.previewBytes = 0;
    if (m_segmentOptions.readBufferBytes <= 0)
        m_segmentOptions.readBufferBytes = readBufferFor(options, m_limit);
    m_textOptions = m_segmentOptions;
    m_textOptions.previewBytes = HlsPlaylist::MaxBytes;
    m_textOptions.maxFileSize = HlsPlaylist::MaxBytes;
    m_keyOptions = m_segmentOptions;
    m_keyOptions.previewBytes = MaxKeyBytes;
    m_keyOptions.maxFileSize = MaxKeyBytes;
}

HlsDownload::~HlsDownload()
{
    for (Transfer *child : m_children.keys()) {
        child->disconnect(this);
        delete child;
    }
}

QString HlsDownload::baseNameFor(const QString &filePath)
{
    static const QStringList replaced { u"m3u8"_s, u"m3u"_s, u"mp4"_s, u"ts"_s, u"m4v"_s };
    const QString suffix = QFileInfo(filePath).suffix();
    if (!suffix.isEmpty() && replaced.contains(suffix, Qt::CaseInsensitive)
        && filePath.size() > suffix.size() + 1)
        return filePath.chopped(suffix.size() + 1);
    return filePath;
}

QString HlsDownload::freePath(const QString &path)
{
    const QFileInfo info(path);
    const QString dir = info.path();
    const QString name = info.fileName();
    constexpr int MaxTries = 10'000;
    for (int n = 1; n <= MaxTries; ++n) {
        const QString candidate = dir + u'/' + FileNames::numbered(name, n);
        const QFileInfo there(candidate);
        if (!there.exists() && !there.isSymLink())
            return candidate;
    }
    return {}; // never a name that would replace a file
}

void HlsDownload::start(const QByteArray &playlist, const QUrl &playlistUrl)
{
    QString why;
    const auto parsed = HlsPlaylist::parse(playlist, playlistUrl, &why);
    if (!parsed) {
        fail(FetchError(FetchErrorKind::HlsInvalid, { why }));
        return;
    }
    if (parsed->kind == HlsPlaylist::Playlist::Kind::Master) {
        fetchMediaPlaylists(parsed->master);
        return;
    }
    m_tracks.resize(1);
    setPlaylist(0, playlistUrl, playlist, parsed->media);
    beginSegments();
}

void HlsDownload::fetchMediaPlaylists(const HlsPlaylist::MasterPlaylist &master)
{
    const int chosen = HlsVariantChoice::choose(master, m_segmentOptions.hlsVariant);
    if (chosen < 0) {
        fail(FetchError(FetchErrorKind::HlsInvalid,
                        { master.variants.isEmpty() ? u"the master playlist lists no variant"_s
                                                    : u"no variant matches \"%1\""_s.arg(
                                                            m_segmentOptions.hlsVariant) }));
        return;
    }
    const HlsPlaylist::Variant &variant = master.variants.at(chosen);
    QList<QUrl> urls { variant.uri };
    if (!variant.audioGroup.isEmpty()) {
        // The group's default rendition, else its first: when it has a URI of its own, the
        // audio is not in the variant's stream and is fetched beside it.
        const HlsPlaylist::Rendition *audio = nullptr;
        for (const HlsPlaylist::Rendition &rendition : master.renditions) {
            if (rendition.type != u"AUDIO" || rendition.groupId != variant.audioGroup)
                continue;
            if (!audio || (rendition.isDefault && !audio->isDefault))
                audio = &rendition;
        }
        if (audio && !audio->uri.isEmpty() && audio->uri != variant.uri)
            urls << audio->uri;
    }
    m_tracks.resize(urls.size());
    m_playlistsPending = int(urls.size());
    for (int i = 0; i < urls.size(); ++i) {
        if (!isHttpUrl(urls[i])) {
            fail(FetchError(
                    FetchErrorKind::HlsInvalid,
                    { u"a media playlist's URI is not http(s): %1"_s.arg(urls[i].toString()) }));
            return;
        }
        FetchJob job;
        job.index = i;
        job.url = urls[i];
        Child child;
        child.kind = Child::Kind::Playlist;
        child.track = i;
        startChild(job, m_textOptions, child);
    }
}

void HlsDownload::onMediaPlaylist(int track, const FetchResult &result)
{
    if (!result.isSuccess()) {
        fail(FetchError(FetchErrorKind::HlsInvalid,
                        { u"cannot read the media playlist %1: %2"_s.arg(result.url.toString(),
                                                                         result.error.text()) }));
        return;
    }
    QString why;
    const auto parsed = HlsPlaylist::parse(result.preview, result.finalUrl, &why);
    if (!parsed || parsed->kind != HlsPlaylist::Playlist::Kind::Media) {
        fail(FetchError(FetchErrorKind::HlsInvalid,
                        { parsed ? u"the variant %1 is a master playlist itself"_s.arg(
                                  result.url.toString())
                                 : why }));
        return;
    }
    setPlaylist(track, result.finalUrl, result.preview, parsed->media);
    if (--m_playlistsPending == 0)
        beginSegments();
}

void HlsDownload::setPlaylist(int track, const QUrl &url, const QByteArray &text,
                              const HlsPlaylist::MediaPlaylist &playlist)
{
    Track &t = m_tracks[track];
    t.playlistUrl = url;
    t.playlist = playlist;
    t.identity = HlsSegmentStore::identityOf(url.toEncoded(), text);
}

bool HlsDownload::checkPlayable(const Track &track)
{
    const HlsPlaylist::MediaPlaylist &playlist = track.playlist;
    if (!playlist.endList) {
        fail(FetchError(FetchErrorKind::HlsLive));
        return false;
    }
    if (playlist.segments.isEmpty()) {
        fail(FetchError(FetchErrorKind::HlsInvalid, { u"the playlist has no segments"_s }));
        return false;
    }
    for (const HlsPlaylist::Key &key : playlist.keys) {
        // Only AES-128 with a key the server hands out is a key qcrawl may use; anything else
        // (SAMPLE-AES, FairPlay's skd://, Widevine's data: URIs) is DRM, and a download would be
        // noise.
        const bool usable = key.method == HlsPlaylist::Key::Method::None
                || (key.method == HlsPlaylist::Key::Method::Aes128 && isHttpUrl(key.uri)
                    && (key.keyFormat.isEmpty() || key.keyFormat == u"identity"));
        if (!usable) {
            fail(FetchError(FetchErrorKind::HlsDrm, { key.methodName, key.uri.toString() }));
            return false;
        }
    }
    for (const HlsPlaylist::Segment &segment : playlist.segments) {
        if (!isHttpUrl(segment.uri)) {
            fail(FetchError(FetchErrorKind::HlsInvalid,
                            { u"a segment URI is not http(s): %1"_s.arg(segment.uri.toString()) }));
            return false;
        }
    }
    for (const HlsPlaylist::InitSection &map : playlist.maps) {
        if (!isHttpUrl(map.uri)) {
            fail(FetchError(FetchErrorKind::HlsInvalid,
                            { u"an EXT-X-MAP URI is not http(s): %1"_s.arg(map.uri.toString()) }));
            return false;
        }
    }
    return true;
}

void HlsDownload::beginSegments()
{
    for (const Track &track : m_tracks) {
        if (!checkPlayable(track))
            return;
    }
    // Named after the job's file, with the container's extension, never over a file that is
    // there (as the job's own name was planned): "<name> (2).mp4" then.
    QString base;
    for (size_t i = 0; i < m_tracks.size(); ++i) {
        Track &track = m_tracks[i];
        track.isMp4 = !track.playlist.maps.isEmpty();
        const QString extension = track.isMp4 ? u".mp4"_s : u".ts"_s;
        if (i == 0) {
            track.videoPath = freePath(baseNameFor(m_job.filePath) + extension);
            base = baseNameFor(track.videoPath);
        } else {
            track.videoPath = freePath(base + u".audio"_s + extension);
        }
        if (track.videoPath.isEmpty()) {
            fail(FetchError::other(u"no free file name for %1"_s.arg(m_job.filePath)));
            return;
        }
        if (!setUpTrack(int(i)))
            return;
    }
    m_segmentCount = int(m_tracks.front().playlist.segments.size());
    fetchKeys();
    if (m_done)
        return;
    pump();
    if (writeReady() && !m_done) {
        emitProgress();
        if (m_children.isEmpty())
            allWritten(); // every piece was there from an earlier run
    }
}

bool HlsDownload::setUpTrack(int index)
{
    Track &track = m_tracks[index];
    const HlsPlaylist::MediaPlaylist &playlist = track.playlist;
    const auto ivFor = [&](int keyIndex, qint64 sequence) {
        if (keyIndex < 0)
            return QByteArray();
        const QByteArray &iv = playlist.keys.at(keyIndex).iv;
        return iv.isEmpty() ? HlsDecryptor::ivForSequence(sequence) : iv;
    };
    int previousMap = -1;
    for (int s = 0; s < playlist.segments.size(); ++s) {
        const HlsPlaylist::Segment &segment = playlist.segments.at(s);
        if (segment.mapIndex >= 0 && segment.mapIndex != previousMap) {
            // An init section before the first segment it applies to, and again wherever the
            // map changes (after a discontinuity, typically).
            const HlsPlaylist::InitSection &map = playlist.maps.at(segment.mapIndex);
            Piece init;
            init.url = map.uri;
            init.range = map.range;
            init.keyIndex = map.keyIndex;
            init.iv = ivFor(map.keyIndex, segment.sequence);
            init.segment = s;
            init.isSegment = false;
            track.pieces << init;
        }
        previousMap = segment.mapIndex;
        Piece piece;
        piece.url = segment.uri;
        piece.range = segment.range;
        piece.keyIndex = segment.keyIndex;
        piece.iv = ivFor(segment.keyIndex, segment.sequence);
        piece.segment = s;
        track.pieces << piece;
    }

    QString why;
    track.store = std::make_unique<HlsSegmentStore>(track.videoPath);
    if (!track.store->open(track.identity, m_job.resume, &why)) {
        fail(FetchError::other(why));
        return false;
    }
    // What an earlier run wrote into the .part stays, when the .part still holds it all.
    const HlsSegmentStore::State state = track.store->state();
    track.assembler = std::make_unique<HlsAssembler>(track.videoPath);
    const bool resuming =
            m_job.resume && state.assembled > 0 && state.assembled <= track.pieces.size();
    const qint64 kept = track.assembler->open(resuming ? state.size : 0, &why);
    if (kept < 0) {
        fail(FetchError::other(why));
        return false;
    }
    track.nextToWrite = resuming && kept == state.size ? state.assembled : 0;
    track.nextToFetch = track.nextToWrite;
    for (int n = 0; n < track.pieces.size(); ++n) {
        Piece &piece = track.pieces[n];
        piece.fetched = n < track.nextToWrite || track.store->isPieceDone(n);
        if (piece.fetched)
            ++m_piecesDone;
    }
    m_piecesTotal += int(track.pieces.size());
    return true;
}

void HlsDownload::fetchKeys()
{
    for (const Track &track : m_tracks) {
        for (int n = track.nextToWrite; n < track.pieces.size(); ++n) {
            const int k = track.pieces.at(n).keyIndex;
            if (k < 0)
                continue;
            const QString uri = keyUri(track.playlist.keys.at(k));
            if (m_keysAsked.value(uri))
                continue;
            m_keysAsked.insert(uri, true); // once per URI, however many segments use it
            FetchJob job;
            job.url = track.playlist.keys.at(k).uri;
            Child child;
            child.kind = Child::Kind::Key;
            child.keyUri = uri;
            startChild(job, m_keyOptions, child);
            if (m_done)
                return;
        }
    }
}

void HlsDownload::onKey(const QString &uri, const FetchResult &result)
{
    if (!result.isSuccess()) {
        fail(FetchError(FetchErrorKind::HlsInvalid,
                        { u"cannot fetch the key %1: %2"_s.arg(uri, result.error.text()) }));
        return;
    }
    if (result.preview.size() != 16) {
        fail(FetchError(FetchErrorKind::HlsKeyInvalid,
                        { uri, QString::number(result.bytesReceived) }));
        return;
    }
    m_keys.insert(uri, result.preview);
    if (writeReady() && !m_done) {
        emitProgress();
        pump();
    }
}

Transfer *HlsDownload::startChild(const FetchJob &job, const FetchOptions &options, Child child)
{
    auto *transfer = new Transfer(job, options, m_manager, m_clock, this);
    m_children.insert(transfer, child);
    connect(transfer, &Transfer::finished, this, &HlsDownload::onChildFinished);
    transfer->start();
    return transfer;
}

void HlsDownload::onChildFinished(Transfer *transfer)
{
    const Child child = m_children.take(transfer);
    const FetchResult result = transfer->result();
    transfer->disconnect(this);
    transfer->deleteLater();
    m_retries += result.retries;
    if (m_done)
        return;
    switch (child.kind) {
    case Child::Kind::Playlist:
        onMediaPlaylist(child.track, result);
        return;
    case Child::Kind::Key:
        onKey(child.keyUri, result);
        return;
    case Child::Kind::Piece:
        break;
    }
    Track &track = m_tracks[child.track];
    Piece &piece = track.pieces[child.piece];
    if (!result.isSuccess()) {
        const int segments = int(track.playlist.segments.size());
        fail(FetchError(FetchErrorKind::HlsSegmentFailed,
                        { QString::number(piece.segment + 1), QString::number(segments),
                          piece.isSegment ? result.error.text()
                                          : u"its EXT-X-MAP: %1"_s.arg(result.error.text()) }));
        return;
    }
    piece.fetched = true;
    ++m_piecesDone;
    if (!writeReady() || m_done)
        return;
    emitProgress();
    bool allIn = true;
    for (const Track &t : m_tracks)
        allIn = allIn && t.nextToWrite == t.pieces.size();
    if (allIn)
        allWritten();
    else
        pump();
}

void HlsDownload::pump()
{
    int active = 0;
    for (const Child &child : std::as_const(m_children))
        active += child.kind == Child::Kind::Piece;
    for (size_t t = 0; t < m_tracks.size() && active < m_limit && !m_done; ++t) {
        Track &track = m_tracks[t];
        while (active < m_limit && !m_done) {
            while (track.nextToFetch < track.pieces.size()
                   && track.pieces.at(track.nextToFetch).fetched)
                ++track.nextToFetch;
            if (track.nextToFetch >= track.pieces.size())
                break;
            const int n = track.nextToFetch++;
            const Piece &piece = track.pieces.at(n);
            FetchJob job;
            job.index = n;
            job.url = piece.url;
            job.filePath = track.store->piecePath(n);
            // A cut segment continues where it broke off; a byte range is asked whole again.
            job.resume = !piece.range.isSet();
            job.rangeOffset = piece.range.offset;
            job.rangeLength = piece.range.length;
            Child child;
            child.track = int(t);
            child.piece = n;
            startChild(job, m_segmentOptions, child);
            ++active;
        }
    }
}

// Writes every piece that can be written now, in order. False when that failed.
bool HlsDownload::writeReady()
{
    for (Track &track : m_tracks) {
        const int segments = int(track.playlist.segments.size());
        while (track.nextToWrite < track.pieces.size()) {
            const int n = track.nextToWrite;
            const Piece &piece = track.pieces.at(n);
            if (!piece.fetched)
                break;
            QByteArray key;
            if (piece.keyIndex >= 0) {
                key = m_keys.value(keyUri(track.playlist.keys.at(piece.keyIndex)));
                if (key.isEmpty())
                    break; // its key is on its way
            }
            QString why;
            if (!track.assembler->append(track.store->piecePath(n), key, piece.iv, &why)) {
                fail(FetchError(
                        FetchErrorKind::HlsSegmentFailed,
                        { QString::number(piece.segment + 1), QString::number(segments), why }));
                return false;
            }
            track.store->removePiece(n);
            ++track.nextToWrite;
            if (!track.store->saveState({ track.nextToWrite, track.assembler->size() }, &why)) {
                fail(FetchError::other(why));
                return false;
            }
        }
    }
    m_bytesWritten = 0;
    for (const Track &track : m_tracks)
        m_bytesWritten += track.assembler->size();
    if (m_segmentOptions.maxFileSize > 0 && m_bytesWritten > m_segmentOptions.maxFileSize) {
        fail(FetchError(FetchErrorKind::TooLarge,
                        { QString::number(m_segmentOptions.maxFileSize) }));
        return false;
    }
    return true;
}

void HlsDownload::allWritten()
{
    for (Track &track : m_tracks) {
        QString why;
        if (!track.assembler->commit(&why)) {
            fail(FetchError::other(why));
            return;
        }
        track.store->removeAll();
    }
    m_filePath = m_tracks.front().videoPath;
    const bool hasFfmpeg = !FfmpegRemuxer::program().isEmpty();
    const bool isTs = !m_tracks.front().isMp4;
    if (hasFfmpeg && !m_segmentOptions.hlsKeepTs && (isTs || m_tracks.size() > 1))
        remux();
    else
        complete();
}

void HlsDownload::remux()
{
    QStringList inputs;
    for (const Track &track : m_tracks)
        inputs << track.videoPath;
    const QString &video = m_tracks.front().videoPath;
    QString output = baseNameFor(video) + u".mp4"_s;
    if (output != video) // the video's own name it may replace, no other file
        output = freePath(output);
    if (output.isEmpty()) {
        complete(); // the video as saved stays
        return;
    }
    m_remuxer = std::make_unique<FfmpegRemuxer>();
    connect(m_remuxer.get(), &FfmpegRemuxer::finished, this, [this, inputs, output] {
        if (m_remuxer->succeeded()) {
            for (const QString &input : inputs) {
                if (input != output)
                    QFile::remove(input);
            }
            m_filePath = output;
            m_bytesWritten = QFileInfo(output).size();
        } else if (m_canceled) {
            fail(FetchError(FetchErrorKind::Canceled));
            return;
        }
        // Else ffmpeg could not remux it: the video as saved is complete and stays.
        complete();
    });
    m_remuxer->start(inputs, output);
}

void HlsDownload::cancel()
{
    if (m_done)
        return;
    m_canceled = true;
    if (m_remuxer)
        m_remuxer->cancel(); // its finished() ends the download
    else
        fail(FetchError(FetchErrorKind::Canceled));
}

void HlsDownload::checkStall(qint64 nowMs)
{
    const QList<Transfer *> children = m_children.keys();
    for (Transfer *child : children) {
        if (m_children.contains(child))
            child->checkStall(nowMs);
    }
}

void HlsDownload::fail(const FetchError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_error = error;
    for (Transfer *child : m_children.keys()) {
        child->disconnect(this);
        child->deleteLater(); // its destructor aborts the request
        child->cancel();
    }
    m_children.clear();
    for (Track &track : m_tracks) {
        if (track.assembler)
            track.assembler->close();
        if (!m_job.resume) { // nothing of a failed download stays
            if (!track.videoPath.isEmpty())
                PartFile::remove(track.videoPath);
            if (track.store)
                track.store->removeAll();
        }
    }
    QMetaObject::invokeMethod(this, &HlsDownload::finished, Qt::QueuedConnection);
}

void HlsDownload::complete()
{
    m_done = true;
    QMetaObject::invokeMethod(this, &HlsDownload::finished, Qt::QueuedConnection);
}

void HlsDownload::emitProgress()
{
    emit progress(m_bytesWritten, m_piecesDone, m_piecesTotal);
}

} // namespace qcrawl
