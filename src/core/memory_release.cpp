#include "memory_release.h"

#include <QtGlobal>

#include <cstdlib> // defines __GLIBC__ on glibc
#include <mutex>

#if defined(Q_OS_LINUX) && defined(__GLIBC__)
#include <malloc.h>
#endif

namespace hydra {

#if defined(Q_OS_LINUX) && defined(__GLIBC__)

void returnLargeBuffersToTheSystem()
{
    static std::once_flag once;
    std::call_once(once, [] {
        // Setting it at all fixes it (no more raising after large frees); the trim threshold,
        // which decides when the top of the heap is given back, stays at its default.
        mallopt(M_MMAP_THRESHOLD, static_cast<int>(largeBufferBytes));
    });
}

void trimFreedMemory()
{
    malloc_trim(0);
}

#else

void returnLargeBuffersToTheSystem() {}
void trimFreedMemory() {}

#endif

} // namespace hydra
