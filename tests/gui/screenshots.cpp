// qcrawl-screenshots DIR [LANGUAGE]: drives the app through the built-in demo and a comparison and
// saves the README's screenshots: DIR/screenshot-main.png, -compare, -harvest, -videos and
// -history. With a LANGUAGE ("zh_CN"), only the main window after the demo run, in that language,
// as DIR/screenshot-main.LANGUAGE.png.

#include "comparedialog.h"
#include "harvestdialog.h"
#include "historydialog.h"
#include "jobmodel.h"
#include "mainwindow.h"
#include "translations.h"
#include "urleditor.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationVersion(QStringLiteral(QCRAWL_VERSION));
    const QString outDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : u"docs"_s;
    const QString language = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString();
    if (!language.isEmpty() && qcrawl::installTranslations(&app, language) != language)
        return 1;
    QDir().mkpath(outDir);
    QTemporaryDir settingsDir;
    QSettings settings(settingsDir.filePath(u"s.ini"_s), QSettings::IniFormat);
    settings.setValue(u"fetch/proxy"_s, u"none"_s);

    qcrawl::MainWindow window(&settings);
    window.resize(1360, 860);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    window.openJournal(settingsDir.filePath(u"journal.db"_s), false);
    window.startDemo();
    window.fetch();
    if (!QTest::qWaitFor([&] { return !window.isRunning(); }, 120'000))
        return 1;
    QTest::qWait(400);
    if (!language.isEmpty())
        return window.grab().save(outDir + u"/screenshot-main.%1.png"_s.arg(language)) ? 0 : 1;
    if (!window.grab().save(outDir + u"/screenshot-main.png"_s))
        return 1;

    // The comparison on the tutorial's 1-second pages only.
    QStringList pages;
    for (const auto &line : window.urlEditor()->toPlainText().split(u'\n')) {
        if (line.contains(u"/delay/1000"_s))
            pages.append(line);
    }
    window.urlEditor()->setPlainText(pages.join(u'\n'));
    auto *dialog = qobject_cast<qcrawl::CompareDialog *>(window.openCompare());
    if (!dialog)
        return 1;
    dialog->resize(1100, 700);
    bool done = false;
    QObject::connect(dialog, &qcrawl::CompareDialog::comparisonFinished, [&] { done = true; });
    if (!QTest::qWaitFor([&] { return done; }, 180'000))
        return 1;
    QTest::qWait(300);
    if (!dialog->grab().save(outDir + u"/screenshot-compare.png"_s))
        return 1;
    dialog->close();

    // The harvest dialog's preview on the demo video site, then the saved videos.
    auto *harvest = qobject_cast<qcrawl::HarvestDialog *>(window.openHarvest());
    if (!harvest)
        return 1;
    harvest->resize(980, 700);
    bool previewed = false;
    QObject::connect(harvest, &qcrawl::HarvestDialog::mediaPreviewed, [&] { previewed = true; });
    QObject::connect(harvest, &qcrawl::HarvestDialog::previewUpdated, harvest, [&] {
        if (!previewed)
            harvest->previewMedia(1);
    });
    harvest->useDemoSite();
    if (!QTest::qWaitFor([&] { return previewed; }, 30'000))
        return 1;
    QTest::qWait(300);
    if (!harvest->grab().save(outDir + u"/screenshot-harvest.png"_s))
        return 1;
    bool harvested = false;
    QObject::connect(harvest, &qcrawl::HarvestDialog::harvested, [&] { harvested = true; });
    harvest->harvest();
    if (!QTest::qWaitFor([&] { return harvested; }, 60'000))
        return 1;
    QTemporaryDir videos;
    window.saveVideos(videos.path());
    if (!QTest::qWaitFor([&] { return !window.isRunning(); }, 120'000))
        return 1;
    QTest::qWait(400);
    if (!window.grab().save(outDir + u"/screenshot-videos.png"_s))
        return 1;

    // History: the runs above, from the journal.
    auto *history = qobject_cast<qcrawl::HistoryDialog *>(window.openHistory());
    if (!history || !QTest::qWaitFor([&] { return history->table()->rowCount() >= 2; }, 10'000))
        return 1;
    history->resize(900, 320);
    QTest::qWait(200);
    return history->grab().save(outDir + u"/screenshot-history.png"_s) ? 0 : 1;
}
