#include "systemlimits.h"

#include <QtGlobal>

#ifdef Q_OS_UNIX
#    include <sys/resource.h>
#endif

namespace qcrawl {

long raiseOpenFileLimit()
{
#ifdef Q_OS_UNIX
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit wanted = limit;
        wanted.rlim_cur = limit.rlim_max == RLIM_INFINITY ? 65536 : limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &wanted) == 0)
            limit = wanted;
    }
    return long(limit.rlim_cur);
#else
    return -1;
#endif
}

} // namespace qcrawl
