/* darwin-stub: zlib's headers include unistd.h for off_t and SEEK_* (see ../README.md). */
#ifndef PANAGIT_DARWIN_STUB_UNISTD_H
#define PANAGIT_DARWIN_STUB_UNISTD_H
#include <sys/types.h>
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif
