#include "jobqueue.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qcrawl {

JobQueue::JobQueue(int perHostLimit)
    : m_perHostLimit(std::max(0, perHostLimit))
{ }

QString JobQueue::hostKey(const QUrl &url)
{
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    return url.host().toLower() + u':' + QString::number(url.port(defaultPort));
}

bool JobQueue::hasCapacity(const Host &host) const
{
    return m_perHostLimit == 0 || host.inFlight < m_perHostLimit;
}

void JobQueue::markReady(const QString &key, const Host &host)
{
    if (!host.waiting.empty() && hasCapacity(host))
        m_ready.emplace(host.waiting.front().seq, key);
}

void JobQueue::append(const QList<FetchJob> &jobs)
{
    for (const FetchJob &job : jobs) {
        const QString key = hostKey(job.url);
        Host &host = m_hosts[key];
        const bool wasEmpty = host.waiting.empty();
        host.waiting.push_back({ m_nextSeq++, job });
        ++m_size;
        if (wasEmpty)
            markReady(key, host);
    }
}

std::optional<FetchJob> JobQueue::takeNext()
{
    if (m_ready.empty())
        return std::nullopt;
    const QString key = m_ready.begin()->second;
    m_ready.erase(m_ready.begin());
    Host &host = m_hosts[key];
    FetchJob job = std::move(host.waiting.front().job);
    host.waiting.pop_front();
    ++host.inFlight;
    --m_size;
    markReady(key, host);
    return job;
}

void JobQueue::release(const QUrl &url)
{
    const QString key = hostKey(url);
    auto it = m_hosts.find(key);
    if (it == m_hosts.end() || it->inFlight == 0)
        return;
    const bool wasFull = !hasCapacity(*it);
    --it->inFlight;
    if (wasFull)
        markReady(key, *it);
    if (it->inFlight == 0 && it->waiting.empty())
        m_hosts.erase(it);
}

std::optional<FetchJob> JobQueue::remove(int index)
{
    for (auto it = m_hosts.begin(); it != m_hosts.end(); ++it) {
        auto &waiting = it->waiting;
        auto pos = std::find_if(waiting.begin(), waiting.end(),
                                [index](const Entry &e) { return e.job.index == index; });
        if (pos == waiting.end())
            continue;
        const bool wasFront = pos == waiting.begin();
        if (wasFront)
            m_ready.erase({ pos->seq, it.key() });
        FetchJob job = std::move(pos->job);
        waiting.erase(pos);
        --m_size;
        if (wasFront)
            markReady(it.key(), *it);
        return job;
    }
    return std::nullopt;
}

QList<FetchJob> JobQueue::takeAll()
{
    std::vector<Entry> all;
    all.reserve(size_t(m_size));
    for (auto it = m_hosts.begin(); it != m_hosts.end(); ++it) {
        for (Entry &e : it->waiting)
            all.push_back(std::move(e));
        it->waiting.clear();
    }
    std::sort(all.begin(), all.end(), [](const Entry &a, const Entry &b) { return a.seq < b.seq; });
    m_ready.clear();
    m_size = 0;
    QList<FetchJob> jobs;
    jobs.reserve(qsizetype(all.size()));
    for (Entry &e : all)
        jobs.append(std::move(e.job));
    return jobs;
}

} // namespace qcrawl
