#include "comparedialog.h"
#include "fontcoverage.h"
#include "harvest/presetstore.h"
#include "harvestdialog.h"
#include "mainwindow.h"
#include "settingsdialog.h"
#include "translations.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;

// Under the Chinese interface, everything the main window, Preferences, Harvest and Compare show
// must be drawable with the installed fonts: a string that checks out in the .ts file but comes
// out as empty boxes fails here. scripts/setup.sh installs fonts-wqy-microhei for that.
class tst_FontCoverage : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QString report(const QStringList &problems) { return problems.mid(0, 10).join(u'\n'); }

    // Every page of a tab widget in turn: hidden pages are not "visible text" otherwise.
    static QStringList undrawableOnEveryPage(QWidget *root)
    {
        QStringList problems = FontCoverage::undrawableText(root);
        for (QTabWidget *tabs : root->findChildren<QTabWidget *>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                problems += FontCoverage::undrawableText(root);
            }
        }
        problems.removeDuplicates();
        return problems;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(installTranslations(qApp, u"zh_CN"_s), u"zh_CN"_s);
    }

    // The check itself sees a missing glyph (U+10FFFD is a private-use character no font has).
    void seesMissingGlyphs()
    {
        const QFont font = QApplication::font();
        QCOMPARE(FontCoverage::missingCharacters(u"abc"_s, font), QString());
        QCOMPARE(FontCoverage::missingCharacters(u"a\U0010FFFDb\U0010FFFD"_s, font),
                 u"\U0010FFFD"_s);
        QLabel label(u"x \U0010FFFD"_s);
        QCOMPARE(FontCoverage::undrawableText(&label).size(), 1);
    }

    void mainWindow()
    {
        QSettings settings(m_dir.filePath(u"main.ini"_s), QSettings::IniFormat);
        settings.setValue(u"fetch/proxy"_s, u"none"_s);
        MainWindow window(&settings);
        QVERIFY(window.startDemo()); // the demo list's comments are translated too
        const QStringList problems = FontCoverage::undrawableText(&window);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    void preferences()
    {
        SettingsDialog dialog;
        const QStringList problems = undrawableOnEveryPage(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    void harvest()
    {
        PresetStore presets(m_dir.filePath(u"presets.json"_s));
        HarvestDialog dialog(FetchOptions(), &presets, [] { return QUrl(); });
        const QStringList problems = undrawableOnEveryPage(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    void compare()
    {
        CompareDialog dialog({ QUrl(u"http://127.0.0.1:1/"_s) }, FetchOptions());
        const QStringList problems = FontCoverage::undrawableText(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(report(problems)));
    }

    // Without a CJK font (fontconfig limited to DejaVu, as on a fresh Debian machine) the same
    // main window test fails: the test can tell.
    void failsWithoutCjkFont()
    {
        if (qEnvironmentVariableIsSet("QCRAWL_FONTS_LIMITED"))
            QSKIP("the limited run itself");
        const QString dejavu = u"/usr/share/fonts/truetype/dejavu"_s;
        if (!QDir(dejavu).exists())
            QSKIP("no DejaVu fonts to limit fontconfig to");
        const QString conf = m_dir.filePath(u"fonts.conf"_s);
        QFile file(conf);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(u"<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
                   "<fontconfig><dir>%1</dir><cachedir>%2</cachedir></fontconfig>\n"_s
                           .arg(dejavu, m_dir.filePath(u"fccache"_s))
                           .toUtf8());
        file.close();
        QProcess self;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"FONTCONFIG_FILE"_s, conf);
        env.insert(u"QCRAWL_FONTS_LIMITED"_s, u"1"_s);
        self.setProcessEnvironment(env);
        self.start(QCoreApplication::applicationFilePath(), { u"mainWindow"_s });
        QVERIFY(self.waitForFinished(120'000));
        const QByteArray output = self.readAllStandardOutput();
        QVERIFY2(self.exitCode() != 0, output.constData());
        QVERIFY2(output.contains("FAIL!  : tst_FontCoverage::mainWindow()"), output.constData());
    }
};

QTEST_MAIN(tst_FontCoverage)
#include "tst_fontcoverage.moc"
