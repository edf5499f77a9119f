#pragma once

#include "fetch/fetchtypes.h"
#include "harvest/harvestrecipe.h"
#include "harvest/harvesttypes.h"
#include "progressline.h"

#include <QCommandLineParser>
#include <QSet>
#include <QStringList>

namespace qcrawl {

// `qcrawl-cli harvest`: the tutorial's pearvideo harvest from the command line. Reads a list page
// with a recipe (a preset or expressions given as options), prints one JSONL object (or table row)
// per item: with --dry-run what was found (title, detail_url, media_url, error), otherwise what was
// downloaded into the output folder (title, media_url, file, bytes, status, error).
// Exit status as `fetch`: 0 when every item was saved (or, dry, has a media URL), 1 when some
// failed, 2 for usage or input errors, 130 when interrupted.
class Journal;
class HarvestJournal;
struct JournalRun;

class HarvestCommand final
{
public:
    int run(const QStringList &arguments); // arguments.first() is the program name
    // `qcrawl-cli resume` of a harvest run: detail pages not read yet are read, videos not
    // saved yet are downloaded (partial files continue), the rest is kept. format: "table",
    // "jsonl", or empty for the run's (else the default).
    int resume(Journal &journal, const JournalRun &run, const QString &format);
    void setProgress(ProgressLine::Mode mode) { m_progress = mode; }

private:
    enum class Format { Table, JsonLines };

    void addOptions(QCommandLineParser &parser) const;
    bool parseOptions(const QCommandLineParser &parser, FetchOptions *pageOptions,
                      FetchOptions *downloadOptions) const;
    bool buildRecipe(const QCommandLineParser &parser, HarvestRecipe *recipe) const;
    int usage(const QString &message) const;

    // What a resumed harvest already has: the items (empty: read the list page again) and the
    // items whose download is over.
    struct Continuation
    {
        QList<HarvestItem> items;
        QSet<int> done;
    };

    int harvest(const HarvestRecipe &recipe, const FetchOptions &pageOptions,
                const FetchOptions &downloadOptions, const QString &outputDir, bool dryRun,
                bool overwrite, Format format, HarvestJournal *journal = nullptr,
                const Continuation &continuation = {});

    QString m_program = QStringLiteral("qcrawl-cli harvest");
    ProgressLine::Mode m_progress = ProgressLine::Mode::Off;
};

} // namespace qcrawl
