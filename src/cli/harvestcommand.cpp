#include "harvestcommand.h"

#include "cli.h"
#include "console.h"
#include "fetch/partfile.h"
#include "harvest/harvester.h"
#include "harvest/presetstore.h"
#include "harvest/videodownloader.h"
#include "harvestjournal.h"
#include "journal/fetchoptionsjson.h"
#include "journal/journal.h"
#include "journalsession.h"
#include "optionparsing.h"
#include "signalwatcher.h"
#include "util/units.h"

#include <cstdio>
#include <memory>
#include <unistd.h>

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

using namespace console;

// Rows go out as they come: a harvest is slow enough to watch.
void writeRow(const QByteArray &bytes)
{
    writeOut(bytes);
    flushOut();
}

constexpr int Success = Cli::Success;
constexpr int SomeFailed = Cli::SomeFailed;
constexpr int UsageError = Cli::UsageError;
constexpr int Interrupted = Cli::Interrupted;

const QString Usage = uR"(Usage: qcrawl-cli harvest --list URL (--preset NAME |
         --item-xpath X --link-xpath X [--title-xpath X] (--media-regex R | --media-xpath X))
         [-o DIR] [--dry-run] [-c N] [-f jsonl|table]

The tutorial's video harvest: read the list page, pick the items with XPath, open every
detail page for its media URL, download every video into DIR (default: the current
folder). Interrupted downloads are kept as <name>.part and resumed by the next run.
Presets: pearvideo (built in; try it offline on the list page /videos/category_5 of
"qcrawl-cli serve") and your own (--save-preset).

)"_s;

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue urlOrNull(const QUrl &url)
{
    return url.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(url.toString());
}

QByteArray jsonLine(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject itemJson(const HarvestItem &item)
{
    return {
        { u"index"_s, item.index },
        { u"title"_s, item.title },
        { u"detail_url"_s, urlOrNull(item.detailUrl) },
        { u"media_url"_s, urlOrNull(item.mediaUrl) },
        { u"error"_s, stringOrNull(item.error.text()) },
    };
}

QJsonObject downloadJson(const DownloadResult &result)
{
    return {
        { u"index"_s, result.index },
        { u"title"_s, result.title },
        { u"media_url"_s, urlOrNull(result.mediaUrl) },
        { u"file"_s, result.isSuccess() ? QJsonValue(result.filePath) : QJsonValue() },
        { u"bytes"_s, result.bytes },
        { u"status"_s, result.httpStatus > 0 ? QJsonValue(result.httpStatus) : QJsonValue() },
        { u"error"_s, stringOrNull(result.error.text()) },
    };
}

QByteArray itemRow(const HarvestItem &item)
{
    QString line = padded(QString::number(item.index), 4, true) + u"  "_s + item.title;
    if (item.hasMedia())
        line += u"  "_s + item.mediaUrl.toDisplayString();
    else
        line += u"  ("_s + item.error.text() + u')';
    return forTerminal(line).toUtf8() + '\n';
}

QByteArray downloadRow(const DownloadResult &result)
{
    QString line = padded(QString::number(result.index), 4, true) + u"  "_s
            + padded(result.httpStatus > 0 ? QString::number(result.httpStatus) : u"-"_s, 6)
            + u"  "_s + padded(formatBytes(result.bytes), 10, true) + u"  "_s
            + (result.isSuccess() ? QFileInfo(result.filePath).fileName() : result.title);
    if (!result.error.isEmpty())
        line += u"  ("_s + result.error.text() + u')';
    return forTerminal(line).toUtf8() + '\n';
}

} // namespace

int HarvestCommand::usage(const QString &message) const
{
    writeErr(m_program + u": "_s + message);
    return UsageError;
}

