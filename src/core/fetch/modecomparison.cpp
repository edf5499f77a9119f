#include "modecomparison.h"

#include <algorithm>

namespace qcrawl::ModeComparison {

QList<FetchMode> order()
{
    return { FetchMode::Serial, FetchMode::Pool, FetchMode::Async };
}

int workers(FetchMode mode, const FetchOptions &options)
{
    switch (mode) {
    case FetchMode::Serial:
        return 1;
    case FetchMode::Pool:
        return options.threads;
    case FetchMode::Async:
        return options.concurrency;
    }
    return 1;
}

double speedUp(const RunStats &serial, const RunStats &run)
{
    return double(std::max<qint64>(1, serial.wallMs)) / double(std::max<qint64>(1, run.wallMs));
}

RunStats statsOf(const QList<FetchResult> &results, qint64 wallMs)
{
    RunStats stats;
    for (const FetchResult &result : results)
        stats.add(result);
    stats.wallMs = wallMs;
    return stats;
}

} // namespace qcrawl::ModeComparison
