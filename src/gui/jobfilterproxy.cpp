#include "jobfilterproxy.h"

#include "jobmodel.h"

namespace qcrawl {

JobFilterProxy::JobFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(JobModel::RawValueRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void JobFilterProxy::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void JobFilterProxy::setStateFilter(int state)
{
    if (state == m_state)
        return;
    m_state = state;
    invalidateFilter();
}

bool JobFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *model = sourceModel();
    if (m_state >= 0) {
        const auto state =
                JobModel::State(model->index(sourceRow, JobModel::StateColumn, sourceParent)
                                        .data(JobModel::StateRole)
                                        .toInt());
        const bool running =
                state == JobModel::State::Connecting || state == JobModel::State::Downloading;
        if (m_state == RunningFilter ? !running : int(state) != m_state)
            return false;
    }
    if (m_text.isEmpty())
        return true;
    for (int column : { JobModel::UrlColumn, JobModel::TitleColumn, JobModel::TypeColumn,
                        JobModel::ErrorColumn, JobModel::FileColumn }) {
        if (model->index(sourceRow, column, sourceParent)
                    .data(Qt::DisplayRole)
                    .toString()
                    .contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace qcrawl
