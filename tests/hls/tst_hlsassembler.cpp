// The pieces under HlsDownload that touch bytes on disk: AES-128 decryption (against OpenSSL
// encrypting in the test), the IV from a media sequence number, the ordered writer with its
// resume cut-back, and the store of finished segments beside the .part.

#include "fetch/partfile.h"
#include "hls/hlsassembler.h"
#include "hls/hlsdecryptor.h"
#include "hls/hlssegmentstore.h"
#include "testutil.h"

#include <openssl/evp.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using qcrawl::test::readFile;
using qcrawl::test::writeFile;

namespace {

QByteArray encrypt(const QByteArray &plain, const QByteArray &key, const QByteArray &iv)
{
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    QByteArray out(plain.size() + 16, '\0');
    int n = 0;
    int last = 0;
    EVP_EncryptInit_ex(ctx, EVP_aes_128_cbc(), nullptr,
                       reinterpret_cast<const unsigned char *>(key.constData()),
                       reinterpret_cast<const unsigned char *>(iv.constData()));
    EVP_EncryptUpdate(ctx, reinterpret_cast<unsigned char *>(out.data()), &n,
                      reinterpret_cast<const unsigned char *>(plain.constData()),
                      int(plain.size()));
    EVP_EncryptFinal_ex(ctx, reinterpret_cast<unsigned char *>(out.data()) + n, &last);
    EVP_CIPHER_CTX_free(ctx);
    out.resize(n + last);
    return out;
}

QByteArray bytesOf(int size, int seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (int i = 0; i < size; ++i)
        bytes[i] = char((i * 31 + seed * 7) & 0xff);
    return bytes;
}

const QByteArray Key = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f");

} // namespace

class TestHlsAssembler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ivIsTheSequenceNumberBigEndian();
    void decryptsWhatOpenSslEncrypted_data();
    void decryptsWhatOpenSslEncrypted();
    void refusesAWrongKeyOrACutSegment();
    void assemblesPiecesInOrderDecryptingSome();
    void resumeCutsBackToTheRecordedSize();
    void resumeStartsOverWhenThePartIsShort();
    void storeKeepsPiecesOfTheSamePlaylistOnly();
    void storeNeverWritesThroughALink();
};

void TestHlsAssembler::ivIsTheSequenceNumberBigEndian()
{
    QCOMPARE(HlsDecryptor::ivForSequence(0), QByteArray(16, '\0'));
    QCOMPARE(HlsDecryptor::ivForSequence(7).toHex(), "00000000000000000000000000000007");
    QCOMPARE(HlsDecryptor::ivForSequence(0x0102030405060708).toHex(),
             "00000000000000000102030405060708");
}

void TestHlsAssembler::decryptsWhatOpenSslEncrypted_data()
{
    QTest::addColumn<int>("size");
    QTest::newRow("empty") << 0;
    QTest::newRow("one byte") << 1;
    QTest::newRow("a block less one") << 15;
    QTest::newRow("one block") << 16;
    QTest::newRow("188-byte packets") << 188 * 7;
    QTest::newRow("larger than a read chunk") << 700 * 1024 + 3;
}

void TestHlsAssembler::decryptsWhatOpenSslEncrypted()
{
    QFETCH(int, size);
    const QByteArray plain = bytesOf(size, size);
    const QByteArray iv = HlsDecryptor::ivForSequence(42);
    const QByteArray cipher = encrypt(plain, Key, iv);
    QCOMPARE(cipher.size() % 16, 0);

    // Fed in uneven pieces, as a file read in chunks would be.
    HlsDecryptor decryptor;
    QString error;
    QVERIFY(decryptor.begin(Key, iv, &error));
    QByteArray out;
    for (qsizetype at = 0; at < cipher.size(); at += 1000)
        QVERIFY2(decryptor.update(QByteArrayView(cipher).sliced(
                                          at, std::min<qsizetype>(1000, cipher.size() - at)),
                                  &out, &error),
                 qPrintable(error));
    QVERIFY2(decryptor.finish(&out, &error), qPrintable(error));
    QCOMPARE(out.size(), plain.size());
    QCOMPARE(out, plain);
}

void TestHlsAssembler::refusesAWrongKeyOrACutSegment()
{
    const QByteArray plain = bytesOf(1000, 1);
    const QByteArray iv = HlsDecryptor::ivForSequence(1);
    const QByteArray cipher = encrypt(plain, Key, iv);
    QString error;
    HlsDecryptor decryptor;

    QVERIFY(!decryptor.begin(Key.first(15), iv, &error));
    QVERIFY2(error.contains(u"16 bytes"_s), qPrintable(error));

    // A cut segment: not a whole number of blocks.
    QVERIFY(decryptor.begin(Key, iv, &error));
    QByteArray out;
    QVERIFY(decryptor.update(QByteArrayView(cipher).first(cipher.size() - 5), &out, &error));
    QVERIFY(!decryptor.finish(&out, &error));
    QVERIFY2(error.contains(u"does not decrypt"_s), qPrintable(error));

    // A wrong key: the padding does not check out (with 255/256 odds; this key and IV fail).
    QByteArray wrong = Key;
    wrong[0] = char(wrong[0] ^ 0x55);
    out.clear();
    QVERIFY(decryptor.begin(wrong, iv, &error));
    QVERIFY(decryptor.update(cipher, &out, &error));
    QVERIFY(!decryptor.finish(&out, &error));
}

