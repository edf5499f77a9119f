#include "resultstable.h"

#include "appsettings.h"
#include "headerstate.h"
#include "jobfilterproxy.h"
#include "jobmodel.h"
#include "progressdelegate.h"

#include <algorithm>

#include <QHeaderView>
#include <QMenu>
#include <QTableView>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// The table's columns in the versions that saved the header's state without them: the first
// release, and the one that added the harvested videos' columns.
const QStringList LegacyColumns10 = { u"index"_s,        u"url"_s,   u"state"_s, u"status"_s,
                                      u"progress"_s,     u"bytes"_s, u"speed"_s, u"elapsed"_s,
                                      u"content_type"_s, u"error"_s };
const QStringList LegacyColumns13 = { u"index"_s,   u"title"_s,        u"url"_s,   u"state"_s,
                                      u"status"_s,  u"progress"_s,     u"bytes"_s, u"speed"_s,
                                      u"elapsed"_s, u"content_type"_s, u"error"_s, u"file"_s,
                                      u"page"_s };

} // namespace

ResultsTable::ResultsTable(QTableView *view, JobModel *model, QObject *parent)
    : QObject(parent)
    , m_view(view)
    , m_model(model)
    , m_proxy(new JobFilterProxy(this))
{
    m_proxy->setSourceModel(model);
    view->setModel(m_proxy);
    view->setItemDelegateForColumn(JobModel::ProgressColumn, new ProgressDelegate(view));
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    const int widths[JobModel::ColumnCount] = { 44,  200, 260, 104, 48,  64,  110,
                                                110, 88,  72,  140, 160, 200, 200 };
    for (int column = 0; column < JobModel::ColumnCount; ++column)
        header->resizeSection(column, widths[column]);
    header->setSectionHidden(JobModel::TypeColumn, true);
    showVideoColumns(false);
    // Columns can be shown and hidden from the header's context menu.
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &ResultsTable::showHeaderMenu);
    view->sortByColumn(JobModel::IndexColumn, Qt::AscendingOrder);
}

void ResultsTable::showHeaderMenu(const QPoint &pos)
{
    QHeaderView *header = m_view->horizontalHeader();
    QMenu menu(m_view);
    for (int column = 0; column < JobModel::ColumnCount; ++column) {
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        action->setEnabled(column != JobModel::UrlColumn);
        connect(action, &QAction::toggled, header,
                [header, column](bool on) { header->setSectionHidden(column, !on); });
    }
    menu.exec(header->mapToGlobal(pos));
}

int ResultsTable::rowAt(const QModelIndex &viewIndex) const
{
    return viewIndex.isValid() ? m_proxy->mapToSource(viewIndex).row() : -1;
}

QList<int> ResultsTable::selectedRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(m_proxy->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ResultsTable::showVideoColumns(bool show)
{
    QHeaderView *header = m_view->horizontalHeader();
    for (int column : { JobModel::TitleColumn, JobModel::FileColumn, JobModel::PageColumn })
        header->setSectionHidden(column, !show);
}

void ResultsTable::restoreHeader(const AppSettings &settings)
{
    const QByteArray header = settings.value(u"ui/tableHeader"_s);
    if (header.isEmpty())
        return;
    QStringList savedColumns = settings.stringList(u"ui/tableColumns"_s);
    if (savedColumns.isEmpty()) // saved before the columns were; the layouts so far
        savedColumns = HeaderState::sectionCount(header) == 10 ? LegacyColumns10 : LegacyColumns13;
    HeaderState::restore(m_view->horizontalHeader(), header, savedColumns, columnKeys());
}

void ResultsTable::saveHeader(AppSettings &settings) const
{
    settings.setValue(u"ui/tableHeader"_s, m_view->horizontalHeader()->saveState());
    settings.setStringList(u"ui/tableColumns"_s, columnKeys());
}

QStringList ResultsTable::columnKeys()
{
    QStringList keys;
    for (int column = 0; column < JobModel::ColumnCount; ++column)
        keys.append(JobModel::columnKey(column));
    return keys;
}

} // namespace qcrawl
