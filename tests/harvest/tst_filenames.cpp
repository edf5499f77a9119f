#include "harvest/filenameplanner.h"
#include "harvest/filenames.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

struct Hostile
{
    const char *description;
    QString name;
};

QString repeated(const QString &s, int times)
{
    return s.repeated(times);
}

// Titles and URL segments that try to escape the folder, name a device, break UTF-8 or vanish.
QList<Hostile> hostileNames()
{
    return {
        { "parent twice", u"../../x"_s },
        { "parent to system file", u"../../etc/passwd"_s },
        { "parents only", u"../.."_s },
        { "deep parents", repeated(u"../"_s, 100) + u"x.mp4"_s },
        { "slash", u"a/b"_s },
        { "backslash", u"a\\b"_s },
        { "absolute", u"/etc/passwd"_s },
        { "Windows parents", u"..\\..\\windows\\system32\\x.dll"_s },
        { "Windows drive", u"C:\\Windows\\evil.exe"_s },
        { "UNC path", u"\\\\server\\share\\x"_s },
        { "home", u"~/.ssh/authorized_keys"_s },
        { "CON", u"CON"_s },
        { "con.mp4", u"con.mp4"_s },
        { "NUL", u"NUL"_s },
        { "nul with spaces", u"nul   "_s },
        { "COM1.txt", u"COM1.txt"_s },
        { "COM1 space dot", u"COM1 .txt"_s },
        { "LPT9 double extension", u"lpt9.tar.gz"_s },
        { "dot dot", u".."_s },
        { "dot", u"."_s },
        { "many dots", QString(1000, u'.') },
        { "empty", QString() },
        { "spaces", u"   "_s },
        { "ideographic spaces", u"\u3000\u3000"_s },
        { "control characters",
          u"a\x01"
          u"b\x1f\x7f\x85\x9f"
          u"c\td\ne\rf"_s },
        { "NUL character", u"a"_s + QChar(0) + u"b/../c"_s },
        { "Windows forbidden", u"<>:\"|?*"_s },
        { "Windows forbidden with extension", u"<>:\"|?*.mp4"_s },
        { "trailing dots and spaces", u"title . . .  "_s },
        { "leading dot", u".bashrc"_s },
        { "extension only", u".mp4"_s },
        { "right-to-left override", u"evil\u202Egpj.exe"_s },
        { "lone surrogates", u"a"_s + QChar(0xD800) + u"b"_s + QChar(0xDC00) + u"c.mp4"_s },
        { "300-byte Chinese title", QString(100, u'中') + u".mp4"_s },
        { "600-byte Chinese title without extension", QString(200, u'视') },
        { "emoji at the cut point", QString(194, u'a') + u"😀tail.mp4"_s },
        { "flag at the cut point", QString(190, u'a') + u"🇨🇳tail.mp4"_s },
        { "combining marks only", u"a"_s + QString(300, QChar(0x0301)) },
        { "long parents and slashes", repeated(u"../"_s, 50) + QString(300, u'x') },
        { "encoded parent", u"%2e%2e%2fx"_s },
    };
}

void addHostileRows()
{
    QTest::addColumn<QString>("name");
    for (const Hostile &hostile : hostileNames())
        QTest::newRow(hostile.description) << hostile.name;
}

bool isReservedDeviceName(const QString &name)
{
    static const QStringList devices = { u"CON"_s, u"PRN"_s, u"AUX"_s, u"NUL"_s };
    QString first = name.section(u'.', 0, 0).trimmed().toUpper();
    if (devices.contains(first))
        return true;
    return first.size() == 4 && (first.startsWith("COM"_L1) || first.startsWith("LPT"_L1))
            && first.back().isDigit();
}

} // namespace

