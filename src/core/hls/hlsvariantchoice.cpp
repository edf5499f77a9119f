#include "hlsplaylist.h"

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace qcrawl::HlsVariantChoice {

namespace {

using HlsPlaylist::Variant;

// The number in "800000" or "720p": 1 to 19 digits that fit in a qint64.
std::optional<qint64> specNumber(QStringView digits)
{
    if (digits.isEmpty())
        return std::nullopt;
    qint64 n = 0;
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        const int digit = c.unicode() - u'0';
        if (n > (std::numeric_limits<qint64>::max() - digit) / 10)
            return std::nullopt;
        n = n * 10 + digit;
    }
    return n;
}

bool isHeightSpec(QStringView spec)
{
    return spec.endsWith(u'p', Qt::CaseInsensitive);
}

// The index of the variant that ranks first among those accepted, the earliest on a tie; -1 when
// none is accepted. ranksBefore(a, b) is a strict order.
template<typename Accept, typename RanksBefore>
int pick(const QList<Variant> &variants, Accept accept, RanksBefore ranksBefore)
{
    int chosen = -1;
    for (int i = 0; i < int(variants.size()); ++i) {
        if (accept(variants.at(i))
            && (chosen < 0 || ranksBefore(variants.at(i), variants.at(chosen))))
            chosen = i;
    }
    return chosen;
}

bool better(const Variant &a, const Variant &b)
{
    return a.bandwidth != b.bandwidth ? a.bandwidth > b.bandwidth : a.height > b.height;
}

bool worse(const Variant &a, const Variant &b)
{
    return a.bandwidth != b.bandwidth ? a.bandwidth < b.bandwidth : a.height < b.height;
}

const auto anyVariant = [](const Variant &) { return true; };

// "2.5" from 25 tenths, "800" from 8000.
QString tenths(qint64 value)
{
    const QString whole = QString::number(value / 10);
    return value % 10 == 0 ? whole : whole % u'.' % QString::number(value % 10);
}

} // namespace

bool isValidSpec(QStringView spec)
{
    if (spec.compare(u"best", Qt::CaseInsensitive) == 0
        || spec.compare(u"worst", Qt::CaseInsensitive) == 0)
        return true;
    return specNumber(isHeightSpec(spec) ? spec.chopped(1) : spec).has_value();
}

int choose(const HlsPlaylist::MasterPlaylist &master, QStringView spec)
{
    const QList<Variant> &variants = master.variants;
    if (variants.isEmpty() || !isValidSpec(spec))
        return -1;
    const int worst = pick(variants, anyVariant, worse);
    if (spec.compare(u"best", Qt::CaseInsensitive) == 0)
        return pick(variants, anyVariant, better);
    if (spec.compare(u"worst", Qt::CaseInsensitive) == 0)
        return worst;

    if (!isHeightSpec(spec)) {
        // A bandwidth: the best variant that fits in it (an exact match is the best of those).
        const qint64 bandwidth = *specNumber(spec);
        const int fitting = pick(
                variants, [&](const Variant &v) { return v.bandwidth <= bandwidth; }, better);
        return fitting >= 0 ? fitting : worst;
    }

    // A height. Variants without RESOLUTION (audio only, or a server that omits it) never match
    // one: "720p" must not fall to an audio stream because its height reads 0.
    const qint64 height = *specNumber(spec.chopped(1));
    const auto higherBandwidth = [](const Variant &a, const Variant &b) {
        return a.bandwidth > b.bandwidth;
    };
    const int exact = pick(
            variants, [&](const Variant &v) { return v.height > 0 && v.height == height; },
            higherBandwidth);
    if (exact >= 0)
        return exact;
    const int below = pick(
            variants, [&](const Variant &v) { return v.height > 0 && v.height < height; },
            [](const Variant &a, const Variant &b) {
                return a.height != b.height ? a.height > b.height : a.bandwidth > b.bandwidth;
            });
    if (below >= 0)
        return below;
    // All are higher than asked: the lowest of them, else (no heights at all) the lowest bandwidth.
    const int lowest = pick(
            variants, [](const Variant &v) { return v.height > 0; },
            [](const Variant &a, const Variant &b) {
                return a.height != b.height ? a.height < b.height : a.bandwidth < b.bandwidth;
            });
    return lowest >= 0 ? lowest : worst;
}

QString describe(const HlsPlaylist::Variant &variant)
{
    // Rounded to a tenth of the unit, without overflowing near qint64's largest value.
    const qint64 bandwidth = std::max<qint64>(0, variant.bandwidth);
    const qint64 tenthsOfKbit = bandwidth / 100 + (bandwidth % 100 >= 50 ? 1 : 0);
    const qint64 tenthsOfMbit = bandwidth / 100'000 + (bandwidth % 100'000 >= 50'000 ? 1 : 0);
    const QString rate = tenthsOfKbit < 10'000 ? tenths(tenthsOfKbit) % u" kbit/s"
                                               : tenths(tenthsOfMbit) % u" Mbit/s";
    if (variant.width <= 0 || variant.height <= 0)
        return rate;
    return QString::number(variant.width) % u'x' % QString::number(variant.height) % u", " % rate;
}

} // namespace qcrawl::HlsVariantChoice
