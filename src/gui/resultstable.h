#pragma once

#include <QList>
#include <QObject>
#include <QStringList>

class QModelIndex;
class QTableView;

namespace qcrawl {

class AppSettings;
class JobFilterProxy;
class JobModel;

// The results table's view over the JobModel: a JobFilterProxy between them (sorting, the text
// and state filters), the progress bars' delegate, the columns' default widths, the header's
// menu to show and hide columns, and the header's layout kept across versions by column key.
// The rows it hands out are the model's, whatever order the view shows them in.
class ResultsTable final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResultsTable)

public:
    ResultsTable(QTableView *view, JobModel *model, QObject *parent = nullptr);

    JobFilterProxy *proxy() const { return m_proxy; }
    int rowAt(const QModelIndex &viewIndex) const; // the model's row; -1 for none
    QList<int> selectedRows() const; // the model's rows, in order
    void showVideoColumns(bool show); // the harvested videos' title, file and page

    void restoreHeader(const AppSettings &settings);
    void saveHeader(AppSettings &settings) const;

private:
    static QStringList columnKeys(); // JobModel::columnKey() of every column
    void showHeaderMenu(const QPoint &pos);

    QTableView *m_view;
    JobModel *m_model;
    JobFilterProxy *m_proxy;
};

} // namespace qcrawl
