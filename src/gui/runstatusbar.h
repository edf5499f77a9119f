#pragma once

#include <QObject>

class QLabel;
class QProgressBar;
class QStatusBar;

namespace qcrawl {

class JobModel;

// The status bar's view of the table and its run: how many rows have finished (a bar), the rows
// in each state, and the bytes, the run's clock and the rates of requests and bytes.
class RunStatusBar final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunStatusBar)

public:
    explicit RunStatusBar(QStatusBar *bar); // adds its widgets to bar, which owns them

    void update(const JobModel &model, qint64 runMs);

private:
    QProgressBar *m_overall;
    QLabel *m_counts;
    QLabel *m_rates;
};

} // namespace qcrawl