class tst_FileNames : public QObject
{
    Q_OBJECT

private slots:
    void sanitize_data();
    void sanitize();
    void hostileNameBecomesOneSafeComponent_data();
    void hostileNameBecomesOneSafeComponent();
    void cutKeepsExtensionAndWholeCharacters_data();
    void cutKeepsExtensionAndWholeCharacters();
    void smallByteBudgets();
    void extensionFor_data();
    void extensionFor();
    void nameForUrl_data();
    void nameForUrl();
    void uniquePathNumbersExistingFiles();
    void uniquePathSkipsPartFiles();
    void uniquePathSkipsReservedNames();
    void uniquePathSkipsDanglingSymlink();
    void uniquePathSkipsDirectories();
    void uniquePathJoinsCleanly();
    void uniquePathStaysInsideFolder_data();
    void uniquePathStaysInsideFolder();
    void sameTitleTwiceIsSavedTwice();
    void numbered();
    void plannerNumbersOneNameInOrder();
    void plannerSkipsWhatTheFolderHolds();
    void plannerNumbersCaseAndNormalisationApart();
    void plannerComparesTheFolderTheSameWay();
    void plannerStaysInsideFolder_data();
    void plannerStaysInsideFolder();
};

void tst_FileNames::sanitize_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("fallback"); // null: the default
    QTest::addColumn<QString>("expected");

    const QString defaultFallback;
    QTest::newRow("plain") << u"My Video.mp4"_s << defaultFallback << u"My Video.mp4"_s;
    QTest::newRow("Chinese kept") << u"中文标题 第1集.mp4"_s << defaultFallback
                                  << u"中文标题 第1集.mp4"_s;
    QTest::newRow("emoji kept") << u"🎬 Trailer 🇨🇳.mp4"_s << defaultFallback
                                << u"🎬 Trailer 🇨🇳.mp4"_s;
    QTest::newRow("parents dropped") << u"../../x"_s << defaultFallback << u"x"_s;
    QTest::newRow("path flattened") << u"../../etc/passwd"_s << defaultFallback << u"etc_passwd"_s;
    QTest::newRow("slash") << u"a/b"_s << defaultFallback << u"a_b"_s;
    QTest::newRow("backslash") << u"a\\b"_s << defaultFallback << u"a_b"_s;
    QTest::newRow("absolute") << u"/abs/path.mp4"_s << defaultFallback << u"abs_path.mp4"_s;
    QTest::newRow("title with slash")
            << u"AC/DC - Live.mp4"_s << defaultFallback << u"AC_DC - Live.mp4"_s;
    QTest::newRow("dots inside kept")
            << u"Wait... what.mp4"_s << defaultFallback << u"Wait... what.mp4"_s;
    QTest::newRow("CON") << u"CON"_s << defaultFallback << u"CON_"_s;
    QTest::newRow("con.mp4") << u"con.mp4"_s << defaultFallback << u"con_.mp4"_s;
    QTest::newRow("NUL") << u"NUL"_s << defaultFallback << u"NUL_"_s;
    QTest::newRow("COM1.txt") << u"COM1.txt"_s << defaultFallback << u"COM1_.txt"_s;
    QTest::newRow("lpt9.tar.gz") << u"lpt9.tar.gz"_s << defaultFallback << u"lpt9_.tar.gz"_s;
    QTest::newRow("Aux before the extension") << u"Aux .mp4"_s << defaultFallback << u"Aux_.mp4"_s;
    QTest::newRow("nul space dot") << u"nul .tar.gz"_s << defaultFallback << u"nul_ .tar.gz"_s;
    QTest::newRow("CONIN$") << u"CONIN$"_s << defaultFallback << u"CONIN$_"_s;
    QTest::newRow("not a device") << u"Console.mp4"_s << defaultFallback << u"Console.mp4"_s;
    QTest::newRow("COM10 is not a device") << u"COM10"_s << defaultFallback << u"COM10"_s;
    QTest::newRow("..") << u".."_s << defaultFallback << u"download"_s;
    QTest::newRow(".") << u"."_s << defaultFallback << u"download"_s;
    QTest::newRow("empty") << QString() << defaultFallback << u"download"_s;
    QTest::newRow("spaces") << u"   "_s << defaultFallback << u"download"_s;
    QTest::newRow("dots") << u"..."_s << defaultFallback << u"download"_s;
    QTest::newRow("extension only") << u".mp4"_s << defaultFallback << u"download.mp4"_s;
    QTest::newRow("parent then extension") << u"../.mp4"_s << defaultFallback << u"download.mp4"_s;
    QTest::newRow("forbidden only") << u"<>:\"|?*"_s << defaultFallback << u"download"_s;
    QTest::newRow("forbidden with extension")
            << u"<>:\"|?*.mp4"_s << defaultFallback << u"download.mp4"_s;
    QTest::newRow("forbidden in a title")
            << u"What? Why: \"Now\"*.mp4"_s << defaultFallback << u"What_ Why_ _Now_.mp4"_s;
    QTest::newRow("control characters dropped") << u"a\x01"
                                                   u"b\x7f\x9f"
                                                   u"c"_s
                                                << defaultFallback << u"abc"_s;
    QTest::newRow("line breaks and tabs become spaces")
            << u"line1\nline2\tx"_s << defaultFallback << u"line1 line2 x"_s;
    QTest::newRow("spaces around stem") << u"  title  .mp4"_s << defaultFallback << u"title.mp4"_s;
    QTest::newRow("trailing dots and spaces") << u"title. . ."_s << defaultFallback << u"title"_s;
    QTest::newRow("leading dot") << u".NET Tutorial.mp4"_s << defaultFallback
                                 << u"NET Tutorial.mp4"_s;
    QTest::newRow("dot in a sentence is no extension")
            << u"Mr. Smith"_s << defaultFallback << u"Mr. Smith"_s;
    QTest::newRow("extension lower-cased") << u"Clip.MP4"_s << defaultFallback << u"Clip.mp4"_s;
    QTest::newRow("right-to-left override dropped")
            << u"evil\u202Egpj.exe"_s << defaultFallback << u"evilgpj.exe"_s;
    QTest::newRow("zero-width characters dropped")
            << u"vi\u200Bdeo\u200C\u200D\u2060.mp4"_s << defaultFallback << u"video.mp4"_s;
    // Joiners next to what cleaning removes later (a space trimmed at the end, half a
    // surrogate pair): no letter to join, so they go too, and the name cleans to itself.
    QTest::newRow("joiner before a trimmed space")
            << u"x\u200A\u200C\u200A"_s << defaultFallback << u"x"_s;
    QTest::newRow("joiner between ideographic spaces")
            << u"视频\u3000\u200D\u3000片"_s << defaultFallback << u"视频\u3000\u3000片"_s;
    QTest::newRow("joiner before a lone surrogate")
            << u"ab"_s + QChar(0x200C) + QChar(0xDC00) << defaultFallback << u"ab"_s;
    QTest::newRow("joiner inside a word kept")
            << u"\u0928\u094D\u200D\u0928"_s << defaultFallback << u"\u0928\u094D\u200D\u0928"_s;
    QTest::newRow("left-to-right and right-to-left marks dropped")
            << u"\u200Eclip\u200F\u061C.mp4"_s << defaultFallback << u"clip.mp4"_s;
    QTest::newRow("lone surrogates dropped")
            << u"a"_s + QChar(0xD800) + u"b"_s + QChar(0xDC00) + u"c"_s << defaultFallback
            << u"abc"_s;
    QTest::newRow("custom fallback") << u".."_s << u"video"_s << u"video"_s;
    QTest::newRow("fallback gets the extension") << u".mp4"_s << u"video"_s << u"video.mp4"_s;
    QTest::newRow("fallback already has it") << u".mp4"_s << u"video.mp4"_s << u"video.mp4"_s;
    QTest::newRow("fallback with another extension")
            << u".mp4"_s << u"www.baidu.com"_s << u"www.baidu.com.mp4"_s;
    QTest::newRow("hostile fallback") << u".mp4"_s << u"../.."_s << u"download.mp4"_s;
}

