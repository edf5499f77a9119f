// ContentDecoder: gzip, deflate (zlib and raw), br and zstd bodies decoded in pieces of any size
// within an output bound, and the end of the stream told apart from a body cut short, corrupt, or
// followed by garbage. The encoded test bodies are made here with zlib, brotli and zstd.

#include "net/contentdecoder.h"

#include <brotli/encode.h>
#include <zlib.h>
#include <zstd.h>

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using qcrawl::ContentDecoder;
using Coding = ContentDecoder::Coding;

Q_DECLARE_METATYPE(ContentDecoder::Coding)

namespace {

QByteArray sampleText(qsizetype size)
{
    QByteArray text;
    text.reserve(size);
    QRandomGenerator random(42);
    while (text.size() < size)
        text += "line " + QByteArray::number(random.bounded(100000)) + " of the sample body\n";
    text.truncate(size);
    return text;
}

QByteArray zlibEncode(const QByteArray &data, int windowBits)
{
    z_stream z {};
    deflateInit2(&z, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

QByteArray encode(Coding coding, const QByteArray &data)
{
    switch (coding) {
    case Coding::Gzip:
        return zlibEncode(data, 16 + MAX_WBITS);
    case Coding::Deflate:
        return zlibEncode(data, MAX_WBITS);
    case Coding::Brotli: {
        size_t size = BrotliEncoderMaxCompressedSize(size_t(data.size()));
        QByteArray out(qsizetype(size), Qt::Uninitialized);
        BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, size_t(data.size()),
                              reinterpret_cast<const uint8_t *>(data.constData()), &size,
                              reinterpret_cast<uint8_t *>(out.data()));
        out.resize(qsizetype(size));
        return out;
    }
    case Coding::Zstd: {
        QByteArray out(qsizetype(ZSTD_compressBound(size_t(data.size()))), Qt::Uninitialized);
        out.resize(qsizetype(ZSTD_compress(out.data(), size_t(out.size()), data.constData(),
                                           size_t(data.size()), 3)));
        return out;
    }
    }
    return {};
}

struct Decoded
{
    QByteArray bytes;
    bool ok = true;
    bool complete = false;
    QString error;
};

// Feeds encoded in pieces of inStep bytes, taking at most outStep decoded bytes per call, as
// CurlReply does when its buffer is nearly full.
Decoded decodeInPieces(Coding coding, const QByteArray &encoded, qsizetype inStep,
                       qsizetype outStep)
{
    ContentDecoder decoder(coding);
    Decoded d;
    for (qsizetype at = 0; at < encoded.size() && d.ok; at += inStep) {
        QByteArrayView input =
                QByteArrayView(encoded).sliced(at, std::min(inStep, encoded.size() - at));
        while (!input.isEmpty() && d.ok) {
            const qsizetype before = d.bytes.size();
            d.ok = decoder.decode(input, d.bytes, outStep);
            if (d.bytes.size() - before > outStep) {
                d.ok = false;
                d.error = u"more output than allowed"_s;
            }
            if (d.ok && d.bytes.size() == before && !input.isEmpty()) {
                d.ok = false; // stuck: would loop forever
                d.error = u"no progress"_s;
            }
        }
    }
    // What the decoder still holds comes out without more input, as CurlReply asks for it.
    while (d.ok && decoder.hasPendingOutput()) {
        QByteArrayView none;
        d.ok = decoder.decode(none, d.bytes, outStep);
    }
    d.complete = decoder.isComplete();
    if (d.error.isEmpty())
        d.error = decoder.errorString();
    return d;
}

} // namespace

class tst_ContentDecoder : public QObject
{
    Q_OBJECT

private:
    static void addCodings()
    {
        QTest::addColumn<Coding>("coding");
        QTest::newRow("gzip") << Coding::Gzip;
        QTest::newRow("deflate") << Coding::Deflate;
        QTest::newRow("br") << Coding::Brotli;
        QTest::newRow("zstd") << Coding::Zstd;
    }

private slots:
    void namesAndAcceptEncoding()
    {
        QCOMPARE(ContentDecoder::codingFor("GZIP"), Coding::Gzip);
        QCOMPARE(ContentDecoder::codingFor("x-gzip"), Coding::Gzip);
        QCOMPARE(ContentDecoder::codingFor(" deflate "), Coding::Deflate);
        QCOMPARE(ContentDecoder::codingFor("br"), Coding::Brotli);
        QCOMPARE(ContentDecoder::codingFor("zstd"), Coding::Zstd);
        QVERIFY(!ContentDecoder::codingFor("compress"));
        QVERIFY(!ContentDecoder::codingFor("identity"));
        QCOMPARE(ContentDecoder::acceptEncoding(), QByteArray("gzip, deflate, br, zstd"));
    }

