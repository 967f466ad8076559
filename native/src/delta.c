/*
 * delta.c -- git's delta format: two sizes, then copy and insert
 * instructions that rebuild an object from a base object.
 *
 *   size      := 7-bit groups, least significant first, high bit = more
 *   copy      := 1oooosss: up to 4 offset bytes and 3 size bytes follow,
 *                one for each bit set (offset bits 0-3, size bits 4-6);
 *                a size of 0 means 0x10000
 *   insert    := 0nnnnnnn (n > 0): n literal bytes follow
 *   reserved  := 00000000
 */
#include "delta.h"

#include <string.h>

int32_t pgit__delta_size(uint64_t *out, const uint8_t **cursor, const uint8_t *end)
{
    const uint8_t *p = *cursor;
    uint64_t value = 0;
    unsigned shift = 0;
    uint8_t byte;

    do {
        if (p == end || shift > 63)
            return PGIT_EDELTA;
        byte = *p++;
        if (shift > 57 && ((uint64_t)(byte & 0x7f) >> (64 - shift)) != 0)
            return PGIT_EDELTA;   /* digits past bit 63 */
        value |= (uint64_t)(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    *out = value;
    *cursor = p;
    return PGIT_OK;
}

/* Runs the instructions in [p, end) against base; writes to out only when
 * out is not NULL (the caller then guarantees result_size bytes of room).
 * Every bound is checked before any byte moves. */
static int32_t run(uint8_t *out, uint64_t result_size, const uint8_t *base, uint64_t base_len,
                   const uint8_t *p, const uint8_t *end)
{
    uint64_t pos = 0;

    while (p < end) {
        uint8_t op = *p++;

        if (op & 0x80) {
            uint64_t offset = 0, size = 0;
            unsigned i;

            for (i = 0; i < 4; i++) {
                if (op & (1u << i)) {
                    if (p == end)
                        return PGIT_EDELTA;
                    offset |= (uint64_t)*p++ << (8 * i);
                }
            }
            for (i = 0; i < 3; i++) {
                if (op & (0x10u << i)) {
                    if (p == end)
                        return PGIT_EDELTA;
                    size |= (uint64_t)*p++ << (8 * i);
                }
            }
            if (size == 0)
                size = 0x10000;
            if (offset > base_len || size > base_len - offset || size > result_size - pos)
                return PGIT_EDELTA;
            if (out != NULL)
                memcpy(out + pos, base + offset, (size_t)size);
            pos += size;
        } else if (op != 0) {
            if (op > (size_t)(end - p) || op > result_size - pos)
                return PGIT_EDELTA;
            if (out != NULL)
                memcpy(out + pos, p, op);
            p += op;
            pos += op;
        } else {
            return PGIT_EDELTA;   /* reserved */
        }
    }
    return pos == result_size ? PGIT_OK : PGIT_EDELTA;
}

int32_t pgit__delta_apply(uint8_t *out, size_t out_cap, size_t *out_len,
                          const uint8_t *base, size_t base_len, const uint8_t *delta, size_t delta_len)
{
    const uint8_t *p = delta, *end = delta + delta_len;
    uint64_t declared_base, result_size;
    int32_t rc;

    if (pgit__delta_size(&declared_base, &p, end) != PGIT_OK ||
        pgit__delta_size(&result_size, &p, end) != PGIT_OK || declared_base != base_len)
        return PGIT_EDELTA;
    if (result_size > out_cap) {
        rc = run(NULL, result_size, base, base_len, p, end);
        if (rc != PGIT_OK)
            return rc;
        *out_len = (size_t)result_size;   /* out_cap < result_size <= SIZE_MAX */
        return PGIT_EBUFSIZE;
    }
    rc = run(out, result_size, base, base_len, p, end);
    if (rc == PGIT_OK)
        *out_len = (size_t)result_size;
    return rc;
}

int32_t pgit_delta_apply(uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                         const uint8_t *base, pgit_size base_len,
                         const uint8_t *delta, pgit_size delta_len)
{
    size_t made = 0;
    int32_t rc;

    if (out_len == NULL || (out == NULL && out_cap > 0) || (base == NULL && base_len > 0) ||
        (delta == NULL && delta_len > 0))
        return PGIT_EINVAL;
    rc = pgit__delta_apply(out, out_cap, &made, base, base_len, delta, delta_len);
    if (rc == PGIT_OK || rc == PGIT_EBUFSIZE)
        *out_len = made;
    return rc;
}
