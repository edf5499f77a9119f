#include "mainwindow.h"
#include "systemlimits.h"

#include <QApplication>
#include <QSettings>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("qcrawl"));
    QApplication::setOrganizationName(QStringLiteral("qcrawl"));
    QApplication::setApplicationVersion(QStringLiteral(QCRAWL_VERSION));
    qcrawl::raiseOpenFileLimit();

    QSettings settings;
    qcrawl::MainWindow window(&settings);
    window.show();
    return app.exec();
}
