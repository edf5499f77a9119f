#include "cli.h"
#include "util/systemlimits.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qcrawl-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("qcrawl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QCRAWL_VERSION));
    qcrawl::raiseOpenFileLimit();
    return qcrawl::Cli().run(QCoreApplication::arguments());
}
