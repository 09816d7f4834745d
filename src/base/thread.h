/* thread.h - scheduling of this process's helper threads.
 *
 * bs_thread_lower_priority(inc) raises the nice value of the calling
 * thread alone by inc (Linux: setpriority on the thread id; threads it
 * creates afterwards inherit it).  A command whose threads are not all on
 * its critical chain lowers the others, so that the chain gets a core of
 * its own on a machine with few.  Raising a nice value needs no
 * privilege; it is not lowered again.  Elsewhere (where the call would
 * reach the whole process) it does nothing.  Returns 0, or -1 when the
 * system refused (the thread then runs as before). */
#ifndef BS_THREAD_H
#define BS_THREAD_H

int bs_thread_lower_priority(int inc);

#endif
