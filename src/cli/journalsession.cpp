#include "journalsession.h"

#include "console.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace qcrawl {

std::unique_ptr<JournalSession> JournalSession::open(const QString &path, Access access,
                                                     QString *error)
{
    std::unique_ptr<JournalSession> session(new JournalSession);
    const QFileInfo info(path);
    if (access == Access::Read && !info.isFile()) {
        *error = u"no journal at %1"_s.arg(path);
        return nullptr;
    }
    if (access == Access::Write) {
        if (!QDir().mkpath(info.absolutePath())) {
            *error = u"cannot create the folder of the journal %1"_s.arg(path);
            return nullptr;
        }
        session->m_lock = std::make_unique<QLockFile>(path + u".lock"_s);
        session->m_lock->setStaleLockTime(0); // stale only when its process is gone
        if (!session->m_lock->tryLock(0)) {
            qint64 pid = 0;
            QString host, app;
            session->m_lock->getLockInfo(&pid, &host, &app);
            *error = session->m_lock->error() == QLockFile::LockFailedError
                    ? u"the journal %1 is in use by another qcrawl (process %2)"_s.arg(path).arg(
                            pid)
                    : u"cannot lock the journal %1 (%2.lock)"_s.arg(path, path);
            return nullptr;
        }
    }
    QString message;
    switch (session->m_journal.open(path, &message)) {
    case Journal::OpenResult::Opened:
        return session;
    case Journal::OpenResult::Recreated:
        console::writeErr(u"qcrawl-cli: "_s + message);
        return session;
    case Journal::OpenResult::TooNew:
    case Journal::OpenResult::Failed:
        break;
    }
    *error = message;
    return nullptr;
}

} // namespace qcrawl
