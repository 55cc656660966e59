#include <archive.h>
#include <archive_entry.h>
// zlib: the archive writer deflates each unique content once and splices the raw
// deflate streams into zip entries and a single gzip member (see DeflatedContent.swift).
#include <zlib.h>