void tst_FileNames::sanitize()
{
    QFETCH(QString, name);
    QFETCH(QString, fallback);
    QFETCH(QString, expected);

    const QString actual =
            fallback.isNull() ? FileNames::sanitize(name) : FileNames::sanitize(name, fallback);
    QCOMPARE(actual, expected);
    QCOMPARE(FileNames::sanitize(actual), actual); // a clean name stays as it is
}

void tst_FileNames::hostileNameBecomesOneSafeComponent_data()
{
    addHostileRows();
}

void tst_FileNames::hostileNameBecomesOneSafeComponent()
{
    QFETCH(QString, name);

    const QString safe = FileNames::sanitize(name);
    QVERIFY(!safe.isEmpty());
    QVERIFY2(!safe.contains(u'/') && !safe.contains(u'\\'), qPrintable(safe));
    QVERIFY(safe != "."_L1 && safe != ".."_L1);
    QVERIFY2(!safe.startsWith(u'.') && !safe.endsWith(u'.'), qPrintable(safe));
    QVERIFY2(!safe.front().isSpace() && !safe.back().isSpace(), qPrintable(safe));
    QVERIFY2(safe.toUtf8().size() <= 200, qPrintable(QString::number(safe.toUtf8().size())));
    for (const QChar c : safe) {
        QVERIFY2(c.unicode() >= 0x20 && (c.unicode() < 0x7F || c.unicode() > 0x9F),
                 qPrintable(QString::number(c.unicode(), 16)));
        QVERIFY2(!u"<>:\"|?*"_s.contains(c), qPrintable(safe));
    }
    QVERIFY2(!isReservedDeviceName(safe), qPrintable(safe));
    // Valid UTF-16, hence valid UTF-8: no lone surrogate survived a cut.
    QCOMPARE(QString::fromUtf8(safe.toUtf8()), safe);
    // Sanitizing is idempotent, so uniquePath() can sanitize again without changing names.
    QCOMPARE(FileNames::sanitize(safe), safe);
}

