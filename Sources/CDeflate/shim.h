// libdeflate: whole-buffer DEFLATE, about twice as fast as zlib at the same level. The
// archive writer deflates each unique content with it once (see OneShotDeflater.swift).
#include <libdeflate.h>
