#pragma once

#include "fetch/fetchtypes.h"

#include <QString>

namespace qcrawl {

// Counts over a run, for the summary line and the status bar.
struct RunStats
{
    int ok = 0;
    int failed = 0;
    int canceled = 0;
    qint64 bytes = 0;
    qint64 wallMs = 0;

    void add(const FetchResult &result);
    int total() const { return ok + failed + canceled; }
    double requestsPerSecond() const;
    double bytesPerSecond() const;
    // "ok 58, failed 2 · 60 requests in 1.03 s · 58.2 req/s · 0.12 MB/s · async"
    QString summaryLine(FetchMode mode) const;
};

} // namespace qcrawl
