#include "demohls.h"

#include "demo/demosyntax.h"

#include <array>
#include <memory>
#include <openssl/evp.h>

#include <QFile>
#include <QList>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr qint64 TsPacket = 188;
constexpr int TsSegments = 4; // every clip is 4 s: one segment a second
constexpr qint64 MinRate = 1024; // ?rate=<bytes per second>, as /videos/ takes it
constexpr qint64 MaxRate = qint64(1) << 32;
constexpr int StreamCount = 5;
constexpr int AesBlock = 16;

const QByteArray Playlist = QByteArrayLiteral("application/vnd.apple.mpegurl");
const QByteArray Mp2t = QByteArrayLiteral("video/mp2t");
const QByteArray IsoSegment = QByteArrayLiteral("video/iso.segment");
const QByteArray Mp4 = QByteArrayLiteral("video/mp4");
const QByteArray OctetStream = QByteArrayLiteral("application/octet-stream");

// What scripts/make-demo-hls encodes: H.264 Main profile level 1.2, AAC-LC.
const QByteArray VideoAndAudioCodecs = QByteArrayLiteral("avc1.4d400c,mp4a.40.2");

using Stream = DemoHls::Stream;

int streamIndex(Stream stream)
{
    return int(stream);
}

// The compiled-in clips (resources/demo/hls/, see src/demo/CMakeLists.txt), read once and then
// shared by every answer without copying.
struct Media
{
    std::array<QByteArray, StreamCount> whole;
    std::array<QList<QByteArray>, StreamCount> segments;
    QByteArray init;
    QList<QByteArray> aesSegments; // the low clip's, encrypted as /hls/aes/ serves them
};

QByteArray readResource(const QString &name)
{
    QFile file(u":/demo/hls/"_s + name);
    if (!file.open(QIODevice::ReadOnly)) {
        // Only a broken build gets here (the resources did not get linked in); the routes then
        // answer 404 rather than take the server down.
        qWarning("qcrawl demo server: the HLS clip %s is not compiled in", qPrintable(name));
        return {};
    }
    return file.readAll();
}

// A TS file cut at packet boundaries into TsSegments segments of (almost) equal packet counts;
// trailing bytes that do not make a whole packet, which a well-formed file does not have, stay
// with the last segment, so the segments always concatenate to the file.
QList<QByteArray> cutTs(const QByteArray &file)
{
    QList<QByteArray> segments;
    const qint64 packets = file.size() / TsPacket;
    for (int i = 0; i < TsSegments; ++i) {
        const qint64 first = i * packets / TsSegments * TsPacket;
        const qint64 end =
                i + 1 == TsSegments ? file.size() : (i + 1) * packets / TsSegments * TsPacket;
        segments.append(file.sliced(first, end - first));
    }
    return segments;
}

// AES-128-CBC with PKCS#7 padding, as RFC 8216 section 5.2 has each segment encrypted.
QByteArray encryptAes128Cbc(const QByteArray &plain, const QByteArray &key, const QByteArray &iv)
{
    std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> context(EVP_CIPHER_CTX_new(),
                                                                            &EVP_CIPHER_CTX_free);
    QByteArray out(plain.size() + AesBlock, Qt::Uninitialized);
    int written = 0;
    int final = 0;
    const auto *keyBytes = reinterpret_cast<const unsigned char *>(key.constData());
    const auto *ivBytes = reinterpret_cast<const unsigned char *>(iv.constData());
    auto *outBytes = reinterpret_cast<unsigned char *>(out.data());
    if (!context || key.size() != AesBlock || iv.size() != AesBlock
        || EVP_EncryptInit_ex(context.get(), EVP_aes_128_cbc(), nullptr, keyBytes, ivBytes) != 1
        || EVP_EncryptUpdate(context.get(), outBytes, &written,
                             reinterpret_cast<const unsigned char *>(plain.constData()),
                             int(plain.size()))
                != 1
        || EVP_EncryptFinal_ex(context.get(), outBytes + written, &final) != 1) {
        qWarning("qcrawl demo server: cannot encrypt an HLS segment");
        return {};
    }
    out.resize(written + final);
    return out;
}

// The IV of a segment without IV attribute: its media sequence number, 128-bit big-endian.
QByteArray sequenceIv(qint64 sequence)
{
    QByteArray iv(AesBlock, '\0');
    for (int i = 0; i < 8; ++i)
        iv[AesBlock - 1 - i] = char((sequence >> (8 * i)) & 0xff);
    return iv;
}

// Segments 0-1 of /hls/aes/ use key 1 and the explicit IV, the others key 2 and their sequence.
int aesKeyOf(int index)
{
    return index < 2 ? 1 : 2;
}

QByteArray aesIvOf(int index)
{
    return index < 2 ? DemoHls::explicitIv() : sequenceIv(DemoHls::AesMediaSequence + index);
}