void TestHlsAssembler::assemblesPiecesInOrderDecryptingSome()
{
    QTemporaryDir dir;
    const QString video = dir.filePath(u"video.ts"_s);
    const QByteArray a = bytesOf(188 * 3, 1);
    const QByteArray b = bytesOf(188 * 5, 2);
    const QByteArray c = bytesOf(100, 3);
    writeFile(dir.filePath(u"a"_s), a);
    writeFile(dir.filePath(u"b"_s), encrypt(b, Key, HlsDecryptor::ivForSequence(8)));
    writeFile(dir.filePath(u"c"_s), c);

    HlsAssembler assembler(video);
    QString error;
    QCOMPARE(assembler.open(0, &error), 0);
    QVERIFY2(assembler.append(dir.filePath(u"a"_s), {}, {}, &error), qPrintable(error));
    QVERIFY2(assembler.append(dir.filePath(u"b"_s), Key, HlsDecryptor::ivForSequence(8), &error),
             qPrintable(error));
    QVERIFY2(assembler.append(dir.filePath(u"c"_s), {}, {}, &error), qPrintable(error));
    QCOMPARE(assembler.size(), a.size() + b.size() + c.size());
    QVERIFY(!QFileInfo::exists(video)); // not before commit()
    QCOMPARE(readFile(PartFile::pathFor(video)), a + b + c); // flushed after each piece
    QVERIFY2(assembler.commit(&error), qPrintable(error));
    QCOMPARE(readFile(video), a + b + c);
    QVERIFY(!QFileInfo::exists(PartFile::pathFor(video)));

    // A piece that does not decrypt is an error, never written as it is.
    HlsAssembler second(dir.filePath(u"second.ts"_s));
    QCOMPARE(second.open(0, &error), 0);
    QVERIFY(!second.append(dir.filePath(u"c"_s), Key, HlsDecryptor::ivForSequence(0), &error));
    QCOMPARE(second.size(), 0);
    QCOMPARE(QFileInfo(PartFile::pathFor(dir.filePath(u"second.ts"_s))).size(), 0);
}

void TestHlsAssembler::resumeCutsBackToTheRecordedSize()
{
    QTemporaryDir dir;
    const QString video = dir.filePath(u"video.ts"_s);
    // Two pieces recorded (400 bytes), and half a third one a kill left behind.
    writeFile(PartFile::pathFor(video), bytesOf(400, 9) + "HALF-A-PIECE");
    writeFile(dir.filePath(u"p"_s), "next");
    HlsAssembler assembler(video);
    QString error;
    QCOMPARE(assembler.open(400, &error), 400);
    QVERIFY(assembler.append(dir.filePath(u"p"_s), {}, {}, &error));
    QVERIFY(assembler.commit(&error));
    QCOMPARE(readFile(video), bytesOf(400, 9) + "next");
}

void TestHlsAssembler::resumeStartsOverWhenThePartIsShort()
{
    QTemporaryDir dir;
    const QString video = dir.filePath(u"video.ts"_s);
    writeFile(PartFile::pathFor(video), bytesOf(100, 9)); // less than the 400 recorded
    HlsAssembler assembler(video);
    QString error;
    QCOMPARE(assembler.open(400, &error), 0);
    QCOMPARE(QFileInfo(PartFile::pathFor(video)).size(), 0);
}

void TestHlsAssembler::storeKeepsPiecesOfTheSamePlaylistOnly()
{
    QTemporaryDir dir;
    const QString video = dir.filePath(u"video.ts"_s);
    const QByteArray identity = HlsSegmentStore::identityOf("http://h/a.m3u8", "#EXTM3U\nA");
    const QByteArray other = HlsSegmentStore::identityOf("http://h/a.m3u8", "#EXTM3U\nB");
    QVERIFY(identity != other);

    HlsSegmentStore store(video);
    QCOMPARE(store.folder(), PartFile::pathFor(video) + u".hls"_s);
    QString error;
    QVERIFY2(store.open(identity, true, &error), qPrintable(error));
    writeFile(store.piecePath(3), "piece three");
    writeFile(store.piecePath(4) + u".part"_s, "half");
    QVERIFY(store.saveState({ 2, 1234 }, &error));
    QVERIFY(store.isPieceDone(3));
    QVERIFY(!store.isPieceDone(4)); // only its .part

    HlsSegmentStore again(video); // a rerun
    QVERIFY(again.open(identity, true, &error));
    QVERIFY(again.isPieceDone(3));
    QCOMPARE(again.state().assembled, 2);
    QCOMPARE(again.state().size, 1234);

    HlsSegmentStore changed(video); // the playlist changed: nothing of the old one is used
    QVERIFY(changed.open(other, true, &error));
    QVERIFY(!changed.isPieceDone(3));
    QCOMPARE(changed.state().assembled, 0);

    writeFile(changed.piecePath(1), "x");
    HlsSegmentStore fresh(video); // no resume: cleared even for the same playlist
    QVERIFY(fresh.open(other, false, &error));
    QVERIFY(!fresh.isPieceDone(1));

    fresh.removeAll();
    QVERIFY(!QFileInfo::exists(fresh.folder()));
}

void TestHlsAssembler::storeNeverWritesThroughALink()
{
    QTemporaryDir dir;
    QTemporaryDir elsewhere;
    const QString video = dir.filePath(u"video.ts"_s);
    HlsSegmentStore store(video);
    QVERIFY(QFile::link(elsewhere.path(), store.folder()));
    QString error;
    QVERIFY(!store.open("id", true, &error));
    QVERIFY2(error.contains(store.folder()), qPrintable(error));
    QVERIFY(QDir(elsewhere.path()).isEmpty());
    store.removeAll(); // the link goes, never what it points to
    QVERIFY(!QFileInfo(store.folder()).isSymLink());
    QVERIFY(QFileInfo::exists(elsewhere.path()));
}

QTEST_GUILESS_MAIN(TestHlsAssembler)
#include "tst_hlsassembler.moc"
