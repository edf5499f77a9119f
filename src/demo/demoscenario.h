#pragma once

#include <QList>
#include <QUrl>

namespace qcrawl {

// What the app's demo and `qcrawl-cli demo` fetch from the demo server: the tutorial's experiment
// (pages that each take a second to answer, so serial, a pool and one event loop differ by their
// waiting alone), and in the app a few of every other endpoint.
struct DemoScenario
{
    int pages = 20;
    int delayMs = 1000;

    // base/delay/<delayMs>?page=1 ... ?page=<pages>
    QList<QUrl> pageUrls(const QUrl &base) const;
    // One or two of each other endpoint: large, chunked, redirected, flaky, failing, cut, slow.
    static QList<QUrl> endpointSamples(const QUrl &base);
};

} // namespace qcrawl
