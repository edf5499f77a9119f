#include "historydialog.h"

#include "fetch/resultformat.h"
#include "sessionjournal.h"
#include "util/units.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeySequence>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

enum Column {
    RunColumn,
    StartedColumn,
    KindColumn,
    ModeColumn,
    UrlsColumn,
    OkColumn,
    FailedColumn,
    UnfinishedColumn,
    WallColumn,
    ColumnCount
};

QTableWidgetItem *numberItem(qint64 value, const QString &text = {})
{
    auto *item = new QTableWidgetItem(text.isEmpty() ? QString::number(value) : text);
    item->setData(Qt::UserRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

HistoryDialog::HistoryDialog(SessionJournal *journal, QWidget *parent)
    : QDialog(parent)
    , m_journal(journal)
    , m_table(new QTableWidget(0, ColumnCount, this))
{
    setObjectName(u"historyDialog"_s);
    setWindowTitle(tr("History"));
    resize(820, 420);
    m_table->setObjectName(u"historyTable"_s);
    m_table->setHorizontalHeaderLabels({ tr("Run"), tr("Started"), tr("Kind"), tr("Mode"),
                                         tr("URLs"), tr("OK"), tr("Failed"), tr("Unfinished"),
                                         tr("Wall time") });
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAlternatingRowColors(true);

    m_open = new QPushButton(tr("&Open"), this);
    m_open->setToolTip(tr("Show the run's rows in the results table"));
    m_continue = new QPushButton(tr("&Continue"), this);
    m_continue->setToolTip(tr("Show the run's rows and fetch its unfinished URLs"));
    m_delete = new QPushButton(tr("&Delete"), this);
    m_export = new QPushButton(tr("&Export…"), this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    for (QPushButton *b : { m_open, m_continue, m_delete, m_export })
        buttons->addButton(b, QDialogButtonBox::ActionRole);
    m_open->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    auto *where = new QLabel(tr("Journal: %1").arg(journal->path()), this);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(where);
    layout->addWidget(m_table);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto openSelected = [this](bool toContinue) {
        const QList<qint64> runs = selectedRuns();
        if (runs.size() == 1 && !m_running) {
            Q_EMIT openRequested(runs.constFirst(), toContinue);
            accept();
        }
    };
    connect(m_open, &QPushButton::clicked, this, [openSelected] { openSelected(false); });
    connect(m_continue, &QPushButton::clicked, this, [openSelected] { openSelected(true); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this,
            [openSelected] { openSelected(false); });
    connect(m_delete, &QPushButton::clicked, this, [this] { deleteSelected(); });
    connect(new QShortcut(QKeySequence::Delete, m_table), &QShortcut::activated, this,
            [this] { deleteSelected(); });
    connect(m_export, &QPushButton::clicked, this, &HistoryDialog::exportDialog);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryDialog::updateButtons);
    if (JournalWriter *writer = journal->writer()) {
        connect(writer, &JournalWriter::runsLoaded, this, &HistoryDialog::showRuns);
        writer->requestRuns();
    }
    updateButtons();
}

void HistoryDialog::showRuns(const QList<JournalRun> &runs)
{
    m_runs = runs;
    std::reverse(m_runs.begin(), m_runs.end()); // newest first
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(m_runs.size()));
    for (int row = 0; row < m_runs.size(); ++row) {
        const JournalRun &run = m_runs.at(row);
        m_table->setItem(row, RunColumn, numberItem(run.id));
        m_table->setItem(row, StartedColumn,
                         new QTableWidgetItem(QLocale().toString(run.started.toLocalTime(),
                                                                 QLocale::ShortFormat)));
        m_table->setItem(row, KindColumn, new QTableWidgetItem(run.kind));
        m_table->setItem(row, ModeColumn, new QTableWidgetItem(run.mode));
        m_table->setItem(row, UrlsColumn, numberItem(run.urls));
        m_table->setItem(row, OkColumn, numberItem(run.ok));
        m_table->setItem(row, FailedColumn, numberItem(run.failed));
        m_table->setItem(row, UnfinishedColumn, numberItem(run.unfinished()));
        m_table->setItem(row, WallColumn, numberItem(run.wallMs, formatDuration(run.wallMs)));
    }
    m_table->resizeColumnsToContents();
    if (m_table->currentRow() < 0 && !m_runs.isEmpty())
        m_table->selectRow(0);
    updateButtons();
}

QList<qint64> HistoryDialog::selectedRuns() const
{
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows(RunColumn))
        ids.append(index.data(Qt::UserRole).toLongLong());
    return ids;
}

void HistoryDialog::setRunning(bool running)
{
    m_running = running;
    updateButtons();
}

void HistoryDialog::updateButtons()
{
    const QList<qint64> ids = selectedRuns();
    bool unfinished = false;
    for (const JournalRun &run : std::as_const(m_runs))
        unfinished = unfinished || (ids.contains(run.id) && run.unfinished() > 0);
    m_open->setEnabled(ids.size() == 1 && !m_running);
    m_continue->setEnabled(ids.size() == 1 && unfinished && !m_running);
    m_delete->setEnabled(!ids.isEmpty() && !m_running);
    m_export->setEnabled(!m_runs.isEmpty());
}

void HistoryDialog::deleteSelected(bool ask)
{
    const QList<qint64> ids = selectedRuns();
    if (ids.isEmpty() || m_running || !m_journal->writer())
        return;
    if (ask
        && QMessageBox::question(this, tr("Delete runs"),
                                 tr("Delete %n run(s) from the history? Saved files stay.", nullptr,
                                    int(ids.size())))
                != QMessageBox::Yes)
        return;
    for (qint64 id : ids) {
        if (id == m_journal->tableRun())
            m_journal->forgetTableRun();
        m_journal->writer()->deleteRun(id); // each answers with the new list
    }
}

QByteArray HistoryDialog::toJsonLines() const
{
    QByteArray out;
    for (auto it = m_runs.crbegin(); it != m_runs.crend(); ++it) // oldest first, as the CLI
        out += QJsonDocument(it->toJson()).toJson(QJsonDocument::Compact) + '\n';
    return out;
}

bool HistoryDialog::exportTo(const QString &path, QString *error) const
{
    QByteArray bytes;
    if (path.endsWith(u".csv"_s, Qt::CaseInsensitive)) {
        bytes = "run,started,kind,mode,urls,ok,failed,unfinished,wall_ms\r\n";
        for (auto it = m_runs.crbegin(); it != m_runs.crend(); ++it) {
            const QJsonObject o = it->toJson();
            QStringList cells;
            for (const char *key : { "run", "started", "kind", "mode", "urls", "ok", "failed",
                                     "unfinished", "wall_ms" })
                cells.append(ResultFormat::csvField(
                        o.value(QLatin1StringView(key)).toVariant().toString()));
            bytes += cells.join(u',').toUtf8() + "\r\n";
        }
    } else {
        bytes = toJsonLines();
    }
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
    return false;
}

void HistoryDialog::exportDialog()
{
    const QString path =
            QFileDialog::getSaveFileName(this, tr("Export history"), u"qcrawl-history.jsonl"_s,
                                         tr("JSON Lines (*.jsonl);;CSV (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportTo(path, &error))
        QMessageBox::warning(this, tr("Export history"), error);
}

} // namespace qcrawl