void HarvestCommand::addOptions(QCommandLineParser &parser) const
{
    parser.addOptions({
            { u"list"_s, u"The list (category) page to harvest."_s, u"URL"_s },
            { u"preset"_s, u"A saved recipe: pearvideo, or one of yours."_s, u"NAME"_s },
            { u"item-xpath"_s, u"XPath of the items on the list page."_s, u"X"_s },
            { u"link-xpath"_s, u"XPath of the detail link, relative to an item."_s, u"X"_s },
            { u"title-xpath"_s,
              u"XPath of the title, relative to an item (default: from the link)."_s, u"X"_s },
            { u"media-regex"_s,
              u"Regular expression finding the media URL on a detail page (group 1)."_s, u"R"_s },
            { u"media-xpath"_s, u"XPath of the media URL on a detail page."_s, u"X"_s },
            { { u"o"_s, u"output-dir"_s }, u"Save the videos in DIR (default: here)."_s, u"DIR"_s },
            { u"dry-run"_s, u"Find the media URLs, download nothing."_s },
            { { u"c"_s, u"concurrency"_s }, u"Downloads at a time (default 4)."_s, u"N"_s },
            { u"page-concurrency"_s, u"Detail pages fetched at a time (default 16)."_s, u"N"_s },
    });
    parser.addOptions(OptionParsing::requestOptionDefinitions());
    parser.addOptions(OptionParsing::hlsOptionDefinitions());
    parser.addOptions(ProgressLine::optionDefinitions());
    parser.addOptions({
            { u"overwrite"_s, u"Replace files that exist (default: save as \"name (2).mp4\")."_s },
            { { u"f"_s, u"format"_s },
              u"jsonl or table (default: table on a terminal, jsonl otherwise)."_s,
              u"format"_s },
            { u"save-preset"_s,
              u"Save the expressions given as a preset named NAME (then harvest if --list is given)."_s,
              u"NAME"_s },
            { u"list-presets"_s, u"Print the preset names and exit."_s },
            { u"journal"_s,
              u"Record the harvest and its downloads in FILE (SQLite); \"qcrawl-cli resume "
              u"--journal FILE\" continues it."_s,
              u"FILE"_s },
            { { u"h"_s, u"help"_s }, u"Show this help."_s },
    });
}

bool HarvestCommand::parseOptions(const QCommandLineParser &parser, FetchOptions *pageOptions,
                                  FetchOptions *downloadOptions) const
{
    FetchOptions common;
    int pages = Harvester::DefaultConcurrency;
    int downloads = VideoDownloader::DefaultConcurrency;
    QString error;
    if (!OptionParsing::number(parser, u"concurrency"_s, 1, &downloads, &error)
        || !OptionParsing::number(parser, u"page-concurrency"_s, 1, &pages, &error)
        || !OptionParsing::requestOptions(parser, &common, &error)
        || !OptionParsing::hlsOptions(parser, &common, &error)) {
        usage(error);
        return false;
    }
    *pageOptions = common;
    pageOptions->concurrency = pages;
    *downloadOptions = common;
    downloadOptions->concurrency = downloads;
    return true;
}

bool HarvestCommand::buildRecipe(const QCommandLineParser &parser, HarvestRecipe *recipe) const
{
    const QStringList expressionOptions = { u"item-xpath"_s, u"link-xpath"_s, u"title-xpath"_s,
                                            u"media-regex"_s, u"media-xpath"_s };
    const bool anyExpression = std::any_of(expressionOptions.cbegin(), expressionOptions.cend(),
                                           [&](const QString &name) { return parser.isSet(name); });
    if (parser.isSet(u"preset"_s)) {
        if (anyExpression)
            return usage(u"give --preset or the expression options (--item-xpath...), not both"_s),
                   false;
        PresetStore store;
        const std::optional<HarvestRecipe> preset = store.preset(parser.value(u"preset"_s));
        if (!preset) {
            QString message = u"no preset named \"%1\" (known: %2)"_s.arg(
                    parser.value(u"preset"_s), store.names().join(u", "_s));
            if (!store.loadError().isEmpty())
                message += u"; "_s + store.loadError();
            return usage(message), false;
        }
        *recipe = *preset;
    } else if (!anyExpression) {
        return usage(u"no recipe: give --preset NAME, or --item-xpath, --link-xpath and "
                     u"--media-regex or --media-xpath"_s),
               false;
    } else {
        recipe->itemXPath = parser.value(u"item-xpath"_s);
        recipe->linkXPath = parser.value(u"link-xpath"_s);
        recipe->titleXPath = parser.value(u"title-xpath"_s);
        recipe->mediaRegex = parser.value(u"media-regex"_s);
        recipe->mediaXPath = parser.value(u"media-xpath"_s);
    }

    if (parser.isSet(u"list"_s)) {
        const QString text = parser.value(u"list"_s).trimmed();
        const QUrl url(text.contains(u"://"_s) ? text : u"http://"_s + text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != u"http" && url.scheme() != u"https"))
            return usage(u"--list wants an http or https URL, not \"%1\""_s.arg(text)), false;
        recipe->listUrl = url;
    }
    QString error;
    if (!recipe->validate(&error))
        return usage(error), false;
    return true;
}

int HarvestCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        writeRow((Usage + optionsHelp(parser)).toUtf8());
        return Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(u"unexpected argument \"%1\" (the list page goes after --list)"_s.arg(
                parser.positionalArguments().constFirst()));
    if (parser.isSet(u"list-presets"_s)) {
        PresetStore store;
        if (!store.loadError().isEmpty())
            writeErr(m_program + u": "_s + store.loadError());
        writeRow((store.names().join(u'\n') + u'\n').toUtf8());
        return Success;
    }

    FetchOptions pageOptions;
    FetchOptions downloadOptions;
    if (!parseOptions(parser, &pageOptions, &downloadOptions))
        return UsageError;
    HarvestRecipe recipe;
    if (!buildRecipe(parser, &recipe))
        return UsageError;

    if (parser.isSet(u"save-preset"_s)) {
        if (parser.isSet(u"preset"_s))
            return usage(u"--save-preset saves the expression options; drop --preset"_s);
        PresetStore store;
        HarvestRecipe preset = recipe;
        preset.name = parser.value(u"save-preset"_s);
        QString error;
        if (!store.save(preset, &error))
            return usage(error);
        writeErr(u"saved preset \"%1\" in %2"_s.arg(preset.name, store.filePath()));
        if (!parser.isSet(u"list"_s))
            return Success;
    }
    if (!parser.isSet(u"list"_s))
        return usage(u"missing --list URL: the list page to harvest"_s);

    Format format = isatty(fileno(stdout)) ? Format::Table : Format::JsonLines;
    if (parser.isSet(u"format"_s)) {
        const QString name = parser.value(u"format"_s);
        if (name == u"jsonl")
            format = Format::JsonLines;
        else if (name == u"table")
            format = Format::Table;
        else
            return usage(u"--format wants jsonl or table, not \"%1\""_s.arg(name));
    }
    m_progress = ProgressLine::modeFor(parser);
    const bool dryRun = parser.isSet(u"dry-run"_s);
    QString outputDir;
    if (!dryRun) {
        outputDir = QDir(parser.isSet(u"output-dir"_s) ? parser.value(u"output-dir"_s) : u"."_s)
                            .absolutePath();
        if (!QDir().mkpath(outputDir) || !QFileInfo(outputDir).isWritable())
            return usage(u"cannot write to the output folder %1"_s.arg(outputDir));
    } else if (parser.isSet(u"output-dir"_s) || parser.isSet(u"overwrite"_s)) {
        return usage(u"--dry-run saves nothing: drop --output-dir and --overwrite"_s);
    }
    if (!parser.isSet(u"journal"_s))
        return harvest(recipe, pageOptions, downloadOptions, outputDir, dryRun,
                       parser.isSet(u"overwrite"_s), format);
    if (dryRun)
        return usage(u"--dry-run saves nothing to resume: drop --journal"_s);
    QString error;
    const auto session =
            JournalSession::open(parser.value(u"journal"_s), JournalSession::Access::Write, &error);
    if (!session)
        return usage(error);
    QJsonObject options {
        { u"recipe"_s, recipe.toJson() },
        { u"pages"_s, FetchOptionsJson::toJson(pageOptions) },
        { u"downloads"_s, FetchOptionsJson::toJson(downloadOptions) },
        { u"output_dir"_s, outputDir },
        { u"overwrite"_s, parser.isSet(u"overwrite"_s) },
    };
    if (parser.isSet(u"format"_s))
        options.insert(u"format"_s, parser.value(u"format"_s));
    const qint64 id =
            session->journal().createRun(u"harvest"_s, FetchMode::Async, options, {}, &error);
    if (id == 0)
        return usage(u"cannot write the journal %1: %2"_s.arg(session->journal().path(), error));
    HarvestJournal journal(&session->journal(), id, m_program);
    return harvest(recipe, pageOptions, downloadOptions, outputDir, dryRun,
                   parser.isSet(u"overwrite"_s), format, &journal);
}

