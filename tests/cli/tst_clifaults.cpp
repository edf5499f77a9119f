// qcrawl-cli end to end when the world fails under it: the server process dies mid-download, the
// disk fills (a 1 MiB tmpfs), the output folder turns read-only mid-run. Every time: a clear error
// in the row, exit status 1, no crash, and no finished file that is not complete (a .part, or
// nothing, where the download broke).

#include "clirunner.h"
#include "demo/demoserver.h"
#include "hostileserver.h"
#include "testserver.h"
#include "testutil.h"

#include <csignal>
#include <unistd.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

namespace {

QStringList filesIn(const QString &dir)
{
    QStringList names = QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System);
    names.sort();
    return names;
}

QHash<int, QJsonObject> rowsByIndex(const QByteArray &out)
{
    QHash<int, QJsonObject> rows;
    for (const QJsonObject &row : jsonLines(out))
        rows.insert(row.value(u"index"_s).toInt(), row);
    return rows;
}

// Runs a program to the end; its stderr when it failed, a null string when it succeeded.
QString runTool(const QString &program, const QStringList &args)
{
    QProcess process;
    process.start(program, args);
    if (!process.waitForFinished(30'000) || process.exitStatus() != QProcess::NormalExit)
        return u"%1 did not finish"_s.arg(program);
    if (process.exitCode() != 0)
        return QString::fromLocal8Bit(process.readAllStandardError()).trimmed()
                + u" (exit %1)"_s.arg(process.exitCode());
    return {};
}

} // namespace

class tst_CliFaults : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    HostileServer m_hostile;

    QString url(const QString &path) const { return m_server.url(path).toString(); }

    // The system's messages in English, whatever the machine's language.
    static QProcessEnvironment environment()
    {
        QProcessEnvironment env = cliEnvironment();
        env.insert(u"LC_ALL"_s, u"C.UTF-8"_s);
        return env;
    }

    static void checkNoCrash(const CliRun &r)
    {
        QVERIFY2(r.exitCode != -1, "qcrawl-cli hung");
        QVERIFY2(r.exitCode != -2, "qcrawl-cli crashed");
    }

private Q_SLOTS:
    // `qcrawl-cli serve` is killed (SIGKILL) while a download from it runs: the download fails
    // with the reason (the connection closed; refused, once retried), the file finished before
    // stays whole, the broken one leaves nothing.
    void serverDiesMidDownload_data()
    {
        QTest::addColumn<int>("retries");
        QTest::addColumn<QString>("error");
        QTest::newRow("no retries") << 0 << u"connection closed by the server"_s;
        QTest::newRow("retried after the server died") << 2 << u"connection refused"_s;
    }
    void serverDiesMidDownload()
    {
        QFETCH(int, retries);
        QFETCH(QString, error);
        QProcess server;
        server.setProcessEnvironment(cliEnvironment());
        server.start(QStringLiteral(QCRAWL_CLI_PATH), { u"serve"_s, u"--port"_s, u"0"_s });
        QVERIFY(server.waitForStarted());
        const auto killServer = qScopeGuard([&server] {
            server.kill();
            server.waitForFinished();
        });
        QVERIFY(server.waitForReadyRead(10'000));
        const QRegularExpressionMatch base = QRegularExpression(u"http://127\\.0\\.0\\.1:\\d+"_s)
                                                     .match(QString::fromUtf8(server.readLine()));
        QVERIFY(base.hasMatch());

        QTemporaryDir dir;
        constexpr qint64 Small = 10'000;
        constexpr qint64 Large = 50'000'000; // at 1 MB/s: it is still running when the server dies
        QProcess fetch;
        fetch.setProcessEnvironment(cliEnvironment());
        fetch.start(QStringLiteral(QCRAWL_CLI_PATH),
                    { u"fetch"_s, u"-f"_s, u"jsonl"_s, u"-m"_s, u"serial"_s, u"--retries"_s,
                      QString::number(retries), u"-o"_s, dir.path(),
                      base.captured() + u"/bytes/%1"_s.arg(Small),
                      base.captured() + u"/bytes/%1?rate=1000000"_s.arg(Large) });
        QVERIFY(fetch.waitForStarted());
        const QString part = dir.filePath(u"%1.part"_s.arg(Large));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(part).size() > 100'000, 20'000);
        ::kill(pid_t(server.processId()), SIGKILL);
        QVERIFY(fetch.waitForFinished(30'000));

        const CliRun r { fetch.exitStatus() == QProcess::NormalExit ? fetch.exitCode() : -2,
                         fetch.readAllStandardOutput(), fetch.readAllStandardError() };
        checkNoCrash(r);
        QCOMPARE(r.exitCode, 1);
        const QHash<int, QJsonObject> rows = rowsByIndex(r.out);
        QCOMPARE(rows.size(), 2);
        QVERIFY(rows[0].value(u"error"_s).isNull());
        QCOMPARE(rows[1].value(u"error"_s).toString(), error);
        QVERIFY2(r.err.contains("ok 1, failed 1"), r.err.constData());
        QCOMPARE(filesIn(dir.path()), QStringList { QString::number(Small) });
        QCOMPARE(readFile(dir.filePath(QString::number(Small))),
                 DemoServer::patternBytes(0, Small));
    }

    // The output folder is a 1 MiB tmpfs: what does not fit fails with the system's reason and
    // leaves no file, however the body was framed, including when only its last bytes (still in
    // the file's write buffer when the body ends) do not fit.
    void diskFills_data()
    {
        QTest::addColumn<QUrl>("source");
        QTest::addColumn<QString>("name");
        QTest::newRow("a body larger than the disk")
                << m_server.url(u"/bytes/3000000"_s) << u"3000000"_s;
        QTest::newRow("a chunked body larger than the disk")
                << m_server.url(u"/chunked/3000000"_s) << u"3000000"_s;
        QTest::newRow("the last 100 bytes of a chunked body")
                << m_hostile.url(u"/chunked-drip?head=1048576&n=100&ms=2"_s) << u"chunked-drip"_s;
    }
    void diskFills()
    {
        QFETCH(QUrl, source);
        QFETCH(QString, name);
        if (::geteuid() != 0)
            QSKIP("mounting a 1 MiB tmpfs needs root");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        if (const QString failed =
                    runTool(u"mount"_s,
                            { u"-t"_s, u"tmpfs"_s, u"-o"_s, u"size=1m"_s, u"tmpfs"_s, dir.path() });
            !failed.isNull())
            QSKIP(qPrintable(u"cannot mount a 1 MiB tmpfs: "_s + failed));
        const auto unmount = qScopeGuard([&dir] { runTool(u"umount"_s, { u"-l"_s, dir.path() }); });

        const CliRun r = runCli({ u"fetch"_s, u"-f"_s, u"jsonl"_s, u"--retries"_s, u"0"_s, u"-o"_s,
                                  dir.path(), source.toString() },
                                environment());
        checkNoCrash(r);
        QCOMPARE(r.exitCode, 1);
        const QHash<int, QJsonObject> rows = rowsByIndex(r.out);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(
                rows[0].value(u"error"_s).toString(),
                u"cannot write %1: No space left on device"_s.arg(dir.filePath(name + u".part"_s)));
        QVERIFY2(r.err.contains("ok 0, failed 1"), r.err.constData());
        QCOMPARE(filesIn(dir.path()), QStringList());
    }

    // The output folder turns read-only (chmod 0555) while the first of two downloads runs: the
    // first cannot become its file (its .part stays, complete but not renamed), the second
    // cannot start one. Root ignores permissions, so as root qcrawl-cli runs without the
    // capabilities that override them (util-linux's setpriv).
    void outputFolderTurnsReadOnly()
    {
        QStringList command { QStringLiteral(QCRAWL_CLI_PATH) };
        if (::geteuid() == 0) {
            const QString setpriv = QStandardPaths::findExecutable(u"setpriv"_s);
            if (setpriv.isEmpty())
                QSKIP("running as root, which ignores a read-only folder's permissions, and "
                      "setpriv (util-linux) is not there to drop CAP_DAC_OVERRIDE");
            const QStringList drop { u"--bounding-set"_s,
                                     u"-dac_override,-dac_read_search,-fowner"_s, u"--"_s };
            if (const QString failed = runTool(setpriv, drop + QStringList { u"true"_s });
                !failed.isNull())
                QSKIP(qPrintable(u"running as root, and cannot drop CAP_DAC_OVERRIDE: "_s
                                 + failed));
            command = QStringList { setpriv } + drop + command;
        }
        QTemporaryDir dir;
        const auto writable = qScopeGuard([&dir] {
            QFile::setPermissions(dir.path(),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        });
        constexpr qint64 First = 2'000'000; // at 1 MB/s: two seconds to make the folder read-only
        constexpr qint64 Second = 1000;
        QProcess fetch;
        fetch.setProcessEnvironment(environment());
        fetch.start(command.takeFirst(),
                    command
                            + QStringList { u"fetch"_s, u"-f"_s, u"jsonl"_s, u"-m"_s, u"serial"_s,
                                            u"--retries"_s, u"0"_s, u"-o"_s, dir.path(),
                                            url(u"/bytes/%1?rate=1000000"_s.arg(First)),
                                            url(u"/bytes/%1"_s.arg(Second)) });
        QVERIFY(fetch.waitForStarted());
        const QString firstPart = dir.filePath(u"%1.part"_s.arg(First));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(firstPart).size() > 0, 20'000);
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner));
        QVERIFY(fetch.waitForFinished(30'000));

        const CliRun r { fetch.exitStatus() == QProcess::NormalExit ? fetch.exitCode() : -2,
                         fetch.readAllStandardOutput(), fetch.readAllStandardError() };
        checkNoCrash(r);
        QCOMPARE(r.exitCode, 1);
        const QHash<int, QJsonObject> rows = rowsByIndex(r.out);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].value(u"error"_s).toString(),
                 u"cannot rename %1 to %2"_s.arg(firstPart, dir.filePath(QString::number(First))));
        QCOMPARE(rows[1].value(u"error"_s).toString(),
                 u"cannot write %1: Permission denied"_s.arg(
                         dir.filePath(u"%1.part"_s.arg(Second))));
        QVERIFY2(r.err.contains("ok 0, failed 2"), r.err.constData());
        QCOMPARE(filesIn(dir.path()), QStringList { u"%1.part"_s.arg(First) });
        QCOMPARE(readFile(firstPart), DemoServer::patternBytes(0, First));
    }
};

QTEST_GUILESS_MAIN(tst_CliFaults)
#include "tst_clifaults.moc"
