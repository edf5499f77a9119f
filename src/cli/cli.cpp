#include "cli.h"

#include "console.h"
#include "fetch/fetchengine.h"
#include "fetch/modecomparison.h"
#include "fetch/urllistparser.h"
#include "harvest/filenameplanner.h"
#include "harvest/filenames.h"
#include "harvestcommand.h"
#include "journal/fetchoptionsjson.h"
#include "journal/journal.h"
#include "journal/journalrecorder.h"
#include "journal/journalwriter.h"
#include "journalsession.h"
#include "optionparsing.h"
#include "progressline.h"
#include "signalwatcher.h"
#include "util/units.h"

#include <climits>
#include <cstdio>
#include <unistd.h>

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

using namespace console;

const QString TopLevelHelp = uR"(Usage: qcrawl-cli COMMAND [OPTIONS]

Fetch many URLs fast, three ways: async (one event loop), pool (blocking worker
threads) and serial (one after another).

Commands:
  fetch [OPTIONS] [URL...]     fetch URLs from arguments, -i FILE, or stdin ("-")
  compare [OPTIONS] [URL...]   the same list through serial, pool and async:
                               wall time, req/s and speed-up side by side
  harvest --list URL ...       the tutorial's video harvest: list page, XPath,
                               detail pages, downloads (--preset pearvideo)
  resume --journal FILE        continue the latest unfinished run of a journal
                               (fetch --journal FILE records one)
  history --journal FILE       the runs a journal holds, one row per run
  serve [--host H] [--port N]  run the built-in demo server; prints its base URL
        [--cert F --key F]     (https:// with that certificate)
  demo                         start the demo server in-process and run the
                               tutorial's experiment through the three modes

Options:
  -h, --help                   show this help ("qcrawl-cli COMMAND --help" for a
                               command's options)
  -v, --version                show the version

Every request goes through libcurl: HTTP/1.1 and HTTP/2, TLS checked against the
system's certificates (--cacert, -k), proxies from --proxy or the environment.

Exit status: 0 when every URL got a 2xx, 1 when some failed, 2 for usage or
input errors.
)"_s;

struct InputSource
{
    QString name; // "argument", a file name, "stdin"
    int firstLine; // first line of this source in the combined text
    bool numbered; // arguments are numbered per argument, files per line
};

QString describeLine(const QList<InputSource> &sources, int line)
{
    const InputSource *source = &sources.constFirst();
    for (const InputSource &s : sources) {
        if (s.firstLine <= line)
            source = &s;
    }
    const int local = line - source->firstLine + 1;
    return source->numbered ? u"%1:%2"_s.arg(source->name).arg(local)
                            : u"%1 %2"_s.arg(source->name).arg(local);
}

} // namespace

int Cli::usage(const QString &message) const
{
    writeErr(m_program + u": "_s + message);
    return UsageError;
}

int Cli::run(const QStringList &arguments)
{
    const QStringList rest = arguments.mid(1);
    if (rest.isEmpty())
        return usage(
                u"missing command (fetch, compare, harvest, resume, history, serve, demo); see --help"_s);
    const QString command = rest.constFirst();
    if (command == u"-h" || command == u"--help" || command == u"help") {
        writeOut(TopLevelHelp.toUtf8());
        return Success;
    }
    if (command == u"-v" || command == u"--version") {
        writeOut(u"qcrawl-cli %1\n"_s.arg(QCoreApplication::applicationVersion()).toUtf8());
        return Success;
    }
    // QCommandLineParser wants a program name first; give it "qcrawl-cli fetch".
    const QStringList commandArgs = QStringList { m_program + u' ' + command } + rest.mid(1);
    if (command == u"fetch")
        return fetch(commandArgs);
    if (command == u"compare")
        return compare(commandArgs);
    if (command == u"serve")
        return serve(commandArgs);
    if (command == u"harvest")
        return HarvestCommand().run(commandArgs);
    if (command == u"resume")
        return resume(commandArgs);
    if (command == u"history")
        return history(commandArgs);
    if (command == u"demo")
        return demo(commandArgs);
    return usage(u"unknown command \"%1\" (expected fetch, compare, harvest, resume, history, "
                 u"serve or demo)"_s.arg(command));
}

