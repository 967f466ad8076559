/*
 * delta.h -- git's delta format (delta.c); not installed.
 */
#ifndef PANAGIT_DELTA_H
#define PANAGIT_DELTA_H

#include "internal.h"

/* Reads one size (7-bit groups, least significant first) at *cursor, not
 * past end, and advances *cursor. PGIT_OK, or PGIT_EDELTA when the digits
 * run past end or past bit 63. */
int32_t pgit__delta_size(uint64_t *out, const uint8_t **cursor, const uint8_t *end);

/* pgit_delta_apply without the argument checks. */
int32_t pgit__delta_apply(uint8_t *out, size_t out_cap, size_t *out_len,
                          const uint8_t *base, size_t base_len, const uint8_t *delta, size_t delta_len);

#endif /* PANAGIT_DELTA_H */
