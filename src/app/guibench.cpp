// qcrawl-guibench: workload W5 of bench/run. Loads a URL list into the app's main window, fetches
// it, and prints one JSON line when every row is done: rows, ok, the time to all rows done, and
// the longest time the GUI thread went without turning its event loop (a 1 ms timer's lateness).
// The journal is on, as in the app (a fresh file in a temporary folder); --no-journal turns it off.

#include "jobmodel.h"
#include "mainwindow.h"
#include "urleditor.h"
#include "util/systemlimits.h"

#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    qcrawl::raiseOpenFileLimit();
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({ { QStringLiteral("i"), QStringLiteral("input") },
                       QStringLiteral("URL list"),
                       QStringLiteral("FILE") });
    parser.addOption({ { QStringLiteral("c"), QStringLiteral("concurrency") },
                       QStringLiteral("requests in flight"),
                       QStringLiteral("N"),
                       QStringLiteral("100") });
    parser.addOption({ QStringLiteral("no-journal"), QStringLiteral("run without the journal") });
    parser.process(app);
    QFile input(parser.value(QStringLiteral("input")));
    if (!input.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "qcrawl-guibench: cannot read the URL list\n");
        return 2;
    }

    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("fetch/proxy"), QStringLiteral("none"));
    settings.setValue(QStringLiteral("fetch/concurrency"),
                      parser.value(QStringLiteral("concurrency")).toInt());
    settings.setValue(QStringLiteral("ui/demoOffered"), true);
    qcrawl::MainWindow window(&settings);
    window.resize(1280, 800);
    window.show();
    if (!parser.isSet(QStringLiteral("no-journal")))
        window.openJournal(dir.filePath(QStringLiteral("journal.db")), false);
    window.urlEditor()->setPlainText(QString::fromUtf8(input.readAll()));
    window.urlEditor()->parseNow();

    QElapsedTimer probeClock;
    qint64 last = 0, longest = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(1);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = probeClock.nsecsElapsed();
        longest = std::max(longest, now - last);
        last = now;
    });

    QElapsedTimer run;
    QObject::connect(&window, &qcrawl::MainWindow::runFinished, [&] {
        const double seconds = run.nsecsElapsed() / 1e9;
        probe.stop();
        const QJsonObject result {
            { QStringLiteral("rows"), window.model()->rowCount() },
            { QStringLiteral("ok"), window.model()->count(qcrawl::JobModel::State::Done) },
            { QStringLiteral("rows_done_s"), seconds },
            { QStringLiteral("longest_stall_ms"), longest / 1e6 },
            { QStringLiteral("journal"), !parser.isSet(QStringLiteral("no-journal")) },
        };
        std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        app.quit();
    });
    QTimer::singleShot(0, [&] {
        probeClock.start();
        probe.start();
        run.start();
        window.fetch();
    });
    return app.exec();
}