void Cli::addFetchOptions(QCommandLineParser &parser) const
{
    parser.addOptions({
            { { u"m"_s, u"mode"_s }, u"async, pool or serial (default async)."_s, u"mode"_s },
            { { u"c"_s, u"concurrency"_s }, u"async: requests in flight (default 100)."_s, u"N"_s },
            { { u"t"_s, u"threads"_s }, u"pool: worker threads (default 4)."_s, u"N"_s },
    });
    parser.addOptions(OptionParsing::requestOptionDefinitions());
    parser.addOptions(ProgressLine::optionDefinitions());
    parser.addOptions({
            { { u"i"_s, u"input"_s }, u"Read URLs from FILE (\"-\" for stdin)."_s, u"FILE"_s },
            { { u"o"_s, u"output-dir"_s }, u"Save each body to a file in DIR."_s, u"DIR"_s },
            { { u"f"_s, u"format"_s },
              u"table, jsonl or csv (default: table on a terminal, jsonl otherwise)."_s,
              u"format"_s },
            { u"skip-invalid"_s,
              u"Fetch the valid URLs even when some input lines are invalid."_s },
            { { u"h"_s, u"help"_s }, u"Show this help."_s },
    });
    parser.addPositionalArgument(u"URL"_s, u"URLs to fetch; \"-\" reads them from stdin."_s,
                                 u"[URL...]"_s);
}

bool Cli::parseFetchOptions(const QCommandLineParser &parser, FetchOptions *options) const
{
    QString error;
    if (!OptionParsing::number(parser, u"concurrency"_s, 1, &options->concurrency, &error)
        || !OptionParsing::number(parser, u"threads"_s, 1, &options->threads, &error)
        || !OptionParsing::requestOptions(parser, options, &error)) {
        usage(error);
        return false;
    }
    return true;
}

bool Cli::collectJobs(const QCommandLineParser &parser, QList<FetchJob> *jobs) const
{
    QString text;
    QList<InputSource> sources;
    int line = 1;
    auto addText = [&](const QString &name, const QString &content, bool numbered) {
        sources.append({ name, line, numbered });
        text += content;
        if (!content.endsWith(u'\n'))
            text += u'\n';
        line += int(content.count(u'\n')) + (content.endsWith(u'\n') ? 0 : 1);
    };
    auto readStdin = [&] {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return false;
        addText(u"stdin"_s, QString::fromUtf8(in.readAll()), true);
        return true;
    };

    for (const QString &arg : parser.positionalArguments()) {
        if (arg == u"-") {
            if (!readStdin())
                return usage(u"cannot read stdin"_s), false;
        } else {
            addText(u"argument"_s, arg, false);
        }
    }
    if (parser.isSet(u"input"_s)) {
        const QString path = parser.value(u"input"_s);
        if (path == u"-") {
            if (!readStdin())
                return usage(u"cannot read stdin"_s), false;
        } else {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                return usage(u"cannot read %1: %2"_s.arg(path, file.errorString())), false;
            addText(path, QString::fromUtf8(file.readAll()), true);
        }
    }
    if (sources.isEmpty())
        return usage(u"no URLs: give them as arguments, with -i FILE, or on stdin with \"-\""_s),
               false;

    const UrlParseResult parsed = UrlListParser::parse(text);
    for (const RejectedLine &bad : parsed.rejected)
        writeErr(u"%1: %2: %3"_s.arg(describeLine(sources, bad.line), bad.reason, bad.text));
    for (const DuplicateUrl &dup : parsed.duplicates)
        writeErr(u"%1: note: duplicate of %2, fetched once: %3"_s.arg(
                describeLine(sources, dup.line), describeLine(sources, dup.firstLine),
                dup.url.toDisplayString()));
    if (!parsed.rejected.isEmpty() && !parser.isSet(u"skip-invalid"_s))
        return usage(u"%n invalid input line(s); fix them or pass --skip-invalid"_s.replace(
                       u"%n"_s, QString::number(parsed.rejected.size()))),
               false;
    if (parsed.urls.isEmpty())
        return usage(u"no valid URLs in the input"_s), false;

    QString outputDir;
    if (parser.isSet(u"output-dir"_s)) {
        outputDir = QDir(parser.value(u"output-dir"_s)).absolutePath();
        if (!QDir().mkpath(outputDir) || !QFileInfo(outputDir).isWritable())
            return usage(u"cannot write to the output folder %1"_s.arg(outputDir)), false;
    }
    // Linear in the URLs, and names that a case-insensitive or normalising file system would
    // take for one ("Video", "video") get numbers apart.
    std::optional<FileNamePlanner> names;
    if (!outputDir.isEmpty())
        names.emplace(outputDir);
    jobs->reserve(parsed.urls.size());
    for (const ParsedUrl &url : parsed.urls) {
        FetchJob job;
        job.index = int(jobs->size());
        job.url = url.url;
        if (names)
            job.filePath = names->planUnique(FileNames::nameForUrl(url.url));
        jobs->append(job);
    }
    return true;
}

