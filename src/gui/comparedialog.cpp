#include "comparedialog.h"

#include "fetch/enginethread.h"
#include "fetch/modecomparison.h"
#include "util/units.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qcrawl {

CompareDialog::CompareDialog(const QList<QUrl> &urls, const FetchOptions &options, QWidget *parent)
    : QDialog(parent)
    , m_urls(urls)
    , m_options(options)
    , m_engine(std::make_unique<EngineThread>())
    , m_timeline(new TimelineWidget(this))
    , m_table(new QTableWidget(0, 7, this))
    , m_status(new QLabel(this))
{
    setObjectName(u"compareDialog"_s);
    setWindowTitle(tr("Compare serial, thread pool and async"));
    m_engine->setBatchInterval(250);
    connect(m_engine.get(), &EngineThread::events, this, [this](const QList<JobEvent> &events) {
        for (const JobEvent &event : events) {
            if (event.kind == JobEvent::Kind::Finished)
                m_current.append(event.result);
        }
        m_status->setText(tr("Running %1: %2 of %3 done…")
                                  .arg(labelFor(m_engine->mode()))
                                  .arg(m_current.size())
                                  .arg(m_urls.size()));
    });
    connect(m_engine.get(), &EngineThread::finished, this, &CompareDialog::onRunFinished);

    m_table->setObjectName(u"compareTable"_s);
    m_table->setHorizontalHeaderLabels({ tr("Mode"), tr("Workers"), tr("Wall time"), tr("req/s"),
                                         tr("MB/s"), tr("Speed-up"), tr("OK / failed") });
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + 3 * 26 + 6);
    m_table->verticalHeader()->setDefaultSectionSize(26);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_runButton = buttons->addButton(tr("Run &again"), QDialogButtonBox::ActionRole);
    m_pngButton = buttons->addButton(tr("Export &PNG…"), QDialogButtonBox::ActionRole);
    m_csvButton = buttons->addButton(tr("Export &CSV…"), QDialogButtonBox::ActionRole);
    m_pngButton->setToolTip(tr("Save the timeline as an image"));
    m_csvButton->setToolTip(tr("Save every request's start and end time"));
    connect(m_runButton, &QPushButton::clicked, this, &CompareDialog::startComparison);
    connect(m_pngButton, &QPushButton::clicked, this, &CompareDialog::exportPng);
    connect(m_csvButton, &QPushButton::clicked, this, &CompareDialog::exportCsv);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *intro =
            new QLabel(tr("The same list of %1 URLs, one mode after another. Every bar is one "
                          "request, from the moment it was sent to the moment its last byte "
                          "arrived.")
                               .arg(urls.size()),
                       this);
    intro->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    layout->addWidget(m_timeline, 1);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(1000, 680);
}

CompareDialog::~CompareDialog() = default;

QString CompareDialog::labelFor(FetchMode mode) const
{
    switch (mode) {
    case FetchMode::Serial:
        return tr("serial · 1 thread");
    case FetchMode::Pool:
        return tr("pool · threads: %1").arg(m_options.threads);
    case FetchMode::Async:
        return tr("async · %1 in flight").arg(m_options.concurrency);
    }
    return {};
}

bool CompareDialog::isRunning() const
{
    return !m_pending.isEmpty() || m_engine->isRunning();
}

void CompareDialog::startComparison()
{
    if (isRunning())
        return;
    m_runs.clear();
    m_timeline->setRuns({});
    m_pending = ModeComparison::order();
    m_runButton->setEnabled(false);
    m_pngButton->setEnabled(false);
    m_csvButton->setEnabled(false);
    updateTable();
    runNext();
}

void CompareDialog::runNext()
{
    if (m_pending.isEmpty()) {
        m_status->setText(tr("Done. Serial waits for each request in turn; the pool waits for "
                             "as many as it has threads (%1) at a time; async waits for all of "
                             "them at once.")
                                  .arg(m_options.threads));
        m_runButton->setEnabled(true);
        m_pngButton->setEnabled(true);
        m_csvButton->setEnabled(true);
        emit comparisonFinished();
        return;
    }
    const FetchMode mode = m_pending.constFirst();
    m_current.clear();
    QList<FetchJob> jobs;
    jobs.reserve(m_urls.size());
    for (const QUrl &url : std::as_const(m_urls))
        jobs.append({ int(jobs.size()), url, QString() });
    m_status->setText(tr("Running %1…").arg(labelFor(mode)));
    m_engine->start(mode, m_options, jobs);
}

void CompareDialog::onRunFinished(qint64 wallMs)
{
    if (m_pending.isEmpty())
        return; // canceled
    const FetchMode mode = m_pending.takeFirst();
    m_runs.append({ mode, labelFor(mode), wallMs, m_current });
    m_timeline->setRuns(m_runs);
    updateTable();
    runNext();
}

void CompareDialog::updateTable()
{
    m_table->setRowCount(int(m_runs.size()));
    const RunStats serial = m_runs.isEmpty()
            ? RunStats()
            : ModeComparison::statsOf(m_runs.constFirst().results, m_runs.constFirst().wallMs);
    for (int row = 0; row < m_runs.size(); ++row) {
        const TimelineRun &run = m_runs[row];
        const RunStats stats = ModeComparison::statsOf(run.results, run.wallMs);
        const int workers = ModeComparison::workers(run.mode, m_options);
        const QStringList cells = {
            fetchModeName(run.mode),
            run.mode == FetchMode::Async ? tr("%1 in flight").arg(workers)
                                         : QString::number(workers),
            formatDuration(run.wallMs),
            QString::number(stats.requestsPerSecond(), 'f', 1),
            QString::number(stats.bytesPerSecond() / 1e6, 'f', 2),
            u"%1×"_s.arg(ModeComparison::speedUp(serial, stats), 0, 'f', 2),
            u"%1 / %2"_s.arg(stats.ok).arg(stats.failed + stats.canceled),
        };
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            item->setTextAlignment(column == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                               : Qt::AlignCenter);
            if (column == 0)
                item->setForeground(TimelineWidget::modeColor(run.mode));
            m_table->setItem(row, column, item);
        }
    }
}

void CompareDialog::exportPng()
{
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Export timeline"), u"qcrawl-timeline.png"_s, tr("PNG images (*.png)"));
    QString error;
    if (!path.isEmpty() && !m_timeline->exportPng(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

void CompareDialog::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
            this, tr("Export request times"), u"qcrawl-timeline.csv"_s, tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !m_timeline->exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

void CompareDialog::done(int result)
{
    if (isRunning()) {
        m_pending.clear();
        m_engine->cancelAll();
        m_engine->waitForFinished(10'000);
    }
    QDialog::done(result);
}

} // namespace qcrawl
