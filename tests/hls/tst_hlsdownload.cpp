// HLS videos saved end to end: a job whose body is a playlist, through every engine, against the
// demo server's streams (demo/demohls.h), checked byte for byte: variants, AES-128, fMP4, byte
// ranges, a separate audio rendition, refusals (live, DRM, a short key, a missing segment),
// per-segment retries, resume of a cut download without refetching what was finished, and the
// ffmpeg remux when ffmpeg is installed.

#include "demo/demohls.h"
#include "enginerunner.h"
#include "fetch/partfile.h"
#include "fetcherrorprinting.h"
#include "hls/ffmpegremuxer.h"
#include "testserver.h"
#include "testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;
using Stream = DemoHls::Stream;

namespace {

// Byte-exact tests keep the TS as it was sent; the remux has tests of its own.
FetchOptions hlsOptions()
{
    FetchOptions options = localOptions();
    options.retries = 0;
    options.hlsKeepTs = true;
    return options;
}

QStringList filesIn(const QTemporaryDir &dir)
{
    return QDir(dir.path())
            .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

FetchResult download(const FetchOptions &options, const QUrl &url, const QString &path,
                     bool resume = false, FetchMode mode = FetchMode::Async)
{
    FetchJob job { 0, url, path, resume };
    const RecordedRun run = runMode(mode, options, { job }, 60'000);
    if (run.timedOut)
        qWarning("the run timed out");
    return run.results.value(0);
}

// Sets QCRAWL_FFMPEG for the scope: a name that is no program there means "no ffmpeg".
class FfmpegOverride
{
public:
    explicit FfmpegOverride(const QByteArray &value) { qputenv("QCRAWL_FFMPEG", value); }
    ~FfmpegOverride() { qunsetenv("QCRAWL_FFMPEG"); }
};

} // namespace

class TestHlsDownload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mediaPlaylistIsSavedAsItsVideo_data();
    void mediaPlaylistIsSavedAsItsVideo();
    void masterPlaylistVariantIsChosen_data();
    void masterPlaylistVariantIsChosen();
    void aesSegmentsAreDecryptedWithKeysFetchedOnce();
    void fmp4IsInitAndSegments();
    void byteRangesAreAskedAndSpliced();
    void refusalsLeaveNoFile_data();
    void refusalsLeaveNoFile();
    void segmentIsRetriedOnItsOwn();
    void resumeFetchesOnlyTheMissingSegments();
    void cancelKeepsSegmentsOnlyWhenResuming();
    void separateAudioIsSavedBesideWithoutFfmpeg();
    void tsIsRemuxedToMp4WithFfmpeg();
    void separateAudioIsMuxedInWithFfmpeg();
    void aSegmentThatLooksLikeAPlaylistIsSavedAsIs();
    void anExistingFileIsNeverReplaced();
};

void TestHlsDownload::mediaPlaylistIsSavedAsItsVideo_data()
{
    QTest::addColumn<FetchMode>("mode");
    QTest::newRow("async") << FetchMode::Async;
    QTest::newRow("pool") << FetchMode::Pool;
    QTest::newRow("serial") << FetchMode::Serial;
}

void TestHlsDownload::mediaPlaylistIsSavedAsItsVideo()
{
    QFETCH(FetchMode, mode);
    TestServer server;
    QTemporaryDir dir;
    const FetchResult r = download(hlsOptions(), server.url(u"/hls/low/index.m3u8"_s),
                                   dir.filePath(u"index.m3u8"_s), false, mode);
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QCOMPARE(r.filePath, dir.filePath(u"index.ts"_s));
    QCOMPARE(r.hlsSegments, DemoHls::segmentCount(Stream::Low));
    QCOMPARE(r.bytesReceived, DemoHls::streamBytes(Stream::Low).size());
    QVERIFY(readFile(r.filePath) == DemoHls::streamBytes(Stream::Low));
    // Only the video: no playlist text, no .part, no segment folder.
    QCOMPARE(filesIn(dir), QStringList { u"index.ts"_s });
}

void TestHlsDownload::masterPlaylistVariantIsChosen_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<Stream>("stream");
    QTest::newRow("best") << u"best"_s << Stream::High;
    QTest::newRow("worst") << u"worst"_s << Stream::Low;
    QTest::newRow("bandwidth exact") << u"300000"_s << Stream::Low;
    QTest::newRow("bandwidth between: best below") << u"899999"_s << Stream::Low;
    QTest::newRow("bandwidth below all: lowest") << u"1000"_s << Stream::Low;
    QTest::newRow("height exact") << u"216p"_s << Stream::High;
    QTest::newRow("height above all: best below") << u"720p"_s << Stream::High;
    QTest::newRow("height low") << u"108p"_s << Stream::Low;
}

