#include "systemlimits.h"

#include <algorithm>
#include <cerrno>

#include <QtGlobal>

#ifdef Q_OS_UNIX
#    include <sys/resource.h>
#endif
#ifdef Q_OS_LINUX
#    include <sys/syscall.h>
#    include <unistd.h>
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

void lowerCurrentThreadPriority(int delta)
{
#ifdef Q_OS_LINUX
    const auto tid = id_t(syscall(SYS_gettid));
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        setpriority(PRIO_PROCESS, tid, std::min(19, current + delta));
#else
    Q_UNUSED(delta);
#endif
}

} // namespace qcrawl
