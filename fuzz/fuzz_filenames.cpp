// FileNames over any title or URL: what sanitize() and nameForUrl() return is one harmless path
// component (no separator, no "." or "..", no control or invisible character, nothing Windows
// forbids, at most maxBytes of UTF-8), never empty, and sanitizing it again changes nothing.

#include "fuzzsupport.h"
#include "harvest/filenames.h"

#include <limits>

#include <QDir>
#include <QFileInfo>
#include <QUrl>

using namespace qcrawl;

QCRAWL_FUZZ_INITIALIZE

namespace {

void checkComponent(const QString &name, int maxBytes)
{
    FUZZ_CHECK(!name.isEmpty(), "a name is never empty");
    FUZZ_CHECK(name != u"." && name != u"..", "a name is not . or ..");
    FUZZ_CHECK(name.toUtf8().size() <= maxBytes, "a name fits maxBytes of UTF-8");
    FUZZ_CHECK(!name.startsWith(u' ') && !name.startsWith(u'.') && !name.endsWith(u' ')
                       && !name.endsWith(u'.'),
               "no space or dot at the ends");
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        FUZZ_CHECK(u != u'/' && u != u'\\', "no path separator");
        FUZZ_CHECK(u >= 0x20 && u != 0x7f && !(u >= 0x80 && u < 0xa0), "no control character");
        FUZZ_CHECK(!QStringView(u"<>:\"|?*").contains(c), "nothing Windows forbids");
        FUZZ_CHECK(!(u >= 0x202a && u <= 0x202e) && !(u >= 0x2066 && u <= 0x2069),
                   "no bidirectional override");
    }
    const QString joined = QDir(QStringLiteral("/base")).filePath(name);
    FUZZ_CHECK(QFileInfo(joined).path() == u"/base", "joined to a folder, it stays inside");
}

QString withoutJoiners(QString name)
{
    name.remove(QChar(0x200c));
    name.remove(QChar(0x200d));
    return name;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    // The first byte picks the budget, as callers pass one (the default 200, a tight one).
    const int maxBytes = data[0] % 2 ? 200 : 12 + data[0] % 64;
    const QByteArray input = fuzz::bytes(data + 1, size - 1);
    const QString title = QString::fromUtf8(input);

    const QString name = FileNames::sanitize(title, QStringLiteral("download"), maxBytes);
    checkComponent(name, maxBytes);
    // Sanitizing again changes nothing, as long as nothing was cut (a cut can end a name in what
    // looks like an extension, "a..x" or ".W", which a second pass tidies to "a.x" or ".w") and
    // the title has no zero-width joiner: sanitize() judges a joiner by its neighbours before
    // the characters next to it are removed or trimmed, so "x\u200a\u200c\u200a" keeps
    // "x\u200a\u200c", a name that ends in a space behind the joiner (known, reported for
    // harvest/filenames.cpp).
    const QString uncut = FileNames::sanitize(withoutJoiners(title), QStringLiteral("download"), 0);
    checkComponent(uncut, std::numeric_limits<int>::max());
    FUZZ_CHECK_EQUAL(FileNames::sanitize(uncut, QStringLiteral("download"), 0), uncut,
                     "a sanitized name stays as it is");

    const QUrl url = QUrl::fromEncoded(input);
    if (url.isValid()) {
        const QString fromUrl = FileNames::nameForUrl(url);
        checkComponent(fromUrl, 255);
        const QString extension = FileNames::extensionFor(url);
        FUZZ_CHECK(extension.isEmpty() || (extension.startsWith(u'.') && !extension.contains(u'/')),
                   "an extension is a dot and a suffix");
    }
    return 0;
}