void tst_FileNames::cutKeepsExtensionAndWholeCharacters_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");

    // 200 bytes: ".mp4" takes 4, leaving 196 for the stem.
    QTest::newRow("300-byte Chinese title")
            << QString(100, u'中') + u".mp4"_s << QString(65, u'中') + u".mp4"_s;
    QTest::newRow("emoji straddles the cut")
            << QString(194, u'a') + u"😀bbbbbbbbbb.mp4"_s << QString(194, u'a') + u".mp4"_s;
    QTest::newRow("emoji one byte over")
            << QString(193, u'a') + u"😀bbbbbbbbbb.mp4"_s << QString(193, u'a') + u".mp4"_s;
    QTest::newRow("emoji fits exactly")
            << QString(192, u'a') + u"😀bbbbbbbbbb.mp4"_s << QString(192, u'a') + u"😀.mp4"_s;
    QTest::newRow("flag kept whole")
            << QString(190, u'a') + u"🇨🇳b.mp4"_s << QString(190, u'a') + u".mp4"_s;
    QTest::newRow("ZWJ family kept whole")
            << QString(185, u'a') + u"👨\u200D👩\u200D👧.mp4"_s << QString(185, u'a') + u".mp4"_s;
    QTest::newRow("accent kept with its letter")
            << QString(194, u'a') + u"e\u0301.mp4"_s << QString(194, u'a') + u".mp4"_s;
    QTest::newRow("no extension") << QString(199, u'a') + u"😀"_s << QString(199, u'a');
    QTest::newRow("space left at the cut is trimmed")
            << QString(195, u'a') + u" bbbbbbbb.mp4"_s << QString(195, u'a') + u".mp4"_s;
    QTest::newRow("device name keeps its mark")
            << u"con."_s + QString(300, u'x') << u"con_."_s + QString(195, u'x');
}

void tst_FileNames::cutKeepsExtensionAndWholeCharacters()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);

    const QString safe = FileNames::sanitize(name);
    QCOMPARE(safe, expected);
    QVERIFY(safe.toUtf8().size() <= 200);
}

void tst_FileNames::smallByteBudgets()
{
    QCOMPARE(FileNames::sanitize(u"abcdef.mp4"_s, u"x"_s, 8), u"abcd.mp4"_s);
    // Too small to keep the extension apart: the whole name is cut.
    QCOMPARE(FileNames::sanitize(u"abcdef.mp4"_s, u"x"_s, 6), u"abcdef"_s);
    QCOMPARE(FileNames::sanitize(u"中文.mp4"_s, u"x"_s, 9), u"中.mp4"_s);
    // A letter with a hundred accents is one grapheme; it is then cut between code points.
    const QString zalgo = FileNames::sanitize(u"a"_s + QString(100, QChar(0x0301)), u"x"_s, 21);
    QCOMPARE(zalgo, u"a"_s + QString(10, QChar(0x0301)));
    QCOMPARE(FileNames::sanitize(QString(300, u'a'), u"x"_s, 0), QString(300, u'a'));
}

