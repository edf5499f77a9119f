#include "fetchtypes.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qcrawl {

QString fetchModeName(FetchMode mode)
{
    switch (mode) {
    case FetchMode::Async:
        return u"async"_s;
    case FetchMode::Pool:
        return u"pool"_s;
    case FetchMode::Serial:
        return u"serial"_s;
    }
    return {};
}

std::optional<FetchMode> fetchModeFromName(QStringView name)
{
    for (auto mode : { FetchMode::Async, FetchMode::Pool, FetchMode::Serial }) {
        if (name.compare(fetchModeName(mode), Qt::CaseInsensitive) == 0)
            return mode;
    }
    return std::nullopt;
}

QByteArray defaultUserAgent()
{
    return QByteArrayLiteral("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                             "(KHTML, like Gecko) Chrome/84.0.4147.89 Safari/537.36");
}

qint64 readBufferFor(const FetchOptions &options, int inFlight)
{
    constexpr qint64 Budget = 12 * 1024 * 1024;
    if (options.readBufferBytes > 0)
        return options.readBufferBytes;
    return std::clamp<qint64>(Budget / std::max(1, inFlight), 256 * 1024, 4 * 1024 * 1024);
}

bool FetchOptions::addHeader(QStringView line, QString *error)
{
    const qsizetype colon = line.indexOf(u':');
    const QStringView name = colon > 0 ? line.left(colon).trimmed() : QStringView();
    bool valid = !name.isEmpty();
    for (QChar c : name) {
        // RFC 9110 token characters
        const char16_t u = c.unicode();
        if (u > 0x7e || u <= 0x20 || QStringView(u"\"(),/:;<=>?@[\\]{}").contains(c))
            valid = false;
    }
    if (!valid) {
        if (error)
            *error = u"invalid header \"%1\" (expected \"Name: value\")"_s.arg(line);
        return false;
    }
    headers.append({ name.toLatin1(), line.mid(colon + 1).trimmed().toUtf8() });
    return true;
}

bool FetchOptions::setProxy(QStringView text, QString *error)
{
    if (text.compare(u"none", Qt::CaseInsensitive) == 0
        || text.compare(u"direct", Qt::CaseInsensitive) == 0) {
        proxyMode = ProxyMode::None;
        return true;
    }
    if (text.compare(u"system", Qt::CaseInsensitive) == 0) {
        proxyMode = ProxyMode::System;
        return true;
    }
    QUrl url(text.contains(u"://") ? text.toString() : u"http://"_s + text);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() || url.port() <= 0
        || (scheme != u"http" && scheme != u"https" && scheme != u"socks5"
            && scheme != u"socks5h")) {
        if (error)
            *error = u"invalid proxy \"%1\" (expected http://, https://, socks5:// or "
                     u"socks5h://host:port)"_s.arg(text);
        return false;
    }
    proxyMode = ProxyMode::Explicit;
    proxyUrl = url;
    return true;
}

QNetworkProxy FetchOptions::networkProxy() const
{
    if (proxyMode != ProxyMode::Explicit)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const auto type = proxyUrl.scheme().startsWith(u"socks5", Qt::CaseInsensitive)
            ? QNetworkProxy::Socks5Proxy
            : QNetworkProxy::HttpProxy;
    return QNetworkProxy(type, proxyUrl.host(), quint16(proxyUrl.port()), proxyUrl.userName(),
                         proxyUrl.password());
}

} // namespace qcrawl
