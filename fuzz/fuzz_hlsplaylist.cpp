// HlsPlaylist::parse() over any bytes: a playlist that is refused says why in one line; one that
// is read holds only what a downloader can follow blindly (absolute URLs, byte ranges that fit in
// qint64, indexes into its own lists, sequence numbers counting by one, at most MaxEntries
// entries), and the variant choice always lands on one of its variants.

#include "fuzzsupport.h"
#include "hls/hlsplaylist.h"

#include <cmath>
#include <limits>

using namespace qcrawl;
using namespace qcrawl::HlsPlaylist;

QCRAWL_FUZZ_INITIALIZE

namespace {

bool isAbsolute(const QUrl &url)
{
    const bool http = url.scheme() == u"http" || url.scheme() == u"https";
    return url.isValid() && !url.isRelative() && (!http || !url.host().isEmpty());
}

bool rangeFits(const ByteRange &range)
{
    if (!range.isSet())
        return range.offset == -1 && range.length == -1;
    return range.length >= 1 && range.offset <= std::numeric_limits<qint64>::max() - range.length;
}

void checkMedia(const MediaPlaylist &media)
{
    FUZZ_CHECK(media.segments.size() <= MaxEntries, "at most MaxEntries segments");
    FUZZ_CHECK(media.keys.size() <= MaxEntries, "at most MaxEntries keys");
    FUZZ_CHECK(media.maps.size() <= MaxEntries, "at most MaxEntries maps");
    FUZZ_CHECK(media.mediaSequence >= 0, "a media sequence is not negative");
    FUZZ_CHECK(media.targetDuration >= 0 && std::isfinite(media.targetDuration),
               "a target duration is a number of seconds");
    for (const Key &key : media.keys) {
        FUZZ_CHECK(key.method != Key::Method::None, "METHOD=NONE makes no key");
        FUZZ_CHECK(!key.methodName.isEmpty(), "a key has its method's name");
        FUZZ_CHECK(isAbsolute(key.uri), "a key's URI is absolute");
        FUZZ_CHECK(key.iv.isEmpty() || key.iv.size() == 16, "an IV is 16 bytes");
    }
    for (const InitSection &map : media.maps) {
        FUZZ_CHECK(isAbsolute(map.uri), "a map's URI is absolute");
        FUZZ_CHECK(rangeFits(map.range), "a map's range fits");
        FUZZ_CHECK(map.keyIndex >= -1 && map.keyIndex < media.keys.size(),
                   "a map's key is one of the keys");
    }
    for (qsizetype i = 0; i < media.segments.size(); ++i) {
        const Segment &segment = media.segments.at(i);
        FUZZ_CHECK(isAbsolute(segment.uri), "a segment's URI is absolute");
        FUZZ_CHECK(segment.duration >= 0 && std::isfinite(segment.duration),
                   "a duration is a number of seconds");
        FUZZ_CHECK(rangeFits(segment.range), "a segment's range fits");
        FUZZ_CHECK(segment.keyIndex >= -1 && segment.keyIndex < media.keys.size(),
                   "a segment's key is one of the keys");
        FUZZ_CHECK(segment.mapIndex >= -1 && segment.mapIndex < media.maps.size(),
                   "a segment's map is one of the maps");
        FUZZ_CHECK(i == 0 ? segment.sequence == media.mediaSequence
                          : segment.sequence == media.segments.at(i - 1).sequence + 1,
                   "sequence numbers count on by one from EXT-X-MEDIA-SEQUENCE");
    }
}

void checkMaster(const MasterPlaylist &master)
{
    FUZZ_CHECK(master.variants.size() <= MaxEntries, "at most MaxEntries variants");
    FUZZ_CHECK(master.renditions.size() <= MaxEntries, "at most MaxEntries renditions");
    for (const Variant &variant : master.variants) {
        FUZZ_CHECK(isAbsolute(variant.uri), "a variant's URI is absolute");
        FUZZ_CHECK(variant.bandwidth >= 0 && variant.averageBandwidth >= 0,
                   "bandwidths are not negative");
        FUZZ_CHECK(variant.width >= 0 && variant.height >= 0, "a resolution is not negative");
        FUZZ_CHECK(!HlsVariantChoice::describe(variant).isEmpty(), "a variant has a description");
    }
    for (const Rendition &rendition : master.renditions) {
        FUZZ_CHECK(rendition.uri.isEmpty() || isAbsolute(rendition.uri),
                   "a rendition's URI is absent or absolute");
        FUZZ_CHECK(!rendition.type.isEmpty() && !rendition.groupId.isEmpty(),
                   "a rendition has a type and a group");
    }
    for (const QStringView spec : { u"best", u"worst", u"720p", u"0p", u"800000", u"0" }) {
        const int chosen = HlsVariantChoice::choose(master, spec);
        FUZZ_CHECK(master.variants.isEmpty() ? chosen == -1
                                             : chosen >= 0 && chosen < master.variants.size(),
                   "the choice is one of the variants");
    }
    if (master.variants.isEmpty())
        return;
    const qint64 best = master.variants.at(HlsVariantChoice::choose(master, u"best")).bandwidth;
    const qint64 worst = master.variants.at(HlsVariantChoice::choose(master, u"worst")).bandwidth;
    for (const Variant &variant : master.variants) {
        FUZZ_CHECK(variant.bandwidth <= best && variant.bandwidth >= worst,
                   "best and worst are the highest and lowest bandwidths");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    QString error;
    const auto playlist =
            parse(input, QUrl(QStringLiteral("https://example.com/a/b/index.m3u8?q=1")), &error);
    if (!playlist) {
        FUZZ_CHECK(!error.isEmpty(), "a refusal says why");
        FUZZ_CHECK(!error.contains(u'\n') && !error.contains(u'\r'), "a refusal is one line");
        FUZZ_CHECK(error.startsWith(u"line ") || error.startsWith(u"playlist is larger"),
                   "a refusal names its line");
        return 0;
    }
    FUZZ_CHECK(looksLikePlaylist(input), "what is read looks like a playlist");
    if (playlist->kind == Playlist::Kind::Master)
        FUZZ_CHECK(playlist->media.segments.isEmpty(), "a master playlist has no segments");
    else
        FUZZ_CHECK(playlist->master.variants.isEmpty(), "a media playlist has no variants");
    checkMedia(playlist->media);
    checkMaster(playlist->master);
    return 0;
}
