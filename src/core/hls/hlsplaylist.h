#pragma once

// hls/: saving HLS (RFC 8216) videos. HlsPlaylist reads playlists, HlsVariantChoice picks a
// variant of a master playlist, HlsDecryptor undoes AES-128, HlsSegmentStore keeps finished
// segments beside the .part for resume, HlsAssembler writes them in playlist order, HlsDownload
// drives a whole video through the engine's network manager and FfmpegRemuxer remuxes it.

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QUrl>

namespace qcrawl {

// A playlist as RFC 8216 describes it, read from the bytes a server sent. Every URI is resolved
// against the playlist's own (final) URL. Only what a VOD download needs is kept; unknown tags
// are skipped, as the RFC asks.
namespace HlsPlaylist {

// A playlist of more than this many segments or variants (or keys, maps, renditions) is refused
// (a hostile one could ask for millions); larger than MaxBytes is refused before parsing.
constexpr int MaxEntries = 200'000;
constexpr qint64 MaxBytes = 32 * 1024 * 1024;

struct ByteRange
{
    qint64 offset = -1; // -1: no range, the whole resource
    qint64 length = -1;
    bool isSet() const { return offset >= 0; }
};

struct Key
{
    enum class Method { None, Aes128, SampleAes, Other };
    Method method = Method::None;
    QString methodName; // as written ("AES-128", "SAMPLE-AES", "SAMPLE-AES-CTR"...)
    QUrl uri; // may be a non-http scheme (skd://): the downloader refuses those
    QByteArray iv; // 16 bytes from IV=0x..., empty when the tag has none
    QString keyFormat; // KEYFORMAT, empty for "identity"
};

// EXT-X-MAP: the media initialization section (fMP4's init segment).
struct InitSection
{
    QUrl uri;
    ByteRange range;
    int keyIndex = -1; // into MediaPlaylist::keys; -1: not encrypted
};

struct Segment
{
    QUrl uri;
    double duration = 0; // EXTINF, seconds
    qint64 sequence = 0; // media sequence number (EXT-X-MEDIA-SEQUENCE + position)
    ByteRange range; // EXT-X-BYTERANGE, offset resolved (continues the previous range)
    // Into MediaPlaylist::keys; -1: not encrypted (METHOD=NONE or no key). Of several EXT-X-KEY
    // tags in a row (one encryption offered to several key systems), the identity one if any.
    int keyIndex = -1;
    int mapIndex = -1; // into MediaPlaylist::maps; -1: none
    bool discontinuity = false; // EXT-X-DISCONTINUITY before this segment
};

struct MediaPlaylist
{
    QList<Segment> segments;
    QList<Key> keys; // every distinct EXT-X-KEY tag, in order
    QList<InitSection> maps; // every distinct EXT-X-MAP (URI, range and key), in order
    qint64 mediaSequence = 0;
    double targetDuration = 0;
    bool endList = false; // EXT-X-ENDLIST: a VOD or finished event playlist
    QString playlistType; // EXT-X-PLAYLIST-TYPE: "VOD", "EVENT" or empty
};

struct Variant // EXT-X-STREAM-INF and the URI line after it
{
    QUrl uri;
    qint64 bandwidth = 0;
    qint64 averageBandwidth = 0;
    int width = 0; // RESOLUTION=WxH; 0 when absent
    int height = 0;
    double frameRate = 0;
    QString codecs;
    QString audioGroup; // AUDIO="group"
};

struct Rendition // EXT-X-MEDIA
{
    QString type; // "AUDIO", "VIDEO", "SUBTITLES", "CLOSED-CAPTIONS"
    QString groupId;
    QString name;
    QString language;
    QUrl uri; // empty: the rendition is in the variant's own stream
    bool isDefault = false;
    bool autoSelect = false;
};

struct MasterPlaylist
{
    QList<Variant> variants; // in playlist order
    QList<Rendition> renditions;
};

struct Playlist
{
    enum class Kind { Master, Media };
    Kind kind = Kind::Media;
    MasterPlaylist master; // Kind::Master
    MediaPlaylist media; // Kind::Media
};

// True when head starts like a playlist: "#EXTM3U" after an optional UTF-8 BOM.
bool looksLikePlaylist(QByteArrayView head);
// True for the MIME types RFC 8216 names (application/vnd.apple.mpegurl, audio/mpegurl) and the
// common x- forms, parameters ignored, any case.
bool isPlaylistMimeType(QStringView contentType);

// Parses a playlist fetched from baseUrl. Returns nothing, with *error set in one line (English,
// for FetchError's detail: "line 12: EXTINF without a URI"), when the text is not a playlist or is
// malformed in a way that would make a wrong video: no #EXTM3U, a segment without a URI, a
// BYTERANGE without an offset and no previous range of the same URI, an IV that is not 32 hex
// digits, more than MaxEntries entries, a master playlist mixed with segments, a number that is
// negative or does not fit, a URI that does not resolve to an absolute URL. A playlist without
// segments or variants is not an error here.
std::optional<Playlist> parse(QByteArrayView text, const QUrl &baseUrl, QString *error);

} // namespace HlsPlaylist

// Which variant of a master playlist to download: "best" (highest BANDWIDTH, then resolution),
// "worst", a bandwidth in bits per second ("800000") or a height ("720p"). For a number or a
// height with no exact match, the best variant not above it, else the lowest. Ties go to the
// larger height (for a bandwidth) or the higher bandwidth (for a height), then to the first in
// playlist order; a variant without RESOLUTION never matches a height.
namespace HlsVariantChoice {

bool isValidSpec(QStringView spec); // for option parsing
// The index into master.variants; -1 when there are no variants or the spec is invalid.
int choose(const HlsPlaylist::MasterPlaylist &master, QStringView spec);
// "1280x720, 2.5 Mbit/s" for lists and messages.
QString describe(const HlsPlaylist::Variant &variant);

} // namespace HlsVariantChoice

} // namespace qcrawl
