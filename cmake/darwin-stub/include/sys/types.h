/* darwin-stub: what zlib's headers need from sys/types.h (see ../../README.md). */
#ifndef PANAGIT_DARWIN_STUB_SYS_TYPES_H
#define PANAGIT_DARWIN_STUB_SYS_TYPES_H
#include <stddef.h>
typedef long long off_t;      /* 64-bit on macOS */
typedef long ssize_t;
#endif