void tst_FileNames::extensionFor_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QString>("fallback");
    QTest::addColumn<QString>("expected");

    const QString none;
    const QString mp4 = u".mp4"_s;
    QTest::newRow("from URL") << QUrl(u"http://x/v.mp4"_s) << none << none << mp4;
    QTest::newRow("URL lower-cased") << QUrl(u"http://x/V.MP4?x=1"_s) << none << none << mp4;
    QTest::newRow("Chinese file name") << QUrl(u"http://x/视频.MP4"_s) << none << none << mp4;
    QTest::newRow("last suffix only") << QUrl(u"http://x/a.tar.gz"_s) << none << none << u".gz"_s;
    QTest::newRow("URL beats content type")
            << QUrl(u"http://x/v.flv"_s) << u"video/mp4"_s << none << u".flv"_s;
    QTest::newRow("script name gives way to content type")
            << QUrl(u"http://x/index.php"_s) << u"text/html; charset=utf-8"_s << none << u".html"_s;
    QTest::newRow("script name without content type")
            << QUrl(u"http://x/index.php"_s) << none << none << u".php"_s;
    QTest::newRow("query is not the file name")
            << QUrl(u"http://x/watch?v=a.flv"_s) << none << mp4 << mp4;
    QTest::newRow("dot in a folder")
            << QUrl(u"http://x/a.b/watch"_s) << u"video/webm"_s << none << u".webm"_s;
    QTest::newRow("digits are no extension") << QUrl(u"http://x/episode.1"_s) << none << mp4 << mp4;
    QTest::newRow("hidden file") << QUrl(u"http://x/.hidden"_s) << none << mp4 << mp4;
    QTest::newRow("overlong suffix")
            << QUrl(u"http://x/file.verylongextension"_s) << none << mp4 << mp4;
    QTest::newRow("content type with parameters")
            << QUrl(u"http://x/watch"_s) << u"video/mp4; codecs=avc1"_s << none << mp4;
    QTest::newRow("content type in capitals")
            << QUrl(u"http://x/watch"_s) << u" Video/MP4 "_s << none << mp4;
    QTest::newRow("HLS playlist") << QUrl(u"http://x/live"_s) << u"application/vnd.apple.mpegurl"_s
                                  << none << u".m3u8"_s;
    QTest::newRow("HLS playlist, old type")
            << QUrl(u"http://x/live"_s) << u"application/x-mpegURL"_s << none << u".m3u8"_s;
    QTest::newRow("MPEG transport stream")
            << QUrl(u"http://x/seg"_s) << u"video/mp2t"_s << none << u".ts"_s;
    QTest::newRow("QuickTime") << QUrl(u"http://x/seg"_s) << u"video/quicktime"_s << none
                               << u".mov"_s;
    QTest::newRow("from the MIME database, png")
            << QUrl(u"http://x/img"_s) << u"image/png"_s << none << u".png"_s;
    QTest::newRow("from the MIME database, pdf")
            << QUrl(u"http://x/doc"_s) << u"application/pdf"_s << none << u".pdf"_s;
    QTest::newRow("octet-stream says nothing")
            << QUrl(u"http://x/blob"_s) << u"application/octet-stream"_s << mp4 << mp4;
    QTest::newRow("unknown type") << QUrl(u"http://x/blob"_s) << u"bogus/type"_s << mp4 << mp4;
    QTest::newRow("nothing at all") << QUrl(u"http://x/"_s) << none << none << none;
}

void tst_FileNames::extensionFor()
{
    QFETCH(QUrl, url);
    QFETCH(QString, contentType);
    QFETCH(QString, fallback);
    QFETCH(QString, expected);

    QCOMPARE(FileNames::extensionFor(url, contentType, fallback), expected);
}

