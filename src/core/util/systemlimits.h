#pragma once

namespace qcrawl {

// Raises the soft limit on open files to the hard limit: a crawler with hundreds of connections
// and a server with thousands run out of the usual 1024 descriptors. Returns the new soft limit
// (or -1 where unsupported).
long raiseOpenFileLimit();

// Makes the calling thread nicer by `delta` (Linux: per-thread nice value). Threads it starts
// later inherit it, network managers' and thread pools' included. The engine thread uses this so
// that under CPU contention the scheduler favours the thread that paints the GUI.
void lowerCurrentThreadPriority(int delta);

} // namespace qcrawl