    void decodesExactBytesInAnyPieces_data() { addCodings(); }
    void decodesExactBytesInAnyPieces()
    {
        QFETCH(Coding, coding);
        const QByteArray text = sampleText(3 * 1024 * 1024);
        const QByteArray encoded = encode(coding, text);
        QVERIFY(encoded.size() < text.size() / 2);
        for (const auto &[in, out] : { std::pair<qsizetype, qsizetype> { 1, 7 },
                                       { 1000, 100 },
                                       { 16384, 65536 },
                                       { encoded.size(), 1 << 30 } }) {
            const Decoded d = decodeInPieces(coding, encoded, in, out);
            QVERIFY2(d.ok, qPrintable(d.error));
            QVERIFY(d.complete);
            QVERIFY2(d.bytes == text, qPrintable(u"in %1, out %2"_s.arg(in).arg(out)));
        }
    }

    void cutShortIsNotComplete_data() { addCodings(); }
    void cutShortIsNotComplete()
    {
        QFETCH(Coding, coding);
        const QByteArray text = sampleText(200'000);
        const QByteArray encoded = encode(coding, text);
        // Cut in half, and without the last bytes (gzip's CRC and size, the end of a block).
        for (const qsizetype keep :
             { encoded.size() / 2, encoded.size() - 8, encoded.size() - 1 }) {
            const Decoded d = decodeInPieces(coding, encoded.left(keep), 4096, 65536);
            QVERIFY2(d.ok, qPrintable(d.error)); // nothing wrong with what came...
            QVERIFY2(!d.complete,
                     qPrintable(u"complete after %1 of %2"_s.arg(keep).arg(encoded.size())));
        }
    }

    void corruptBodyIsAnError_data() { addCodings(); }
    void corruptBodyIsAnError()
    {
        QFETCH(Coding, coding);
        const QByteArray text = sampleText(200'000);
        QByteArray encoded = encode(coding, text);
        for (qsizetype i = encoded.size() / 3; i < encoded.size() / 3 + 16; ++i)
            encoded[i] = char(encoded[i] ^ 0x5a);
        const Decoded d = decodeInPieces(coding, encoded, 4096, 65536);
        QVERIFY(!d.ok || !d.complete);
        QVERIFY(d.bytes != text);
        if (!d.ok)
            QVERIFY2(d.error.startsWith(u"corrupt "_s), qPrintable(d.error));
    }

    void gzipCrcMismatchIsAnError()
    {
        const QByteArray text = sampleText(100'000);
        QByteArray encoded = encode(Coding::Gzip, text);
        encoded[encoded.size() - 8] = char(encoded[encoded.size() - 8] ^ 1); // the CRC-32
        const Decoded d = decodeInPieces(Coding::Gzip, encoded, 4096, 65536);
        QVERIFY(!d.ok);
        QVERIFY2(d.error.contains(u"gzip"_s), qPrintable(d.error));
    }

    void concatenatedMembersAndFrames_data()
    {
        QTest::addColumn<Coding>("coding");
        QTest::newRow("gzip") << Coding::Gzip;
        QTest::newRow("zstd") << Coding::Zstd;
    }
    void concatenatedMembersAndFrames()
    {
        QFETCH(Coding, coding);
        const QByteArray a = sampleText(50'000);
        const QByteArray b = sampleText(70'000).toUpper();
        const Decoded d = decodeInPieces(coding, encode(coding, a) + encode(coding, b), 999, 4096);
        QVERIFY2(d.ok, qPrintable(d.error));
        QVERIFY(d.complete);
        QVERIFY(d.bytes == a + b);
    }

    void garbageAfterTheEndIsAnError_data()
    {
        QTest::addColumn<Coding>("coding");
        QTest::newRow("deflate") << Coding::Deflate;
        QTest::newRow("br") << Coding::Brotli;
        QTest::newRow("gzip") << Coding::Gzip;
    }
    void garbageAfterTheEndIsAnError()
    {
        QFETCH(Coding, coding);
        const Decoded d =
                decodeInPieces(coding, encode(coding, sampleText(1000)) + "garbage!", 4096, 65536);
        QVERIFY(!d.ok);
    }

    void rawDeflateIsAccepted()
    {
        const QByteArray text = sampleText(100'000);
        const Decoded d = decodeInPieces(Coding::Deflate, zlibEncode(text, -MAX_WBITS), 777, 5000);
        QVERIFY2(d.ok, qPrintable(d.error));
        QVERIFY(d.complete);
        QVERIFY(d.bytes == text);
    }

    // A small body that inflates enormously is decoded within the bound asked for, call by call.
    void decodingBombStaysWithinTheBound()
    {
        const QByteArray zeros(64 * 1024 * 1024, '\0');
        const QByteArray encoded = encode(Coding::Gzip, zeros);
        QVERIFY(encoded.size() < 100'000);
        ContentDecoder decoder(Coding::Gzip);
        QByteArrayView input(encoded);
        QByteArray out;
        QVERIFY(decoder.decode(input, out, 256 * 1024));
        QCOMPARE(out.size(), 256 * 1024);
        QVERIFY(!input.isEmpty()); // the rest waits
        QVERIFY(!decoder.isComplete());
    }
};

QTEST_GUILESS_MAIN(tst_ContentDecoder)
#include "tst_contentdecoder.moc"
