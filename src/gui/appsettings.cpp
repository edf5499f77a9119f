#include "appsettings.h"

#include "hls/hlsplaylist.h"

#include <algorithm>

#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

// As stored in QSettings: words rather than enum numbers, so that the file stays readable.
QString httpVersionName(HttpVersion version)
{
    switch (version) {
    case HttpVersion::Default:
        break;
    case HttpVersion::Http1_1:
        return u"1.1"_s;
    case HttpVersion::Http2:
        return u"2"_s;
    }
    return u"auto"_s;
}

HttpVersion httpVersionFromName(const QString &name)
{
    if (name == u"1.1")
        return HttpVersion::Http1_1;
    if (name == u"2")
        return HttpVersion::Http2;
    return HttpVersion::Default;
}

} // namespace

FetchOptions AppSettings::fetchOptions() const
{
    FetchOptions o;
    QSettings &s = *m_settings;
    o.concurrency = std::clamp(s.value(u"fetch/concurrency"_s, o.concurrency).toInt(), 1, 10000);
    o.threads = std::clamp(s.value(u"fetch/threads"_s, o.threads).toInt(), 1, 256);
    o.perHostLimit = std::clamp(s.value(u"fetch/perHost"_s, o.perHostLimit).toInt(), 0, 10000);
    o.stallTimeoutMs =
            std::clamp(s.value(u"fetch/timeoutMs"_s, o.stallTimeoutMs).toInt(), 100, 3'600'000);
    o.retries = std::clamp(s.value(u"fetch/retries"_s, o.retries).toInt(), 0, 20);
    const QString userAgent = s.value(u"fetch/userAgent"_s).toString();
    if (!userAgent.isEmpty())
        o.userAgent = userAgent.toUtf8();
    const QStringList headers = s.value(u"fetch/headers"_s).toStringList();
    for (const QString &header : headers)
        o.addHeader(header);
    o.setProxy(s.value(u"fetch/proxy"_s, u"system"_s).toString());
    o.httpVersion = httpVersionFromName(s.value(u"fetch/httpVersion"_s).toString());
    o.caCertFile = s.value(u"fetch/caCertFile"_s).toString();
    o.insecure = s.value(u"fetch/insecure"_s, false).toBool();
    o.maxFileSize = std::max<qint64>(0, s.value(u"fetch/maxFileSize"_s, 0).toLongLong());
    o.qtHttp = s.value(u"fetch/qtHttp"_s, false).toBool();
    if (const QString variant = s.value(u"hls/variant"_s).toString();
        HlsVariantChoice::isValidSpec(variant))
        o.hlsVariant = variant;
    o.hlsConcurrency = std::clamp(s.value(u"hls/concurrency"_s, o.hlsConcurrency).toInt(), 1, 64);
    o.hlsKeepTs = s.value(u"hls/keepTs"_s, false).toBool();
    return o;
}

void AppSettings::setFetchOptions(const FetchOptions &o)
{
    QSettings &s = *m_settings;
    s.setValue(u"fetch/concurrency"_s, o.concurrency);
    s.setValue(u"fetch/threads"_s, o.threads);
    s.setValue(u"fetch/perHost"_s, o.perHostLimit);
    s.setValue(u"fetch/timeoutMs"_s, o.stallTimeoutMs);
    s.setValue(u"fetch/retries"_s, o.retries);
    s.setValue(u"fetch/userAgent"_s,
               o.userAgent == defaultUserAgent() ? QString() : QString::fromUtf8(o.userAgent));
    QStringList headers;
    for (const auto &[name, value] : o.headers)
        headers.append(QString::fromLatin1(name) + u": "_s + QString::fromUtf8(value));
    s.setValue(u"fetch/headers"_s, headers);
    switch (o.proxyMode) {
    case FetchOptions::ProxyMode::System:
        s.setValue(u"fetch/proxy"_s, u"system"_s);
        break;
    case FetchOptions::ProxyMode::None:
        s.setValue(u"fetch/proxy"_s, u"none"_s);
        break;
    case FetchOptions::ProxyMode::Explicit:
        s.setValue(u"fetch/proxy"_s, o.proxyUrl.toString());
        break;
    }
    s.setValue(u"fetch/httpVersion"_s, httpVersionName(o.httpVersion));
    s.setValue(u"fetch/caCertFile"_s, o.caCertFile);
    s.setValue(u"fetch/insecure"_s, o.insecure);
    s.setValue(u"fetch/maxFileSize"_s, o.maxFileSize);
    s.setValue(u"fetch/qtHttp"_s, o.qtHttp);
    s.setValue(u"hls/variant"_s, o.hlsVariant);
    s.setValue(u"hls/concurrency"_s, o.hlsConcurrency);
    s.setValue(u"hls/keepTs"_s, o.hlsKeepTs);
}

FetchMode AppSettings::mode() const
{
    return fetchModeFromName(m_settings->value(u"ui/mode"_s).toString()).value_or(FetchMode::Async);
}

void AppSettings::setMode(FetchMode mode)
{
    m_settings->setValue(u"ui/mode"_s, fetchModeName(mode));
}

bool AppSettings::journalEnabled() const
{
    return m_settings->value(u"journal/enabled"_s, true).toBool();
}

void AppSettings::setJournalEnabled(bool enabled)
{
    m_settings->setValue(u"journal/enabled"_s, enabled);
}

QString AppSettings::defaultJournalPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/journal.db"_s;
}

QString AppSettings::downloadFolder() const
{
    QString fallback = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (fallback.isEmpty())
        fallback = QDir::homePath();
    return m_settings->value(u"folders/download"_s, fallback).toString();
}

void AppSettings::setDownloadFolder(const QString &folder)
{
    m_settings->setValue(u"folders/download"_s, folder);
}

QString AppSettings::lastFolder(const QString &purpose) const
{
    return m_settings->value(u"folders/"_s + purpose, downloadFolder()).toString();
}

void AppSettings::setLastFolder(const QString &purpose, const QString &folder)
{
    m_settings->setValue(u"folders/"_s + purpose, folder);
}

QByteArray AppSettings::value(const QString &key) const
{
    return m_settings->value(key).toByteArray();
}

void AppSettings::setValue(const QString &key, const QByteArray &value)
{
    m_settings->setValue(key, value);
}

QStringList AppSettings::stringList(const QString &key) const
{
    return m_settings->value(key).toStringList();
}

void AppSettings::setStringList(const QString &key, const QStringList &list)
{
    m_settings->setValue(key, list);
}

QString AppSettings::language() const
{
    return m_settings->value(u"ui/language"_s).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    m_settings->setValue(u"ui/language"_s, language);
}

bool AppSettings::demoOffered() const
{
    return m_settings->value(u"ui/demoOffered"_s, false).toBool();
}

void AppSettings::setDemoOffered(bool offered)
{
    m_settings->setValue(u"ui/demoOffered"_s, offered);
}

} // namespace qcrawl