Cli::RunOutcome Cli::runJobs(FetchMode mode, const FetchOptions &options,
                             const QList<FetchJob> &jobs,
                             const std::function<void(const FetchResult &)> &onResult) const
{
    RunOutcome outcome;
    const std::unique_ptr<FetchEngine> engine = FetchEngine::create(mode, options);
    ProgressLine progress(m_progress, int(jobs.size()));
    QHash<int, QString> names; // by job index: the last part of the URL, as people name files
    if (m_progress != ProgressLine::Mode::Off) {
        for (const FetchJob &job : jobs)
            names.insert(job.index,
                         job.url.fileName().isEmpty() ? job.url.host() : job.url.fileName());
        QObject::connect(engine.get(), &FetchEngine::jobStarted, &progress,
                         [&](int index) { progress.jobStarted(index, names.value(index)); });
        QObject::connect(engine.get(), &FetchEngine::jobProgress, &progress,
                         &ProgressLine::jobProgress);
    }
    QEventLoop loop;
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::interrupted, engine.get(), [&] {
        outcome.interrupted = true;
        writeErr(u"interrupted: canceling (Ctrl+C again to quit at once)"_s);
        engine->cancelAll();
    });
    QObject::connect(engine.get(), &FetchEngine::jobFinished, &loop,
                     [&](const FetchResult &result) {
                         progress.jobFinished(result.index, result.isSuccess());
                         outcome.stats.add(result);
                         if (onResult)
                             onResult(result);
                     });
    QObject::connect(engine.get(), &FetchEngine::finished, &loop, &QEventLoop::quit);
    engine->start(jobs);
    loop.exec();
    outcome.stats.wallMs = engine->elapsedMs();
    return outcome;
}

Cli::RunOutcome Cli::runAndPrint(FetchMode mode, const FetchOptions &options,
                                 const QList<FetchJob> &jobs, const ResultPrinter &printer,
                                 const JournalTarget *journal) const
{
    printer.printHeader();
    if (!journal)
        return runJobs(mode, options, jobs, [&](const FetchResult &r) { printer.print(r); });
    // The journal is written on a thread of its own: SQLite's work overlaps the fetching.
    JournalWriter writer;
    qint64 run = journal->run;
    QObject::connect(&writer, &JournalWriter::opened,
                     [this](Journal::OpenResult result, const QString &message) {
                         if (result != Journal::OpenResult::Opened)
                             writeErr(m_program + u": "_s + message);
                     });
    QObject::connect(&writer, &JournalWriter::writeFailed, [this](const QString &message) {
        writeErr(m_program + u": "_s + message + u"; the run goes on without it"_s);
    });
    QObject::connect(&writer, &JournalWriter::runStarted, [&run](int, qint64 id) { run = id; });
    writer.open(journal->path);
    const int ticket = run != 0 ? writer.continueRun(run)
                                : writer.beginRun(u"fetch"_s, mode, journal->options, jobs);
    JournalRecorder recorder(&writer, ticket);
    QObject::connect(&recorder, &JournalRecorder::recorded, [&](const QList<FetchResult> &batch) {
        // Whole rows per write, at most PIPE_BUF bytes each (a write that size to a pipe is
        // atomic): a kill leaves no row cut in half and none waiting in stdio's buffer.
        QByteArray chunk;
        for (const FetchResult &r : batch) {
            const QByteArray line = printer.row(r);
            if (!chunk.isEmpty() && chunk.size() + line.size() > PIPE_BUF) {
                writeOut(chunk);
                std::fflush(stdout);
                chunk.clear();
            }
            chunk += line;
        }
        writeOut(chunk);
        std::fflush(stdout);
    });
    RunOutcome outcome =
            runJobs(mode, options, jobs, [&](const FetchResult &r) { recorder.add(r); });
    recorder.finish();
    writer.endRun(ticket);
    writer.waitForIdle();
    QCoreApplication::sendPostedEvents(&writer); // runStarted, when the run was that short
    outcome.journalRun = run;
    return outcome;
}

int Cli::fetch(const QStringList &arguments)
{
    QCommandLineParser parser;
    addFetchOptions(parser);
    parser.addOptions(OptionParsing::hlsOptionDefinitions());
    parser.addOption({ u"journal"_s,
                       u"Record the run in FILE (SQLite); \"qcrawl-cli resume --journal FILE\" "
                       u"continues it after a crash or Ctrl+C."_s,
                       u"FILE"_s });
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        writeOut((u"Usage: qcrawl-cli fetch [OPTIONS] [URL...]\n\n"_s + optionsHelp(parser))
                         .toUtf8());
        return Success;
    }
    FetchOptions options;
    if (!parseFetchOptions(parser, &options))
        return UsageError;
    if (QString error; !OptionParsing::hlsOptions(parser, &options, &error))
        return usage(error);
    m_progress = ProgressLine::modeFor(parser);
    FetchMode mode = FetchMode::Async;
    if (parser.isSet(u"mode"_s)) {
        const auto parsed = fetchModeFromName(parser.value(u"mode"_s));
        if (!parsed)
            return usage(u"--mode wants async, pool or serial, not \"%1\""_s.arg(
                    parser.value(u"mode"_s)));
        mode = *parsed;
    }
    Format format = ResultPrinter::defaultFormat();
    if (parser.isSet(u"format"_s)) {
        const auto parsed = ResultPrinter::formatFromName(parser.value(u"format"_s));
        if (!parsed)
            return usage(u"--format wants table, jsonl or csv, not \"%1\""_s.arg(
                    parser.value(u"format"_s)));
        format = *parsed;
    }
    std::unique_ptr<JournalSession> session;
    if (parser.isSet(u"journal"_s)) {
        QString error;
        session = JournalSession::open(parser.value(u"journal"_s), JournalSession::Access::Write,
                                       &error);
        if (!session)
            return usage(error);
    }
    QList<FetchJob> jobs;
    if (!collectJobs(parser, &jobs))
        return UsageError;

    const ResultPrinter printer(format, mode);
    RunOutcome outcome;
    if (session) {
        // Partial files stay for `resume`, which continues them where they stopped.
        for (FetchJob &job : jobs)
            job.resume = !job.filePath.isEmpty();
        QJsonObject recorded { { u"fetch"_s, FetchOptionsJson::toJson(options) } };
        if (parser.isSet(u"format"_s))
            recorded.insert(u"format"_s, ResultPrinter::formatName(format));
        // In the journal before the first request goes out: a kill at any moment after this
        // leaves a run that `resume` continues.
        QString error;
        const qint64 run = session->journal().createRun(u"fetch"_s, mode, recorded, jobs, &error);
        if (run == 0)
            return usage(
                    u"cannot write the journal %1: %2"_s.arg(session->journal().path(), error));
        const JournalTarget target { session->journal().path(), run, {} };
        outcome = runAndPrint(mode, options, jobs, printer, &target);
        if (outcome.stats.ok != outcome.stats.total())
            writeErr(u"run %1 recorded in %2; \"qcrawl-cli resume --journal %2\" tries the "
                     u"unfinished jobs again"_s.arg(outcome.journalRun)
                             .arg(session->journal().path()));
    } else {
        outcome = runAndPrint(mode, options, jobs, printer);
    }
    std::fflush(stdout);
    writeErr(outcome.stats.summaryLine(mode));
    if (outcome.interrupted)
        return Interrupted;
    return outcome.stats.ok == outcome.stats.total() ? Success : SomeFailed;
}

