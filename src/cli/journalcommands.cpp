// qcrawl-cli resume and history: the commands that read a journal written by fetch --journal.

#include "cli.h"
#include "console.h"
#include "harvestcommand.h"
#include "journal/fetchoptionsjson.h"
#include "journal/journal.h"
#include "journalsession.h"
#include "optionparsing.h"
#include "util/units.h"

#include <cstdio>
#include <unistd.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

using namespace console;

QString runCounts(const JournalRun &run)
{
    return u"ok %1, failed %2, unfinished %3"_s.arg(run.ok).arg(run.failed).arg(run.unfinished());
}

QByteArray historyHeader()
{
    return (padded(u"RUN"_s, 5, true) + u"  "_s + padded(u"STARTED"_s, 19) + u"  "_s
            + padded(u"KIND"_s, 7) + u"  "_s + padded(u"MODE"_s, 6) + u"  "_s
            + padded(u"URLS"_s, 7, true) + u"  "_s + padded(u"OK"_s, 7, true) + u"  "_s
            + padded(u"FAILED"_s, 7, true) + u"  "_s + padded(u"UNFINISHED"_s, 10, true) + u"  "_s
            + padded(u"WALL"_s, 9, true) + u'\n')
            .toUtf8();
}

QByteArray historyRow(const JournalRun &run)
{
    return forTerminal(padded(QString::number(run.id), 5, true) + u"  "_s
                       + padded(run.started.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), 19)
                       + u"  "_s + padded(run.kind, 7) + u"  "_s + padded(run.mode, 6) + u"  "_s
                       + padded(QString::number(run.urls), 7, true) + u"  "_s
                       + padded(QString::number(run.ok), 7, true) + u"  "_s
                       + padded(QString::number(run.failed), 7, true) + u"  "_s
                       + padded(QString::number(run.unfinished()), 10, true) + u"  "_s
                       + padded(formatDuration(run.wallMs), 9, true))
                   .toUtf8()
            + '\n';
}

