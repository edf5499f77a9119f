#include "runstats.h"

#include "util/units.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

void RunStats::add(const FetchResult &result)
{
    if (result.isSuccess())
        ++ok;
    else if (result.canceled)
        ++canceled;
    else
        ++failed;
    bytes += result.bytesReceived;
}

double RunStats::requestsPerSecond() const
{
    return wallMs > 0 ? total() * 1000.0 / wallMs : 0.0;
}

double RunStats::bytesPerSecond() const
{
    return wallMs > 0 ? bytes * 1000.0 / wallMs : 0.0;
}

QString RunStats::summaryLine(FetchMode mode) const
{
    QString line = u"ok %1, failed %2"_s.arg(ok).arg(failed);
    if (canceled)
        line += u", canceled %1"_s.arg(canceled);
    line += u" · %1 requests in %2 · %3 req/s · %4 MB/s · %5"_s.arg(total())
                    .arg(formatDuration(wallMs))
                    .arg(requestsPerSecond(), 0, 'f', 1)
                    .arg(bytesPerSecond() / 1e6, 0, 'f', 2)
                    .arg(fetchModeName(mode));
    return line;
}

} // namespace qcrawl