int Cli::compareModes(const FetchOptions &options, const QList<FetchJob> &jobs, Format format,
                      QList<CompareRow> *results) const
{
    using Row = CompareRow;
    QList<Row> rows;
    for (FetchMode mode : ModeComparison::order()) {
        writeErr(
                u"running %1 request(s) in %2 mode..."_s.arg(jobs.size()).arg(fetchModeName(mode)));
        const RunOutcome outcome = runJobs(mode, options, jobs, {});
        if (outcome.interrupted)
            return Interrupted;
        rows.append({ mode, outcome.stats });
    }
    const RunStats &serial = rows.constFirst().stats;
    bool allOk = true;
    if (format == Format::Table) {
        writeOut(u"mode      workers        wall      req/s      MB/s  speed-up  ok  failed\n"_s
                         .toUtf8());
    }
    for (const Row &row : std::as_const(rows)) {
        const RunStats &s = row.stats;
        allOk = allOk && s.ok == s.total();
        const double speedup = ModeComparison::speedUp(serial, s);
        const int count = ModeComparison::workers(row.mode, options);
        const QString workers = row.mode == FetchMode::Serial ? u"1 thread"_s
                : row.mode == FetchMode::Pool                 ? u"%1 threads"_s.arg(count)
                                                              : u"%1 in flight"_s.arg(count);
        if (format == Format::Table) {
            writeOut((padded(fetchModeName(row.mode), 8) + padded(workers, 13, true)
                      + padded(formatDuration(s.wallMs), 12, true)
                      + padded(QString::number(s.requestsPerSecond(), 'f', 1), 11, true)
                      + padded(QString::number(s.bytesPerSecond() / 1e6, 'f', 2), 10, true)
                      + padded(QString::number(speedup, 'f', 2) + u'x', 10, true)
                      + padded(QString::number(s.ok), 4, true)
                      + padded(QString::number(s.failed + s.canceled), 8, true) + u'\n')
                             .toUtf8());
        } else {
            QJsonObject o {
                { u"mode"_s, fetchModeName(row.mode) },
                { u"requests"_s, s.total() },
                { u"ok"_s, s.ok },
                { u"failed"_s, s.failed + s.canceled },
                { u"wall_ms"_s, s.wallMs },
                { u"req_per_s"_s, s.requestsPerSecond() },
                { u"mb_per_s"_s, s.bytesPerSecond() / 1e6 },
                { u"speedup"_s, speedup },
            };
            writeOut(QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n');
        }
    }
    std::fflush(stdout);
    if (results)
        *results = rows;
    return allOk ? Success : SomeFailed;
}

int Cli::compare(const QStringList &arguments)
{
    QCommandLineParser parser;
    addFetchOptions(parser);
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        writeOut((u"Usage: qcrawl-cli compare [OPTIONS] [URL...]\n\n"
                  u"Fetches the same list through serial, pool and async, one after another.\n\n"_s
                  + optionsHelp(parser))
                         .toUtf8());
        return Success;
    }
    FetchOptions options;
    if (!parseFetchOptions(parser, &options))
        return UsageError;
    m_progress = ProgressLine::modeFor(parser);
    if (parser.isSet(u"mode"_s) || parser.isSet(u"output-dir"_s))
        return usage(u"compare runs every mode and saves nothing: drop --mode and --output-dir"_s);
    Format format = Format::Table;
    if (parser.isSet(u"format"_s)) {
        const QString name = parser.value(u"format"_s);
        if (name == u"jsonl")
            format = Format::JsonLines;
        else if (name != u"table")
            return usage(u"compare's --format is table or jsonl, not \"%1\""_s.arg(name));
    }
    QList<FetchJob> jobs;
    if (!collectJobs(parser, &jobs))
        return UsageError;
    return compareModes(options, jobs, format);
}

} // namespace qcrawl
