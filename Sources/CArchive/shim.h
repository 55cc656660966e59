#include <archive.h>
#include <archive_entry.h>
// zlib: CRC-32, and the streaming deflate for contents too large for one libdeflate call
// (see Deflater.swift and OneShotDeflater.swift).
#include <zlib.h>
