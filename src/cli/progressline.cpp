#include "progressline.h"

#include "util/units.h"

#include <algorithm>
#include <cstdio>
#include <sys/ioctl.h>
#include <unistd.h>

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace qcrawl {

namespace {

constexpr int RedrawMs = 100; // at most 10 redraws a second
constexpr int PeriodicMs = 1000;
constexpr qint64 RateWindowMs = 3000;
constexpr int MaxNameColumns = 28;

// Columns a character takes on a terminal: 2 for East Asian wide and full-width ones, 0 for
// combining marks. Written here because wcwidth() depends on the process's locale.
int columnsOf(char32_t c)
{
    if (QChar::isMark(c))
        return 0;
    const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF)
            || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF)
            || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60)
            || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1FAFF)
            || (c >= 0x20000 && c <= 0x3FFFD);
    return wide ? 2 : 1;
}

int columnsOf(const QString &text)
{
    int n = 0;
    for (char32_t c : text.toUcs4())
        n += columnsOf(c);
    return n;
}

// At most `columns` columns of text, with "…" when cut.
QString fitted(const QString &text, int columns)
{
    if (columnsOf(text) <= columns)
        return text;
    QString out;
    int used = 0;
    for (char32_t c : text.toUcs4()) {
        const int w = columnsOf(c);
        if (used + w > columns - 1)
            break;
        out += QString::fromUcs4(&c, 1);
        used += w;
    }
    return out + u'…';
}

int terminalWidth()
{
    winsize size = {};
    if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    bool ok = false;
    const int columns = qEnvironmentVariableIntValue("COLUMNS", &ok);
    return ok && columns > 0 ? columns : 80;
}

QString clock(qint64 seconds)
{
    if (seconds >= 3600)
        return u"%1:%2:%3"_s.arg(seconds / 3600)
                .arg(seconds / 60 % 60, 2, 10, QChar(u'0'))
                .arg(seconds % 60, 2, 10, QChar(u'0'));
    return u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
}

