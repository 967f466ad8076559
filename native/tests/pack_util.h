/*
 * pack_util.h -- building packs and deltas by hand for the tests: entries
 * of any type (including malformed ones), zlib streams, and delta
 * instructions.
 */
#ifndef PANAGIT_PACK_UTIL_H
#define PANAGIT_PACK_UTIL_H

#include "test_util.h"

typedef struct {
    uint8_t *data;
    size_t len, cap;
} buf;

static inline void buf_put(buf *b, const void *p, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        b->data = realloc(b->data, b->cap);
        if (b->data == NULL)
            exit(2);
    }
    if (n > 0)
        memcpy(b->data + b->len, p, n);
    b->len += n;
}

static inline void buf_byte(buf *b, uint8_t c)
{
    buf_put(b, &c, 1);
}

/* "PACK", version 2, `count` entries. */
static inline void pack_start(buf *b, uint32_t count)
{
    uint8_t h[12] = { 'P', 'A', 'C', 'K', 0, 0, 0, 2 };
    h[8] = (uint8_t)(count >> 24);
    h[9] = (uint8_t)(count >> 16);
    h[10] = (uint8_t)(count >> 8);
    h[11] = (uint8_t)count;
    buf_put(b, h, sizeof(h));
}

/* An entry header: 3 type bits and the size in 7-bit groups. */
static inline void pack_entry_header(buf *b, int type, uint64_t size)
{
    uint8_t c = (uint8_t)((type << 4) | (size & 15));
    size >>= 4;
    while (size) {
        buf_byte(b, c | 0x80);
        c = size & 0x7f;
        size >>= 7;
    }
    buf_byte(b, c);
}

/* The OFS_DELTA distance, in git's "add one per continuation" digits. */
static inline void pack_ofs(buf *b, uint64_t rel)
{
    uint8_t digits[16];
    int n = 0;
    digits[15 - n] = rel & 0x7f;
    while (rel >>= 7) {
        rel--;
        n++;
        digits[15 - n] = 0x80 | (rel & 0x7f);
    }
    buf_put(b, digits + 15 - n, (size_t)n + 1);
}

/* Appends data zlib-compressed. */
static inline void pack_deflated(buf *b, const uint8_t *data, size_t len)
{
    pgit_size z_len;
    uint8_t *z = zcompress(data, len, &z_len);
    buf_put(b, z, z_len);
    free(z);
}

/* A whole-object entry; returns its offset. */
static inline size_t pack_whole(buf *b, int type, const uint8_t *data, size_t len)
{
    size_t at = b->len;
    pack_entry_header(b, type, len);
    pack_deflated(b, data, len);
    return at;
}

/* A delta size (7-bit groups, least significant first). */
static inline void delta_size(buf *b, uint64_t v)
{
    do {
        uint8_t c = v & 0x7f;
        v >>= 7;
        buf_byte(b, c | (v ? 0x80 : 0));
    } while (v);
}

/* A copy instruction with only the bytes that are non-zero. */
static inline void delta_copy(buf *b, uint32_t offset, uint32_t size)
{
    uint8_t op = 0x80, args[7];
    int n = 0, i;
    for (i = 0; i < 4; i++)
        if ((offset >> (8 * i)) & 0xff) {
            op |= (uint8_t)(1u << i);
            args[n++] = (uint8_t)(offset >> (8 * i));
        }
    if (size == 0x10000)
        size = 0;
    for (i = 0; i < 3; i++)
        if ((size >> (8 * i)) & 0xff) {
            op |= (uint8_t)(0x10u << i);
            args[n++] = (uint8_t)(size >> (8 * i));
        }
    buf_byte(b, op);
    buf_put(b, args, (size_t)n);
}

static inline void delta_insert(buf *b, const void *p, uint8_t n)
{
    buf_byte(b, n);
    buf_put(b, p, n);
}

#endif
