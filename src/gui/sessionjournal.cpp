#include "sessionjournal.h"

#include "journal/fetchoptionsjson.h"

namespace qcrawl {

SessionJournal::SessionJournal(QObject *parent)
    : QObject(parent)
{ }

SessionJournal::~SessionJournal() = default;

void SessionJournal::open(const QString &path, bool restore)
{
    close();
    m_path = path;
    m_lookedAtLastRun = !restore;
    m_writer = std::make_unique<JournalWriter>(QThread::IdlePriority);
    connect(m_writer.get(), &JournalWriter::opened, this,
            [this](Journal::OpenResult result, const QString &text) {
                switch (result) {
                case Journal::OpenResult::Opened:
                    break;
                case Journal::OpenResult::Recreated:
                    Q_EMIT message(
                            tr("The journal was damaged and a new one was started: %1").arg(text));
                    break;
                case Journal::OpenResult::TooNew:
                case Journal::OpenResult::Failed:
                    Q_EMIT message(tr("Runs are not recorded: %1").arg(text));
                    break;
                }
            });
    connect(m_writer.get(), &JournalWriter::writeFailed, this, [this](const QString &text) {
        Q_EMIT message(tr("Runs are no longer recorded: %1").arg(text));
    });
    connect(m_writer.get(), &JournalWriter::readFailed, this, &SessionJournal::message);
    connect(m_writer.get(), &JournalWriter::runStarted, this, [this](int ticket, qint64 run) {
        if (ticket == m_ticket)
            m_tableRun = run;
    });
    connect(m_writer.get(), &JournalWriter::runsLoaded, this, &SessionJournal::onRunsLoaded);
    connect(m_writer.get(), &JournalWriter::jobsLoaded, this, &SessionJournal::onJobsLoaded);
    connect(m_writer.get(), &JournalWriter::harvestLoaded, this, &SessionJournal::onHarvestLoaded);
    m_writer->open(path);
    if (restore)
        m_writer->requestRuns();
}

void SessionJournal::close()
{
    m_writer.reset(); // writes what is queued
    m_ticket = 0;
    m_tableRun = 0;
    m_lookedAtLastRun = false;
    m_loading.clear();
}

void SessionJournal::beginRun(FetchMode mode, const FetchOptions &options,
                              const QList<FetchJob> &jobs)
{
    if (!m_writer)
        return;
    m_tableRun = 0; // known once the writer has made it
    m_ticket = m_writer->beginRun(
            QStringLiteral("fetch"), mode,
            { { QStringLiteral("fetch"), FetchOptionsJson::toJson(options) } }, jobs);
}

void SessionJournal::beginHarvest(const QList<HarvestItem> &items)
{
    if (!m_writer)
        return;
    endRun();
    m_tableRun = 0; // known once the writer has made it
    m_ticket = m_writer->beginHarvest(items, {});
    // The harvest itself is over (the run is closed): a save continues the run.
}

void SessionJournal::continueRun()
{
    if (!m_writer || m_tableRun == 0)
        return;
    m_ticket = m_writer->continueRun(m_tableRun);
}

void SessionJournal::record(const QList<JobEvent> &batch, qint64 elapsedMs)
{
    if (!m_writer || m_ticket == 0)
        return;
    QList<FetchResult> results;
    for (const JobEvent &event : batch) {
        if (event.kind == JobEvent::Kind::Finished)
            results.append(event.result);
    }
    m_writer->record(m_ticket, results, elapsedMs);
}

void SessionJournal::endRun()
{
    if (m_writer && m_ticket != 0)
        m_writer->endRun(m_ticket);
    m_ticket = 0;
}

void SessionJournal::leaveOpen()
{
    m_ticket = 0;
}

void SessionJournal::forgetTableRun()
{
    endRun();
    m_tableRun = 0;
}

void SessionJournal::load(qint64 run, bool toContinue)
{
    if (!m_writer)
        return;
    m_loading.insert(run, toContinue);
    m_writer->requestRuns(); // the counts as they are now, before the rows
    const auto known = m_runs.constFind(run);
    if (known != m_runs.cend() && known->kind == QLatin1StringView("harvest"))
        m_writer->requestHarvest(run);
    else
        m_writer->requestJobs(run);
}

void SessionJournal::discard(qint64 run)
{
    if (m_writer)
        m_writer->setRunClosed(run, true);
}

void SessionJournal::onRunsLoaded(const QList<JournalRun> &runs)
{
    m_runs.clear();
    for (const JournalRun &run : runs)
        m_runs.insert(run.id, run);
    if (m_lookedAtLastRun)
        return;
    m_lookedAtLastRun = true;
    // The table comes back as the last fetch run left it.
    for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
        if (it->kind != QLatin1StringView("fetch") && it->kind != QLatin1StringView("harvest"))
            continue;
        if (!it->closed && it->unfinished() > 0)
            Q_EMIT restoreOffered(*it);
        else
            load(it->id, false);
        break;
    }
}

bool SessionJournal::takeLoading(qint64 run, JournalRun *known, bool *toContinue)
{
    const auto loading = m_loading.constFind(run);
    if (loading == m_loading.cend())
        return false;
    *toContinue = *loading;
    m_loading.erase(loading);
    const auto found = m_runs.constFind(run);
    if (found == m_runs.cend())
        return false; // deleted meanwhile
    *known = *found;
    endRun();
    m_tableRun = run;
    return true;
}

void SessionJournal::onJobsLoaded(qint64 run, const QList<JournalJob> &jobs)
{
    JournalRun known;
    bool toContinue = false;
    if (takeLoading(run, &known, &toContinue))
        Q_EMIT rowsLoaded(known, jobs, toContinue);
}

void SessionJournal::onHarvestLoaded(qint64 run, const QList<HarvestItem> &items,
                                     const QList<JournalJob> &jobs)
{
    JournalRun known;
    bool toContinue = false;
    if (takeLoading(run, &known, &toContinue))
        Q_EMIT videosLoaded(known, items, jobs, toContinue);
}

} // namespace qcrawl
