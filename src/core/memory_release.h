#pragma once
// Memory that one large request used goes back to the OS when the request is done.
//
// glibc's malloc serves a buffer from pages of its own (mmap) only above a threshold, and by
// default it raises that threshold to the size of any such buffer freed (up to 32 MB). After
// one 29 MB request body, every later buffer below 29 MB came from the heap, whose memory a
// process rarely gives back: the gateway stayed at 151 MB resident. A fixed threshold turns
// that adjustment off, so a large buffer is always mapped on its own and unmapped when freed
// (tst_cli's memoryOfALargeRequestGoesBackToTheSystem: 29 -> 59 MB resident without it, 29 MB with).
//
// Platform code lives in memory_release.cpp behind #if, with a no-op for everything else
// (other C libraries, Windows and macOS allocators return large blocks by themselves).

#include <cstddef>

namespace hydra {

// Buffers of at least this size get pages of their own.
inline constexpr std::size_t largeBufferBytes = 256 * 1024;

// Once per process, before the gateway serves (later calls do nothing). Thread-safe.
void returnLargeBuffersToTheSystem();

// Gives the free memory at the top of malloc's heaps back to the system now. A large body that
// arrives in many small reads is buffered in pieces below the threshold above; once its
// connection is gone they are free but, on Qt's own event dispatcher, often not at the top of a
// heap, and 64 MB stayed resident after one 29 MB request. Called after such a connection closes.
void trimFreedMemory();

} // namespace hydra