Media loadMedia()
{
    Media media;
    const std::array<QString, 4> tsFiles = { u"low.ts"_s, u"high.ts"_s, u"video-only.ts"_s,
                                             u"audio.ts"_s };
    for (int i = 0; i < int(tsFiles.size()); ++i) {
        media.whole[i] = readResource(tsFiles[i]);
        media.segments[i] = cutTs(media.whole[i]);
    }
    const int fmp4 = streamIndex(Stream::Fmp4);
    media.init = readResource(u"fmp4/init.mp4"_s);
    media.whole[fmp4] = media.init;
    for (int i = 0; i < TsSegments; ++i) {
        const QByteArray segment = readResource(u"fmp4/seg%1.m4s"_s.arg(i));
        media.segments[fmp4].append(segment);
        media.whole[fmp4] += segment;
    }
    const QList<QByteArray> &low = media.segments[streamIndex(Stream::Low)];
    for (int i = 0; i < int(low.size()); ++i)
        media.aesSegments.append(
                encryptAes128Cbc(low.at(i), DemoHls::key(aesKeyOf(i)), aesIvOf(i)));
    return media;
}

const Media &media()
{
    static const Media loaded = loadMedia(); // thread-safe: servers may run on several threads
    return loaded;
}

// "?rate=N" to append to the URIs a playlist lists, and N; empty and 0 when the query has no
// valid rate.
QByteArray rateSuffix(const QByteArray &query, qint64 *rate)
{
    *rate = 0;
    const std::optional<QByteArray> value = queryValue(query, "rate");
    const std::optional<qint64> parsed = value ? parseDecimal(*value, MaxRate) : std::nullopt;
    if (!parsed || *parsed < MinRate)
        return {};
    *rate = *parsed;
    return "?rate=" + QByteArray::number(*parsed);
}

// "<prefix><n><suffix>" with n in canonical decimal (no leading zeros) and below limit.
std::optional<int> numberedName(const QByteArray &name, const char *prefix, const char *suffix,
                                int limit)
{
    if (!name.startsWith(prefix) || !name.endsWith(suffix))
        return std::nullopt;
    const qsizetype prefixLength = qsizetype(qstrlen(prefix));
    const qsizetype digits = name.size() - prefixLength - qsizetype(qstrlen(suffix));
    if (digits <= 0)
        return std::nullopt;
    const QByteArray text = name.sliced(prefixLength, digits);
    const std::optional<qint64> n = parseDecimal(text, limit - 1);
    if (!n || text != QByteArray::number(*n))
        return std::nullopt;
    return int(*n);
}

// The head of a media playlist.
QByteArray mediaHead(int version, std::optional<int> mediaSequence, bool vod)
{
    QByteArray text = "#EXTM3U\n#EXT-X-VERSION:" + QByteArray::number(version)
            + "\n#EXT-X-TARGETDURATION:1\n";
    if (mediaSequence)
        text += "#EXT-X-MEDIA-SEQUENCE:" + QByteArray::number(*mediaSequence) + '\n';
    if (vod)
        text += "#EXT-X-PLAYLIST-TYPE:VOD\n";
    return text;
}

QByteArray segmentLine(const QByteArray &uri, const QByteArray &rate)
{
    // The cuts are not at frame boundaries, so each of the four segments of a 4 s clip is 1 s
    // only roughly; for a downloader the figure is information, not a promise.
    return "#EXTINF:1.000,\n" + uri + rate + '\n';
}

QByteArray segmentName(int index, const char *extension = ".ts")
{
    return "seg" + QByteArray::number(index) + extension;
}

// A plain playlist of the stream's segments seg0.ts .. seg3.ts.
QByteArray tsPlaylist(Stream stream, const QByteArray &rate, bool live = false)
{
    QByteArray text = live ? mediaHead(3, DemoHls::LiveMediaSequence, false)
                           : mediaHead(3, std::nullopt, true);
    for (int i = 0; i < DemoHls::segmentCount(stream); ++i)
        text += segmentLine(segmentName(i), rate);
    if (!live)
        text += "#EXT-X-ENDLIST\n";
    return text;
}

// /hls/aes/index.m3u8 and its bad-key and short-key copies, which differ only in where the
// segments are (segmentPrefix) and so in which key URIs the relative "key<n>.bin" reach.
QByteArray aesPlaylist(const QByteArray &segmentPrefix, const QByteArray &rate)
{
    QByteArray text = mediaHead(3, DemoHls::AesMediaSequence, true);
    int keyInForce = 0;
    for (int i = 0; i < DemoHls::segmentCount(Stream::Low); ++i) {
        if (aesKeyOf(i) != keyInForce) {
            keyInForce = aesKeyOf(i);
            text += "#EXT-X-KEY:METHOD=AES-128,URI=\"key" + QByteArray::number(keyInForce) + ".bin"
                    + rate + '"';
            if (keyInForce == 1)
                text += ",IV=0x" + DemoHls::explicitIv().toHex();
            text += '\n';
        }
        text += segmentLine(segmentPrefix + segmentName(i), rate);
    }
    text += "#EXT-X-ENDLIST\n";
    return text;
}

