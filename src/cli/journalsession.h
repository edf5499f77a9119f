#pragma once

#include "journal/journal.h"

#include <memory>

#include <QLockFile>
#include <QString>

namespace qcrawl {

// The journal a CLI command works on. A command that writes holds a lock beside the file
// ("<file>.lock", freed by the system when a process dies, so a killed run never blocks its
// resume): two runs appending to one journal at once would each resume the other's jobs.
class JournalSession final
{
public:
    enum class Access { Read, Write };

    // nullptr with *error set when it cannot be used; a notice (a damaged file moved aside) goes
    // to stderr. Read wants an existing file.
    static std::unique_ptr<JournalSession> open(const QString &path, Access access, QString *error);

    Journal &journal() { return m_journal; }

private:
    JournalSession() = default;

    Journal m_journal;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace qcrawl
