#include "hls/hlsplaylist.h"

#include <limits>

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::HlsPlaylist;

namespace {

// A playlist's URL with a path and a query: relative URIs resolve against its folder, and the
// query (a token, say) is not carried over (RFC 3986 5.2).
const QString BaseText = u"https://cdn.example.com/video/hls/index.m3u8?token=abc"_s;
const QString BaseFolder = u"https://cdn.example.com/video/hls/"_s;

QUrl base()
{
    return QUrl(BaseText);
}

QString shortUrl(const QUrl &url)
{
    const QString text = url.toString(QUrl::FullyEncoded);
    return text.startsWith(BaseFolder) ? text.mid(BaseFolder.size()) : text;
}

QString rangeText(const ByteRange &range)
{
    return range.isSet() ? QString::number(range.offset) % u'+' % QString::number(range.length)
                         : u"-"_s;
}

// "a.ts 0+100 k0 m-1 D": URI, byte range, key and map indexes, discontinuity.
QStringList segmentSummary(const MediaPlaylist &media)
{
    QStringList lines;
    for (const Segment &segment : media.segments) {
        lines << shortUrl(segment.uri) % u' ' % rangeText(segment.range) % u" k"
                        % QString::number(segment.keyIndex) % u" m"
                        % QString::number(segment.mapIndex)
                        % (segment.discontinuity ? u" D"_s : QString());
    }
    return lines;
}

QString methodText(Key::Method method)
{
    switch (method) {
    case Key::Method::None:
        return u"none"_s;
    case Key::Method::Aes128:
        return u"aes128"_s;
    case Key::Method::SampleAes:
        return u"sampleaes"_s;
    case Key::Method::Other:
        return u"other"_s;
    }
    return QString();
}

// "AES-128/aes128 key1.bin iv=00..0f format=x".
QStringList keySummary(const MediaPlaylist &media)
{
    QStringList lines;
    for (const Key &key : media.keys) {
        QString line = key.methodName % u'/' % methodText(key.method) % u' ' % shortUrl(key.uri);
        if (!key.iv.isEmpty())
            line += u" iv="_s % QString::fromLatin1(key.iv.toHex());
        if (!key.keyFormat.isEmpty())
            line += u" format="_s % key.keyFormat;
        lines << line;
    }
    return lines;
}

// "init.mp4 0+720 k-1".
QStringList mapSummary(const MediaPlaylist &media)
{
    QStringList lines;
    for (const InitSection &map : media.maps)
        lines << shortUrl(map.uri) % u' ' % rangeText(map.range) % u" k"
                        % QString::number(map.keyIndex);
    return lines;
}

QByteArray playlist(const QByteArray &body)
{
    return "#EXTM3U\n" + body;
}

QByteArray iv32(const char *hexDigits)
{
    return QByteArray("0x") + hexDigits;
}

// "800000 720": a variant's bandwidth and height, for the choice table.
HlsPlaylist::MasterPlaylist masterOf(const QStringList &variants)
{
    HlsPlaylist::MasterPlaylist master;
    for (const QString &text : variants) {
        const QStringList parts = text.split(u' ');
        Variant variant;
        variant.bandwidth = parts.at(0).toLongLong();
        variant.height = parts.at(1).toInt();
        variant.width = variant.height * 16 / 9;
        variant.uri = QUrl(BaseFolder + text.section(u' ', 0, 0) + u".m3u8"_s);
        master.variants << variant;
    }
    return master;
}

QByteArray hugeMediaPlaylist(int segments)
{
    QByteArray text = "#EXTM3U\n#EXT-X-TARGETDURATION:4\n";
    text.reserve(segments * 24);
    for (int i = 0; i < segments; ++i)
        text += "#EXTINF:4,\nseg" + QByteArray::number(i) + ".ts\n";
    return text + "#EXT-X-ENDLIST\n";
}

} // namespace

