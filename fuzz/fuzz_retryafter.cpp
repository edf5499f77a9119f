// HttpFraming::parseRetryAfter over any header value: -1 or a delay that is never negative and
// never overflows (UBSan watches the arithmetic), and for plain seconds exactly those seconds
// (saturated) in milliseconds. A date may lie any number of years ahead (Qt reads years of more
// than four digits): callers cap the delay with FetchOptions::retryMaxDelayMs.

#include "fuzzsupport.h"
#include "net/httpframing.h"

#include <limits>

#include <QDateTime>

using namespace qcrawl;

QCRAWL_FUZZ_INITIALIZE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray value = fuzz::bytes(data, size);
    // A fixed "now", so that a finding replays the same.
    static const QDateTime now = QDateTime(QDate(2024, 1, 1), QTime(12, 0), Qt::UTC);
    const qint64 ms = HttpFraming::parseRetryAfter(value, now);
    FUZZ_CHECK(ms >= -1, "a delay or -1");

    bool ok = false;
    const qint64 seconds = value.trimmed().toLongLong(&ok);
    if (ok && seconds >= 0) {
        constexpr qint64 Max = std::numeric_limits<qint64>::max() / 1000;
        FUZZ_CHECK(ms == std::min(seconds, Max) * 1000, "seconds as milliseconds, saturated");
    }
    if (ok && seconds < 0)
        FUZZ_CHECK(ms == -1, "a negative delay is none");
    return 0;
}
