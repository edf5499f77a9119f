#include "demoscenario.h"

using namespace Qt::StringLiterals;

namespace qcrawl {

QList<QUrl> DemoScenario::pageUrls(const QUrl &base) const
{
    const QString root = base.toString();
    QList<QUrl> urls;
    urls.reserve(pages);
    for (int i = 1; i <= pages; ++i)
        urls.append(QUrl(u"%1/delay/%2?page=%3"_s.arg(root).arg(delayMs).arg(i)));
    return urls;
}

QList<QUrl> DemoScenario::endpointSamples(const QUrl &base)
{
    const QString root = base.toString();
    QList<QUrl> urls;
    for (const QString &path :
         { u"/bytes/1048576"_s, u"/bytes/104857600"_s, u"/chunked/5242880"_s, u"/redirect/3"_s,
           u"/flaky/2"_s, u"/status/404"_s, u"/status/500"_s, u"/drop/65536"_s, u"/delay/2500"_s })
        urls.append(QUrl(root + path));
    return urls;
}

} // namespace qcrawl
