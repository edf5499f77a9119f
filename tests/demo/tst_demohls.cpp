#include "demo/demohls.h"
#include "demo/demoroutes.h"
#include "demo/demoserver.h"
#include "demo/demovideosite.h"
#include "testserver.h"
#include "testutil.h"

#include <memory>
#include <openssl/evp.h>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

using Stream = DemoHls::Stream;

namespace {

// AES-128-CBC with PKCS#7 padding, written again here rather than taken from DemoHls, so that a
// mistake there does not cancel out. nullopt when EVP refuses (a wrong key shows as bad padding).
std::optional<QByteArray> decrypt(const QByteArray &cipher, const QByteArray &key,
                                  const QByteArray &iv)
{
    if (key.size() != 16 || iv.size() != 16)
        return std::nullopt;
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> context(EVP_CIPHER_CTX_new(),
                                                                            &EVP_CIPHER_CTX_free);
    QByteArray out(cipher.size() + 16, Qt::Uninitialized);
    int written = 0;
    int final = 0;
    auto *outBytes = reinterpret_cast<unsigned char *>(out.data());
    if (EVP_DecryptInit_ex(context.get(), EVP_aes_128_cbc(), nullptr,
                           reinterpret_cast<const unsigned char *>(key.constData()),
                           reinterpret_cast<const unsigned char *>(iv.constData()))
                != 1
        || EVP_DecryptUpdate(context.get(), outBytes, &written,
                             reinterpret_cast<const unsigned char *>(cipher.constData()),
                             int(cipher.size()))
                != 1
        || EVP_DecryptFinal_ex(context.get(), outBytes + written, &final) != 1)
        return std::nullopt;
    out.resize(written + final);
    return out;
}

QByteArray bigEndian128(quint64 n)
{
    QByteArray iv(16, '\0');
    for (int i = 15; i >= 8; --i, n >>= 8)
        iv[i] = char(n & 0xff);
    return iv;
}

// The URI lines of a playlist (neither tags nor blank).
QList<QByteArray> uris(const QByteArray &playlist)
{
    QList<QByteArray> list;
    for (const QByteArray &line : playlist.split('\n')) {
        if (!line.isEmpty() && !line.startsWith('#'))
            list.append(line);
    }
    return list;
}

QList<QByteArray> linesStartingWith(const QByteArray &playlist, const QByteArray &prefix)
{
    QList<QByteArray> list;
    for (const QByteArray &line : playlist.split('\n')) {
        if (line.startsWith(prefix))
            list.append(line);
    }
    return list;
}

// The lines of a plain VOD playlist of n segments named seg<i><extension><suffix>.
QByteArray plainPlaylist(int n, const QByteArray &suffix = {}, const QByteArray &ext = ".ts")
{
    QByteArray text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n"
                      "#EXT-X-PLAYLIST-TYPE:VOD\n";
    for (int i = 0; i < n; ++i)
        text += "#EXTINF:1.000,\nseg" + QByteArray::number(i) + ext + suffix + '\n';
    return text + "#EXT-X-ENDLIST\n";
}

const QByteArray Codecs = QByteArrayLiteral("CODECS=\"avc1.4d400c,mp4a.40.2\"");

} // namespace

// The demo server's HLS videos (/hls/, DemoHls), over real HTTP: what the HLS downloader's tests
// and the GUI's demo rely on, byte for byte.
class tst_DemoHls : public QObject
{
    Q_OBJECT

private:
    struct Response
    {
        int status = 0;
        QByteArray body;
        QByteArray contentType;
        QNetworkReply *reply = nullptr; // for headers; deleted with the manager
    };

    TestServer m_server;
    QNetworkAccessManager m_manager;

    Response get(const QUrl &url, const QByteArray &range = {}, bool head = false)
    {
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        if (!range.isEmpty())
            request.setRawHeader("Range", range);
        QNetworkReply *reply = head ? m_manager.head(request) : m_manager.get(request);
        reply->setParent(&m_manager);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20'000))
            qWarning("request timed out: %s", qPrintable(url.toString()));
        return { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
                 reply->readAll(), reply->rawHeader("Content-Type"), reply };
    }

    Response get(const QString &pathAndQuery) { return get(m_server.url(pathAndQuery)); }

