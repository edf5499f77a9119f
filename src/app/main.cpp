#include "mainwindow.h"
#include "systemlimits.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTimer>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("qcrawl"));
    QApplication::setOrganizationName(QStringLiteral("qcrawl"));
    QApplication::setApplicationVersion(QStringLiteral(QCRAWL_VERSION));
    qcrawl::raiseOpenFileLimit();

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QApplication::translate("main", "Paste URLs, fetch them fast, watch every download."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(
            QStringLiteral("demo"),
            QApplication::translate("main", "Start with the built-in demo server and its URL list."));
    parser.addOption(demo);
    parser.process(app);

    QSettings settings;
    qcrawl::MainWindow window(&settings);
    window.show();
    if (parser.isSet(demo))
        QTimer::singleShot(0, &window, &qcrawl::MainWindow::startDemo);
    return app.exec();
}
