#include "fetch/partfile.h"
#include "testutil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#ifdef Q_OS_UNIX
#    include <unistd.h>
#endif

using namespace Qt::StringLiterals;
using namespace qcrawl;

// The .part rules on their own: Transfer and the VideoDownloader use them (tst_engines and
// tst_videodownloader cover them through real downloads).
class tst_PartFile : public QObject
{
    Q_OBJECT

private:
    // A missing file reads as "<none>", never as an empty one.
    static QByteArray read(const QString &path) { return test::readFile(path, "<none>"); }

private Q_SLOTS:
    void names()
    {
        QCOMPARE(PartFile::pathFor(u"/d/视频.mp4"_s), u"/d/视频.mp4.part"_s);
        QCOMPARE(PartFile::originPathFor(u"/d/a"_s), u"/d/a.part.url"_s);
    }

    void resumableOnlyFromARegularFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"a.bin"_s);
        QCOMPARE(PartFile::resumableSize(file), 0);
        QVERIFY(!PartFile::isTaken(file));
        test::writeFile(PartFile::pathFor(file), "12345");
        QCOMPARE(PartFile::resumableSize(file), 5);
        QVERIFY(PartFile::isTaken(file));

        const QString linked = dir.filePath(u"b.bin"_s);
        QVERIFY(QFile::link(PartFile::pathFor(file), PartFile::pathFor(linked)));
        QCOMPARE(PartFile::resumableSize(linked), 0);
        QVERIFY(PartFile::isTaken(linked));
        const QString dangling = dir.filePath(u"c.bin"_s);
        QVERIFY(QFile::link(dir.filePath(u"nowhere"_s), PartFile::pathFor(dangling)));
        QVERIFY(PartFile::isTaken(dangling)); // the name is taken even so
        const QString folder = dir.filePath(u"d.bin"_s);
        QVERIFY(QDir().mkdir(PartFile::pathFor(folder)));
        QCOMPARE(PartFile::resumableSize(folder), 0);
    }

    // A link at the .part, placed after the name was planned (so right before the open), is
    // refused by the open itself, appending or not: neither the link nor its target changes.
    void openRefusesALink_data()
    {
        QTest::addColumn<bool>("append");
        QTest::newRow("from the start") << false;
        QTest::newRow("appending") << true;
    }
    void openRefusesALink()
    {
        QFETCH(bool, append);
        QTemporaryDir dir;
        const QString target = dir.filePath(u"elsewhere"_s);
        test::writeFile(target, "keep");
        const QString file = dir.filePath(u"a.bin"_s);
        QVERIFY(!PartFile::isTaken(file)); // planned: the name is free
        QVERIFY(QFile::link(target, PartFile::pathFor(file)));
        QString error;
        QVERIFY(!PartFile::open(file, append, &error));
        QCOMPARE(error, u"it is a symbolic link, which is never followed"_s);
        QCOMPARE(read(target), QByteArray("keep"));
        QCOMPARE(QFileInfo(PartFile::pathFor(file)).symLinkTarget(), target);
        // A dangling one is not followed either (it would create the file it names).
        const QString nowhere = dir.filePath(u"nowhere"_s);
        QVERIFY(QFile::remove(PartFile::pathFor(file)));
        QVERIFY(QFile::link(nowhere, PartFile::pathFor(file)));
        QVERIFY(!PartFile::open(file, append, &error));
        QVERIFY(!QFileInfo::exists(nowhere));
    }

    void openRefusesWhatIsNotOneRegularFile()
    {
        QTemporaryDir dir;
        QString error;
        const QString folder = dir.filePath(u"d.bin"_s);
        QVERIFY(QDir().mkdir(PartFile::pathFor(folder)));
        QVERIFY(!PartFile::open(folder, false, &error));
        QVERIFY(!error.isEmpty());
#ifdef Q_OS_UNIX
        // A second name of another file: writing would change that file too.
        const QString other = dir.filePath(u"other"_s);
        test::writeFile(other, "keep");
        const QString linked = dir.filePath(u"h.bin"_s);
        QVERIFY(::link(QFile::encodeName(other).constData(),
                       QFile::encodeName(PartFile::pathFor(linked)).constData())
                == 0);
        QVERIFY(!PartFile::open(linked, false, &error));
        QCOMPARE(error, u"it has other hard links"_s);
        QCOMPARE(read(other), QByteArray("keep"));
#endif
    }

    void openWritesAndAppends()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"a.bin"_s);
        QString error;
        std::unique_ptr<QFile> part = PartFile::open(file, false, &error);
        QVERIFY2(part, qPrintable(error));
        part->write("old content");
        part.reset();
        part = PartFile::open(file, false, &error); // from the start: truncated
        QVERIFY2(part, qPrintable(error));
        part->write("new");
        part.reset();
        QCOMPARE(read(PartFile::pathFor(file)), QByteArray("new"));
        // Appending continues a regular .part.
        part = PartFile::open(file, true, &error);
        QVERIFY(part);
        QCOMPARE(part->fileName(), QString()); // removed by path, see PartFile::open()
        part->write("er");
        part.reset();
        QCOMPARE(read(PartFile::pathFor(file)), QByteArray("newer"));
        QVERIFY(!PartFile::open(dir.filePath(u"no/such/dir/x"_s), false, &error));
        QVERIFY(!error.isEmpty());
    }

    void commitReplacesInOneStep()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"a.bin"_s);
        test::writeFile(file, "old");
        test::writeFile(PartFile::pathFor(file), "complete");
        QVERIFY(PartFile::commit(file));
        QCOMPARE(read(file), QByteArray("complete"));
        QVERIFY(!QFile::exists(PartFile::pathFor(file)));
        // A folder in the way: the .part stays, the reason is given.
        const QString blocked = dir.filePath(u"b"_s);
        QVERIFY(QDir().mkdir(blocked));
        QVERIFY(QDir().mkdir(blocked + u"/inside"_s));
        test::writeFile(PartFile::pathFor(blocked), "x");
        QString error;
        QVERIFY(!PartFile::commit(blocked, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(QFile::exists(PartFile::pathFor(blocked)));
        // A link at the final name is replaced, not written through.
        const QString target = dir.filePath(u"target"_s);
        test::writeFile(target, "keep");
        const QString linked = dir.filePath(u"c.bin"_s);
        QVERIFY(QFile::link(target, linked));
        test::writeFile(PartFile::pathFor(linked), "mine");
        QVERIFY(PartFile::commit(linked));
        QCOMPARE(read(target), QByteArray("keep"));
        QVERIFY(!QFileInfo(linked).isSymLink());
        QCOMPARE(read(linked), QByteArray("mine"));
    }

    void originRecord()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"a.mp4"_s);
        QCOMPARE(PartFile::readOrigin(file), QByteArray());
        QVERIFY(PartFile::writeOrigin(file, QUrl(u"http://x/视频.mp4"_s)));
        QCOMPARE(PartFile::readOrigin(file), QByteArray("http://x/%E8%A7%86%E9%A2%91.mp4"));
        PartFile::removeOrigin(file);
        QVERIFY(!QFile::exists(PartFile::originPathFor(file)));
        // A link in place of the record is not read, and is replaced when written.
        const QString target = dir.filePath(u"elsewhere"_s);
        test::writeFile(target, "http://evil/\n");
        QVERIFY(QFile::link(target, PartFile::originPathFor(file)));
        QCOMPARE(PartFile::readOrigin(file), QByteArray());
        QVERIFY(PartFile::writeOrigin(file, QUrl(u"http://x/y"_s)));
        QCOMPARE(read(target), QByteArray("http://evil/\n"));
        QCOMPARE(PartFile::readOrigin(file), QByteArray("http://x/y"));
    }
};

QTEST_GUILESS_MAIN(tst_PartFile)
#include "tst_partfile.moc"