QByteArray historyJson(const JournalRun &run)
{
    return QJsonDocument(run.toJson()).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace

int Cli::resume(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
            { u"journal"_s, u"The journal that fetch --journal wrote."_s, u"FILE"_s },
            { u"run"_s, u"Continue run ID (default: the latest with unfinished jobs)."_s, u"ID"_s },
            { { u"f"_s, u"format"_s },
              u"table, jsonl or csv (default: the run's, else table on a terminal, jsonl "
              u"otherwise)."_s,
              u"format"_s },
    });
    parser.addOptions(ProgressLine::optionDefinitions());
    parser.addOption({ { u"h"_s, u"help"_s }, u"Show this help."_s });
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        writeOut(
                (u"Usage: qcrawl-cli resume --journal FILE [--run ID]\n\n"
                 u"Continues a run recorded by fetch --journal: finished jobs are kept (never\n"
                 u"fetched again), the others are fetched with the run's options, partial\n"
                 u"files continue where they stopped. Exit status as fetch's, for the whole run.\n\n"_s
                 + optionsHelp(parser))
                        .toUtf8());
        return Success;
    }
    if (!parser.isSet(u"journal"_s))
        return usage(u"resume needs --journal FILE"_s);
    if (!parser.positionalArguments().isEmpty())
        return usage(u"resume takes no URLs: it continues the jobs the journal holds"_s);
    qint64 runId = 0;
    if (parser.isSet(u"run"_s)) {
        bool ok = false;
        runId = parser.value(u"run"_s).toLongLong(&ok);
        if (!ok || runId <= 0)
            return usage(u"--run wants a run number (see qcrawl-cli history), not \"%1\""_s.arg(
                    parser.value(u"run"_s)));
    }
    std::optional<Format> format;
    if (parser.isSet(u"format"_s)) {
        format = ResultPrinter::formatFromName(parser.value(u"format"_s));
        if (!format)
            return usage(u"--format wants table, jsonl or csv, not \"%1\""_s.arg(
                    parser.value(u"format"_s)));
    }
    m_progress = ProgressLine::modeFor(parser);

    QString error;
    const QString path = parser.value(u"journal"_s);
    if (!QFileInfo(path).isFile()) // resume never creates a journal
        return usage(u"no journal at %1"_s.arg(path));
    const auto writer = JournalSession::open(path, JournalSession::Access::Write, &error);
    if (!writer)
        return usage(error);
    Journal &journal = writer->journal();
    if (runId == 0) {
        runId = journal.latestUnfinishedRun(&error);
        if (runId == 0) {
            if (!error.isEmpty())
                return usage(error);
            writeErr(u"nothing to resume: every run in %1 is complete"_s.arg(journal.path()));
            return Success;
        }
    }
    const std::optional<JournalRun> run = journal.run(runId, &error);
    if (!run)
        return usage(error);
    if (run->kind == u"harvest") {
        HarvestCommand harvest;
        harvest.setProgress(m_progress);
        return harvest.resume(journal, *run,
                              parser.isSet(u"format"_s) ? parser.value(u"format"_s) : QString());
    }
    if (run->kind != u"fetch")
        return usage(
                u"run %1 is a %2 run; this qcrawl resumes fetch and harvest runs"_s.arg(runId).arg(
                        run->kind));
    const FetchMode mode = fetchModeFromName(run->mode).value_or(FetchMode::Async);
    const FetchOptions options =
            FetchOptionsJson::fromJson(run->options.value(u"fetch"_s).toObject());
    if (!format) {
        format = ResultPrinter::formatFromName(run->options.value(u"format"_s).toString())
                         .value_or(ResultPrinter::defaultFormat());
    }

    QList<FetchJob> jobs;
    for (const JournalJob &job : journal.jobs(runId, &error)) {
        if (job.state != JournalJobState::Pending)
            continue;
        FetchJob fetchJob;
        fetchJob.index = job.result.index;
        fetchJob.url = job.result.url;
        fetchJob.filePath = job.result.filePath;
        fetchJob.resume = !fetchJob.filePath.isEmpty();
        if (fetchJob.resume) // a folder removed since: made again, the file goes where planned
            QDir().mkpath(QFileInfo(fetchJob.filePath).absolutePath());
        jobs.append(fetchJob);
    }
    if (!error.isEmpty())
        return usage(u"cannot read the journal %1: %2"_s.arg(journal.path(), error));
    if (jobs.isEmpty()) {
        writeErr(u"run %1 is complete: %2"_s.arg(runId).arg(runCounts(*run)));
        return run->failed == 0 ? Success : SomeFailed;
    }
    writeErr(u"resuming run %1 of %2: %3 of %4 job(s) to fetch, %5 kept"_s.arg(runId)
                     .arg(journal.path())
                     .arg(jobs.size())
                     .arg(run->urls)
                     .arg(run->urls - jobs.size()));
    const JournalTarget target { journal.path(), runId, {} };
    const RunOutcome outcome =
            runAndPrint(mode, options, jobs, ResultPrinter(*format, mode), &target);
    std::fflush(stdout);
    writeErr(outcome.stats.summaryLine(mode));
    const std::optional<JournalRun> after = journal.run(runId, &error);
    if (after)
        writeErr(u"run %1: %2"_s.arg(runId).arg(runCounts(*after)));
    if (outcome.interrupted)
        return Interrupted;
    return after && after->ok == after->urls ? Success : SomeFailed;
}

int Cli::history(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
            { u"journal"_s, u"The journal to list."_s, u"FILE"_s },
            { { u"f"_s, u"format"_s },
              u"table or jsonl (default: table on a terminal, jsonl otherwise)."_s,
              u"format"_s },
            { { u"h"_s, u"help"_s }, u"Show this help."_s },
    });
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        writeOut((u"Usage: qcrawl-cli history --journal FILE [-f jsonl|table]\n\n"
                  u"One row per run the journal holds: when it started, what it was, how many\n"
                  u"URLs are ok, failed and unfinished, and its wall time.\n\n"_s
                  + optionsHelp(parser))
                         .toUtf8());
        return Success;
    }
    if (!parser.isSet(u"journal"_s))
        return usage(u"history needs --journal FILE"_s);
    bool table = isatty(fileno(stdout));
    if (parser.isSet(u"format"_s)) {
        const QString name = parser.value(u"format"_s);
        if (name != u"table" && name != u"jsonl")
            return usage(u"history's --format is table or jsonl, not \"%1\""_s.arg(name));
        table = name == u"table";
    }
    QString error;
    const auto session =
            JournalSession::open(parser.value(u"journal"_s), JournalSession::Access::Read, &error);
    if (!session)
        return usage(error);
    const QList<JournalRun> runs = session->journal().runs(&error);
    if (!error.isEmpty())
        return usage(u"cannot read the journal %1: %2"_s.arg(session->journal().path(), error));
    if (table)
        writeOut(historyHeader());
    for (const JournalRun &run : runs)
        writeOut(table ? historyRow(run) : historyJson(run));
    std::fflush(stdout);
    return Success;
}

} // namespace qcrawl