// HlsPlaylist::parse() and HlsVariantChoice over playlists written out in full: what every tag
// yields, and the exact one-line error for each playlist that would make a wrong video.
class tst_HlsPlaylist : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void looksLikePlaylist_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("expected");
        QTest::newRow("EXTM3U and LF") << QByteArray("#EXTM3U\n#EXT-X-VERSION:3") << true;
        QTest::newRow("EXTM3U and CRLF") << QByteArray("#EXTM3U\r\n") << true;
        QTest::newRow("EXTM3U alone") << QByteArray("#EXTM3U") << true;
        QTest::newRow("trailing space") << QByteArray("#EXTM3U \n") << true;
        QTest::newRow("BOM") << QByteArray("\xEF\xBB\xBF#EXTM3U\n") << true;
        QTest::newRow("empty") << QByteArray() << false;
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << false;
        QTest::newRow("cut short") << QByteArray("#EXTM3") << false;
        QTest::newRow("longer tag") << QByteArray("#EXTM3UX\n") << false;
        QTest::newRow("lower case") << QByteArray("#extm3u\n") << false;
        QTest::newRow("leading blank line") << QByteArray("\n#EXTM3U\n") << false;
        QTest::newRow("leading space") << QByteArray(" #EXTM3U\n") << false;
        QTest::newRow("HTML") << QByteArray("<!DOCTYPE html>") << false;
    }
    void looksLikePlaylist()
    {
        QFETCH(QByteArray, head);
        QTEST(HlsPlaylist::looksLikePlaylist(head), "expected");
    }

    void mimeType_data()
    {
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<bool>("expected");
        QTest::newRow("Apple") << u"application/vnd.apple.mpegurl"_s << true;
        QTest::newRow("Apple, mixed case") << u"application/vnd.apple.mpegURL"_s << true;
        QTest::newRow("audio") << u"audio/mpegurl"_s << true;
        QTest::newRow("x- application") << u"application/x-mpegURL"_s << true;
        QTest::newRow("x- audio") << u"audio/x-mpegurl"_s << true;
        QTest::newRow("parameters") << u"application/vnd.apple.mpegurl; charset=UTF-8"_s << true;
        QTest::newRow("spaces") << u"  application/x-mpegurl ;charset=utf-8"_s << true;
        QTest::newRow("video") << u"video/mp2t"_s << false;
        QTest::newRow("HTML") << u"text/html"_s << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("prefix") << u"application/vnd.apple.mpegurl2"_s << false;
    }
    void mimeType()
    {
        QFETCH(QString, contentType);
        QTEST(HlsPlaylist::isPlaylistMimeType(contentType), "expected");
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        const QString notPlaylist = u"line 1: not an HLS playlist (no #EXTM3U)"_s;
        QTest::newRow("empty") << QByteArray() << notPlaylist;
        QTest::newRow("no EXTM3U") << QByteArray("#EXTINF:10,\na.ts\n") << notPlaylist;
        QTest::newRow("EXTM3U on line 2") << QByteArray("\n#EXTM3U\n") << notPlaylist;
        QTest::newRow("longer first tag") << QByteArray("#EXTM3UX\n") << notPlaylist;
        QTest::newRow("space before EXTM3U") << QByteArray(" #EXTM3U\n") << notPlaylist;
        QTest::newRow("HTML") << QByteArray("<html><body>#EXTM3U</body></html>") << notPlaylist;

        // Segments and their URIs.
        QTest::newRow("URI without EXTINF") << playlist("#EXT-X-TARGETDURATION:10\na.ts\n")
                                            << u"line 3: a URI without EXTINF"_s;
        QTest::newRow("URI after the previous segment's")
                << playlist("#EXTINF:10,\na.ts\nb.ts\n") << u"line 4: a URI without EXTINF"_s;
        QTest::newRow("trailing EXTINF") << playlist("#EXTINF:10,\na.ts\n#EXTINF:10,\n")
                                         << u"line 4: EXTINF without a URI"_s;
        QTest::newRow("trailing EXTINF, then tags")
                << playlist("#EXTINF:10,\n#EXT-X-ENDLIST\n") << u"line 2: EXTINF without a URI"_s;
        QTest::newRow("two EXTINF for one URI") << playlist("#EXTINF:10,\n#EXTINF:10,\na.ts\n")
                                                << u"line 2: EXTINF without a URI"_s;
        QTest::newRow("invalid URI: http without a host")
                << playlist("#EXTINF:10,\nhttp:a.ts\n") << u"line 3: invalid URI"_s;
        QTest::newRow("invalid URI: broken IPv6 host")
                << playlist("#EXTINF:10,\nhttp://[::1/a.ts\n") << u"line 3: invalid URI"_s;

        // Numbers.
        const QString badDuration = u"line 2: invalid EXTINF duration"_s;
        QTest::newRow("EXTINF negative") << playlist("#EXTINF:-1,\na.ts\n") << badDuration;
        QTest::newRow("EXTINF empty") << playlist("#EXTINF:,title\na.ts\n") << badDuration;
        QTest::newRow("EXTINF no value") << playlist("#EXTINF\na.ts\n") << badDuration;
        QTest::newRow("EXTINF exponent") << playlist("#EXTINF:1e3,\na.ts\n") << badDuration;
        QTest::newRow("EXTINF inf") << playlist("#EXTINF:inf,\na.ts\n") << badDuration;
        QTest::newRow("EXTINF nan") << playlist("#EXTINF:nan,\na.ts\n") << badDuration;
        QTest::newRow("EXTINF two dots") << playlist("#EXTINF:1.2.3,\na.ts\n") << badDuration;
        QTest::newRow("EXTINF too large")
                << playlist("#EXTINF:" + QByteArray(400, '9') + ",\na.ts\n") << badDuration;
        QTest::newRow("TARGETDURATION negative") << playlist("#EXT-X-TARGETDURATION:-10\n")
                                                 << u"line 2: invalid EXT-X-TARGETDURATION"_s;
        QTest::newRow("MEDIA-SEQUENCE negative") << playlist("#EXT-X-MEDIA-SEQUENCE:-1\n")
                                                 << u"line 2: invalid EXT-X-MEDIA-SEQUENCE"_s;
        QTest::newRow("MEDIA-SEQUENCE above qint64")
                << playlist("#EXT-X-MEDIA-SEQUENCE:9223372036854775808\n")
                << u"line 2: invalid EXT-X-MEDIA-SEQUENCE"_s;
        QTest::newRow("MEDIA-SEQUENCE not a number") << playlist("#EXT-X-MEDIA-SEQUENCE:0x10\n")
                                                     << u"line 2: invalid EXT-X-MEDIA-SEQUENCE"_s;
        QTest::newRow("MEDIA-SEQUENCE after a segment")
                << playlist("#EXTINF:10,\na.ts\n#EXT-X-MEDIA-SEQUENCE:5\n")
                << u"line 4: EXT-X-MEDIA-SEQUENCE after the first segment"_s;
        QTest::newRow("sequence number overflows")
                << playlist("#EXT-X-MEDIA-SEQUENCE:9223372036854775807\n"
                            "#EXTINF:10,\na.ts\n#EXTINF:10,\nb.ts\n")
                << u"line 6: media sequence number overflows"_s;

        // Byte ranges.
        const QByteArray maxMinus10 = "9223372036854775797";
        QTest::newRow("BYTERANGE zero length")
                << playlist("#EXT-X-BYTERANGE:0@0\n") << u"line 2: invalid EXT-X-BYTERANGE"_s;
        QTest::newRow("BYTERANGE negative")
                << playlist("#EXT-X-BYTERANGE:-5\n") << u"line 2: invalid EXT-X-BYTERANGE"_s;
        QTest::newRow("BYTERANGE negative offset")
                << playlist("#EXT-X-BYTERANGE:5@-1\n") << u"line 2: invalid EXT-X-BYTERANGE"_s;
        QTest::newRow("BYTERANGE empty offset")
                << playlist("#EXT-X-BYTERANGE:5@\n") << u"line 2: invalid EXT-X-BYTERANGE"_s;
        QTest::newRow("BYTERANGE not a number")
                << playlist("#EXT-X-BYTERANGE:abc\n") << u"line 2: invalid EXT-X-BYTERANGE"_s;
        QTest::newRow("BYTERANGE end above qint64")
                << playlist("#EXT-X-BYTERANGE:11@" + maxMinus10 + "\n")
                << u"line 2: invalid EXT-X-BYTERANGE"_s;
        QTest::newRow("BYTERANGE continued above qint64")
                << playlist("#EXT-X-BYTERANGE:10@" + maxMinus10
                            + "\n#EXTINF:1,\na.ts\n#EXT-X-BYTERANGE:1\n#EXTINF:1,\na.ts\n")
                << u"line 5: invalid EXT-X-BYTERANGE"_s;
        const QString noPrevious =
                u"EXT-X-BYTERANGE without an offset and no previous range of the same URI"_s;
        QTest::newRow("BYTERANGE without offset, first segment")
                << playlist("#EXTINF:10,\n#EXT-X-BYTERANGE:100\na.ts\n")
                << u"line 3: "_s + noPrevious;
        QTest::newRow("BYTERANGE without offset after a whole segment")
                << playlist("#EXTINF:10,\na.ts\n#EXT-X-BYTERANGE:100\n#EXTINF:10,\na.ts\n")
                << u"line 4: "_s + noPrevious;
        QTest::newRow("BYTERANGE without offset, other URI")
                << playlist("#EXT-X-BYTERANGE:100@0\n#EXTINF:10,\na.ts\n"
                            "#EXT-X-BYTERANGE:100\n#EXTINF:10,\nb.ts\n")
                << u"line 5: "_s + noPrevious;
        QTest::newRow("trailing BYTERANGE") << playlist("#EXT-X-BYTERANGE:100@0\n")
                                            << u"line 2: EXT-X-BYTERANGE without a URI"_s;

        // Attribute lists.
        const QString malformed = u"line 2: malformed attribute list"_s;
        QTest::newRow("unterminated quote")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"k.bin\n") << malformed;
        QTest::newRow("name without value") << playlist("#EXT-X-KEY:METHOD\n") << malformed;
        QTest::newRow("text after a quoted value")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"k.bin\"x\n") << malformed;
        QTest::newRow("no name") << playlist("#EXT-X-KEY:=AES-128\n") << malformed;
        QTest::newRow("quote in a name") << playlist("#EXT-X-KEY:ME\"THOD=AES-128\n") << malformed;
        QTest::newRow("two values, no comma")
                << playlist("#EXT-X-STREAM-INF:BANDWIDTH=1 RESOLUTION=2x2\"\n") << malformed;

        // Keys.
        const QString badIv = u"line 2: invalid IV (not 0x and 32 hex digits)"_s;
        const QByteArray key = "#EXT-X-KEY:METHOD=AES-128,URI=\"k.bin\",IV=";
        QTest::newRow("key without METHOD")
                << playlist("#EXT-X-KEY:URI=\"k.bin\"\n") << u"line 2: EXT-X-KEY without METHOD"_s;
        QTest::newRow("key with an empty METHOD") << playlist("#EXT-X-KEY:METHOD=,URI=\"k.bin\"\n")
                                                  << u"line 2: EXT-X-KEY without METHOD"_s;
        QTest::newRow("key without URI")
                << playlist("#EXT-X-KEY:METHOD=AES-128\n") << u"line 2: EXT-X-KEY without URI"_s;
        QTest::newRow("key with an empty URI")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"\"\n") << u"line 2: invalid URI"_s;
        QTest::newRow("IV of 31 digits")
                << playlist(key + iv32("0102030405060708090a0b0c0d0e0f1") + "\n") << badIv;
        QTest::newRow("IV of 33 digits")
                << playlist(key + iv32("0102030405060708090a0b0c0d0e0f101") + "\n") << badIv;
        QTest::newRow("IV without 0x")
                << playlist(key + "000102030405060708090a0b0c0d0e0f\n") << badIv;
        QTest::newRow("IV not hex")
                << playlist(key + iv32("0102030405060708090a0b0c0d0e0fgg") + "\n") << badIv;
        QTest::newRow("IV empty") << playlist(key + "\n") << badIv;

        // Maps.
        QTest::newRow("map without URI") << playlist("#EXT-X-MAP:BYTERANGE=\"720@0\"\n")
                                         << u"line 2: EXT-X-MAP without URI"_s;
        QTest::newRow("map range of zero bytes")
                << playlist("#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"0@0\"\n")
                << u"line 2: invalid BYTERANGE in EXT-X-MAP"_s;
        QTest::newRow("map range not a number")
                << playlist("#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"all\"\n")
                << u"line 2: invalid BYTERANGE in EXT-X-MAP"_s;

        // Master playlists.
        QTest::newRow("STREAM-INF without BANDWIDTH")
                << playlist("#EXT-X-STREAM-INF:RESOLUTION=1280x720\nv.m3u8\n")
                << u"line 2: EXT-X-STREAM-INF without BANDWIDTH"_s;
        QTest::newRow("BANDWIDTH negative") << playlist("#EXT-X-STREAM-INF:BANDWIDTH=-1\nv.m3u8\n")
                                            << u"line 2: invalid BANDWIDTH"_s;
        QTest::newRow("BANDWIDTH above qint64")
                << playlist("#EXT-X-STREAM-INF:BANDWIDTH=99999999999999999999\nv.m3u8\n")
                << u"line 2: invalid BANDWIDTH"_s;
        QTest::newRow("AVERAGE-BANDWIDTH not a number")
                << playlist("#EXT-X-STREAM-INF:BANDWIDTH=1,AVERAGE-BANDWIDTH=fast\nv.m3u8\n")
                << u"line 2: invalid AVERAGE-BANDWIDTH"_s;
        QTest::newRow("RESOLUTION without x")
                << playlist("#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=1280\nv.m3u8\n")
                << u"line 2: invalid RESOLUTION"_s;
        QTest::newRow("RESOLUTION without height")
                << playlist("#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=1280x\nv.m3u8\n")
                << u"line 2: invalid RESOLUTION"_s;
        QTest::newRow("RESOLUTION above int")
                << playlist("#EXT-X-STREAM-INF:BANDWIDTH=1,RESOLUTION=1x2147483648\nv.m3u8\n")
                << u"line 2: invalid RESOLUTION"_s;
        QTest::newRow("FRAME-RATE negative")
                << playlist("#EXT-X-STREAM-INF:BANDWIDTH=1,FRAME-RATE=-30\nv.m3u8\n")
                << u"line 2: invalid FRAME-RATE"_s;
        QTest::newRow("trailing STREAM-INF") << playlist(
                "#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=2\n")
                                             << u"line 4: EXT-X-STREAM-INF without a URI"_s;
        QTest::newRow("two STREAM-INF for one URI") << playlist(
                "#EXT-X-STREAM-INF:BANDWIDTH=1\n#EXT-X-STREAM-INF:BANDWIDTH=2\nv.m3u8\n")
                                                    << u"line 2: EXT-X-STREAM-INF without a URI"_s;
        QTest::newRow("MEDIA without TYPE")
                << playlist("#EXT-X-MEDIA:GROUP-ID=\"aac\",NAME=\"English\"\n")
                << u"line 2: EXT-X-MEDIA without TYPE"_s;
        QTest::newRow("MEDIA without GROUP-ID")
                << playlist("#EXT-X-MEDIA:TYPE=AUDIO,NAME=\"English\"\n")
                << u"line 2: EXT-X-MEDIA without GROUP-ID"_s;
        QTest::newRow("MEDIA with an invalid URI")
                << playlist("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",URI=\"http:en.m3u8\"\n")
                << u"line 2: invalid URI"_s;
        const QString mixed =
                u"a master playlist (EXT-X-STREAM-INF) mixed with segments (EXTINF)"_s;
        QTest::newRow("STREAM-INF, then EXTINF")
                << playlist("#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n#EXTINF:10,\na.ts\n")
                << u"line 4: "_s + mixed;
        QTest::newRow("EXTINF, then STREAM-INF")
                << playlist("#EXTINF:10,\na.ts\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n")
                << u"line 4: "_s + mixed;

        QTest::newRow("larger than MaxBytes")
                << QByteArray("#EXTM3U\n").leftJustified(MaxBytes + 1, '#')
                << u"playlist is larger than 32 MiB"_s;
    }
    void errors()
    {
        QFETCH(QByteArray, text);
        QString error;
        const auto parsed = HlsPlaylist::parse(text, base(), &error);
        QVERIFY(!parsed);
        QTEST(error, "error");
        // And without an error string to fill.
        QVERIFY(!HlsPlaylist::parse(text, base(), nullptr));
    }

    // Relative URIs need the playlist's URL: without one they are refused, absolute ones are not.
    void relativeUriWithoutBase()
    {
        QString error;
        QVERIFY(!HlsPlaylist::parse(playlist("#EXTINF:10,\na.ts\n"), QUrl(), &error));
        QCOMPARE(error, u"line 3: invalid URI"_s);
        const auto parsed = HlsPlaylist::parse(playlist("#EXTINF:10,\nhttps://example.com/a.ts\n"),
                                               QUrl(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->media.segments.at(0).uri, QUrl(u"https://example.com/a.ts"_s));
    }

    // URIs resolved against the playlist's URL, for every tag that has one. The expected URL is
    // also what QUrl::resolved() makes of it: the parser's shortcut for plain file names must not
    // resolve anything differently.
    void uriResolution_data()
    {
        QTest::addColumn<QString>("baseUrl");
        QTest::addColumn<QByteArray>("uri");
        QTest::addColumn<QByteArray>("resolved");
        const auto row = [](const char *name, const QByteArray &uri, const QByteArray &resolved) {
            QTest::newRow(name) << BaseText << uri << resolved;
        };
        row("file name", "seg1.ts", "https://cdn.example.com/video/hls/seg1.ts");
        row("subfolder", "720p/seg_1-a~.ts", "https://cdn.example.com/video/hls/720p/seg_1-a~.ts");
        row("dots in a name", "seg..1.ts", "https://cdn.example.com/video/hls/seg..1.ts");
        row("double slash", "a//seg1.ts", "https://cdn.example.com/video/hls/a//seg1.ts");
        row("parent", "../other/seg1.ts", "https://cdn.example.com/video/other/seg1.ts");
        row("parents beyond the root", "../../../../seg1.ts", "https://cdn.example.com/seg1.ts");
        row("dot segments", "./a/./b/../seg1.ts", "https://cdn.example.com/video/hls/a/seg1.ts");
        row("trailing dot segment", "a/..", "https://cdn.example.com/video/hls/");
        row("absolute path", "/root/seg1.ts", "https://cdn.example.com/root/seg1.ts");
        row("network path", "//edge.example.net/seg1.ts", "https://edge.example.net/seg1.ts");
        row("own query", "seg1.ts?sig=1&t=2",
            "https://cdn.example.com/video/hls/seg1.ts?sig=1&t=2");
        row("query only", "?part=2", "https://cdn.example.com/video/hls/index.m3u8?part=2");
        row("fragment", "seg1.ts#t=10", "https://cdn.example.com/video/hls/seg1.ts#t=10");
        row("absolute", "http://other.example.org/a/seg1.ts", "http://other.example.org/a/seg1.ts");
        row("absolute, upper-case scheme", "HTTPS://other.example.org/seg1.ts",
            "https://other.example.org/seg1.ts");
        row("colon in a later segment", "a/b:c.ts", "https://cdn.example.com/video/hls/a/b:c.ts");
        row("space", "seg 1.ts", "https://cdn.example.com/video/hls/seg%201.ts");
        row("percent-encoded kept", "caf%C3%A9.ts",
            "https://cdn.example.com/video/hls/caf%C3%A9.ts");
        row("raw UTF-8", "caf\xC3\xA9.ts", "https://cdn.example.com/video/hls/caf%C3%A9.ts");
        QTest::newRow("base without a path")
                << u"https://cdn.example.com"_s << QByteArray("seg1.ts")
                << QByteArray("https://cdn.example.com/seg1.ts");
        QTest::newRow("base ending in a slash")
                << u"https://cdn.example.com/video/"_s << QByteArray("seg1.ts")
                << QByteArray("https://cdn.example.com/video/seg1.ts");
        QTest::newRow("base with dot segments")
                << u"https://cdn.example.com/a/../b/./index.m3u8"_s << QByteArray("seg1.ts")
                << QByteArray("https://cdn.example.com/b/seg1.ts");
        QTest::newRow("base with a fragment, user and port")
                << u"http://user@cdn.example.com:8080/v/index.m3u8?q=1#top"_s
                << QByteArray("seg1.ts")
                << QByteArray("http://user@cdn.example.com:8080/v/seg1.ts");
        QTest::newRow("base with an escape")
                << u"https://cdn.example.com/my%20video/index.m3u8"_s << QByteArray("seg1.ts")
                << QByteArray("https://cdn.example.com/my%20video/seg1.ts");
        QTest::newRow("base of another scheme")
                << u"file:///srv/hls/index.m3u8"_s << QByteArray("seg1.ts")
                << QByteArray("file:///srv/hls/seg1.ts");
    }
    void uriResolution()
    {
        QFETCH(QString, baseUrl);
        QFETCH(QByteArray, uri);
        QFETCH(QByteArray, resolved);
        const QUrl base(baseUrl);
        QCOMPARE(base.resolved(QUrl::fromEncoded(uri)).toEncoded(), resolved);
        const QUrl expected = base.resolved(QUrl::fromEncoded(uri));

        QString error;
        const QByteArray attribute = "\"" + uri + "\"";
        const auto media = HlsPlaylist::parse(playlist("#EXT-X-KEY:METHOD=AES-128,URI=" + attribute
                                                       + "\n#EXT-X-MAP:URI=" + attribute
                                                       + "\n#EXTINF:10,\n" + uri + "\n"),
                                              base, &error);
        QVERIFY2(media, qPrintable(error));
        QCOMPARE(media->media.segments.at(0).uri.toEncoded(), resolved);
        QCOMPARE(media->media.segments.at(0).uri, expected);
        QCOMPARE(media->media.keys.at(0).uri, expected);
        QCOMPARE(media->media.maps.at(0).uri, expected);

        const auto master = HlsPlaylist::parse(
                playlist("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",NAME=\"en\",URI=" + attribute
                         + "\n#EXT-X-STREAM-INF:BANDWIDTH=1\n" + uri + "\n"),
                base, &error);
        QVERIFY2(master, qPrintable(error));
        QCOMPARE(master->master.variants.at(0).uri, expected);
        QCOMPARE(master->master.renditions.at(0).uri, expected);
    }

    void mediaTags_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<double>("targetDuration");
        QTest::addColumn<qint64>("mediaSequence");
        QTest::addColumn<QString>("playlistType");
        QTest::addColumn<bool>("endList");
        QTest::newRow("none") << playlist("#EXTINF:10,\na.ts\n") << 0.0 << qint64(0) << QString()
                              << false;
        QTest::newRow("VOD") << playlist("#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n"
                                         "#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-PLAYLIST-TYPE:VOD\n"
                                         "#EXTINF:10,\na.ts\n#EXT-X-ENDLIST\n")
                             << 10.0 << qint64(7) << u"VOD"_s << true;
        QTest::newRow("EVENT, lower case") << playlist("#EXT-X-PLAYLIST-TYPE:event\n") << 0.0
                                           << qint64(0) << u"EVENT"_s << false;
        QTest::newRow("unknown type left out") << playlist("#EXT-X-PLAYLIST-TYPE:LIVE\n") << 0.0
                                               << qint64(0) << QString() << false;
        QTest::newRow("target duration with a fraction") << playlist("#EXT-X-TARGETDURATION:6.5\n")
                                                         << 6.5 << qint64(0) << QString() << false;
        QTest::newRow("largest media sequence")
                << playlist("#EXT-X-MEDIA-SEQUENCE:9223372036854775807\n#EXTINF:1,\na.ts\n") << 0.0
                << std::numeric_limits<qint64>::max() << QString() << false;
        QTest::newRow("ENDLIST before the last segment")
                << playlist("#EXTINF:10,\na.ts\n#EXT-X-ENDLIST\n#EXTINF:10,\nb.ts\n") << 0.0
                << qint64(0) << QString() << true;
    }
    void mediaTags()
    {
        QFETCH(QByteArray, text);
        QString error;
        const auto parsed = HlsPlaylist::parse(text, base(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->kind, Playlist::Kind::Media);
        QTEST(parsed->media.targetDuration, "targetDuration");
        QTEST(parsed->media.mediaSequence, "mediaSequence");
        QTEST(parsed->media.playlistType, "playlistType");
        QTEST(parsed->media.endList, "endList");
        // Sequence numbers count on from EXT-X-MEDIA-SEQUENCE.
        for (int i = 0; i < parsed->media.segments.size(); ++i)
            QCOMPARE(parsed->media.segments.at(i).sequence, parsed->media.mediaSequence + i);
        QVERIFY(parsed->master.variants.isEmpty());
    }

    void durations_data()
    {
        QTest::addColumn<QByteArray>("extinf");
        QTest::addColumn<double>("duration");
        QTest::newRow("integer") << QByteArray("10,") << 10.0;
        QTest::newRow("fraction") << QByteArray("9.97,") << 9.97;
        QTest::newRow("no comma") << QByteArray("10") << 10.0;
        QTest::newRow("trailing dot") << QByteArray("10.,x") << 10.0;
        QTest::newRow("leading dot") << QByteArray(".5,") << 0.5;
        QTest::newRow("leading zeros") << QByteArray("007.5,") << 7.5;
        QTest::newRow("zero") << QByteArray("0,") << 0.0;
        QTest::newRow("title with commas") << QByteArray("4.004,Intro, part 1, take 2") << 4.004;
        QTest::newRow("spaces") << QByteArray("  5.5  , title") << 5.5;
    }
    void durations()
    {
        QFETCH(QByteArray, extinf);
        QString error;
        const auto parsed =
                HlsPlaylist::parse(playlist("#EXTINF:" + extinf + "\na.ts\n"), base(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->media.segments.size(), 1);
        QTEST(parsed->media.segments.at(0).duration, "duration");
    }

    // What a media playlist's segments carry: byte ranges, keys, maps, discontinuities.
    void segments_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QStringList>("segments");
        QTest::addColumn<QStringList>("keys");
        QTest::addColumn<QStringList>("maps");
        const QStringList none;

        QTest::newRow("plain") << playlist("#EXTINF:10,\na.ts\n#EXTINF:10,\nb.ts\n")
                               << QStringList { u"a.ts - k-1 m-1"_s, u"b.ts - k-1 m-1"_s } << none
                               << none;

        // Byte ranges.
        QTest::newRow("ranges with offsets")
                << playlist("#EXTINF:10,\n#EXT-X-BYTERANGE:100@0\nall.ts\n"
                            "#EXTINF:10,\n#EXT-X-BYTERANGE:50@300\nall.ts\n")
                << QStringList { u"all.ts 0+100 k-1 m-1"_s, u"all.ts 300+50 k-1 m-1"_s } << none
                << none;
        QTest::newRow("ranges continued")
                << playlist("#EXT-X-BYTERANGE:100@0\n#EXTINF:10,\nall.ts\n"
                            "#EXT-X-BYTERANGE:50\n#EXTINF:10,\nall.ts\n"
                            "#EXTINF:10,\n#EXT-X-BYTERANGE:25\nall.ts\n")
                << QStringList { u"all.ts 0+100 k-1 m-1"_s, u"all.ts 100+50 k-1 m-1"_s,
                                 u"all.ts 150+25 k-1 m-1"_s }
                << none << none;
        QTest::newRow("continued from an offset")
                << playlist("#EXT-X-BYTERANGE:100@500\n#EXTINF:10,\nall.ts\n"
                            "#EXT-X-BYTERANGE:10\n#EXTINF:10,\nall.ts\n")
                << QStringList { u"all.ts 500+100 k-1 m-1"_s, u"all.ts 600+10 k-1 m-1"_s } << none
                << none;
        QTest::newRow("range up to qint64's end")
                << playlist("#EXT-X-BYTERANGE:10@9223372036854775797\n#EXTINF:1,\nall.ts\n")
                << QStringList { u"all.ts 9223372036854775797+10 k-1 m-1"_s } << none << none;
        QTest::newRow("a range is for one segment")
                << playlist("#EXT-X-BYTERANGE:100@0\n#EXTINF:10,\na.ts\n#EXTINF:10,\nb.ts\n")
                << QStringList { u"a.ts 0+100 k-1 m-1"_s, u"b.ts - k-1 m-1"_s } << none << none;

        // Keys.
        const char *iv = "000102030405060708090a0b0c0d0e0f";
        const QString keyLine = u"AES-128/aes128 key1.bin iv="_s + QLatin1StringView(iv);
        QTest::newRow("key with IV")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\",IV=0x" + QByteArray(iv)
                            + "\n#EXTINF:10,\na.ts\n#EXTINF:10,\nb.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s, u"b.ts - k0 m-1"_s } << QStringList { keyLine }
                << none;
        QTest::newRow("IV with 0X and upper case")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\","
                            "IV=0X000102030405060708090A0B0C0D0E0F\n#EXTINF:10,\na.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s } << QStringList { keyLine } << none;
        QTest::newRow("key without IV")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n#EXTINF:10,\na.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s } << none;
        QTest::newRow("spaces in the attribute list")
                << playlist("#EXT-X-KEY: METHOD = AES-128 , URI = \"key1.bin\" ,\n"
                            "#EXTINF:10,\na.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s } << none;
        QTest::newRow("unknown attributes, quoted commas")
                << playlist("#EXT-X-KEY:X-A=\"1,2\",METHOD=AES-128,X-B=3,URI=\"key1.bin\"\n"
                            "#EXTINF:10,\na.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s } << none;
        QTest::newRow("key rotation")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n#EXTINF:10,\na.ts\n"
                            "#EXT-X-KEY:METHOD=AES-128,URI=\"key2.bin\"\n#EXTINF:10,\nb.ts\n"
                            "#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n#EXTINF:10,\nc.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s, u"b.ts - k1 m-1"_s, u"c.ts - k0 m-1"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s, u"AES-128/aes128 key2.bin"_s }
                << none;
        QTest::newRow("key repeated before every segment")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n#EXTINF:10,\na.ts\n"
                            "#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n#EXTINF:10,\nb.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s, u"b.ts - k0 m-1"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s } << none;
        QTest::newRow("same URI, other IV")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\",IV=0x" + QByteArray(iv)
                            + "\n#EXTINF:10,\na.ts\n#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n"
                              "#EXTINF:10,\nb.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s, u"b.ts - k1 m-1"_s }
                << QStringList { keyLine, u"AES-128/aes128 key1.bin"_s } << none;
        QTest::newRow("METHOD=NONE clears the key")
                << playlist("#EXTINF:10,\na.ts\n#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n"
                            "#EXTINF:10,\nb.ts\n#EXT-X-KEY:METHOD=NONE\n#EXTINF:10,\nc.ts\n")
                << QStringList { u"a.ts - k-1 m-1"_s, u"b.ts - k0 m-1"_s, u"c.ts - k-1 m-1"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s } << none;
        QTest::newRow("SAMPLE-AES and others")
                << playlist("#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://asset-1\"\n"
                            "#EXTINF:10,\na.ts\n"
                            "#EXT-X-KEY:METHOD=SAMPLE-AES-CTR,URI=\"data:text/plain;base64,AAAA\"\n"
                            "#EXTINF:10,\nb.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s, u"b.ts - k1 m-1"_s }
                << QStringList { u"SAMPLE-AES/sampleaes skd://asset-1"_s,
                                 u"SAMPLE-AES-CTR/other data:text/plain;base64,AAAA"_s }
                << none;
        QTest::newRow("KEYFORMAT identity is no format")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\",KEYFORMAT=\"identity\","
                            "KEYFORMATVERSIONS=\"1\"\n#EXTINF:10,\na.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s } << none;
        QTest::newRow("identity kept over a DRM key after it")
                << playlist("#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"key1.bin\"\n"
                            "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://k\",KEYFORMAT="
                            "\"com.apple.streamingkeydelivery\"\n#EXTINF:10,\na.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s }
                << QStringList { u"SAMPLE-AES/sampleaes key1.bin"_s,
                                 u"SAMPLE-AES/sampleaes skd://k "
                                 "format=com.apple.streamingkeydelivery"_s }
                << none;
        QTest::newRow("identity chosen over a DRM key before it")
                << playlist("#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://k\",KEYFORMAT="
                            "\"com.apple.streamingkeydelivery\"\n"
                            "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"key1.bin\"\n#EXTINF:10,\na.ts\n")
                << QStringList { u"a.ts - k1 m-1"_s }
                << QStringList { u"SAMPLE-AES/sampleaes skd://k "
                                 "format=com.apple.streamingkeydelivery"_s,
                                 u"SAMPLE-AES/sampleaes key1.bin"_s }
                << none;
        QTest::newRow("a DRM key after a segment replaces the identity key")
                << playlist("#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"key1.bin\"\n#EXTINF:10,\na.ts\n"
                            "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://k\",KEYFORMAT=\"x\"\n"
                            "#EXTINF:10,\nb.ts\n")
                << QStringList { u"a.ts - k0 m-1"_s, u"b.ts - k1 m-1"_s }
                << QStringList { u"SAMPLE-AES/sampleaes key1.bin"_s,
                                 u"SAMPLE-AES/sampleaes skd://k format=x"_s }
                << none;

        // Maps.
        QTest::newRow("map") << playlist("#EXTINF:10,\na.m4s\n#EXT-X-MAP:URI=\"init.mp4\"\n"
                                         "#EXTINF:10,\nb.m4s\n#EXTINF:10,\nc.m4s\n")
                             << QStringList { u"a.m4s - k-1 m-1"_s, u"b.m4s - k-1 m0"_s,
                                              u"c.m4s - k-1 m0"_s }
                             << none << QStringList { u"init.mp4 - k-1"_s };
        QTest::newRow("map with a range")
                << playlist("#EXT-X-MAP:URI=\"all.mp4\",BYTERANGE=\"720@0\"\n"
                            "#EXT-X-BYTERANGE:1000@720\n#EXTINF:10,\nall.mp4\n")
                << QStringList { u"all.mp4 720+1000 k-1 m0"_s } << none
                << QStringList { u"all.mp4 0+720 k-1"_s };
        QTest::newRow("map range without offset starts at 0")
                << playlist("#EXT-X-MAP:URI=\"init.mp4\",BYTERANGE=\"720\"\n#EXTINF:10,\na.m4s\n")
                << QStringList { u"a.m4s - k-1 m0"_s } << none
                << QStringList { u"init.mp4 0+720 k-1"_s };
        QTest::newRow("maps change")
                << playlist("#EXT-X-MAP:URI=\"init1.mp4\"\n#EXTINF:10,\na.m4s\n"
                            "#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init2.mp4\"\n"
                            "#EXTINF:10,\nb.m4s\n"
                            "#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init1.mp4\"\n"
                            "#EXTINF:10,\nc.m4s\n")
                << QStringList { u"a.m4s - k-1 m0"_s, u"b.m4s - k-1 m1 D"_s, u"c.m4s - k-1 m0 D"_s }
                << none << QStringList { u"init1.mp4 - k-1"_s, u"init2.mp4 - k-1"_s };
        QTest::newRow("key before the map encrypts it")
                << playlist("#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n"
                            "#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:10,\na.m4s\n")
                << QStringList { u"a.m4s - k0 m0"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s }
                << QStringList { u"init.mp4 - k0"_s };
        QTest::newRow("key after the map does not")
                << playlist("#EXT-X-MAP:URI=\"init.mp4\"\n"
                            "#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n#EXTINF:10,\na.m4s\n")
                << QStringList { u"a.m4s - k0 m0"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s }
                << QStringList { u"init.mp4 - k-1"_s };
        QTest::newRow("same map under another key")
                << playlist("#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:10,\na.m4s\n"
                            "#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\"\n"
                            "#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:10,\nb.m4s\n")
                << QStringList { u"a.m4s - k-1 m0"_s, u"b.m4s - k0 m1"_s }
                << QStringList { u"AES-128/aes128 key1.bin"_s }
                << QStringList { u"init.mp4 - k-1"_s, u"init.mp4 - k0"_s };

        // Discontinuities.
        QTest::newRow("discontinuity")
                << playlist("#EXTINF:10,\na.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:10,\nb.ts\n"
                            "#EXTINF:10,\nc.ts\n#EXTINF:10,\n#EXT-X-DISCONTINUITY\nd.ts\n")
                << QStringList { u"a.ts - k-1 m-1"_s, u"b.ts - k-1 m-1 D"_s, u"c.ts - k-1 m-1"_s,
                                 u"d.ts - k-1 m-1 D"_s }
                << none << none;
        QTest::newRow("discontinuity first, twice, and last")
                << playlist("#EXT-X-DISCONTINUITY\n#EXT-X-DISCONTINUITY\n#EXTINF:10,\na.ts\n"
                            "#EXT-X-DISCONTINUITY\n")
                << QStringList { u"a.ts - k-1 m-1 D"_s } << none << none;
    }
    void segments()
    {
        QFETCH(QByteArray, text);
        QString error;
        const auto parsed = HlsPlaylist::parse(text, base(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->kind, Playlist::Kind::Media);
        QTEST(segmentSummary(parsed->media), "segments");
        QTEST(keySummary(parsed->media), "keys");
        QTEST(mapSummary(parsed->media), "maps");
    }

    // Line endings, a BOM, blank lines, comments and tags this parser does not know change
    // nothing.
    void tolerated_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("LF") << QByteArray("#EXTM3U\n#EXTINF:10,\na.ts\n#EXTINF:5,\nb.ts\n");
        QTest::newRow("no final newline")
                << QByteArray("#EXTM3U\n#EXTINF:10,\na.ts\n#EXTINF:5,\nb.ts");
        QTest::newRow("CRLF") << QByteArray(
                "#EXTM3U\r\n#EXTINF:10,\r\na.ts\r\n#EXTINF:5,\r\nb.ts\r\n");
        QTest::newRow("CRLF and LF")
                << QByteArray("#EXTM3U\r\n#EXTINF:10,\na.ts\r\n#EXTINF:5,\r\nb.ts");
        QTest::newRow("BOM") << QByteArray(
                "\xEF\xBB\xBF#EXTM3U\n#EXTINF:10,\na.ts\n#EXTINF:5,\nb.ts\n");
        QTest::newRow("BOM and CRLF") << QByteArray(
                "\xEF\xBB\xBF#EXTM3U\r\n#EXTINF:10,\r\na.ts\r\n#EXTINF:5,\r\nb.ts\r\n");
        QTest::newRow("blank lines")
                << QByteArray("#EXTM3U\n\n#EXTINF:10,\n\n\r\na.ts\n  \n#EXTINF:5,\nb.ts\n\n");
        QTest::newRow("spaces around lines")
                << QByteArray("#EXTM3U \n #EXTINF:10,\t\na.ts  \n\t#EXTINF:5,\n  b.ts\n");
        QTest::newRow("comments") << QByteArray(
                "#EXTM3U\n# a comment\n#EXTINF:10,\n#no EXTINF here\na.ts\n"
                "#\n#EXTINF:5,\n#EX-X-NOT-A-TAG\nb.ts\n");
        QTest::newRow("unknown tags")
                << QByteArray("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                              "#EXT-X-PROGRAM-DATE-TIME:2026-01-01T00:00:00Z\n#EXTINF:10,\n"
                              "#EXT-X-BITRATE:800\n#EXT-X-FUTURE:A=\"unterminated\na.ts\n"
                              "#EXT-X-GAP\n#EXTINF:5,\n#EXTM3U\nb.ts\n#EXT-X-ENDLIST-NOT\n");
    }
    void tolerated()
    {
        QFETCH(QByteArray, text);
        QString error;
        const auto parsed = HlsPlaylist::parse(text, base(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(segmentSummary(parsed->media),
                 (QStringList { u"a.ts - k-1 m-1"_s, u"b.ts - k-1 m-1"_s }));
        QCOMPARE(parsed->media.segments.at(0).duration, 10.0);
        QCOMPARE(parsed->media.segments.at(1).duration, 5.0);
        QCOMPARE(parsed->media.segments.at(1).sequence, 1);
        QVERIFY(!parsed->media.endList);
    }

    void variants_data()
    {
        QTest::addColumn<QByteArray>("attributes");
        QTest::addColumn<qint64>("bandwidth");
        QTest::addColumn<qint64>("averageBandwidth");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<double>("frameRate");
        QTest::addColumn<QString>("codecs");
        QTest::addColumn<QString>("audioGroup");
        QTest::newRow("bandwidth only") << QByteArray("BANDWIDTH=800000") << qint64(800000)
                                        << qint64(0) << 0 << 0 << 0.0 << QString() << QString();
        QTest::newRow("everything")
                << QByteArray("BANDWIDTH=2500000,AVERAGE-BANDWIDTH=2000000,RESOLUTION=1280x720,"
                              "FRAME-RATE=29.970,CODECS=\"avc1.4d401f,mp4a.40.2\",AUDIO=\"aac\"")
                << qint64(2500000) << qint64(2000000) << 1280 << 720 << 29.97
                << u"avc1.4d401f,mp4a.40.2"_s << u"aac"_s;
        QTest::newRow("other order, unknown attributes")
                << QByteArray("PROGRAM-ID=1,CODECS=\"hvc1.1.6.L93.B0\",RESOLUTION=1920X1080,"
                              "HDCP-LEVEL=NONE,BANDWIDTH=5000000,SUBTITLES=\"subs\"")
                << qint64(5000000) << qint64(0) << 1920 << 1080 << 0.0 << u"hvc1.1.6.L93.B0"_s
                << QString();
        QTest::newRow("largest bandwidth")
                << QByteArray("BANDWIDTH=9223372036854775807") << std::numeric_limits<qint64>::max()
                << qint64(0) << 0 << 0 << 0.0 << QString() << QString();
        QTest::newRow("repeated attribute: the first")
                << QByteArray("BANDWIDTH=1000,BANDWIDTH=2000") << qint64(1000) << qint64(0) << 0
                << 0 << 0.0 << QString() << QString();
    }
    void variants()
    {
        QFETCH(QByteArray, attributes);
        QString error;
        const auto parsed = HlsPlaylist::parse(
                playlist("#EXT-X-STREAM-INF:" + attributes + "\n720p/index.m3u8\n"), base(),
                &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->kind, Playlist::Kind::Master);
        QCOMPARE(parsed->master.variants.size(), 1);
        const Variant &variant = parsed->master.variants.at(0);
        QCOMPARE(variant.uri, QUrl(BaseFolder + u"720p/index.m3u8"_s));
        QTEST(variant.bandwidth, "bandwidth");
        QTEST(variant.averageBandwidth, "averageBandwidth");
        QTEST(variant.width, "width");
        QTEST(variant.height, "height");
        QTEST(variant.frameRate, "frameRate");
        QTEST(variant.codecs, "codecs");
        QTEST(variant.audioGroup, "audioGroup");
        QVERIFY(parsed->media.segments.isEmpty());
    }

    void renditions_data()
    {
        QTest::addColumn<QByteArray>("attributes");
        QTest::addColumn<QString>("summary");
        QTest::newRow("audio with URI")
                << QByteArray("TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"English\",LANGUAGE=\"en\","
                              "DEFAULT=YES,AUTOSELECT=YES,URI=\"audio/en.m3u8\"")
                << u"AUDIO|aac|English|en|audio/en.m3u8|default|autoselect"_s;
        QTest::newRow("in the variant's stream")
                << QByteArray("TYPE=VIDEO,GROUP-ID=\"v\",NAME=\"Main\",DEFAULT=NO")
                << u"VIDEO|v|Main||||"_s;
        QTest::newRow("subtitles, autoselect only")
                << QByteArray("TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"Deutsch, forced\","
                              "LANGUAGE=\"de\",AUTOSELECT=YES,FORCED=YES,URI=\"subs/de.m3u8\"")
                << u"SUBTITLES|subs|Deutsch, forced|de|subs/de.m3u8||autoselect"_s;
        QTest::newRow("closed captions")
                << QByteArray("TYPE=CLOSED-CAPTIONS,GROUP-ID=\"cc\",NAME=\"English\","
                              "INSTREAM-ID=\"CC1\"")
                << u"CLOSED-CAPTIONS|cc|English||||"_s;
    }
    void renditions()
    {
        QFETCH(QByteArray, attributes);
        QString error;
        const auto parsed = HlsPlaylist::parse(
                playlist("#EXT-X-MEDIA:" + attributes
                         + "\n#EXT-X-STREAM-INF:BANDWIDTH=1,AUDIO=\"aac\"\nv.m3u8\n"),
                base(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->master.renditions.size(), 1);
        const Rendition &r = parsed->master.renditions.at(0);
        const QString summary = QStringList { r.type,
                                              r.groupId,
                                              r.name,
                                              r.language,
                                              r.uri.isEmpty() ? QString() : shortUrl(r.uri),
                                              r.isDefault ? u"default"_s : QString(),
                                              r.autoSelect ? u"autoselect"_s : QString() }
                                        .join(u'|');
        QTEST(summary, "summary");
    }

    void masterPlaylist()
    {
        const QByteArray text = "#EXTM3U\r\n"
                                "#EXT-X-VERSION:6\r\n"
                                "#EXT-X-INDEPENDENT-SEGMENTS\r\n"
                                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"English\","
                                "LANGUAGE=\"en\",DEFAULT=YES,URI=\"audio/en.m3u8\"\r\n"
                                "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aac\",NAME=\"Deutsch\","
                                "LANGUAGE=\"de\",URI=\"audio/de.m3u8\"\r\n"
                                "#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,"
                                "AUDIO=\"aac\"\r\n"
                                "360p.m3u8\r\n"
                                "# a comment between a variant and the next\r\n"
                                "#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI=\"iframes.m3u8\"\r\n"
                                "#EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720,"
                                "AUDIO=\"aac\"\r\n"
                                "\r\n"
                                "https://other.example.net/720p.m3u8?sig=1\r\n";
        QString error;
        const auto parsed = HlsPlaylist::parse(text, base(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->kind, Playlist::Kind::Master);
        QCOMPARE(parsed->master.variants.size(), 2);
        QCOMPARE(parsed->master.variants.at(0).uri, QUrl(BaseFolder + u"360p.m3u8"_s));
        QCOMPARE(parsed->master.variants.at(0).bandwidth, 800000);
        QCOMPARE(parsed->master.variants.at(1).uri,
                 QUrl(u"https://other.example.net/720p.m3u8?sig=1"_s));
        QCOMPARE(parsed->master.variants.at(1).height, 720);
        QCOMPARE(parsed->master.renditions.size(), 2);
        QCOMPARE(parsed->master.renditions.at(1).name, u"Deutsch"_s);
        QVERIFY(parsed->media.segments.isEmpty());
    }

    // The MaxEntries cap: a playlist of exactly that many segments is read, in well under a
    // second on a normal build (the bound is generous for sanitizers and loaded machines), and
    // one more is refused at the URI line of the segment that does not fit.
    void hugePlaylist()
    {
        const QByteArray full = hugeMediaPlaylist(MaxEntries);
        QString error;
        QElapsedTimer timer;
        timer.start();
        const auto parsed = HlsPlaylist::parse(full, base(), &error);
        const qint64 elapsed = timer.elapsed();
        QVERIFY2(parsed, qPrintable(error));
        qInfo("%d segments in %lld ms", MaxEntries, elapsed);
        QVERIFY2(elapsed < 5000, qPrintable(u"%1 ms"_s.arg(elapsed)));
        QCOMPARE(parsed->media.segments.size(), MaxEntries);
        const Segment &last = parsed->media.segments.constLast();
        QCOMPARE(last.uri, QUrl(BaseFolder + u"seg%1.ts"_s.arg(MaxEntries - 1)));
        QCOMPARE(last.sequence, MaxEntries - 1);
        QVERIFY(parsed->media.endList);

        QVERIFY(!HlsPlaylist::parse(hugeMediaPlaylist(MaxEntries + 1), base(), &error));
        // Line 1 #EXTM3U, line 2 TARGETDURATION, then two lines a segment.
        QCOMPARE(error,
                 u"line %1: playlist has more than 200000 entries"_s.arg(2 + 2 * MaxEntries + 2));
    }

    void hugeMasterPlaylist()
    {
        QByteArray text = "#EXTM3U\n";
        for (int i = 0; i <= MaxEntries; ++i)
            text += "#EXT-X-STREAM-INF:BANDWIDTH=" + QByteArray::number(i) + "\nv.m3u8\n";
        QString error;
        QVERIFY(!HlsPlaylist::parse(text, base(), &error));
        QCOMPARE(error,
                 u"line %1: playlist has more than 200000 entries"_s.arg(1 + 2 * MaxEntries + 2));
        text.chop(text.size() - text.lastIndexOf("#EXT-X-STREAM-INF"));
        const auto parsed = HlsPlaylist::parse(text, base(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(parsed->master.variants.size(), MaxEntries);
    }

    // A key per segment, each one different: the keys are bounded like the segments, and
    // telling them apart does not cost a pass over the ones before.
    void keyPerSegment()
    {
        QByteArray text = "#EXTM3U\n";
        for (int i = 0; i < MaxEntries; ++i) {
            text += "#EXT-X-KEY:METHOD=AES-128,URI=\"k" + QByteArray::number(i)
                    + ".bin\"\n#EXTINF:4,\ns.ts\n";
        }
        QString error;
        QElapsedTimer timer;
        timer.start();
        const auto parsed = HlsPlaylist::parse(text, base(), &error);
        QVERIFY2(parsed, qPrintable(error));
        QVERIFY2(timer.elapsed() < 10000, qPrintable(u"%1 ms"_s.arg(timer.elapsed())));
        QCOMPARE(parsed->media.keys.size(), MaxEntries);
        QCOMPARE(parsed->media.segments.constLast().keyIndex, MaxEntries - 1);
        text += "#EXT-X-KEY:METHOD=AES-128,URI=\"one-too-many.bin\"\n";
        QVERIFY(!HlsPlaylist::parse(text, base(), &error));
        QCOMPARE(error,
                 u"line %1: playlist has more than 200000 entries"_s.arg(2 + 3 * MaxEntries));
    }

    void choose_data()
    {
        QTest::addColumn<QStringList>("variants"); // "bandwidth height"
        QTest::addColumn<QString>("spec");
        QTest::addColumn<int>("expected");
        const QStringList ladder { u"800000 360"_s, u"5000000 1080"_s, u"2500000 720"_s,
                                   u"1200000 480"_s };
        QTest::newRow("best") << ladder << u"best"_s << 1;
        QTest::newRow("BEST") << ladder << u"BEST"_s << 1;
        QTest::newRow("worst") << ladder << u"worst"_s << 0;
        QTest::newRow("Worst") << ladder << u"Worst"_s << 0;
        const QStringList ties { u"1000 480"_s, u"2000 720"_s, u"2000 1080"_s, u"2000 1080"_s,
                                 u"1000 360"_s };
        QTest::newRow("best: tie on bandwidth, larger height") << ties << u"best"_s << 2;
        QTest::newRow("worst: tie on bandwidth, smaller height") << ties << u"worst"_s << 4;

        QTest::newRow("bandwidth, exact") << ladder << u"2500000"_s << 2;
        QTest::newRow("bandwidth, between: the best below") << ladder << u"2499999"_s << 3;
        QTest::newRow("bandwidth, above all: the best") << ladder << u"99000000"_s << 1;
        QTest::newRow("bandwidth, below all: the lowest") << ladder << u"799999"_s << 0;
        QTest::newRow("bandwidth 0: the lowest") << ladder << u"0"_s << 0;
        QTest::newRow("bandwidth, exact tie: larger height") << ties << u"2000"_s << 2;
        QTest::newRow("bandwidth, qint64's largest") << ladder << u"9223372036854775807"_s << 1;

        QTest::newRow("height, exact") << ladder << u"720p"_s << 2;
        QTest::newRow("height, exact, upper case") << ladder << u"720P"_s << 2;
        QTest::newRow("height, exact tie: higher bandwidth")
                << QStringList { u"1000 720"_s, u"3000 720"_s, u"2000 720"_s } << u"720p"_s << 1;
        QTest::newRow("height, between: the highest below") << ladder << u"1000p"_s << 2;
        QTest::newRow("height, between, tie: higher bandwidth")
                << QStringList { u"1000 480"_s, u"9000 1080"_s, u"3000 480"_s } << u"720p"_s << 2;
        QTest::newRow("height, above all: the highest") << ladder << u"4320p"_s << 1;
        QTest::newRow("height, below all: the lowest") << ladder << u"240p"_s << 0;
        QTest::newRow("height, below all, tie: lower bandwidth")
                << QStringList { u"3000 720"_s, u"1000 720"_s, u"500 1080"_s } << u"480p"_s << 1;
        QTest::newRow("height: audio only never matches")
                << QStringList { u"64000 0"_s, u"5000000 1080"_s } << u"720p"_s << 1;
        QTest::newRow("height: no heights, the lowest bandwidth")
                << QStringList { u"3000 0"_s, u"1000 0"_s, u"2000 0"_s } << u"720p"_s << 1;
        QTest::newRow("one variant") << QStringList { u"3000 720"_s } << u"1080p"_s << 0;

        QTest::newRow("no variants") << QStringList() << u"best"_s << -1;
        QTest::newRow("invalid spec") << ladder << u"high"_s << -1;
        QTest::newRow("empty spec") << ladder << QString() << -1;
    }
    void choose()
    {
        QFETCH(QStringList, variants);
        QFETCH(QString, spec);
        QTEST(HlsVariantChoice::choose(masterOf(variants), spec), "expected");
    }

    void isValidSpec_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<bool>("valid");
        for (const QString &spec :
             { u"best"_s, u"BEST"_s, u"Best"_s, u"worst"_s, u"WORST"_s, u"720p"_s, u"720P"_s,
               u"0p"_s, u"800000"_s, u"0"_s, u"9223372036854775807"_s, u"9223372036854775807p"_s })
            QTest::newRow(qPrintable(spec)) << spec << true;
        for (const QString &spec :
             { QString(), u"p"_s, u"P"_s, u"720pp"_s, u"p720"_s, u" best"_s, u"best "_s, u"720p "_s,
               u"-1"_s, u"+5"_s, u"7 20p"_s, u"1.5"_s, u"720i"_s, u"bestp"_s, u"highest"_s,
               u"9223372036854775808"_s, u"99999999999999999999p"_s,
               u"\uFF17\uFF12\uFF10p"_s /* full-width digits */ })
            QTest::newRow(qPrintable(u"invalid: '"_s + spec + u'\'')) << spec << false;
    }
    void isValidSpec()
    {
        QFETCH(QString, spec);
        QTEST(HlsVariantChoice::isValidSpec(spec), "valid");
    }

    void describe_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<qint64>("bandwidth");
        QTest::addColumn<QString>("expected");
        QTest::newRow("720p") << 1280 << 720 << qint64(2'500'000) << u"1280x720, 2.5 Mbit/s"_s;
        QTest::newRow("whole Mbit/s")
                << 1920 << 1080 << qint64(5'000'000) << u"1920x1080, 5 Mbit/s"_s;
        QTest::newRow("rounded") << 0 << 0 << qint64(1'234'567) << u"1.2 Mbit/s"_s;
        QTest::newRow("rounded up") << 0 << 0 << qint64(1'250'000) << u"1.3 Mbit/s"_s;
        QTest::newRow("kbit/s") << 640 << 360 << qint64(800'000) << u"640x360, 800 kbit/s"_s;
        QTest::newRow("kbit/s with a tenth") << 0 << 0 << qint64(128'500) << u"128.5 kbit/s"_s;
        QTest::newRow("just under 1 Mbit/s") << 0 << 0 << qint64(999'949) << u"999.9 kbit/s"_s;
        QTest::newRow("rounds to 1 Mbit/s") << 0 << 0 << qint64(999'950) << u"1 Mbit/s"_s;
        QTest::newRow("zero") << 0 << 0 << qint64(0) << u"0 kbit/s"_s;
        QTest::newRow("width without height") << 1280 << 0 << qint64(64'000) << u"64 kbit/s"_s;
        QTest::newRow("qint64's largest")
                << 0 << 0 << std::numeric_limits<qint64>::max() << u"9223372036854.8 Mbit/s"_s;
    }
    void describe()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(qint64, bandwidth);
        Variant variant;
        variant.width = width;
        variant.height = height;
        variant.bandwidth = bandwidth;
        QTEST(HlsVariantChoice::describe(variant), "expected");
    }
};

QTEST_GUILESS_MAIN(tst_HlsPlaylist)
#include "tst_hlsplaylist.moc"
