#pragma once

#include <QByteArray>

namespace qcrawl {

// HLS videos for the demo server: real, tiny clips (made by scripts/make-demo-hls, compiled in
// from resources/demo/hls/) behind the playlists an HLS downloader meets, including the ones it
// must get right or refuse. Like DemoVideoSite this class only decides what to answer under
// /hls/; DemoRoutes and the connection do the HTTP, and the counters that outlive a request
// (the flaky segment) live in DemoRoutes.
//
// Every clip is 4 seconds. A TS clip is cut into 4 segments at 188-byte packet boundaries
// (segmentBytes()), so the segments concatenated are the file's bytes exactly: that is what a
// downloader must write. The cuts are not at keyframes, so a segment alone does not always
// decode; the playlists therefore do not claim EXT-X-INDEPENDENT-SEGMENTS. URIs in playlists are
// relative. Media playlists have EXT-X-VERSION, EXT-X-TARGETDURATION:1, EXT-X-PLAYLIST-TYPE:VOD
// and EXT-X-ENDLIST unless said otherwise below.
//
//   /hls/master.m3u8              two variants: low (BANDWIDTH=300000,RESOLUTION=192x108) and
//                                 high (BANDWIDTH=900000,RESOLUTION=384x216), with CODECS
//   /hls/low/index.m3u8           the low clip: seg0.ts .. seg3.ts
//   /hls/high/index.m3u8          the high clip, the same way
//   /hls/aes/index.m3u8           the low clip, each segment AES-128-CBC encrypted with PKCS#7
//                                 padding; EXT-X-MEDIA-SEQUENCE:7; seg0-1 with key1.bin and
//                                 IV=0x<explicitIv()>, seg2-3 with key2.bin and no IV (so the IV
//                                 is the media sequence number, 128-bit big-endian)
//   /hls/aes/bad-key/index.m3u8   the same playlist, but its key1.bin and key2.bin answer 16
//                                 wrong bytes (badKey(n)); the segments are ../seg<N>.ts
//   /hls/aes/short-key/index.m3u8 the same, with keys of 5 bytes that a client must refuse
//   /hls/fmp4/index.m3u8          the low clip as fMP4: EXT-X-VERSION:7, EXT-X-MAP:URI="init.mp4",
//                                 seg0.m4s .. seg3.m4s
//   /hls/byterange/index.m3u8     the low clip as one resource, all.ts, cut by EXT-X-BYTERANGE
//                                 ("<n>@<o>" on the first segment, "<n>" on the next ones);
//                                 every media URL here honours Range (206, Content-Range)
//   /hls/audio/master.m3u8        an EXT-X-MEDIA audio rendition (GROUP-ID="aud", English,
//                                 audio/index.m3u8 -> the audio-only clip) and one variant with
//                                 AUDIO="aud" (video/index.m3u8 -> the video-only clip)
//   /hls/live/index.m3u8          the low clip as a live window: EXT-X-MEDIA-SEQUENCE:100, no
//                                 PLAYLIST-TYPE, no ENDLIST; the window never moves
//   /hls/drm/index.m3u8           EXT-X-KEY:METHOD=SAMPLE-AES with an skd:// key (FairPlay):
//                                 a downloader must refuse it; its segments are the low clip's
//   /hls/flaky/index.m3u8         the low clip; seg1.ts answers 503 to the first request of each
//                                 target (path + query) since the server started or since
//                                 DemoRoutes::resetFlakyCounters(), 200 afterwards
//   /hls/missing/index.m3u8       the low clip, but seg2.ts answers 404
//   /hls/many/index.m3u8?n=N      N segments (1 .. 100000, default 1000) seg<i>.ts, each the low
//                                 clip's segment i mod 4: a playlist for benchmarks
// Every playlist and media URL accepts ?rate=<bytes per second> (1024 .. 2^32, as /videos/):
// media are sent that fast, and playlists pass "?rate=B" on to every URI they list (segments,
// keys, maps, variants), so the GUI's demo shows progress. Other values of rate are ignored.
class DemoHls final
{
public:
    enum class Stream { Low, High, VideoOnly, Audio, Fmp4 };

    // The whole clip as a downloader must write it: the TS file's bytes, or for Fmp4 the init
    // segment followed by the media segments.
    static QByteArray streamBytes(Stream stream);
    // Media segments (for Fmp4 without the init segment).
    static int segmentCount(Stream stream);
    // Segment index of the stream, unencrypted; empty when there is no such segment.
    static QByteArray segmentBytes(Stream stream, int index);
    // The fMP4 init segment (EXT-X-MAP).
    static QByteArray initSegment();

    // The AES-128 keys of /hls/aes/: key(1) for segments 0-1, key(2) for 2-3; empty otherwise.
    static QByteArray key(int n);
    // What /hls/aes/bad-key/key<n>.bin answers: 16 bytes that are not key(n).
    static QByteArray badKey(int n);
    // The IV written in the playlist for segments 0-1 (16 bytes; the playlist writes it in hex).
    static QByteArray explicitIv();
    static constexpr int AesMediaSequence = 7;
    static constexpr int ShortKeyBytes = 5;
    static constexpr int LiveMediaSequence = 100;
    static constexpr int FlakySegment = 1; // of /hls/flaky/
    static constexpr int MissingSegment = 2; // of /hls/missing/
    static constexpr int DefaultManySegments = 1000;
    static constexpr int MaxManySegments = 100000;

    struct Answer
    {
        int status = 404; // 200, 400 (bad argument) or 404
        QByteArray contentType; // 200
        QByteArray body; // 200: the whole resource (Range is DemoRoutes' business); else text
        qint64 bytesPerSecond = 0; // 0 = as fast as the socket drains
        bool failsOnce = false; // the flaky segment: 503 to the first request of its target
    };

    // What to answer for a request under /hls/ (query still percent-encoded).
    static Answer answer(const QByteArray &path, const QByteArray &query);
};

} // namespace qcrawl
