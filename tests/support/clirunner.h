#pragma once

// Runs qcrawl-cli for the end-to-end tests: a clean environment (no proxy variables), stdin
// given and closed, a time limit that tells a hang from a slow run. Their JSONL is read with
// jsonLines() (testutil.h).

#include "testutil.h"

#include <QProcess>
#include <QStringList>

namespace qcrawl::test {

struct CliRun
{
    int exitCode = -1; // -2 when it crashed, -1 when it hung and was killed
    QByteArray out;
    QByteArray err;
};

inline QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         { "http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY" })
        env.remove(QString::fromLatin1(name));
    return env;
}

inline CliRun runCli(const QStringList &args, const QProcessEnvironment &env,
                     const QByteArray &stdinData = {}, const QString &workingDir = {},
                     int timeoutMs = 60'000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    if (!workingDir.isEmpty())
        process.setWorkingDirectory(workingDir);
    process.start(QStringLiteral(QCRAWL_CLI_PATH), args);
    if (!process.waitForStarted())
        qFatal("cannot start qcrawl-cli");
    process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        qWarning("qcrawl-cli %s hung", qPrintable(args.join(u' ')));
        return {};
    }
    return { process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2,
             process.readAllStandardOutput(), process.readAllStandardError() };
}

} // namespace qcrawl::test