int HarvestCommand::resume(Journal &journal, const JournalRun &run, const QString &formatName)
{
    const QJsonObject &o = run.options;
    const HarvestRecipe recipe = HarvestRecipe::fromJson(o.value(u"recipe"_s).toObject());
    QString error;
    if (!recipe.validate(&error))
        return usage(u"run %1 has no usable recipe: %2"_s.arg(run.id).arg(error));
    const QString name = formatName.isEmpty() ? o.value(u"format"_s).toString() : formatName;
    Format format = isatty(fileno(stdout)) ? Format::Table : Format::JsonLines;
    if (name == u"jsonl")
        format = Format::JsonLines;
    else if (name == u"table")
        format = Format::Table;
    else if (!name.isEmpty())
        return usage(u"a harvest's --format is jsonl or table, not \"%1\""_s.arg(name));
    const QString outputDir = o.value(u"output_dir"_s).toString();
    if (outputDir.isEmpty() || !QDir().mkpath(outputDir))
        return usage(u"cannot write to the output folder %1"_s.arg(outputDir));

    Continuation continuation;
    QList<bool> read;
    continuation.items = journal.items(run.id, &read, &error);
    for (int i = 0; i < continuation.items.size(); ++i) {
        if (!read.value(i)) { // its detail page is read again
            continuation.items[i].mediaUrl = QUrl();
            continuation.items[i].error = FetchError();
        }
    }
    QList<FetchResult> foundOnDisk;
    for (const JournalJob &job : journal.jobs(run.id, &error)) {
        if (job.state != JournalJobState::Pending) {
            continuation.done.insert(job.result.index);
            continue;
        }
        // Killed between the rename of a finished video and its record: the downloader renames
        // only a complete, checked body, into the file it chose for this item.
        const QString file = job.result.filePath;
        if (!file.isEmpty() && QFileInfo(file).isFile() && !QFileInfo(file).isSymLink()
            && !QFileInfo::exists(PartFile::pathFor(file))) {
            FetchResult r = job.result;
            r.httpStatus = 200;
            r.error = FetchError();
            r.bytesReceived = QFileInfo(file).size();
            foundOnDisk.append(r);
            continuation.done.insert(r.index);
        }
    }
    if (!error.isEmpty())
        return usage(u"cannot read the journal %1: %2"_s.arg(journal.path(), error));
    if (!foundOnDisk.isEmpty() && !journal.recordResults(run.id, foundOnDisk, -1, &error))
        return usage(u"cannot write the journal %1: %2"_s.arg(journal.path(), error));
    if (!journal.setRunClosed(run.id, false, &error))
        return usage(u"cannot write the journal %1: %2"_s.arg(journal.path(), error));
    writeErr(u"resuming harvest run %1 of %2: %3 item(s) known, %4 saved or final"_s.arg(run.id)
                     .arg(journal.path())
                     .arg(continuation.items.size())
                     .arg(continuation.done.size()));
    HarvestJournal recorder(&journal, run.id, m_program);
    const int status =
            harvest(recipe, FetchOptionsJson::fromJson(o.value(u"pages"_s).toObject()),
                    FetchOptionsJson::fromJson(o.value(u"downloads"_s).toObject()), outputDir,
                    false, o.value(u"overwrite"_s).toBool(), format, &recorder, continuation);
    if (status == Interrupted || status == UsageError)
        return status;
    const std::optional<JournalRun> after = journal.run(run.id, &error);
    if (!after)
        return SomeFailed;
    writeErr(u"run %1: ok %2, failed %3, unfinished %4"_s.arg(run.id)
                     .arg(after->ok)
                     .arg(after->failed)
                     .arg(after->unfinished()));
    return after->ok == after->urls ? Success : SomeFailed;
}

