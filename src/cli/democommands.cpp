// qcrawl-cli serve and qcrawl-cli demo: the demo server's two commands (see cli.cpp for the
// others).

#include "cli.h"
#include "console.h"
#include "demo/demoscenario.h"
#include "demo/demoserver.h"
#include "demo/demoserverthread.h"
#include "fetch/modecomparison.h"
#include "progressline.h"
#include "signalwatcher.h"
#include "util/units.h"

#include <algorithm>
#include <cstdio>

#include <QCoreApplication>
#include <QEventLoop>
#include <QHostAddress>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

namespace qcrawl {

using namespace console;

int Cli::serve(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
            { u"host"_s, u"Address to listen on (default 127.0.0.1)."_s, u"H"_s, u"127.0.0.1"_s },
            { u"port"_s,
              u"Port to listen on (default 5000, as the tutorial's server; 0 picks one)."_s, u"N"_s,
              u"5000"_s },
            { u"cert"_s, u"Serve https:// with this certificate (PEM); needs --key."_s, u"FILE"_s },
            { u"key"_s, u"The private key of --cert (PEM, RSA or EC)."_s, u"FILE"_s },
            { { u"h"_s, u"help"_s }, u"Show this help."_s },
    });
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        writeOut((u"Usage: qcrawl-cli serve [--host H] [--port N] [--cert FILE --key FILE]\n\n"
                  u"Runs the built-in demo server until Ctrl+C.\n\n"_s
                  + optionsHelp(parser))
                         .toUtf8());
        return Success;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(u"serve takes no arguments, got \"%1\""_s.arg(
                parser.positionalArguments().constFirst()));
    const QString hostText = parser.value(u"host"_s);
    QHostAddress host;
    if (hostText == u"localhost")
        host = QHostAddress::LocalHost;
    else if (!host.setAddress(hostText))
        return usage(u"--host wants an IP address such as 127.0.0.1, not \"%1\""_s.arg(hostText));
    bool ok = false;
    const uint port = parser.value(u"port"_s).toUInt(&ok);
    if (!ok || port > 65535)
        return usage(u"--port wants a number from 0 to 65535, not \"%1\""_s.arg(
                parser.value(u"port"_s)));

    DemoServer server;
    if (parser.isSet(u"cert"_s) != parser.isSet(u"key"_s))
        return usage(u"--cert and --key go together"_s);
    if (parser.isSet(u"cert"_s)) {
        QString error;
        const QSslConfiguration tls = DemoServer::tlsConfigurationFromFiles(
                parser.value(u"cert"_s), parser.value(u"key"_s), &error);
        if (tls.isNull())
            return usage(error);
        server.setTlsConfiguration(tls);
    }
    if (!server.listen(host, quint16(port)))
        return usage(server.errorString());
    writeOut(u"qcrawl demo server listening on %1/ (Ctrl+C to stop)\n"_s
                     .arg(server.baseUrl().toString())
                     .toUtf8());
    std::fflush(stdout);
    SignalWatcher signalWatcher;
    QEventLoop loop;
    QObject::connect(&signalWatcher, &SignalWatcher::interrupted, &loop, &QEventLoop::quit);
    loop.exec();
    writeErr(u"served %1 request(s)"_s.arg(server.requestsServed()));
    return Success;
}

int Cli::demo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOptions({
            { u"pages"_s, u"How many delayed pages (default 8)."_s, u"N"_s, u"8"_s },
            { u"delay"_s, u"How long each page takes, in ms (default 1000, as the tutorial's)."_s,
              u"MS"_s, u"1000"_s },
            { { u"t"_s, u"threads"_s }, u"pool: worker threads (default 4)."_s, u"N"_s, u"4"_s },
            { { u"c"_s, u"concurrency"_s },
              u"async: requests in flight (default 100)."_s,
              u"N"_s,
              u"100"_s },
            { { u"h"_s, u"help"_s }, u"Show this help."_s },
    });
    parser.addOptions(ProgressLine::optionDefinitions());
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    m_progress = ProgressLine::modeFor(parser);
    if (parser.isSet(u"help"_s)) {
        writeOut((u"Usage: qcrawl-cli demo [OPTIONS]\n\n"
                  u"Starts the built-in demo server and fetches its slow pages serially, with a\n"
                  u"pool of threads and with the async engine, as the tutorial does.\n\n"_s
                  + optionsHelp(parser))
                         .toUtf8());
        return Success;
    }
    auto positive = [&](const QString &name, int max, int *out) {
        bool ok = false;
        *out = parser.value(name).toInt(&ok);
        if (!ok || *out < 1 || *out > max) {
            usage(u"--%1 wants a number from 1 to %2, not \"%3\""_s.arg(name).arg(max).arg(
                    parser.value(name)));
            return false;
        }
        return true;
    };
    int pages = 0, delay = 0;
    FetchOptions options;
    options.proxyMode = FetchOptions::ProxyMode::None; // the demo server is local
    if (!positive(u"pages"_s, 10000, &pages) || !positive(u"delay"_s, 60000, &delay)
        || !positive(u"threads"_s, 1000, &options.threads)
        || !positive(u"concurrency"_s, 100000, &options.concurrency))
        return UsageError;

    DemoServerThread server;
    if (!server.start())
        return usage(u"cannot start the demo server: "_s + server.errorString());
    const DemoScenario scenario { pages, delay };
    QList<FetchJob> jobs;
    for (const QUrl &url : scenario.pageUrls(server.baseUrl()))
        jobs.append({ int(jobs.size()), url, QString() });
    writeOut(u"Demo server at %1/ - %2 pages that each take %3 to answer.\n"
             u"The tutorial's question: how long do they take one by one, with a pool of %4\n"
             u"threads, and with one event loop?\n\n"_s.arg(server.baseUrl().toString())
                     .arg(pages)
                     .arg(formatDuration(delay))
                     .arg(options.threads)
                     .toUtf8());
    std::fflush(stdout);
    QList<CompareRow> rows;
    const int status = compareModes(options, jobs, Format::Table, &rows);
    if (rows.size() == 3) {
        const double serial = std::max<qint64>(1, rows[0].stats.wallMs);
        const double pool = std::max<qint64>(1, rows[1].stats.wallMs);
        const double async = std::max<qint64>(1, rows[2].stats.wallMs);
        const double poolToAsync = ModeComparison::speedUp(rows[1].stats, rows[2].stats);
        const QString versusPool = poolToAsync >= 1.1
                ? u"%1x faster than the pool"_s.arg(poolToAsync, 0, 'f', 1)
                : u"as fast as the pool, which has a thread for every page here"_s;
        writeOut(u"\nOne by one, each page waits for the one before: %1. A pool of %2 threads "
                 u"waits\n"
                 u"%2 at a time: %3. One event loop sends every request and waits for all of them\n"
                 u"at once: %4, %5x faster than serial and %6.\n"_s
                         .arg(formatDuration(qint64(serial)))
                         .arg(options.threads)
                         .arg(formatDuration(qint64(pool)))
                         .arg(formatDuration(qint64(async)))
                         .arg(ModeComparison::speedUp(rows[0].stats, rows[2].stats), 0, 'f', 1)
                         .arg(versusPool)
                         .toUtf8());
    }
    return status;
}

} // namespace qcrawl
