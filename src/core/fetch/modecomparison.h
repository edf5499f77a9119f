#pragma once

#include "fetch/fetchtypes.h"
#include "fetch/runstats.h"

#include <QList>

namespace qcrawl {

// The tutorial's experiment: the same list through the three modes, one after another, compared by
// wall time. The one definition the app's Compare and `qcrawl-cli compare` and `demo` share.
namespace ModeComparison {

// Serial first: every speed-up is against it.
QList<FetchMode> order();
// What a mode waits with: 1 thread, options.threads threads, options.concurrency requests.
int workers(FetchMode mode, const FetchOptions &options);
// How many times faster than serial (wall times below 1 ms count as 1 ms).
double speedUp(const RunStats &serial, const RunStats &run);
// The counts of one mode's run.
RunStats statsOf(const QList<FetchResult> &results, qint64 wallMs);

} // namespace ModeComparison

} // namespace qcrawl
