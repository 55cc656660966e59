#include <archive.h>
#include <archive_entry.h>
// zlib: CRC-32, and the streaming deflate for contents too large for one libdeflate call
// (see Deflater.swift and OneShotDeflater.swift).
#include <zlib.h>
// glibc's malloc_trim: freed heap pages go back to the system between archives (see
// MemoryRelease.swift).
#if defined(__GLIBC__)
#include <malloc.h>
#endif
