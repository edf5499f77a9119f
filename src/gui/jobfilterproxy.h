#pragma once

#include <QSortFilterProxyModel>

namespace qcrawl {

// Sorts the results table on raw values and filters it by text (URL, content type, error) and by
// state.
class JobFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(JobFilterProxy)

public:
    explicit JobFilterProxy(QObject *parent = nullptr);

    void setText(const QString &text);
    // -1 for every state, else a JobModel::State; "Running" covers connecting and downloading.
    void setStateFilter(int state);
    static constexpr int RunningFilter = 100;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    int m_state = -1;
};

} // namespace qcrawl