    // A media playlist's segments fetched and concatenated, each checked for its answer; empty
    // (with a failed check) when something is off.
    QByteArray segmentsOf(const QUrl &playlistUrl, const QByteArray &segmentType = "video/mp2t")
    {
        const Response playlist = get(playlistUrl);
        if (playlist.status != 200 || playlist.contentType != "application/vnd.apple.mpegurl") {
            qWarning("playlist %s: %d %s", qPrintable(playlistUrl.toString()), playlist.status,
                     playlist.contentType.constData());
            return {};
        }
        QByteArray bytes;
        for (const QByteArray &uri : uris(playlist.body)) {
            const QUrl url = playlistUrl.resolved(QUrl::fromEncoded(uri));
            const Response segment = get(url);
            if (segment.status != 200 || segment.contentType != segmentType) {
                qWarning("segment %s: %d %s", qPrintable(url.toString()), segment.status,
                         segment.contentType.constData());
                return {};
            }
            bytes += segment.body;
        }
        return bytes;
    }

    // What ffprobe finds in a file with these bytes, one "codec[ WxH]: N packets" line per
    // stream; it reads the whole file to count the packets, so a lost segment shows.
    QByteArray probe(const QByteArray &bytes, const QString &name)
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(name);
        writeFile(path, bytes);
        QProcess process;
        process.start(QStandardPaths::findExecutable(u"ffprobe"_s),
                      { u"-v"_s, u"error"_s, u"-count_packets"_s, u"-show_entries"_s,
                        u"stream=codec_name,width,height,nb_read_packets"_s, u"-of"_s, u"json"_s,
                        path });
        if (!process.waitForFinished(30'000) || process.exitCode() != 0)
            return "ffprobe failed: " + process.readAllStandardError();
        QByteArray found;
        const QJsonArray streams = QJsonDocument::fromJson(process.readAllStandardOutput())
                                           .object()
                                           .value(u"streams"_s)
                                           .toArray();
        for (const QJsonValue &value : streams) {
            const QJsonObject stream = value.toObject();
            found += stream.value(u"codec_name"_s).toString().toLatin1();
            if (stream.contains(u"width"_s))
                found += ' ' + QByteArray::number(stream.value(u"width"_s).toInt()) + 'x'
                        + QByteArray::number(stream.value(u"height"_s).toInt());
            found += ": " + stream.value(u"nb_read_packets"_s).toString().toLatin1() + " packets\n";
        }
        return found;
    }

private Q_SLOTS:
    void initTestCase() { m_manager.setProxy(QNetworkProxy::NoProxy); }

    // The clips are compiled into the static library: they load, and are what the script made.
    void clipsAreCompiledIn_data()
    {
        QTest::addColumn<Stream>("stream");
        QTest::newRow("low") << Stream::Low;
        QTest::newRow("high") << Stream::High;
        QTest::newRow("video only") << Stream::VideoOnly;
        QTest::newRow("audio") << Stream::Audio;
    }
    void clipsAreCompiledIn()
    {
        QFETCH(Stream, stream);
        const QByteArray clip = DemoHls::streamBytes(stream);
        QVERIFY(clip.size() > 10'000);
        QCOMPARE(clip.size() % 188, 0);
        QCOMPARE(DemoHls::segmentCount(stream), 4);
        QByteArray joined;
        for (int i = 0; i < DemoHls::segmentCount(stream); ++i) {
            const QByteArray segment = DemoHls::segmentBytes(stream, i);
            // Cut at packet boundaries: every segment is whole packets, each with its sync byte.
            QVERIFY(!segment.isEmpty());
            QCOMPARE(segment.size() % 188, 0);
            for (qsizetype p = 0; p < segment.size(); p += 188)
                QCOMPARE(segment.at(p), '\x47');
            joined += segment;
        }
        QVERIFY(joined == clip);
        QVERIFY(DemoHls::segmentBytes(stream, 4).isEmpty());
        QVERIFY(DemoHls::segmentBytes(stream, -1).isEmpty());
    }

    void masterPlaylistListsTwoVariants()
    {
        const Response r = get(u"/hls/master.m3u8"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.contentType, QByteArray("application/vnd.apple.mpegurl"));
        QCOMPARE(r.body,
                 QByteArray("#EXTM3U\n#EXT-X-VERSION:3\n"
                            "#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=192x108,"
                            + Codecs + "\nlow/index.m3u8\n"
                            + "#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=384x216," + Codecs
                            + "\nhigh/index.m3u8\n"));
        // Each variant's segments are its clip, exactly.
        const QUrl master = m_server.url(u"/hls/master.m3u8"_s);
        QVERIFY(segmentsOf(master.resolved(QUrl(u"low/index.m3u8"_s)))
                == DemoHls::streamBytes(Stream::Low));
        QVERIFY(segmentsOf(master.resolved(QUrl(u"high/index.m3u8"_s)))
                == DemoHls::streamBytes(Stream::High));
        QVERIFY(DemoHls::streamBytes(Stream::Low) != DemoHls::streamBytes(Stream::High));
    }

    void mediaPlaylistsConcatenateToTheClip_data()
    {
        QTest::addColumn<QString>("playlist");
        QTest::addColumn<Stream>("stream");
        QTest::newRow("low") << u"/hls/low/index.m3u8"_s << Stream::Low;
        QTest::newRow("high") << u"/hls/high/index.m3u8"_s << Stream::High;
        QTest::newRow("audio rendition") << u"/hls/audio/audio/index.m3u8"_s << Stream::Audio;
        QTest::newRow("video only") << u"/hls/audio/video/index.m3u8"_s << Stream::VideoOnly;
        QTest::newRow("drm (unencrypted here)") << u"/hls/drm/index.m3u8"_s << Stream::Low;
        QTest::newRow("live") << u"/hls/live/index.m3u8"_s << Stream::Low;
    }
    void mediaPlaylistsConcatenateToTheClip()
    {
        QFETCH(QString, playlist);
        QFETCH(Stream, stream);
        const QByteArray bytes = segmentsOf(m_server.url(playlist));
        QCOMPARE(bytes.size(), DemoHls::streamBytes(stream).size());
        QVERIFY(bytes == DemoHls::streamBytes(stream));
    }

    void plainPlaylistHasTheVodLines()
    {
        Response r = get(u"/hls/low/index.m3u8"_s);
        QCOMPARE(r.body, plainPlaylist(4));
        r = get(u"/hls/audio/audio/index.m3u8"_s);
        QCOMPARE(r.body, plainPlaylist(4));
        QVERIFY(!r.body.contains('\r'));
    }

    void liveWindowHasNoEndList()
    {
        const Response r = get(u"/hls/live/index.m3u8"_s);
        QCOMPARE(r.status, 200);
        QByteArray expected = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n"
                              "#EXT-X-MEDIA-SEQUENCE:100\n";
        for (int i = 0; i < 4; ++i)
            expected += "#EXTINF:1.000,\nseg" + QByteArray::number(i) + ".ts\n";
        QCOMPARE(r.body, expected);
        QCOMPARE(DemoHls::LiveMediaSequence, 100);
    }

    void drmPlaylistNamesSampleAes()
    {
        const Response r = get(u"/hls/drm/index.m3u8"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(linesStartingWith(r.body, "#EXT-X-KEY:"),
                 QList<QByteArray> { "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://demo-key\","
                                     "KEYFORMAT=\"com.apple.streamingkeydelivery\","
                                     "KEYFORMATVERSIONS=\"1\"" });
        QVERIFY(r.body.startsWith("#EXTM3U\n#EXT-X-VERSION:5\n"));
        QVERIFY(r.body.endsWith("#EXT-X-ENDLIST\n"));
        QCOMPARE(uris(r.body).size(), 4);
    }

    void audioMasterHasARendition()
    {
        const Response r = get(u"/hls/audio/master.m3u8"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body,
                 QByteArray("#EXTM3U\n#EXT-X-VERSION:3\n"
                            "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English\","
                            "LANGUAGE=\"en\",DEFAULT=YES,AUTOSELECT=YES,URI=\"audio/index.m3u8\"\n"
                            "#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=192x108,"
                            + Codecs + ",AUDIO=\"aud\"\nvideo/index.m3u8\n"));
        const QUrl master = m_server.url(u"/hls/audio/master.m3u8"_s);
        QVERIFY(segmentsOf(master.resolved(QUrl(u"audio/index.m3u8"_s)))
                == DemoHls::streamBytes(Stream::Audio));
        QVERIFY(segmentsOf(master.resolved(QUrl(u"video/index.m3u8"_s)))
                == DemoHls::streamBytes(Stream::VideoOnly));
    }

    void aesSegmentsDecryptWithTheirIvs()
    {
        const Response r = get(u"/hls/aes/index.m3u8"_s);
        QCOMPARE(r.status, 200);
        const QByteArray iv = DemoHls::explicitIv();
        QCOMPARE(iv.size(), 16);
        QByteArray expected = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n"
                              "#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-PLAYLIST-TYPE:VOD\n"
                              "#EXT-X-KEY:METHOD=AES-128,URI=\"key1.bin\",IV=0x"
                + iv.toHex() + "\n#EXTINF:1.000,\nseg0.ts\n#EXTINF:1.000,\nseg1.ts\n"
                + "#EXT-X-KEY:METHOD=AES-128,URI=\"key2.bin\"\n"
                + "#EXTINF:1.000,\nseg2.ts\n#EXTINF:1.000,\nseg3.ts\n#EXT-X-ENDLIST\n";
        QCOMPARE(r.body, expected);

        Response key = get(u"/hls/aes/key1.bin"_s);
        QCOMPARE(key.status, 200);
        QCOMPARE(key.contentType, QByteArray("application/octet-stream"));
        QCOMPARE(key.body, DemoHls::key(1));
        const QByteArray key1 = key.body;
        key = get(u"/hls/aes/key2.bin"_s);
        QCOMPARE(key.body, DemoHls::key(2));
        const QByteArray key2 = key.body;
        QCOMPARE(key1.size(), 16);
        QCOMPARE(key2.size(), 16);
        QVERIFY(key1 != key2);

        QByteArray clip;
        for (int i = 0; i < 4; ++i) {
            const Response segment = get(m_server.url(u"/hls/aes/seg%1.ts"_s.arg(i)));
            QCOMPARE(segment.status, 200);
            QCOMPARE(segment.contentType, QByteArray("video/mp2t"));
            const QByteArray plain = DemoHls::segmentBytes(Stream::Low, i);
            // PKCS#7 always pads: one to sixteen bytes more, whole blocks.
            QCOMPARE(segment.body.size() % 16, 0);
            QVERIFY(segment.body.size() > plain.size());
            QVERIFY(segment.body.size() <= plain.size() + 16);
            QVERIFY(segment.body.first(188) != plain.first(188));
            // Segments 0-1: key 1 and the playlist's IV; 2-3: key 2 and the media sequence
            // number (7 + index) as the IV.
            const QByteArray segmentIv = i < 2 ? iv : bigEndian128(7 + i);
            const std::optional<QByteArray> decrypted =
                    decrypt(segment.body, i < 2 ? key1 : key2, segmentIv);
            QVERIFY2(decrypted, qPrintable(QString::number(i)));
            QVERIFY(*decrypted == plain);
            clip += *decrypted;
            // The IV matters: a zero IV spoils the first block.
            const std::optional<QByteArray> zeroIv =
                    decrypt(segment.body, i < 2 ? key1 : key2, QByteArray(16, '\0'));
            QVERIFY(!zeroIv || *zeroIv != plain);
        }
        QVERIFY(clip == DemoHls::streamBytes(Stream::Low));
        QCOMPARE(DemoHls::AesMediaSequence, 7);
    }

    void badAndShortKeys()
    {
        for (const QString &dir : { u"bad-key"_s, u"short-key"_s }) {
            const Response r = get(u"/hls/aes/%1/index.m3u8"_s.arg(dir));
            QCOMPARE(r.status, 200);
            // The aes playlist, with its segments one folder up.
            QByteArray expected = get(u"/hls/aes/index.m3u8"_s).body;
            expected.replace("\nseg", "\n../seg");
            QCOMPARE(r.body, expected);
            const QUrl playlist = m_server.url(u"/hls/aes/%1/index.m3u8"_s.arg(dir));
            QCOMPARE(playlist.resolved(QUrl(u"../seg2.ts"_s)).path(), u"/hls/aes/seg2.ts"_s);
            QCOMPARE(get(u"/hls/aes/%1/seg0.ts"_s.arg(dir)).status, 404);
        }
        for (int n = 1; n <= 2; ++n) {
            const Response bad = get(u"/hls/aes/bad-key/key%1.bin"_s.arg(n));
            QCOMPARE(bad.status, 200);
            QCOMPARE(bad.body.size(), 16);
            QCOMPARE(bad.body, DemoHls::badKey(n));
            QVERIFY(bad.body != DemoHls::key(n));
            const Response segment = get(u"/hls/aes/seg%1.ts"_s.arg(n));
            const std::optional<QByteArray> decrypted = decrypt(
                    segment.body, bad.body, n < 2 ? DemoHls::explicitIv() : bigEndian128(7 + n));
            QVERIFY(!decrypted || *decrypted != DemoHls::segmentBytes(Stream::Low, n));

            const Response shortKey = get(u"/hls/aes/short-key/key%1.bin"_s.arg(n));
            QCOMPARE(shortKey.status, 200);
            QCOMPARE(shortKey.body.size(), DemoHls::ShortKeyBytes);
            QCOMPARE(shortKey.body.size(), 5);
        }
    }

    void fmp4HasAnInitSegment()
    {
        const Response r = get(u"/hls/fmp4/index.m3u8"_s);
        QCOMPARE(r.status, 200);
        QByteArray expected = plainPlaylist(4, {}, ".m4s");
        expected.replace("#EXT-X-VERSION:3", "#EXT-X-VERSION:7");
        expected.replace("#EXT-X-PLAYLIST-TYPE:VOD\n",
                         "#EXT-X-PLAYLIST-TYPE:VOD\n#EXT-X-MAP:URI=\"init.mp4\"\n");
        QCOMPARE(r.body, expected);

        const Response init = get(u"/hls/fmp4/init.mp4"_s);
        QCOMPARE(init.status, 200);
        QCOMPARE(init.contentType, QByteArray("video/mp4"));
        QVERIFY(init.body == DemoHls::initSegment());
        QCOMPARE(init.body.sliced(4, 4), QByteArray("ftyp"));
        QByteArray whole = init.body;
        const QByteArray segments =
                segmentsOf(m_server.url(u"/hls/fmp4/index.m3u8"_s), "video/iso.segment");
        QVERIFY(segments.contains("moof"));
        whole += segments;
        QCOMPARE(DemoHls::segmentCount(Stream::Fmp4), 4);
        QVERIFY(whole == DemoHls::streamBytes(Stream::Fmp4));
        QVERIFY(DemoHls::streamBytes(Stream::Fmp4).startsWith(DemoHls::initSegment()));
    }

    void byteRangesCutOneResource()
    {
        const Response r = get(u"/hls/byterange/index.m3u8"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.startsWith("#EXTM3U\n#EXT-X-VERSION:4\n#EXT-X-TARGETDURATION:1\n"
                                  "#EXT-X-PLAYLIST-TYPE:VOD\n"));
        QVERIFY(r.body.endsWith("#EXT-X-ENDLIST\n"));
        const QByteArray clip = DemoHls::streamBytes(Stream::Low);
        const QList<QByteArray> ranges = linesStartingWith(r.body, "#EXT-X-BYTERANGE:");
        QCOMPARE(ranges.size(), 4);
        QCOMPARE(uris(r.body), QList<QByteArray>(4, "all.ts"));
        qint64 offset = 0;
        QByteArray joined;
        for (qsizetype i = 0; i < ranges.size(); ++i) {
            const QByteArray spec = ranges.at(i).sliced(17);
            const qint64 length = DemoHls::segmentBytes(Stream::Low, int(i)).size();
            // "<n>@0" first, then "<n>" alone: each range starts where the last one ended.
            QCOMPARE(spec,
                     QByteArray(QByteArray::number(length)
                                + (i == 0 ? QByteArray("@0") : QByteArray())));
            const QByteArray range = "bytes=" + QByteArray::number(offset) + '-'
                    + QByteArray::number(offset + length - 1);
            const Response part = get(m_server.url(u"/hls/byterange/all.ts"_s), range);
            QCOMPARE(part.status, 206);
            QCOMPARE(part.contentType, QByteArray("video/mp2t"));
            QCOMPARE(part.reply->rawHeader("Content-Range"),
                     QByteArray("bytes " + QByteArray::number(offset) + '-'
                                + QByteArray::number(offset + length - 1) + '/'
                                + QByteArray::number(clip.size())));
            QVERIFY(part.body == clip.sliced(offset, length));
            joined += part.body;
            offset += length;
        }
        QCOMPARE(offset, clip.size());
        QVERIFY(joined == clip);

        const Response whole = get(u"/hls/byterange/all.ts"_s);
        QCOMPARE(whole.status, 200);
        QVERIFY(whole.body == clip);
        const Response tail = get(m_server.url(u"/hls/byterange/all.ts"_s), "bytes=-188");
        QCOMPARE(tail.status, 206);
        QVERIFY(tail.body == clip.last(188));
        QCOMPARE(get(m_server.url(u"/hls/byterange/all.ts"_s),
                     "bytes=" + QByteArray::number(clip.size()) + '-')
                         .status,
                 416);
    }

    void flakySegmentFailsOnceThenWorks()
    {
        m_server.server().resetFlakyCounters();
        m_server.server().resetRequestCounts();
        QCOMPARE(get(u"/hls/flaky/index.m3u8"_s).body, plainPlaylist(4));
        QCOMPARE(get(u"/hls/flaky/seg0.ts"_s).status, 200);
        Response r = get(u"/hls/flaky/seg1.ts"_s);
        QCOMPARE(r.status, 503);
        r = get(u"/hls/flaky/seg1.ts"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(r.body == DemoHls::segmentBytes(Stream::Low, DemoHls::FlakySegment));
        QCOMPARE(get(u"/hls/flaky/seg1.ts"_s).status, 200);
        QCOMPARE(m_server.server().requestsFor("/hls/flaky/seg1.ts"), 3);

        // Replayable; the request counts stay.
        m_server.server().resetFlakyCounters();
        QCOMPARE(get(u"/hls/flaky/seg1.ts"_s).status, 503);
        QCOMPARE(m_server.server().requestsFor("/hls/flaky/seg1.ts"), 4);
        QVERIFY(segmentsOf(m_server.url(u"/hls/flaky/index.m3u8"_s))
                == DemoHls::streamBytes(Stream::Low));
    }

    void missingSegmentIs404()
    {
        const Response r = get(u"/hls/missing/index.m3u8"_s);
        QCOMPARE(r.body, plainPlaylist(4));
        for (int i = 0; i < 4; ++i) {
            const Response segment = get(m_server.url(u"/hls/missing/seg%1.ts"_s.arg(i)));
            QCOMPARE(segment.status, i == DemoHls::MissingSegment ? 404 : 200);
        }
        QCOMPARE(DemoHls::MissingSegment, 2);
    }

    void manySegmentsCycleThroughTheClip()
    {
        Response r = get(u"/hls/many/index.m3u8"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(uris(r.body).size(), DemoHls::DefaultManySegments);
        QCOMPARE(DemoHls::DefaultManySegments, 1000);

        r = get(u"/hls/many/index.m3u8?n=6"_s);
        QCOMPARE(r.body, plainPlaylist(6));
        QByteArray joined;
        for (const QByteArray &uri : uris(r.body))
            joined += get(u"/hls/many/"_s + QString::fromLatin1(uri)).body;
        const QByteArray low = DemoHls::streamBytes(Stream::Low);
        QVERIFY(joined
                == QByteArray(low + DemoHls::segmentBytes(Stream::Low, 0)
                              + DemoHls::segmentBytes(Stream::Low, 1)));

        r = get(u"/hls/many/index.m3u8?n=100000"_s);
        QCOMPARE(r.status, 200);
        const QList<QByteArray> all = uris(r.body);
        QCOMPARE(all.size(), 100000);
        QCOMPARE(all.constLast(), QByteArray("seg99999.ts"));
        QVERIFY(get(u"/hls/many/seg99999.ts"_s).body == DemoHls::segmentBytes(Stream::Low, 3));
        QCOMPARE(get(u"/hls/many/seg100000.ts"_s).status, 404);
        QCOMPARE(get(u"/hls/many/seg007.ts"_s).status, 404);
        for (const QString &bad : { u"0"_s, u"100001"_s, u"-1"_s, u"x"_s, u""_s }) {
            r = get(u"/hls/many/index.m3u8?n="_s + bad);
            QCOMPARE(r.status, 400);
        }
    }

    void playlistsPassTheRateOn()
    {
        Response r = get(u"/hls/master.m3u8?rate=4096"_s);
        QCOMPARE(uris(r.body),
                 (QList<QByteArray> { "low/index.m3u8?rate=4096", "high/index.m3u8?rate=4096" }));
        r = get(u"/hls/low/index.m3u8?rate=4096"_s);
        QCOMPARE(r.body, plainPlaylist(4, "?rate=4096"));
        r = get(u"/hls/aes/index.m3u8?rate=4096"_s);
        QCOMPARE(linesStartingWith(r.body, "#EXT-X-KEY:").size(), 2);
        for (const QByteArray &line : linesStartingWith(r.body, "#EXT-X-KEY:"))
            QVERIFY2(line.contains(".bin?rate=4096\""), line.constData());
        r = get(u"/hls/fmp4/index.m3u8?rate=4096"_s);
        QVERIFY(r.body.contains("#EXT-X-MAP:URI=\"init.mp4?rate=4096\"\n"));
        r = get(u"/hls/audio/master.m3u8?rate=4096"_s);
        QVERIFY(r.body.contains("URI=\"audio/index.m3u8?rate=4096\""));
        QCOMPARE(uris(r.body), QList<QByteArray> { "video/index.m3u8?rate=4096" });
        r = get(u"/hls/byterange/index.m3u8?rate=4096"_s);
        QCOMPARE(uris(r.body), QList<QByteArray>(4, "all.ts?rate=4096"));
        r = get(u"/hls/many/index.m3u8?n=2&rate=4096"_s);
        QCOMPARE(r.body, plainPlaylist(2, "?rate=4096"));
        // An invalid rate is dropped, as /videos/ does.
        r = get(u"/hls/low/index.m3u8?rate=10"_s);
        QCOMPARE(r.body, plainPlaylist(4));
    }

    void rateThrottlesSegments()
    {
        const QByteArray expected = DemoHls::segmentBytes(Stream::Low, 0);
        QVERIFY(expected.size() > 10'000);
        QElapsedTimer timer;
        timer.start();
        const Response r = get(u"/hls/low/seg0.ts?rate=20000"_s);
        QVERIFY(r.body == expected);
        const qint64 floorMs = expected.size() * 1000 / 20000 * 3 / 4;
        QVERIFY2(timer.elapsed() >= floorMs,
                 qPrintable(u"%1 ms < %2 ms"_s.arg(timer.elapsed()).arg(floorMs)));
    }

    void headAndUnknownNames()
    {
        const Response head = get(m_server.url(u"/hls/high/seg2.ts"_s), {}, true);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(),
                 DemoHls::segmentBytes(Stream::High, 2).size());
        QVERIFY(head.body.isEmpty());
        for (const QString &path :
             { u"/hls/"_s, u"/hls/index.m3u8"_s, u"/hls/low/seg4.ts"_s, u"/hls/low/seg01.ts"_s,
               u"/hls/low/seg.ts"_s, u"/hls/low/seg-1.ts"_s, u"/hls/low/seg0.m4s"_s,
               u"/hls/aes/key0.bin"_s, u"/hls/aes/key3.bin"_s, u"/hls/aes/seg4.ts"_s,
               u"/hls/fmp4/seg4.m4s"_s, u"/hls/fmp4/seg0.ts"_s, u"/hls/byterange/seg0.ts"_s,
               u"/hls/audio/index.m3u8"_s, u"/hls/nowhere/index.m3u8"_s, u"/hls/low/"_s,
               u"/hls/low/index.m3u8/x"_s }) {
            QCOMPARE(get(path).status, 404);
        }
    }

    void requestsAreCountedPerPath()
    {
        DemoServerThread &server = m_server.server();
        server.resetRequestCounts();
        QCOMPARE(server.requestsFor("/hls/aes/key1.bin"), 0);
        get(u"/hls/aes/key1.bin"_s);
        get(u"/hls/aes/index.m3u8"_s);
        get(u"/hls/aes/index.m3u8?rate=4096"_s); // the query does not make another path
        get(m_server.url(u"/hls/aes/index.m3u8"_s), {}, true); // nor does HEAD
        get(u"/hls/low/seg9.ts"_s); // 404s count too
        QCOMPARE(server.requestsFor("/hls/aes/key1.bin"), 1);
        QCOMPARE(server.requestsFor("/hls/aes/key2.bin"), 0);
        QCOMPARE(server.requestsFor("/hls/aes/index.m3u8"), 3);
        QCOMPARE(server.requestsFor("/hls/aes/index.m3u8?rate=4096"), 0);
        QCOMPARE(server.requestsFor("/hls/low/seg9.ts"), 1);
        server.resetFlakyCounters();
        QCOMPARE(server.requestsFor("/hls/aes/index.m3u8"), 3);
        server.resetRequestCounts();
        QCOMPARE(server.requestsFor("/hls/aes/index.m3u8"), 0);

        // The DemoServer on the caller's thread counts the same way.
        DemoServer local;
        QVERIFY(local.listen());
        QCOMPARE(local.requestsFor("/hls/master.m3u8"), 0);
        const QUrl url(local.baseUrl().toString() + u"/hls/master.m3u8"_s);
        QCOMPARE(get(url).status, 200);
        QCOMPARE(get(url).status, 200);
        QCOMPARE(local.requestsFor("/hls/master.m3u8"), 2);
        local.resetRequestCounts();
        QCOMPARE(local.requestsFor("/hls/master.m3u8"), 0);
    }

    // The table of counts is bounded: past it, uncounted paths say -1 rather than a false 0.
    void requestCountsAreBounded()
    {
        DemoRoutes routes;
        const DemoEnvironment environment;
        DemoRequest request;
        request.method = "GET";
        for (qsizetype i = 0; i < DemoRoutes::MaxCountedPaths; ++i) {
            request.path =
                    "/status/" + QByteArray::number(200 + i % 2) + "/" + QByteArray::number(i);
            routes.answer(request, environment);
        }
        request.path = "/status/200/0";
        routes.answer(request, environment);
        QCOMPARE(routes.requestsFor("/status/200/0"), 2);
        QCOMPARE(routes.requestsFor("/never"), 0); // nothing went uncounted yet
        request.path = "/one/too/many";
        routes.answer(request, environment);
        QCOMPARE(routes.requestsFor("/one/too/many"), -1);
        QCOMPARE(routes.requestsFor("/never"), -1);
        QCOMPARE(routes.requestsFor("/status/201/1"), 1);
        routes.resetRequestCounts();
        QCOMPARE(routes.requestsFor("/never"), 0);
        QCOMPARE(routes.requestsFor("/status/200/0"), 0);
    }

    void ffprobeAcceptsTheClips()
    {
        if (QStandardPaths::findExecutable(u"ffprobe"_s).isEmpty())
            QSKIP("ffprobe is not on PATH");
        // What a downloader writes: the segments over HTTP, concatenated.
        const QByteArray low = segmentsOf(m_server.url(u"/hls/low/index.m3u8"_s));
        QVERIFY(low == DemoHls::streamBytes(Stream::Low));
        // 4 s: 40 frames at 10 fps, 88 AAC frames of 1024 samples at 22050 Hz.
        const QByteArray video = "h264 192x108: 40 packets\n";
        const QByteArray audio = "aac: 88 packets\n";
        QCOMPARE(probe(low, u"low.ts"_s), QByteArray(video + audio));
        QCOMPARE(probe(DemoHls::streamBytes(Stream::High), u"high.ts"_s),
                 QByteArray("h264 384x216: 40 packets\n" + audio));
        QCOMPARE(probe(DemoHls::streamBytes(Stream::VideoOnly), u"video.ts"_s), video);
        QCOMPARE(probe(DemoHls::streamBytes(Stream::Audio), u"audio.ts"_s), audio);
        QCOMPARE(probe(DemoHls::streamBytes(Stream::Fmp4), u"fmp4.mp4"_s),
                 QByteArray(video + audio));
        // A segment lost on the way is what the count catches.
        QByteArray lost = low;
        lost.remove(DemoHls::segmentBytes(Stream::Low, 0).size(),
                    DemoHls::segmentBytes(Stream::Low, 1).size());
        QVERIFY(probe(lost, u"lost.ts"_s) != QByteArray(video + audio));
    }

    void harvestDemoLinksTheMasterPlaylist()
    {
        const std::optional<DemoVideoSite::Video> video = DemoVideoSite::video(1016);
        QVERIFY(video);
        QCOMPARE(video->delivery, DemoVideoSite::Delivery::Hls);
        QCOMPARE(video->size, qint64(0));
        QVERIFY(DemoVideoSite::mediaBytes(1016).isEmpty());
        const QByteArray host = m_server.baseUrl().authority().toLatin1();
        Response r = get(u"/videos/video_1016"_s);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.contains(
                         QByteArray("srcUrl=\"http://" + host + "/hls/master.m3u8\",vdoUrl")),
                 r.body.constData());
        r = get(u"/videos/video_1016?rate=50000"_s);
        QVERIFY(r.body.contains(
                QByteArray("srcUrl=\"http://" + host + "/hls/master.m3u8?rate=50000\",")));
        QVERIFY(get(u"/videos/category_5"_s).body.contains("<a href=\"video_1016\""));
        QCOMPARE(get(u"/videos/media/1016.mp4"_s).status, 404);
    }
};

QTEST_GUILESS_MAIN(tst_DemoHls)
#include "tst_demohls.moc"
