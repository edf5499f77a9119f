#pragma once

#include "fetch/fetchtypes.h"

#include <deque>
#include <optional>
#include <set>
#include <utility>

#include <QHash>
#include <QString>

namespace qcrawl {

// The jobs waiting to be fetched, handed out in input order, except that a host already at its
// per-host limit (politeness) is skipped until one of its requests is released. Not thread-safe:
// the async engine uses it on its thread, the blocking engines under a mutex.
//
// Every operation is O(log hosts) (remove() is linear in one host's queue), so 100,000 jobs on one
// host behind a limit of 2 cost no more than without a limit.
class JobQueue final
{
public:
    explicit JobQueue(int perHostLimit = 0);

    void append(const QList<FetchJob> &jobs);

    // The next job whose host has a free slot; that slot is now taken until release().
    std::optional<FetchJob> takeNext();
    void release(const QUrl &url);

    // Removes a job still waiting; nullopt when it is not queued (running or unknown).
    std::optional<FetchJob> remove(int index);
    QList<FetchJob> takeAll();

    bool isEmpty() const { return m_size == 0; }
    qsizetype size() const { return m_size; }

    static QString hostKey(const QUrl &url);

private:
    struct Entry
    {
        quint64 seq;
        FetchJob job;
    };
    struct Host
    {
        std::deque<Entry> waiting;
        int inFlight = 0;
    };

    bool hasCapacity(const Host &host) const;
    void markReady(const QString &key, const Host &host);

    int m_perHostLimit;
    quint64 m_nextSeq = 0;
    qsizetype m_size = 0;
    QHash<QString, Host> m_hosts;
    std::set<std::pair<quint64, QString>> m_ready; // (seq of first waiting job, host key)
};

} // namespace qcrawl