QByteArray fmp4Playlist(const QByteArray &rate)
{
    QByteArray text = mediaHead(7, std::nullopt, true);
    text += "#EXT-X-MAP:URI=\"init.mp4" + rate + "\"\n";
    for (int i = 0; i < DemoHls::segmentCount(Stream::Fmp4); ++i)
        text += segmentLine(segmentName(i, ".m4s"), rate);
    text += "#EXT-X-ENDLIST\n";
    return text;
}

QByteArray byteRangePlaylist(const QByteArray &rate)
{
    QByteArray text = mediaHead(4, std::nullopt, true);
    const QList<QByteArray> &segments = media().segments[streamIndex(Stream::Low)];
    for (qsizetype i = 0; i < segments.size(); ++i) {
        // The first range says where it starts; the next ones continue where the last ended.
        text += "#EXTINF:1.000,\n#EXT-X-BYTERANGE:" + QByteArray::number(segments.at(i).size())
                + (i == 0 ? QByteArrayLiteral("@0") : QByteArray()) + "\nall.ts" + rate + '\n';
    }
    text += "#EXT-X-ENDLIST\n";
    return text;
}

QByteArray drmPlaylist(const QByteArray &rate)
{
    // KEYFORMAT needs version 5. The skd:// URI is not HTTP: nothing is appended to it.
    QByteArray text = mediaHead(5, std::nullopt, true);
    text += "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://demo-key\","
            "KEYFORMAT=\"com.apple.streamingkeydelivery\",KEYFORMATVERSIONS=\"1\"\n";
    for (int i = 0; i < DemoHls::segmentCount(Stream::Low); ++i)
        text += segmentLine(segmentName(i), rate);
    text += "#EXT-X-ENDLIST\n";
    return text;
}

QByteArray manyPlaylist(int count, const QByteArray &rate)
{
    QByteArray text = mediaHead(3, std::nullopt, true);
    text.reserve(text.size() + qsizetype(count) * (32 + rate.size()));
    for (int i = 0; i < count; ++i)
        text += segmentLine(segmentName(i), rate);
    text += "#EXT-X-ENDLIST\n";
    return text;
}

QByteArray masterPlaylist(const QByteArray &rate)
{
    return "#EXTM3U\n#EXT-X-VERSION:3\n"
           "#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=192x108,CODECS=\""
            + VideoAndAudioCodecs + "\"\nlow/index.m3u8" + rate
            + "\n#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=384x216,CODECS=\""
            + VideoAndAudioCodecs + "\"\nhigh/index.m3u8" + rate + '\n';
}

QByteArray audioMasterPlaylist(const QByteArray &rate)
{
    // The variant's CODECS name the rendition's audio codec too, as RFC 8216 4.3.4.2 asks.
    return "#EXTM3U\n#EXT-X-VERSION:3\n"
           "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"aud\",NAME=\"English\",LANGUAGE=\"en\","
           "DEFAULT=YES,AUTOSELECT=YES,URI=\"audio/index.m3u8"
            + rate + "\"\n#EXT-X-STREAM-INF:BANDWIDTH=300000,RESOLUTION=192x108,CODECS=\""
            + VideoAndAudioCodecs + "\",AUDIO=\"aud\"\nvideo/index.m3u8" + rate + '\n';
}

DemoHls::Answer ok(const QByteArray &contentType, const QByteArray &body, qint64 rate = 0)
{
    DemoHls::Answer answer;
    answer.status = 200;
    answer.contentType = contentType;
    answer.body = body;
    answer.bytesPerSecond = rate;
    return answer;
}

DemoHls::Answer badRequest(const QByteArray &text)
{
    DemoHls::Answer answer;
    answer.status = 400;
    answer.body = text;
    return answer;
}

// The directories whose index.m3u8 lists seg0.ts .. seg3.ts of one clip.
struct TsDirectory
{
    const char *name;
    Stream stream;
};
constexpr TsDirectory TsDirectories[] = {
    { "low", Stream::Low },           { "high", Stream::High },
    { "live", Stream::Low },          { "drm", Stream::Low },
    { "flaky", Stream::Low },         { "missing", Stream::Low },
    { "audio/audio", Stream::Audio }, { "audio/video", Stream::VideoOnly },
};

} // namespace

QByteArray DemoHls::streamBytes(Stream stream)
{
    return media().whole[streamIndex(stream)];
}

