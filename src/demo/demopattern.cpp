#include "demopattern.h"

#include <algorithm>
#include <cstring>

namespace qcrawl {

namespace {

constexpr qint64 PatternPeriod = 65521; // the largest prime below 2^16
constexpr qint64 PatternSpan = 4 * PatternPeriod; // longest slice at() hands out

// A fixed integer hash (the MurmurHash3 finaliser) of the position within the period: looks
// random, so a body shifted by any offset does not match by accident.
char patternValue(quint32 index)
{
    quint32 x = index * 0x9E3779B1u + 0x7F4A7C15u;
    x ^= x >> 16;
    x *= 0x85EBCA6Bu;
    x ^= x >> 13;
    x *= 0xC2B2AE35u;
    x ^= x >> 16;
    return char(x & 0xffu);
}

// One period plus PatternSpan bytes, so that any slice of up to PatternSpan bytes starting
// anywhere in the period is contiguous.
const QByteArray &patternBlock()
{
    static const QByteArray block = [] {
        QByteArray bytes(PatternPeriod + PatternSpan, Qt::Uninitialized);
        for (qint64 i = 0; i < bytes.size(); ++i)
            bytes[i] = patternValue(quint32(i % PatternPeriod));
        return bytes;
    }();
    return block;
}

qint64 positionInPeriod(qint64 offset)
{
    const qint64 r = offset % PatternPeriod;
    return r < 0 ? r + PatternPeriod : r;
}

} // namespace

char DemoPattern::byte(qint64 offset)
{
    return patternBlock().at(positionInPeriod(offset));
}

QByteArray DemoPattern::bytes(qint64 offset, qint64 count)
{
    if (count <= 0)
        return {};
    QByteArray bytes(count, Qt::Uninitialized);
    qint64 done = 0;
    while (done < count) {
        qint64 available = 0;
        const char *data = at(offset + done, &available);
        const qint64 n = std::min(count - done, available);
        std::memcpy(bytes.data() + done, data, size_t(n));
        done += n;
    }
    return bytes;
}

const char *DemoPattern::at(qint64 offset, qint64 *length)
{
    *length = PatternSpan;
    return patternBlock().constData() + positionInPeriod(offset);
}

} // namespace qcrawl
