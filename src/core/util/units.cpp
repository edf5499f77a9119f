#include "units.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace qcrawl {

QString formatBytes(qint64 bytes)
{
    if (bytes < 0)
        return u"?"_s;
    if (bytes < 1024)
        return u"%1 B"_s.arg(bytes);
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

QString formatDuration(qint64 ms)
{
    if (ms < 0)
        return u"-"_s;
    if (ms < 1000)
        return u"%1 ms"_s.arg(ms);
    if (ms < 60'000)
        return u"%1 s"_s.arg(ms / 1000.0, 0, 'f', 2);
    return u"%1:%2"_s.arg(ms / 60'000).arg(qlonglong((ms / 1000) % 60), 2, 10, QChar(u'0'));
}

QString formatRate(double bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return u"0 B/s"_s;
    return formatBytes(qint64(bytesPerSecond)) + u"/s"_s;
}

} // namespace qcrawl
