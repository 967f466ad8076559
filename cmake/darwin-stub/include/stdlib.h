/* darwin-stub: the stdlib.h declarations libpanagit uses (see ../README.md). */
#ifndef PANAGIT_DARWIN_STUB_STDLIB_H
#define PANAGIT_DARWIN_STUB_STDLIB_H
#include <stddef.h>
void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
char *getenv(const char *name);
#endif
