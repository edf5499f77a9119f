#pragma once

#include "journal/journaltypes.h"

#include <QByteArray>

namespace qcrawl {

// A job's result as the journal stores it: one QDataStream record (its own format version
// first, Qt 6.4's stream format), with the error as its kind's name and arguments and the
// validators a resume needs (ETag, Last-Modified) taken from the response headers. One blob
// instead of twenty columns: Qt SQL pays about half a microsecond for every bound value, and a
// record costs less than that to write. decode() reads what encode() wrote; a record of
// another format or a damaged one reads as no result.
class JournalResultCodec final
{
public:
    static QByteArray encode(const FetchResult &result);
    // index, url and filePath are the job's, not the blob's: set by the caller.
    static void decode(const QByteArray &bytes, JournalJob *job);
};

} // namespace qcrawl
