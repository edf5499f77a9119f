#include "appsettings.h"
#include "languagefallback.h"
#include "mainwindow.h"
#include "translations.h"
#include "urleditor.h"
#include "util/systemlimits.h"

#include <memory>

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QPalette>
#include <QSettings>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("qcrawl"));
    QApplication::setOrganizationName(QStringLiteral("qcrawl"));
    QApplication::setApplicationVersion(QStringLiteral(QCRAWL_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.qcrawl"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.qcrawl.png")));
    qcrawl::raiseOpenFileLimit();
    // Fusion everywhere, with the platform's palette: light or dark as the desktop is.
    const QPalette systemPalette = QApplication::palette();
    QApplication::setStyle(QStringLiteral("Fusion"));
    QApplication::setPalette(systemPalette);

    QSettings settings;
    qcrawl::installTranslations(&app, qcrawl::AppSettings(&settings).language());

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QApplication::translate("main", "Paste URLs, fetch them fast, watch every download."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
            QStringLiteral("demo"),
            QApplication::translate("main",
                                    "Start with the built-in demo server and its URL list."));
    parser.addOption(demo);
    parser.addPositionalArgument(QStringLiteral("urls"),
                                 QApplication::translate("main", "URLs to put in the list."),
                                 QStringLiteral("[URL...]"));
    parser.process(app);

    auto window = std::make_unique<qcrawl::MainWindow>(&settings);
    qcrawl::AppSettings appSettings(&settings);
    if (qcrawl::offerEnglishWhenUndrawable(window.get(), &appSettings)) {
        window.reset(); // built again under the English interface
        qcrawl::removeTranslations();
        qcrawl::installTranslations(&app, appSettings.language());
        window = std::make_unique<qcrawl::MainWindow>(&settings);
    }
    window->show();
    // The journal is on unless turned off in Preferences; the last table comes back unless the
    // command line asks for another list.
    if (appSettings.journalEnabled())
        window->openJournal(qcrawl::AppSettings::defaultJournalPath(),
                            !parser.isSet(demo) && parser.positionalArguments().isEmpty());
    if (parser.isSet(demo))
        QTimer::singleShot(0, window.get(), &qcrawl::MainWindow::startDemo);
    else if (!parser.positionalArguments().isEmpty())
        window->urlEditor()->appendLines(parser.positionalArguments().join(u'\n') + u'\n');
    return app.exec();
}