void tst_FileNames::nameForUrl_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<QString>("expected");

    QTest::newRow("file") << QUrl(u"http://x.com/videos/clip.mp4"_s) << u"clip.mp4"_s;
    QTest::newRow("index.html") << QUrl(u"http://x.com/index.html"_s) << u"index.html"_s;
    QTest::newRow("root") << QUrl(u"http://www.baidu.com/"_s) << u"www.baidu.com"_s;
    QTest::newRow("no path") << QUrl(u"http://www.baidu.com"_s) << u"www.baidu.com"_s;
    QTest::newRow("folder") << QUrl(u"http://x.com/videos/"_s) << u"videos"_s;
    QTest::newRow("query ignored") << QUrl(u"http://x.com/watch?v=../../x"_s) << u"watch"_s;
    QTest::newRow("percent-encoded Chinese")
            << QUrl(u"http://x.com/%E8%A7%86%E9%A2%91.mp4"_s) << u"视频.mp4"_s;
    QTest::newRow("encoded slashes and parents")
            << QUrl(u"http://x.com/a%2F..%2F..%2Fetc%2Fpasswd"_s) << u"passwd"_s;
    QTest::newRow("encoded parent only") << QUrl(u"http://x.com/%2E%2E"_s) << u"x.com"_s;
    QTest::newRow("device") << QUrl(u"http://x.com/CON"_s) << u"CON_"_s;
    QTest::newRow("IPv6 host") << QUrl(u"http://[::1]:8080/"_s) << u"_1"_s;
}

void tst_FileNames::nameForUrl()
{
    QFETCH(QUrl, url);
    QFETCH(QString, expected);

    QCOMPARE(FileNames::nameForUrl(url), expected);
}

namespace {

bool touch(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::NewOnly);
}

} // namespace

void tst_FileNames::uniquePathNumbersExistingFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString base = dir.path() + u'/';

    QCOMPARE(FileNames::uniquePath(dir.path(), u"a.mp4"_s), base + "a.mp4"_L1);
    QVERIFY(touch(base + "a.mp4"_L1));
    QCOMPARE(FileNames::uniquePath(dir.path(), u"a.mp4"_s), base + "a (2).mp4"_L1);
    QVERIFY(touch(base + "a (2).mp4"_L1));
    QCOMPARE(FileNames::uniquePath(dir.path(), u"a.mp4"_s), base + "a (3).mp4"_L1);

    QVERIFY(touch(base + "README"_L1));
    QCOMPARE(FileNames::uniquePath(dir.path(), u"README"_s), base + "README (2)"_L1);
}

void tst_FileNames::uniquePathSkipsPartFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString base = dir.path() + u'/';

    QVERIFY(touch(base + "b.mp4.part"_L1));
    QCOMPARE(FileNames::uniquePath(dir.path(), u"b.mp4"_s), base + "b (2).mp4"_L1);
    QVERIFY(touch(base + "b (2).mp4"_L1));
    QVERIFY(touch(base + "b (3).mp4.part"_L1));
    QCOMPARE(FileNames::uniquePath(dir.path(), u"b.mp4"_s), base + "b (4).mp4"_L1);
}

void tst_FileNames::uniquePathSkipsReservedNames()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString base = dir.path() + u'/';

    QSet<QString> reserved;
    QCOMPARE(FileNames::uniquePath(dir.path(), u"c.mp4"_s, &reserved), base + "c.mp4"_L1);
    QCOMPARE(FileNames::uniquePath(dir.path(), u"c.mp4"_s, &reserved), base + "c (2).mp4"_L1);
    QVERIFY(touch(base + "c (3).mp4"_L1));
    QCOMPARE(FileNames::uniquePath(dir.path(), u"c.mp4"_s, &reserved), base + "c (4).mp4"_L1);
    const QSet<QString> expected = { base + "c.mp4"_L1, base + "c (2).mp4"_L1,
                                     base + "c (4).mp4"_L1 };
    QCOMPARE(reserved, expected);
    // Nothing was created on disk but the file the test made.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList { u"c (3).mp4"_s });
}

void tst_FileNames::uniquePathSkipsDanglingSymlink()
{
#ifdef Q_OS_UNIX
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString base = dir.path() + u'/';

    // Writing through the link would create /nonexistent-qcrawl/target, outside the folder.
    QVERIFY(QFile::link(u"/nonexistent-qcrawl/target"_s, base + "d.mp4"_L1));
    QVERIFY(!QFileInfo::exists(base + "d.mp4"_L1));
    QCOMPARE(FileNames::uniquePath(dir.path(), u"d.mp4"_s), base + "d (2).mp4"_L1);
#else
    QSKIP("symbolic links are a Unix affair here");
#endif
}

void tst_FileNames::uniquePathSkipsDirectories()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(u"videos"_s));
    QCOMPARE(FileNames::uniquePath(dir.path(), u"videos"_s), dir.path() + "/videos (2)"_L1);
}