void TestHlsDownload::masterPlaylistVariantIsChosen()
{
    QFETCH(QString, spec);
    QFETCH(Stream, stream);
    TestServer server;
    QTemporaryDir dir;
    FetchOptions options = hlsOptions();
    options.hlsVariant = spec;
    const FetchResult r =
            download(options, server.url(u"/hls/master.m3u8"_s), dir.filePath(u"master.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QCOMPARE(r.filePath, dir.filePath(u"master.ts"_s));
    QVERIFY(readFile(r.filePath) == DemoHls::streamBytes(stream));
    // The other variant was never fetched.
    const QByteArray other = stream == Stream::High ? "/hls/low/seg0.ts" : "/hls/high/seg0.ts";
    QCOMPARE(server.server().requestsFor(other), 0);
}

void TestHlsDownload::aesSegmentsAreDecryptedWithKeysFetchedOnce()
{
    TestServer server;
    QTemporaryDir dir;
    FetchOptions options = hlsOptions();
    options.hlsConcurrency = 4; // every segment at once: each key still asked once
    const FetchResult r =
            download(options, server.url(u"/hls/aes/index.m3u8"_s), dir.filePath(u"aes.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QVERIFY(readFile(r.filePath) == DemoHls::streamBytes(Stream::Low));
    QCOMPARE(server.server().requestsFor("/hls/aes/key1.bin"), 1);
    QCOMPARE(server.server().requestsFor("/hls/aes/key2.bin"), 1);

    // Wrong keys make segments that do not decrypt: a failure, never noise saved as video.
    QTemporaryDir other;
    const FetchResult bad = download(options, server.url(u"/hls/aes/bad-key/index.m3u8"_s),
                                     other.filePath(u"bad.m3u8"_s));
    QCOMPARE(bad.error.kind(), FetchErrorKind::HlsSegmentFailed);
    QVERIFY2(bad.error.argument(2).contains(u"does not decrypt"_s), qPrintable(bad.error.text()));
    QCOMPARE(filesIn(other), QStringList());
}

void TestHlsDownload::fmp4IsInitAndSegments()
{
    TestServer server;
    QTemporaryDir dir;
    FetchOptions options = hlsOptions();
    options.hlsKeepTs = false; // fMP4 is MP4 already: ffmpeg or not, it is not remuxed
    const FetchResult r =
            download(options, server.url(u"/hls/fmp4/index.m3u8"_s), dir.filePath(u"clip.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QCOMPARE(r.filePath, dir.filePath(u"clip.mp4"_s));
    QCOMPARE(r.hlsSegments, DemoHls::segmentCount(Stream::Fmp4));
    QVERIFY(readFile(r.filePath) == DemoHls::streamBytes(Stream::Fmp4));
    QVERIFY(readFile(r.filePath).startsWith(DemoHls::initSegment()));
}

void TestHlsDownload::byteRangesAreAskedAndSpliced()
{
    TestServer server;
    QTemporaryDir dir;
    const FetchResult r = download(hlsOptions(), server.url(u"/hls/byterange/index.m3u8"_s),
                                   dir.filePath(u"ranges.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QVERIFY(readFile(r.filePath) == DemoHls::streamBytes(Stream::Low));
    QCOMPARE(server.server().requestsFor("/hls/byterange/all.ts"),
             DemoHls::segmentCount(Stream::Low));
}

void TestHlsDownload::refusalsLeaveNoFile_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<FetchErrorKind>("kind");
    QTest::addColumn<QString>("words");
    QTest::newRow("live") << u"/hls/live/index.m3u8"_s << FetchErrorKind::HlsLive
                          << u"live HLS stream"_s;
    QTest::newRow("drm") << u"/hls/drm/index.m3u8"_s << FetchErrorKind::HlsDrm
                         << u"DRM-protected HLS stream (METHOD=SAMPLE-AES, skd://"_s;
    QTest::newRow("short key") << u"/hls/aes/short-key/index.m3u8"_s
                               << FetchErrorKind::HlsKeyInvalid << u"is 5 bytes, not 16"_s;
    QTest::newRow("missing segment")
            << u"/hls/missing/index.m3u8"_s << FetchErrorKind::HlsSegmentFailed
            << u"segment 3 of 4: HTTP 404"_s;
}

void TestHlsDownload::refusalsLeaveNoFile()
{
    QFETCH(QString, path);
    QFETCH(FetchErrorKind, kind);
    QFETCH(QString, words);
    TestServer server;
    QTemporaryDir dir;
    const FetchResult r = download(hlsOptions(), server.url(path), dir.filePath(u"v.m3u8"_s));
    QCOMPARE(r.error.kind(), kind);
    QVERIFY2(r.error.text().contains(words), qPrintable(r.error.text()));
    QVERIFY(r.filePath.isEmpty());
    QCOMPARE(filesIn(dir), QStringList());
}

void TestHlsDownload::segmentIsRetriedOnItsOwn()
{
    TestServer server;
    QTemporaryDir dir;
    FetchOptions options = hlsOptions();
    options.retries = 1;
    options.retryBaseDelayMs = 10;
    const FetchResult r = download(options, server.url(u"/hls/flaky/index.m3u8"_s),
                                   dir.filePath(u"flaky.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QVERIFY(readFile(r.filePath) == DemoHls::streamBytes(Stream::Low));
    QCOMPARE(server.server().requestsFor("/hls/flaky/seg1.ts"), 2);
    QCOMPARE(server.server().requestsFor("/hls/flaky/seg0.ts"), 1);
    QCOMPARE(server.server().requestsFor("/hls/flaky/index.m3u8"), 1); // the job itself: once
}

void TestHlsDownload::resumeFetchesOnlyTheMissingSegments()
{
    TestServer server;
    QTemporaryDir dir;
    const QString path = dir.filePath(u"flaky.m3u8"_s);
    FetchOptions options = hlsOptions();
    options.hlsConcurrency = 1; // in order: segment 0 is in, 1 fails, 2 and 3 never start
    const FetchResult cut = download(options, server.url(u"/hls/flaky/index.m3u8"_s), path, true);
    QCOMPARE(cut.error.kind(), FetchErrorKind::HlsSegmentFailed);
    QVERIFY(!QFileInfo::exists(dir.filePath(u"flaky.ts"_s)));
    QVERIFY(QFileInfo(dir.filePath(u"flaky.ts.part.hls"_s)).isDir());
    QCOMPARE(QFileInfo(dir.filePath(u"flaky.ts.part"_s)).size(),
             DemoHls::segmentBytes(Stream::Low, 0).size());

    const FetchResult again = download(options, server.url(u"/hls/flaky/index.m3u8"_s), path, true);
    QVERIFY2(again.isSuccess(), qPrintable(again.error.text()));
    QVERIFY(readFile(again.filePath) == DemoHls::streamBytes(Stream::Low));
    QCOMPARE(server.server().requestsFor("/hls/flaky/seg0.ts"), 1); // kept from the first run
    QCOMPARE(server.server().requestsFor("/hls/flaky/seg1.ts"), 2);
    QCOMPARE(filesIn(dir), QStringList { u"flaky.ts"_s });
}

void TestHlsDownload::cancelKeepsSegmentsOnlyWhenResuming()
{
    for (const bool resume : { false, true }) {
        TestServer server;
        QTemporaryDir dir;
        FetchOptions options = hlsOptions();
        options.hlsConcurrency = 1;
        std::unique_ptr<FetchEngine> engine = FetchEngine::create(FetchMode::Async, options);
        // Slow segments (4 KiB/s): the download is under way when it is canceled.
        FetchJob job { 0, server.url(u"/hls/low/index.m3u8?rate=4096"_s),
                       dir.filePath(u"slow.m3u8"_s), resume };
        const RecordedRun run =
                runEngine(*engine, { job }, 60'000, [](FetchEngine &e, int index, qint64 bytes) {
                    if (bytes > 0)
                        e.cancel(index);
                });
        const FetchResult r = run.results.value(0);
        QVERIFY(r.canceled);
        QCOMPARE(r.error.kind(), FetchErrorKind::Canceled);
        QVERIFY(!QFileInfo::exists(dir.filePath(u"slow.ts"_s)));
        if (resume)
            QVERIFY(filesIn(dir).contains(u"slow.ts.part.hls"_s));
        else
            QCOMPARE(filesIn(dir), QStringList());
    }
}

void TestHlsDownload::separateAudioIsSavedBesideWithoutFfmpeg()
{
    FfmpegOverride noFfmpeg("/nonexistent/ffmpeg");
    QVERIFY(FfmpegRemuxer::program().isEmpty());
    TestServer server;
    QTemporaryDir dir;
    FetchOptions options = hlsOptions();
    options.hlsKeepTs = false; // no ffmpeg: TS stays TS all the same
    const FetchResult r = download(options, server.url(u"/hls/audio/master.m3u8"_s),
                                   dir.filePath(u"talk.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QCOMPARE(r.filePath, dir.filePath(u"talk.ts"_s));
    QVERIFY(readFile(r.filePath) == DemoHls::streamBytes(Stream::VideoOnly));
    QVERIFY(readFile(dir.filePath(u"talk.audio.ts"_s)) == DemoHls::streamBytes(Stream::Audio));
    QCOMPARE(filesIn(dir), (QStringList { u"talk.audio.ts"_s, u"talk.ts"_s }));
}

void TestHlsDownload::tsIsRemuxedToMp4WithFfmpeg()
{
    if (FfmpegRemuxer::program().isEmpty())
        QSKIP("ffmpeg is not installed (scripts/setup.sh installs it): the remux is not tested");
    TestServer server;
    QTemporaryDir dir;
    FetchOptions options = hlsOptions();
    options.hlsKeepTs = false;
    const FetchResult r =
            download(options, server.url(u"/hls/low/index.m3u8"_s), dir.filePath(u"index.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QCOMPARE(r.filePath, dir.filePath(u"index.mp4"_s));
    const QByteArray mp4 = readFile(r.filePath);
    QCOMPARE(mp4.mid(4, 4), QByteArray("ftyp")); // an MP4, no more a TS
    QCOMPARE(r.bytesReceived, mp4.size());
    QCOMPARE(filesIn(dir), QStringList { u"index.mp4"_s }); // the .ts is gone
}

void TestHlsDownload::separateAudioIsMuxedInWithFfmpeg()
{
    if (FfmpegRemuxer::program().isEmpty())
        QSKIP("ffmpeg is not installed (scripts/setup.sh installs it): the mux is not tested");
    const QString ffprobe = QStandardPaths::findExecutable(u"ffprobe"_s);
    TestServer server;
    QTemporaryDir dir;
    FetchOptions options = hlsOptions();
    options.hlsKeepTs = false;
    const FetchResult r = download(options, server.url(u"/hls/audio/master.m3u8"_s),
                                   dir.filePath(u"talk.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QCOMPARE(r.filePath, dir.filePath(u"talk.mp4"_s));
    QCOMPARE(filesIn(dir), QStringList { u"talk.mp4"_s });
    if (ffprobe.isEmpty())
        QSKIP("ffprobe is not installed: the streams of the MP4 are not checked");
    QProcess probe;
    probe.start(ffprobe,
                { u"-v"_s, u"error"_s, u"-show_entries"_s, u"stream=codec_type"_s, u"-of"_s,
                  u"csv=p=0"_s, r.filePath });
    QVERIFY(probe.waitForFinished(30'000));
    QStringList types =
            QString::fromUtf8(probe.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    types.sort();
    QCOMPARE(types, (QStringList { u"audio"_s, u"video"_s }));
}

void TestHlsDownload::aSegmentThatLooksLikeAPlaylistIsSavedAsIs()
{
    // The demo's /hls/ playlists themselves as "segments" of a playlist the test serves through
    // /redirect-to would need a server of its own; instead: a job saving a segment is what
    // HlsDownload makes, with saveHlsAsVideo off, and a playlist body then stays text.
    TestServer server;
    QTemporaryDir dir;
    FetchOptions options = hlsOptions();
    options.saveHlsAsVideo = false;
    const FetchResult r =
            download(options, server.url(u"/hls/low/index.m3u8"_s), dir.filePath(u"index.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QCOMPARE(r.hlsSegments, 0);
    QVERIFY(readFile(dir.filePath(u"index.m3u8"_s)).startsWith("#EXTM3U"));
}

void TestHlsDownload::anExistingFileIsNeverReplaced()
{
    TestServer server;
    QTemporaryDir dir;
    writeFile(dir.filePath(u"index.ts"_s), "someone's video");
    const FetchResult r = download(hlsOptions(), server.url(u"/hls/low/index.m3u8"_s),
                                   dir.filePath(u"index.m3u8"_s));
    QVERIFY2(r.isSuccess(), qPrintable(r.error.text()));
    QCOMPARE(r.filePath, dir.filePath(u"index (2).ts"_s));
    QVERIFY(readFile(r.filePath) == DemoHls::streamBytes(Stream::Low));
    QCOMPARE(readFile(dir.filePath(u"index.ts"_s)), QByteArray("someone's video"));
}

QTEST_GUILESS_MAIN(TestHlsDownload)
#include "tst_hlsdownload.moc"
