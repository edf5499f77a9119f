#include "clirunner.h"
#include "testserver.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace qcrawl;
using namespace qcrawl::test;

// qcrawl-cli's live status line, as a user sees it: under a pseudo-terminal (util-linux's
// `script`), and its absence when stderr is a pipe.
class tst_CliProgress : public QObject
{
    Q_OBJECT

private:
    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_script;

    static constexpr char Erase[] = "\r\033[K";

    QString url(const QString &path) const { return m_server.url(path).toString(); }

    static QString quoted(const QString &arg) { return u'\'' + arg + u'\''; }

    // Runs `shell` (a command line) on a pseudo-terminal `columns` wide; what the terminal got.
    CliRun onTerminal(const QString &shell, int columns = 60,
                      const QProcessEnvironment &env = cliEnvironment())
    {
        QProcess process;
        QProcessEnvironment e = env;
        if (!e.contains(u"TERM"_s))
            e.insert(u"TERM"_s, u"xterm"_s);
        process.setProcessEnvironment(e);
        process.start(m_script,
                      { u"-qfec"_s, u"stty cols %1 rows 24; %2"_s.arg(columns).arg(shell),
                        u"/dev/null"_s });
        process.closeWriteChannel();
        if (!process.waitForFinished(60'000)) {
            process.kill();
            process.waitForFinished();
            return {};
        }
        return { process.exitCode(), process.readAllStandardOutput(),
                 process.readAllStandardError() };
    }

    QString cli(const QStringList &args) const
    {
        QStringList parts { quoted(QStringLiteral(QCRAWL_CLI_PATH)) };
        for (const QString &arg : args)
            parts << quoted(arg);
        return parts.join(u' ');
    }

    // Two seconds of a 20 MB body, a failing page and two quick ones.
    QStringList jobs() const
    {
        return { u"fetch"_s,
                 u"--proxy"_s,
                 u"none"_s,
                 u"-o"_s,
                 m_dir.filePath(u"out"_s),
                 url(u"/bytes/20000000?rate=10000000"_s),
                 url(u"/status/404"_s),
                 url(u"/delay/200"_s),
                 url(u"/delay/300"_s) };
    }

    // The status lines drawn: what follows each erase up to the next carriage return, unless a
    // line break ends it (then it is a row or a message, printed whole after the erase).
    static QList<QByteArray> drawnLines(const QByteArray &output)
    {
        QList<QByteArray> lines;
        qsizetype at = 0;
        while ((at = output.indexOf(Erase, at)) >= 0) {
            at += qsizetype(sizeof Erase) - 1;
            const qsizetype end = output.indexOf('\r', at);
            if (end < 0 || output.mid(end, 2) == "\r\n")
                continue;
            if (end > at)
                lines.append(output.mid(at, end - at));
        }
        return lines;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_script = QStandardPaths::findExecutable(u"script"_s);
        if (m_script.isEmpty())
            QSKIP("util-linux's script is not installed");
    }

    void drawnOnATerminal()
    {
        const CliRun run = onTerminal(cli(jobs()));
        QCOMPARE(run.exitCode, 1); // the 404
        const QList<QByteArray> lines = drawnLines(run.out);
        // Redrawn as it goes: at 10 a second, a one-second body makes several.
        QVERIFY2(lines.size() >= 4, run.out.constData());
        bool sawPercent = false;
        for (const QByteArray &line : lines) {
            QVERIFY2(QRegularExpression(u"^\\d/4 done"_s).match(QString::fromUtf8(line)).hasMatch(),
                     line.constData());
            // Fitted to the 60 columns, one spare.
            QVERIFY2(QString::fromUtf8(line).size() <= 59, line.constData());
            sawPercent = sawPercent || line.contains('%');
        }
        QVERIFY2(sawPercent, run.out.constData()); // the 20 MB body, with its percentage
        QVERIFY(lines.constLast().contains("done"));
        // Rows and the summary print whole, each after an erase; nothing is left half-drawn: the
        // last thing drawn is erased before the summary line.
        QVERIFY(run.out.contains("404"));
        const qsizetype summary = run.out.lastIndexOf("ok 3, failed 1");
        QVERIFY(summary > 0);
        QVERIFY(run.out.lastIndexOf(Erase) < summary);
        QVERIFY(run.out.lastIndexOf(Erase) > run.out.lastIndexOf(lines.constLast()));
    }

    void respectsTheWidth()
    {
        const CliRun run = onTerminal(cli(jobs()), 30);
        const QList<QByteArray> lines = drawnLines(run.out);
        QVERIFY(!lines.isEmpty());
        for (const QByteArray &line : lines)
            QVERIFY2(QString::fromUtf8(line).size() <= 29, line.constData());
    }

    void absentWhenStderrIsAPipe()
    {
        const CliRun run = runCli(jobs(), cliEnvironment());
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.err.contains("\033"));
        QVERIFY(!run.err.contains(" done"));
        QVERIFY(!run.out.contains("\033"));
    }

    void absentWhenAsked()
    {
        QProcessEnvironment dumb = cliEnvironment();
        dumb.insert(u"TERM"_s, u"dumb"_s);
        for (const CliRun &run :
             { onTerminal(cli(jobs() << u"--no-progress"_s)), onTerminal(cli(jobs()), 60, dumb) }) {
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(!run.out.contains(Erase), run.out.constData());
            QVERIFY(!run.out.contains(" done"));
        }
    }

    // --progress without a terminal (a CI log): plain lines, about one a second, no escapes.
    void forcedIntoAPipe()
    {
        const CliRun run = runCli(jobs() << u"--progress"_s, cliEnvironment());
        QCOMPARE(run.exitCode, 1);
        QVERIFY(!run.err.contains("\033"));
        QVERIFY(!run.err.contains('\r'));
        const QList<QByteArray> lines = run.err.split('\n');
        const auto count = std::count_if(lines.cbegin(), lines.cend(), [](const QByteArray &l) {
            return QRegularExpression(u"^\\d/4 done"_s).match(QString::fromUtf8(l)).hasMatch();
        });
        QVERIFY2(count >= 1 && count <= 3, run.err.constData());
        QVERIFY(!run.out.contains(" done"));
    }

    // Ctrl+C while the line is shown: erased, then what happened is said on a clean line.
    void interruptedCleanly()
    {
        const QStringList args = { u"fetch"_s, u"--proxy"_s, u"none"_s,
                                   url(u"/bytes/100000000?rate=10000000"_s) };
        const CliRun run =
                onTerminal(cli(args) + u" & pid=$!; sleep 1.5; kill -INT $pid; wait $pid"_s);
        QCOMPARE(run.exitCode, 130);
        const qsizetype message = run.out.indexOf("interrupted: canceling");
        QVERIFY2(message > 0, run.out.constData());
        QVERIFY(run.out.mid(message - 4, 4).endsWith("\033[K")
                || run.out.mid(message - 2, 2) == "\r\n");
        QVERIFY(run.out.lastIndexOf(Erase) < run.out.lastIndexOf("canceled"));
    }
};

QTEST_GUILESS_MAIN(tst_CliProgress)
#include "tst_cliprogress.moc"
