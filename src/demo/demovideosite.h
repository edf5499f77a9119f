#pragma once

#include <optional>

#include <QByteArray>
#include <QList>
#include <QString>

namespace qcrawl {

// The offline stand-in for the site of the tutorial's harvest (pearvideo.com's category page):
// a list page shaped like the real one, so that the tutorial's XPath expressions work on it
// unchanged, detail pages carrying the media URL in a script (srcUrl="...",vdoUrl=...) and the
// media files themselves. DemoRoutes serves it under /videos/; this class only decides what to
// answer, DemoRoutes and the connection do the HTTP.
//
// The catalogue holds the cases a harvester must get right: Chinese titles, HTML entities and
// stray whitespace in titles, hostile titles ("../../x", "a/b", "CON", 300 bytes of Chinese),
// two videos with the same title, a media URL that answers 404, a detail page without a video,
// a chunked video, a video behind a redirect to another host name (a CDN: 127.0.0.1 <-> localhost),
// a protocol-relative media URL, a video whose connection drops half-way the first time, a video
// that is an HLS playlist (/hls/master.m3u8, see DemoHls), and an advertisement in the list that
// is not a video at all. Everything is deterministic: the media bytes are
// DemoPattern::bytes(mediaOffset(id), size); the HLS video's are DemoHls's.
//
//   /videos/category_5         the list page (UTF-8)
//   /videos/category_gbk       two of the videos, GBK-encoded, charset only in the HTTP header
//   /videos/category_gb2312    the same bytes, charset only in a <meta> tag that says gb2312
//                              although the page uses a GBK-only character
//   /videos/video_<id>         a detail page
//   /videos/media/<id>.mp4     the media, with Content-Length; honours Range
//   /videos/stream/<id>.mp4    the same bytes, chunked
//   /videos/cdn/<id>.mp4       302 to /videos/media/<id>.mp4 on the other host name
//   /videos/flaky/<id>.mp4     the first request ever gets half the bytes, then the connection
//                              closes; later ones are served like /videos/media (Range too)
//   /videos/play/<id>          the same bytes as video/webm, under a URL that names no type
// Every page and media URL accepts ?rate=<bytes per second>, which list and detail pages pass
// on to the media URLs they link: the GUI's demo uses it to make progress bars visible. The list
// page also accepts ?page_delay=<ms> (up to 60,000), passed on to the detail pages it links,
// which then answer that late: a harvest that is still reading its detail pages, for tests.
class DemoVideoSite final
{
public:
    enum class Delivery {
        Plain, // absolute media URL, Content-Length
        ProtocolRelative, // "//host/videos/media/<id>.mp4"
        Chunked,
        Redirected, // through /videos/cdn/ to the other host name
        DropsOnce, // through /videos/flaky/
        Missing, // the media URL answers 404
        NoVideo, // the detail page has no media URL
        Hls, // the media URL is the absolute URL of /hls/master.m3u8 on the same host
    };

    struct Video
    {
        int id = 0;
        QString title; // as a browser shows it: entities decoded, whitespace trimmed
        QByteArray titleHtml; // as written in the list page
        Delivery delivery = Delivery::Plain;
        // Media bytes; 0 when there is no media, and 0 for Hls: its media is no single file of
        // pattern bytes but a playlist of segments (DemoHls::streamBytes(DemoHls::Stream::Low)
        // or High, whichever variant a downloader picks), so /videos/media/ has nothing for it.
        qint64 size = 0;
    };

    struct Answer
    {
        enum class Kind { Page, Media, ChunkedMedia, MediaCutOnce, Redirect, NotFound };
        Kind kind = Kind::NotFound;
        QByteArray contentType; // Page; media: empty for video/mp4
        QByteArray body; // Page
        QByteArray location; // Redirect
        qint64 offset = 0; // media: pattern offset of the first byte
        qint64 size = 0; // media: total bytes
        qint64 bytesPerSecond = 0; // media: 0 = as fast as the socket drains
        qint64 delayMs = 0; // Page: answered this long after the request (?page_delay=MS)
    };

    static const QList<Video> &catalogue(); // in list order
    static std::optional<Video> video(int id);
    static qint64 mediaOffset(int id);
    static QByteArray mediaBytes(int id); // the whole file, for tests; empty when size is 0

    // What to answer for a request under /videos/. host is the request's Host header
    // ("127.0.0.1:5000"), from which absolute media URLs are made.
    static Answer answer(const QByteArray &path, const QByteArray &query, const QByteArray &host);

    // The same Host with 127.0.0.1 and localhost swapped: the "CDN" of the redirected video.
    static QByteArray otherHostName(const QByteArray &host);

private:
    static QByteArray listPage(const QByteArray &rateQuery);
    static QByteArray gbkListPage(bool metaOnly, const QByteArray &rateQuery);
    static QByteArray detailPage(const Video &video, const QByteArray &host,
                                 const QByteArray &rateQuery);
};

} // namespace qcrawl