int DemoHls::segmentCount(Stream stream)
{
    return int(media().segments[streamIndex(stream)].size());
}

QByteArray DemoHls::segmentBytes(Stream stream, int index)
{
    return media().segments[streamIndex(stream)].value(index);
}

QByteArray DemoHls::initSegment()
{
    return media().init;
}

QByteArray DemoHls::key(int n)
{
    if (n == 1)
        return QByteArrayLiteral("qcrawl-demo-key1");
    if (n == 2)
        return QByteArrayLiteral("qcrawl-demo-key2");
    return {};
}

QByteArray DemoHls::badKey(int n)
{
    if (n == 1)
        return QByteArrayLiteral("wrong-demo-key-1");
    if (n == 2)
        return QByteArrayLiteral("wrong-demo-key-2");
    return {};
}

QByteArray DemoHls::explicitIv()
{
    return QByteArray::fromHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
}

DemoHls::Answer DemoHls::answer(const QByteArray &path, const QByteArray &query)
{
    if (!path.startsWith("/hls/"))
        return {};
    qint64 rate = 0;
    const QByteArray suffix = rateSuffix(query, &rate);
    const QByteArray rest = path.sliced(5);
    const qsizetype slash = rest.lastIndexOf('/');
    const QByteArray directory = slash < 0 ? QByteArray() : rest.first(slash);
    const QByteArray file = rest.sliced(slash + 1);

    if (directory.isEmpty())
        return file == "master.m3u8" ? ok(Playlist, masterPlaylist(suffix)) : Answer();
    if (directory == "audio" && file == "master.m3u8")
        return ok(Playlist, audioMasterPlaylist(suffix));

    for (const TsDirectory &ts : TsDirectories) {
        if (directory != ts.name)
            continue;
        if (file == "index.m3u8") {
            if (directory == "drm")
                return ok(Playlist, drmPlaylist(suffix));
            return ok(Playlist, tsPlaylist(ts.stream, suffix, directory == "live"));
        }
        const std::optional<int> index = numberedName(file, "seg", ".ts", segmentCount(ts.stream));
        if (!index || (directory == "missing" && *index == MissingSegment))
            return {};
        Answer answer = ok(Mp2t, segmentBytes(ts.stream, *index), rate);
        answer.failsOnce = directory == "flaky" && *index == FlakySegment;
        return answer;
    }

    if (directory == "aes" || directory == "aes/bad-key" || directory == "aes/short-key") {
        if (file == "index.m3u8")
            return ok(Playlist, aesPlaylist(directory == "aes" ? "" : "../", suffix));
        if (const std::optional<int> n = numberedName(file, "key", ".bin", 3); n && *n >= 1) {
            if (directory == "aes/bad-key")
                return ok(OctetStream, badKey(*n));
            if (directory == "aes/short-key")
                return ok(OctetStream, key(*n).first(ShortKeyBytes));
            return ok(OctetStream, key(*n));
        }
        const std::optional<int> index =
                numberedName(file, "seg", ".ts", int(media().aesSegments.size()));
        if (directory == "aes" && index)
            return ok(Mp2t, media().aesSegments.at(*index), rate);
        return {};
    }

    if (directory == "fmp4") {
        if (file == "index.m3u8")
            return ok(Playlist, fmp4Playlist(suffix));
        if (file == "init.mp4")
            return ok(Mp4, initSegment(), rate);
        const std::optional<int> index =
                numberedName(file, "seg", ".m4s", segmentCount(Stream::Fmp4));
        return index ? ok(IsoSegment, segmentBytes(Stream::Fmp4, *index), rate) : Answer();
    }

    if (directory == "byterange") {
        if (file == "index.m3u8")
            return ok(Playlist, byteRangePlaylist(suffix));
        if (file == "all.ts")
            return ok(Mp2t, streamBytes(Stream::Low), rate);
        return {};
    }

    if (directory == "many") {
        if (file == "index.m3u8") {
            int count = DefaultManySegments;
            if (const std::optional<QByteArray> n = queryValue(query, "n")) {
                const std::optional<qint64> parsed = parseDecimal(*n, MaxManySegments);
                if (!parsed || *parsed < 1)
                    return badRequest("/hls/many/index.m3u8 wants ?n=<segments>, 1 to 100000\n");
                count = int(*parsed);
            }
            return ok(Playlist, manyPlaylist(count, suffix));
        }
        const std::optional<int> index = numberedName(file, "seg", ".ts", MaxManySegments);
        const int clipSegments = segmentCount(Stream::Low);
        if (!index || clipSegments == 0)
            return {};
        return ok(Mp2t, segmentBytes(Stream::Low, *index % clipSegments), rate);
    }
    return {};
}

} // namespace qcrawl