void tst_FileNames::uniquePathJoinsCleanly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(FileNames::uniquePath(dir.path() + u'/', u"e.mp4"_s), dir.path() + "/e.mp4"_L1);
    QCOMPARE(FileNames::uniquePath(dir.path() + "/sub/.."_L1, u"e.mp4"_s),
             dir.path() + "/e.mp4"_L1);
    // An empty folder means the current one, never the root.
    QCOMPARE(FileNames::uniquePath(QString(), u"qcrawl-no-such-file.mp4"_s),
             u"./qcrawl-no-such-file.mp4"_s);
    // The name is sanitized even when the caller forgot.
    QCOMPARE(FileNames::uniquePath(dir.path(), u"../../x.mp4"_s), dir.path() + "/x.mp4"_L1);
}

void tst_FileNames::uniquePathStaysInsideFolder_data()
{
    addHostileRows();
}

void tst_FileNames::uniquePathStaysInsideFolder()
{
    QFETCH(QString, name);

    QTemporaryDir parent;
    QVERIFY(parent.isValid());
    const QString folder = parent.path() + "/downloads"_L1;
    QVERIFY(QDir().mkpath(folder));

    QSet<QString> reserved;
    for (int copy = 1; copy <= 3; ++copy) {
        const QString path = FileNames::uniquePath(folder, name, &reserved);
        QCOMPARE(QFileInfo(path).absolutePath(), folder);
        QVERIFY2(touch(path), qPrintable(path));
    }
    // Three files in the folder and nothing next to it.
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(),
             3);
    QCOMPARE(QDir(parent.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList { u"downloads"_s });
}

void tst_FileNames::sameTitleTwiceIsSavedTwice()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSet<QString> reserved;
    const QString title = u"第1集：开始"_s;
    const QString name = FileNames::sanitize(
            title
            + FileNames::extensionFor(QUrl(u"http://x/watch?id=1"_s), u"video/mp4"_s, u".mp4"_s));
    const QString first = FileNames::uniquePath(dir.path(), name, &reserved);
    const QString second = FileNames::uniquePath(dir.path(), name, &reserved);
    QCOMPARE(QFileInfo(first).fileName(), u"第1集：开始.mp4"_s);
    QCOMPARE(QFileInfo(second).fileName(), u"第1集：开始 (2).mp4"_s);
}

void tst_FileNames::numbered()
{
    QCOMPARE(FileNames::numbered(u"a.mp4"_s, 1), u"a.mp4"_s);
    QCOMPARE(FileNames::numbered(u"a.mp4"_s, 2), u"a (2).mp4"_s);
    QCOMPARE(FileNames::numbered(u"a.tar.gz"_s, 10), u"a.tar (10).gz"_s);
    QCOMPARE(FileNames::numbered(u"Episode 1.5"_s, 3), u"Episode 1.5 (3)"_s);
    QCOMPARE(FileNames::numbered(u"README"_s, 2), u"README (2)"_s);
}

void tst_FileNames::plannerNumbersOneNameInOrder()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    FileNamePlanner planner(dir.path() + u'/');
    QCOMPARE(planner.dir(), dir.path());
    QStringList names;
    for (int i = 0; i < 4; ++i)
        names.append(QFileInfo(planner.planUnique(u"同名.mp4"_s)).fileName());
    QCOMPARE(names,
             (QStringList { u"同名.mp4"_s, u"同名 (2).mp4"_s, u"同名 (3).mp4"_s,
                            u"同名 (4).mp4"_s }));
    // A title that is itself a numbered name takes the next free one.
    QCOMPARE(planner.planUnique(u"同名 (2).mp4"_s), dir.filePath(u"同名 (2) (2).mp4"_s));
    QCOMPARE(planner.planUnique(u"同名 (5).mp4"_s), dir.filePath(u"同名 (5).mp4"_s));
    QCOMPARE(planner.planUnique(u"同名.mp4"_s), dir.filePath(u"同名 (6).mp4"_s));
    // Planning creates nothing.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void tst_FileNames::plannerSkipsWhatTheFolderHolds()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString base = dir.path() + u'/';
    QVERIFY(touch(base + "a.mp4"_L1));
    QVERIFY(touch(base + "a (2).mp4.part"_L1));
    QVERIFY(QDir(dir.path()).mkdir(u"a (3).mp4"_s));
