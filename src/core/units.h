#pragma once

#include <QString>

namespace qcrawl {

// Human units for tables and status lines ("1.5 MiB", "230 ms", "12.3 MB/s").
QString formatBytes(qint64 bytes);
QString formatDuration(qint64 ms);
QString formatRate(double bytesPerSecond);

} // namespace qcrawl
