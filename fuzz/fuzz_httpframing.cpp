// HttpFraming over any header values: Content-Length is one plain number or refused,
// Content-Range is a range that makes sense or refused, and what is accepted reads back the same.

#include "fuzzsupport.h"
#include "net/httpframing.h"

#include <QList>

using namespace qcrawl;

QCRAWL_FUZZ_INITIALIZE

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    // Each line is one header value, as repeated header fields arrive.
    const QList<QByteArray> values = input.split('\n');

    const qint64 length = HttpFraming::parseContentLength(values);
    FUZZ_CHECK(length >= -1, "a length or -1");
    if (length >= 0) {
        for (const QByteArray &value : values) {
            for (const QByteArray &part : value.split(',')) {
                FUZZ_CHECK(part.trimmed() == QByteArray::number(length)
                                   || part.trimmed().toLongLong() == length,
                           "every value says the accepted length");
            }
        }
    }

    for (const QByteArray &value : values) {
        HttpFraming::isHeaderLine(value);
        const auto range = HttpFraming::parseContentRange(value);
        if (!range)
            continue;
        FUZZ_CHECK(range->first >= 0 && range->first <= range->last, "first <= last");
        FUZZ_CHECK(range->total == -1 || range->last < range->total, "last < total");
        FUZZ_CHECK(range->length() >= 1, "a range holds a byte at least");
        const QByteArray again = "bytes " + QByteArray::number(range->first) + '-'
                + QByteArray::number(range->last) + '/'
                + (range->total < 0 ? QByteArray("*") : QByteArray::number(range->total));
        const auto reread = HttpFraming::parseContentRange(again);
        FUZZ_CHECK(reread && reread->first == range->first && reread->last == range->last
                           && reread->total == range->total,
                   "an accepted range reads back the same");
    }
    return 0;
}