#ifdef Q_OS_UNIX
    QVERIFY(QFile::link(u"/nonexistent-qcrawl/target"_s, base + "a (4).mp4"_L1));
#else
    QVERIFY(touch(base + "a (4).mp4"_L1));
#endif
    FileNamePlanner planner(dir.path());
    QVERIFY(planner.wasInFolder(u"a.mp4"_s));
    QVERIFY(planner.hadPart(u"a (2).mp4"_s));
    QVERIFY(!planner.wasInFolder(u"a (5).mp4"_s));
    QCOMPARE(planner.planUnique(u"a.mp4"_s), base + "a (5).mp4"_L1);
    // Made after the listing: the name chosen is checked on disk too.
    QVERIFY(touch(base + "a (6).mp4"_L1));
    QCOMPARE(planner.planUnique(u"a.mp4"_s), base + "a (7).mp4"_L1);
}

// "Video" and "video", "é" as one code point (NFC) or as "e" and a combining accent (NFD): one
// name on NTFS, APFS and exFAT, so each gets its own number.
void tst_FileNames::plannerNumbersCaseAndNormalisationApart()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    FileNamePlanner planner(dir.path());
    const auto plan = [&planner](const QString &name) {
        return QFileInfo(planner.planUnique(name)).fileName();
    };
    QCOMPARE(plan(u"Video.mp4"_s), u"Video.mp4"_s);
    QCOMPARE(plan(u"video.mp4"_s), u"video (2).mp4"_s);
    QCOMPARE(plan(u"VIDEO.MP4"_s), u"VIDEO (3).mp4"_s);
    QCOMPARE(plan(u"caf\u00e9.mp4"_s), u"caf\u00e9.mp4"_s);
    QCOMPARE(plan(u"cafe\u0301.mp4"_s), u"cafe\u0301 (2).mp4"_s);
    QCOMPARE(plan(u"CAFE\u0301.mp4"_s), u"CAFE\u0301 (3).mp4"_s);
    QCOMPARE(plan(u"\u00c5ngstr\u00f6m"_s), u"\u00c5ngstr\u00f6m"_s);
    QCOMPARE(plan(u"a\u030angstro\u0308m"_s), u"a\u030angstro\u0308m (2)"_s);
    QCOMPARE(plan(u"other.mp4"_s), u"other.mp4"_s);
}

void tst_FileNames::plannerComparesTheFolderTheSameWay()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString base = dir.path() + u'/';
    QVERIFY(touch(base + "REPORT.mp4"_L1));
    QVERIFY(touch(base + u"cafe\u0301.mp4"_s)); // decomposed on disk
    QVERIFY(touch(base + "Draft.mp4.PART"_L1));
    FileNamePlanner planner(dir.path());
    QCOMPARE(planner.planUnique(u"report.mp4"_s), base + "report (2).mp4"_L1);
    QCOMPARE(planner.planUnique(u"caf\u00e9.mp4"_s), base + u"caf\u00e9 (2).mp4"_s);
    QCOMPARE(planner.planUnique(u"draft.mp4"_s), base + "draft (2).mp4"_L1);
    QCOMPARE(planner.planUnique(u"fresh.mp4"_s), base + "fresh.mp4"_L1);
}

void tst_FileNames::plannerStaysInsideFolder_data()
{
    addHostileRows();
}

void tst_FileNames::plannerStaysInsideFolder()
{
    QFETCH(QString, name);
    QTemporaryDir parent;
    QVERIFY(parent.isValid());
    const QString folder = parent.path() + "/downloads"_L1;
    QVERIFY(QDir().mkpath(folder));
    FileNamePlanner planner(folder);
    for (int copy = 1; copy <= 3; ++copy) {
        const QString path = planner.planUnique(name);
        QCOMPARE(QFileInfo(path).absolutePath(), folder);
        QVERIFY2(touch(path), qPrintable(path));
    }
    QCOMPARE(QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(),
             3);
}

} // namespace qcrawl

QTEST_GUILESS_MAIN(qcrawl::tst_FileNames)
#include "tst_filenames.moc"
