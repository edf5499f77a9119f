#pragma once

// util/: small helpers every part of the core uses: byte and duration formatting (units.h) and
// the process's file-descriptor limit (systemlimits.h).

#include <QString>

namespace qcrawl {

// Human units for tables and status lines ("1.5 MiB", "230 ms", "12.3 MB/s").
QString formatBytes(qint64 bytes);
QString formatDuration(qint64 ms);
QString formatRate(double bytesPerSecond);

} // namespace qcrawl
