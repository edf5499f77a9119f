#pragma once

#include "fetch/fetchtypes.h"
#include "fetch/resultformat.h"
#include "fetch/runstats.h"
#include "progressline.h"
#include "resultprinter.h"

#include <functional>

#include <QCommandLineParser>
#include <QJsonObject>
#include <QStringList>

namespace qcrawl {

// qcrawl-cli: the headless face of the core library. Each command is a method; each returns the
// process exit status: 0 when every URL got a 2xx, 1 when some failed, 2 for usage or input errors.
class Cli final
{
public:
    enum ExitCode { Success = 0, SomeFailed = 1, UsageError = 2, Interrupted = 130 };

    int run(const QStringList &arguments);

private:
    using Format = ResultPrinter::Format;

    struct RunOutcome
    {
        RunStats stats;
        bool interrupted = false;
        qint64 journalRun = 0; // the run in the journal, when there was one
    };

    // Where runAndPrint() records a run: the journal file, the run to continue (0: a new one,
    // recorded with options).
    struct JournalTarget
    {
        QString path;
        qint64 run = 0;
        QJsonObject options;
    };

    int fetch(const QStringList &arguments);
    int compare(const QStringList &arguments);
    int resume(const QStringList &arguments);
    int history(const QStringList &arguments);
    int serve(const QStringList &arguments);
    int demo(const QStringList &arguments);
    int usage(const QString &message) const; // prints "qcrawl-cli: <message>", returns 2

    void addFetchOptions(QCommandLineParser &parser) const;
    bool parseFetchOptions(const QCommandLineParser &parser, FetchOptions *options) const;
    bool collectJobs(const QCommandLineParser &parser, QList<FetchJob> *jobs) const;
    RunOutcome runJobs(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs,
                       const std::function<void(const FetchResult &)> &onResult) const;
    // runJobs() printing each row; with a journal, a row is printed once its batch is recorded
    // there (JournalRecorder).
    RunOutcome runAndPrint(FetchMode mode, const FetchOptions &options, const QList<FetchJob> &jobs,
                           const ResultPrinter &printer,
                           const JournalTarget *journal = nullptr) const;
    struct CompareRow
    {
        FetchMode mode;
        RunStats stats;
    };
    int compareModes(const FetchOptions &options, const QList<FetchJob> &jobs, Format format,
                     QList<CompareRow> *results = nullptr) const;

    QString m_program = QStringLiteral("qcrawl-cli");
    ProgressLine::Mode m_progress = ProgressLine::Mode::Off; // for runJobs()
};

} // namespace qcrawl
