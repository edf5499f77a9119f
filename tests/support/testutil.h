#pragma once

// The small helpers every kind of test needs, written once: whole files read and written, the
// JSONL that qcrawl-cli prints, a free port on 127.0.0.1, this process's resident memory, and
// whether the build is instrumented (time and memory limits differ there).

#include <unistd.h>

#include <QByteArray>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QTcpServer>

namespace qcrawl::test {

// Whether this test binary runs under AddressSanitizer (GCC defines __SANITIZE_ADDRESS__, Clang
// answers __has_feature): time limits are several times longer there, and its quarantine makes
// resident memory meaningless.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool UnderSanitizer = true;
#elif defined(__has_feature)
#    if __has_feature(address_sanitizer)
inline constexpr bool UnderSanitizer = true;
#    else
inline constexpr bool UnderSanitizer = false;
#    endif
#else
inline constexpr bool UnderSanitizer = false;
#endif

// Whether the code runs instrumented, several times slower than it ships: under a sanitizer, or
// counting its coverage (scripts/coverage defines QCRAWL_COVERAGE). Time limits allow for it.
#ifdef QCRAWL_COVERAGE
inline constexpr bool InstrumentedBuild = true;
#else
inline constexpr bool InstrumentedBuild = UnderSanitizer;
#endif

// The whole file, or ifUnreadable when it cannot be read (missing, a folder, no permission):
// tests that must tell a missing file from an empty one pass a marker such as "<none>".
inline QByteArray readFile(const QString &path, const QByteArray &ifUnreadable = {})
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : ifUnreadable;
}

// Writes bytes to path (replacing it); a test that cannot set up its files stops at once.
inline void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
}

// qcrawl-cli's JSONL output, one object per non-empty line; a line that is not JSON warns (and
// gives an empty object, which the caller's checks then catch).
inline QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
        if (error.error != QJsonParseError::NoError)
            qWarning("not JSON: %s", line.constData());
        objects.append(doc.object());
    }
    return objects;
}

// A port on 127.0.0.1 that nothing listened on when asked (the probe is closed on return): for
// a server to start on, or for a connection that is refused.
inline quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen on 127.0.0.1");
    return probe.serverPort();
}

// This process's resident memory (Linux: /proc/self/statm), in bytes; -1 when unknown.
inline qint64 residentBytes()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

// The most resident memory this process has had (VmHWM) since it started or since
// resetPeakResidentBytes(), in bytes; -1 when unknown.
inline qint64 peakResidentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    static const QRegularExpression hwm(QStringLiteral("VmHWM:\\s+(\\d+) kB"));
    const QRegularExpressionMatch match = hwm.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() * 1024 : -1;
}

// Starts VmHWM again from the current resident memory (Linux 4.0+), so that what earlier tests
// used does not count.
inline void resetPeakResidentBytes()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    if (clear.open(QIODevice::WriteOnly))
        clear.write("5");
}

} // namespace qcrawl::test