int HarvestCommand::harvest(const HarvestRecipe &recipe, const FetchOptions &pageOptions,
                            const FetchOptions &downloadOptions, const QString &outputDir,
                            bool dryRun, bool overwrite, Format format, HarvestJournal *journal,
                            const Continuation &continuation)
{
    QElapsedTimer clock;
    clock.start();
    bool interrupted = false;
    QEventLoop loop;
    SignalWatcher signalWatcher;

    // 1. The list page and the detail pages.
    Harvester harvester;
    harvester.setFetchOptions(pageOptions);
    QString listError;
    int withMedia = 0;
    int withoutMedia = 0;
    QObject::connect(&signalWatcher, &SignalWatcher::interrupted, &harvester, [&] {
        interrupted = true;
        writeErr(u"interrupted: canceling (Ctrl+C again to quit at once)"_s);
        harvester.cancel();
    });
    auto pages = std::make_unique<ProgressLine>(m_progress, 0);
    QObject::connect(&harvester, &Harvester::itemsFound, pages.get(),
                     [&](const QList<HarvestItem> &found) {
                         pages->setTotalJobs(int(found.size()));
                         if (journal)
                             journal->itemsFound(found);
                     });
    QObject::connect(&harvester, &Harvester::itemFinished, &loop, [&](const HarvestItem &item) {
        if (journal)
            journal->itemFinished(item);
        pages->jobFinished(item.index, item.hasMedia());
        ++(item.hasMedia() ? withMedia : withoutMedia);
        if (!dryRun)
            return;
        writeRow(format == Format::JsonLines ? jsonLine(itemJson(item)) : itemRow(item));
    });
    QObject::connect(&harvester, &Harvester::finished, &loop, [&](const QString &error) {
        listError = error;
        loop.quit();
    });
    QString error;
    const bool started = continuation.items.isEmpty()
            ? harvester.start(recipe, &error)
            : harvester.continueWith(recipe, continuation.items, &error);
    if (!started)
        return usage(error);
    loop.exec();
    pages.reset();
    if (journal)
        journal->flushItems();
    if (!harvester.warning().isEmpty())
        writeErr(m_program + u": warning: "_s + harvester.warning());
    if (interrupted) {
        if (journal)
            journal->close(clock.elapsed());
        return Interrupted;
    }
    if (!listError.isEmpty()) {
        writeErr(m_program + u": "_s + listError);
        return SomeFailed;
    }
    const int items = int(harvester.items().size());
    if (dryRun) {
        writeErr(u"harvest: %1 item(s) · %2 with a media URL, %3 without · %4"_s.arg(items)
                         .arg(withMedia)
                         .arg(withoutMedia)
                         .arg(formatDuration(clock.elapsed())));
        return withoutMedia == 0 ? Success : SomeFailed;
    }

    // 2. The videos.
    VideoDownloader downloader;
    downloader.setFetchOptions(downloadOptions);
    downloader.setFolder(outputDir);
    downloader.setOverwrite(overwrite);
    int saved = 0;
    int failed = 0;
    int partials = 0;
    qint64 bytes = 0;
    QObject::disconnect(&signalWatcher, nullptr, &harvester, nullptr);
    QObject::connect(&signalWatcher, &SignalWatcher::interrupted, &downloader, [&] {
        interrupted = true;
        writeErr(u"interrupted: stopping (Ctrl+C again to quit at once)"_s);
        downloader.stop();
    });
    auto videos = std::make_unique<ProgressLine>(m_progress, items);
    QObject::connect(&downloader, &VideoDownloader::itemStarted, videos.get(),
                     [&](int index, const QString &filePath) {
                         if (journal)
                             journal->downloadStarted(index, filePath);
                         videos->jobStarted(index, QFileInfo(filePath).fileName());
                     });
    QObject::connect(&downloader, &VideoDownloader::itemProgress, videos.get(),
                     &ProgressLine::jobProgress);
    QObject::connect(&downloader, &VideoDownloader::itemFinished, &loop,
                     [&](const DownloadResult &result) {
                         if (journal) // recorded before it is shown
                             journal->downloadFinished(result);
                         videos->jobFinished(result.index, result.isSuccess());
                         if (result.isSuccess()) {
                             ++saved;
                             bytes += result.bytes;
                         } else {
                             ++failed;
                             if (result.bytes > 0)
                                 ++partials;
                         }
                         writeRow(format == Format::JsonLines ? jsonLine(downloadJson(result))
                                                              : downloadRow(result));
                     });
    QObject::connect(&downloader, &VideoDownloader::finished, &loop, &QEventLoop::quit);
    if (format == Format::Table)
        writeRow("   #  STATUS       BYTES  FILE\n");
    QList<HarvestItem> toDownload;
    for (const HarvestItem &item : harvester.items()) {
        if (!continuation.done.contains(item.index))
            toDownload.append(item);
    }
    if (!downloader.start(toDownload, &error))
        return usage(error);
    loop.exec();
    videos.reset();
    if (journal)
        journal->close(clock.elapsed());

    writeErr(u"harvest: %1 item(s) · %2 saved, %3 failed · %4 in %5 · %6"_s.arg(items)
                     .arg(saved)
                     .arg(failed)
                     .arg(formatBytes(bytes))
                     .arg(formatDuration(clock.elapsed()))
                     .arg(QDir::toNativeSeparators(outputDir)));
    if (partials > 0)
        writeErr(
                u"%1 partial download(s) kept as .part: run the same command again to resume"_s.arg(
                        partials));
    if (interrupted)
        return Interrupted;
    return failed == 0 ? Success : SomeFailed;
}

} // namespace qcrawl