void writeRaw(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

QList<QCommandLineOption> ProgressLine::optionDefinitions()
{
    return {
        { u"progress"_s,
          u"Show the live status line on stderr even when it is not a terminal (then one line "
          u"per second)."_s },
        { u"no-progress"_s, u"No live status line."_s },
    };
}

ProgressLine::Mode ProgressLine::modeFor(const QCommandLineParser &parser)
{
    if (parser.isSet(u"no-progress"_s))
        return Mode::Off;
    const bool terminal = ::isatty(STDERR_FILENO) == 1 && qgetenv("TERM") != "dumb";
    if (parser.isSet(u"progress"_s))
        return terminal ? Mode::Redraw : Mode::Periodic;
    return terminal ? Mode::Redraw : Mode::Off;
}

ProgressLine::ProgressLine(Mode mode, int totalJobs, QObject *parent)
    : QObject(parent)
    , m_mode(mode)
    , m_totalJobs(totalJobs)
{
    m_clock.start();
    if (m_mode == Mode::Off)
        return;
    console::setStatusLine(this);
    connect(&m_timer, &QTimer::timeout, this, &ProgressLine::tick);
    m_timer.start(m_mode == Mode::Redraw ? RedrawMs : PeriodicMs);
}

ProgressLine::~ProgressLine()
{
    if (m_mode == Mode::Off)
        return;
    erase();
    console::setStatusLine(nullptr);
}

void ProgressLine::jobStarted(int id, const QString &name)
{
    m_running.insert(id, { console::forTerminal(name), 0, -1 });
}

void ProgressLine::jobProgress(int id, qint64 received, qint64 total)
{
    auto job = m_running.find(id);
    if (job == m_running.end())
        return;
    job->received = std::max<qint64>(0, received);
    job->total = total;
}

void ProgressLine::jobFinished(int id, bool ok)
{
    if (const auto job = m_running.constFind(id); job != m_running.constEnd()) {
        m_finishedBytes += job->received;
        m_running.erase(job);
    }
    ++m_done;
    if (!ok)
        ++m_failed;
}

void ProgressLine::erase()
{
    if (m_mode == Mode::Redraw && m_shown)
        writeRaw("\r\033[K");
    m_shown = false;
}

qint64 ProgressLine::bytes() const
{
    qint64 sum = m_finishedBytes;
    for (const Job &job : m_running)
        sum += job.received;
    return sum;
}

double ProgressLine::rate() const
{
    if (m_samples.size() < 2)
        return 0;
    const auto &[t0, b0] = m_samples.constFirst();
    const auto &[t1, b1] = m_samples.constLast();
    return t1 > t0 ? double(b1 - b0) * 1000.0 / double(t1 - t0) : 0;
}

QString ProgressLine::eta() const
{
    const int left = m_totalJobs - m_done;
    if (left <= 0)
        return {};
    // Every job left is running with a known size: by bytes; else by the jobs' pace so far.
    const bool sizesKnown = left == m_running.size()
            && std::all_of(m_running.cbegin(), m_running.cend(),
                           [](const Job &job) { return job.total >= 0; });
    if (sizesKnown) {
        qint64 remaining = 0;
        for (const Job &job : m_running)
            remaining += std::max<qint64>(0, job.total - job.received);
        const double perSecond = rate();
        return perSecond > 0 ? clock(qint64(double(remaining) / perSecond) + 1) : QString();
    }
    if (m_done < 3) // too few to say how long the others take
        return {};
    return clock(m_clock.elapsed() * left / m_done / 1000 + 1);
}

QString ProgressLine::render(int width) const
{
    // Each part with its priority: what does not fit goes, least important first, and the rest
    // keeps its order.
    struct Part
    {
        QString text;
        int priority; // 0 first
    };
    QList<Part> parts;
    QString counts = u"%1/%2 done"_s.arg(m_done).arg(m_totalJobs);
    if (m_failed > 0)
        counts += u", %1 failed"_s.arg(m_failed);
    parts.append({ counts, 0 });
    parts.append({ u"%1 running"_s.arg(m_running.size()), 8 });
    QString amount = formatBytes(bytes());
    if (const double perSecond = rate(); perSecond > 0)
        amount += u" at "_s + formatBytes(qint64(perSecond)) + u"/s"_s;
    parts.append({ amount, 2 });
    if (const QString left = eta(); !left.isEmpty())
        parts.append({ u"ETA "_s + left, 1 });
    // The largest transfers, once they are large enough to be worth watching.
    QList<Job> large;
    for (const Job &job : m_running) {
        if (std::max(job.total, job.received) >= 1024 * 1024)
            large.append(job);
    }
    std::sort(large.begin(), large.end(), [](const Job &a, const Job &b) {
        return std::max(a.total, a.received) > std::max(b.total, b.received);
    });
    for (qsizetype i = 0; i < std::min<qsizetype>(3, large.size()); ++i) {
        const Job &job = large.at(i);
        const QString done = job.total > 0
                ? u"%1%"_s.arg(std::min<qint64>(100, job.received * 100 / job.total))
                : formatBytes(job.received);
        parts.append({ fitted(job.name.isEmpty() ? u"?"_s : job.name, MaxNameColumns) + u' ' + done,
                       i == 0 ? 3 : 6 + int(i) });
    }

    // Fitted to the width, one column spare (a full last column makes some terminals wrap).
    const int room = std::max(10, width - 1);
    const QString separator = u" · "_s;
    QList<bool> keep(parts.size(), false);
    int used = 0;
    for (int priority = 0; priority <= 9; ++priority) {
        for (qsizetype i = 0; i < parts.size(); ++i) {
            if (parts.at(i).priority != priority)
                continue;
            const int cost = columnsOf(parts.at(i).text) + (used > 0 ? 3 : 0);
            if (used + cost <= room || used == 0) {
                keep[i] = true;
                used += cost;
            }
        }
    }
    QStringList kept;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (keep.at(i))
            kept.append(parts.at(i).text);
    }
    return fitted(kept.join(separator), room);
}

void ProgressLine::tick()
{
    const qint64 now = m_clock.elapsed();
    m_samples.append({ now, bytes() });
    while (m_samples.size() > 2 && now - m_samples.constFirst().first > RateWindowMs)
        m_samples.removeFirst();
    draw();
}

void ProgressLine::draw()
{
    const QByteArray text = render(m_mode == Mode::Redraw ? terminalWidth() : 200).toUtf8();
    if (m_mode == Mode::Periodic) {
        writeRaw(text + '\n');
        return;
    }
    writeRaw("\r\033[K" + text);
    m_shown = true;
}

} // namespace qcrawl
