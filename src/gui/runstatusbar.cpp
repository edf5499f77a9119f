#include "runstatusbar.h"

#include "jobmodel.h"
#include "util/units.h"

#include <algorithm>

#include <QCoreApplication>
#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace qcrawl {

// The lines were the main window's: they keep its translation context, so that the
// translations made for it apply.

RunStatusBar::RunStatusBar(QStatusBar *bar)
    : QObject(bar)
    , m_overall(new QProgressBar(bar))
    , m_counts(new QLabel(bar))
    , m_rates(new QLabel(bar))
{
    m_overall->setMaximumWidth(220);
    m_overall->setTextVisible(true);
    bar->addWidget(m_overall);
    bar->addWidget(m_counts, 1);
    bar->addPermanentWidget(m_rates);
}

void RunStatusBar::update(const JobModel &model, qint64 runMs)
{
    const int total = model.rowCount();
    const int finished = model.finishedCount();
    m_overall->setRange(0, std::max(1, total));
    m_overall->setValue(finished);
    m_overall->setFormat(total ? u"%v / %m"_s : QString());
    const int running =
            model.count(JobModel::State::Connecting) + model.count(JobModel::State::Downloading);
    m_counts->setText(QCoreApplication::translate("qcrawl::MainWindow",
                                                  "done %1 · failed %2 · running %3 · queued %4")
                              .arg(model.count(JobModel::State::Done))
                              .arg(model.count(JobModel::State::Failed)
                                   + model.count(JobModel::State::Canceled))
                              .arg(running)
                              .arg(model.count(JobModel::State::Queued)));
    const double seconds = std::max<qint64>(1, runMs) / 1000.0;
    m_rates->setText(QCoreApplication::translate("qcrawl::MainWindow", "%1 · %2 · %3 req/s · %4")
                             .arg(formatBytes(model.bytesReceived()))
                             .arg(formatDuration(runMs))
                             .arg(finished / seconds, 0, 'f', 1)
                             .arg(formatRate(model.bytesReceived() / seconds)));
}

} // namespace qcrawl
