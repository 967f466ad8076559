/*
 * internal.h -- declarations shared by libpanagit's sources; not installed.
 */
#ifndef PANAGIT_INTERNAL_H
#define PANAGIT_INTERNAL_H

#include "panagit.h"

#include <stdint.h>
#include <stddef.h>

_Static_assert(sizeof(size_t) == sizeof(pgit_size), "libpanagit supports 64-bit targets only");

/* Compress `n` 64-byte blocks at `data` into the hash state words `h`. */
typedef void (*pgit_blocks_fn)(uint32_t *h, const uint8_t *data, size_t n);

/* The same for SHA-1 with collision detection (sha1dc.c): returns 1 when a
 * block carries a collision attack, else 0. */
typedef uint32_t (*pgit_dc_blocks_fn)(uint32_t *h, const uint8_t *data, size_t n);

/* PGIT_HASH_SHA1, PGIT_HASH_SHA256 or PGIT_HASH_SHA1_UNCHECKED. */
static inline int pgit__algo_known(int32_t algo)
{
    return algo == PGIT_HASH_SHA1 || algo == PGIT_HASH_SHA256 || algo == PGIT_HASH_SHA1_UNCHECKED;
}

/* Portable C block functions (sha1.c, sha256.c). */
void pgit__sha1_blocks_portable(uint32_t h[5], const uint8_t *data, size_t n);
void pgit__sha256_blocks_portable(uint32_t h[8], const uint8_t *data, size_t n);

/* Hardware block functions (sha_x86.c); present when PGIT_HAVE_X86_SHA. */
#if defined(PGIT_HAVE_X86_SHA)
void pgit__sha1_blocks_shani(uint32_t h[5], const uint8_t *data, size_t n);
void pgit__sha256_blocks_shani(uint32_t h[8], const uint8_t *data, size_t n);
void pgit__sha1_blocks_shani_avx(uint32_t h[5], const uint8_t *data, size_t n);
void pgit__sha256_blocks_shani_avx(uint32_t h[8], const uint8_t *data, size_t n);
uint32_t pgit__sha1dc_blocks_shani(uint32_t h[5], const uint8_t *data, size_t n);
uint32_t pgit__sha1dc_blocks_shani_avx(uint32_t h[5], const uint8_t *data, size_t n);
void pgit__sha1_blocks_shani_avx2(uint32_t h[5], const uint8_t *data, size_t n);
void pgit__sha256_blocks_shani_avx2(uint32_t h[8], const uint8_t *data, size_t n);
uint32_t pgit__sha1dc_blocks_shani_avx2(uint32_t h[5], const uint8_t *data, size_t n);
uint32_t pgit__sha1_blocks_x3_shani(uint32_t *const h[3], const uint8_t *const data[3], size_t n, int detect);
uint32_t pgit__sha1_blocks_x3_shani_avx(uint32_t *const h[3], const uint8_t *const data[3], size_t n, int detect);
uint32_t pgit__sha1_blocks_x3_shani_avx2(uint32_t *const h[3], const uint8_t *const data[3], size_t n, int detect);
uint32_t pgit__sha256_blocks_x3_shani(uint32_t *const h[3], const uint8_t *const data[3], size_t n, int detect);
uint32_t pgit__sha256_blocks_x3_shani_avx(uint32_t *const h[3], const uint8_t *const data[3], size_t n, int detect);
uint32_t pgit__sha256_blocks_x3_shani_avx2(uint32_t *const h[3], const uint8_t *const data[3], size_t n, int detect);
/* SHA-1 of 16 messages at once with AVX-512 (sha1_x16.c): message s starts at
 * base + s * stride and has n[s] blocks; h[s] is its chaining value. Every
 * message's region must hold max(n) blocks of readable bytes (a lane past its
 * own blocks reads but ignores them). With detect, returns bit s set when
 * message s carries a collision attack. */
uint32_t pgit__sha1_blocks_x16_avx512(uint32_t h[16][5], const uint8_t *base, size_t stride,
                                      const uint32_t n[16], int detect);
int pgit__cpu_has_avx512(void);
/* The collision check's conditions with AVX2 (sha1dc_x86.c): pgit__sha1dc_ubc's answer. */
uint32_t pgit__sha1dc_ubc_avx2(const uint32_t w[80]);
int pgit__cpu_has_shani(void);
int pgit__cpu_has_avx(void);
int pgit__cpu_has_avx2(void);
#endif

/* ARMv8 Cryptography Extensions block functions (sha_arm.c); present when PGIT_HAVE_ARMV8_SHA. */
#if defined(PGIT_HAVE_ARMV8_SHA)
void pgit__sha1_blocks_armv8(uint32_t h[5], const uint8_t *data, size_t n);
void pgit__sha256_blocks_armv8(uint32_t h[8], const uint8_t *data, size_t n);
int pgit__cpu_has_armv8_sha(void);
#endif

/* Collision-detecting SHA-1 over the portable and ARMv8 block functions (sha1dc.c). */
uint32_t pgit__sha1dc_blocks_portable(uint32_t h[5], const uint8_t *data, size_t n);
#if defined(PGIT_HAVE_ARMV8_SHA)
uint32_t pgit__sha1dc_blocks_armv8(uint32_t h[5], const uint8_t *data, size_t n);
#endif

/* Three streams of n blocks each, in step (the SHA unit interleaves them),
 * SHA-1 or SHA-256; for SHA-1 with detect, returns bit s set when stream s
 * carries a collision attack (SHA-256 returns 0). */
typedef uint32_t (*pgit_x3_fn)(uint32_t *const h[3], const uint8_t *const data[3], size_t n, int detect);

/* The block functions chosen for this CPU (cpu.c), and their names;
 * pgit__x3_blocks (for PGIT_HASH_*) and pgit__sha1_x16_blocks are NULL
 * where no such function pays. */
pgit_x3_fn pgit__x3_blocks(int32_t algo);

typedef uint32_t (*pgit_sha1_x16_fn)(uint32_t h[16][5], const uint8_t *base, size_t stride,
                                     const uint32_t n[16], int detect);
pgit_sha1_x16_fn pgit__sha1_x16_blocks(void);
pgit_blocks_fn pgit__sha1_blocks(void);
pgit_dc_blocks_fn pgit__sha1dc_blocks(void);
pgit_blocks_fn pgit__sha256_blocks(void);
const char *pgit__sha1_impl_name(void);
const char *pgit__sha256_impl_name(void);

/* A streaming hash state; pgit_hash_state_size() returns its size. */
typedef struct pgit_hash_ctx {
    uint32_t magic;       /* PGIT__HASH_LIVE while started */
    int32_t algo;
    uint64_t total_len;   /* bytes fed so far */
    uint32_t h[8];
    uint8_t buf[64];
    uint32_t buf_len;
    uint32_t collided;    /* 1 once a collision attack was detected */
    pgit_blocks_fn blocks;
    pgit_dc_blocks_fn dc_blocks;   /* PGIT_HASH_SHA1: used instead of `blocks` */
} pgit_hash_ctx;

#define PGIT__HASH_LIVE 0x70676874u

/* Same as the public pgit_hash_* functions, without argument checks.
 * pgit__hash_end writes the digest and returns PGIT_OK, or PGIT_ECOLLISION
 * when a collision attack was detected on the way. */
void pgit__hash_start(pgit_hash_ctx *ctx, int32_t algo);
void pgit__hash_feed(pgit_hash_ctx *ctx, const uint8_t *data, size_t len);
int32_t pgit__hash_end(pgit_hash_ctx *ctx, uint8_t *out);

/* The longest padded message hashed from one buffer, in bytes. */
#define PGIT__WHOLE_MAX 1024

/* Writes first[0..first_len), then second[0..second_len), then SHA's padding
 * (both algorithms pad alike) to whole[] and returns the count of 64-byte
 * blocks; 0 when the two do not fit in PGIT__WHOLE_MAX - 9 bytes. */
size_t pgit__hash_pad_whole(uint8_t whole[PGIT__WHOLE_MAX], const uint8_t *first, size_t first_len,
                            const uint8_t *second, size_t second_len);

/* Compresses whole blocks into a started state (no buffering: the caller
 * pads, see pgit__hash_pad_whole), noting a collision attack. */
void pgit__hash_blocks(pgit_hash_ctx *ctx, const uint8_t *blocks, size_t n);

/* Writes the state's words as the digest (after padded blocks), ends the
 * state, and returns PGIT_OK or PGIT_ECOLLISION. */
int32_t pgit__hash_digest_of(uint8_t *out, pgit_hash_ctx *ctx);

/* The digest of first[0..first_len) followed by second[0..second_len), in
 * one go (small inputs in one call to the block function). Returns PGIT_OK
 * or PGIT_ECOLLISION. */
int32_t pgit__hash_parts(uint8_t *out, int32_t algo, const uint8_t *first, size_t first_len,
                         const uint8_t *second, size_t second_len);

static inline uint32_t pgit__rol32(uint32_t x, unsigned n)
{
    return (x << n) | (x >> ((32 - n) & 31));
}

/* Big-endian loads and stores, whatever the host byte order. */
static inline uint32_t pgit__load_be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static inline void pgit__store_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static inline void pgit__store_be64(uint8_t *p, uint64_t v)
{
    pgit__store_be32(p, (uint32_t)(v >> 32));
    pgit__store_be32(p + 4, (uint32_t)v);
}

/* Hashes "<type> <len>\0" and content[0..len) into out_id (object.c).
 * Returns PGIT_OK or PGIT_ECOLLISION; type must be known. */
int32_t pgit__object_hash(uint8_t *out_id, int32_t algo, int32_t type, const uint8_t *content, size_t len);

/* Object headers (object.c). */
const char *pgit__type_name(int32_t type);

/* Writes "<type> <len>\0" to out (PGIT_MAX_HEADER_SIZE bytes of room) and
 * returns its length, or 0 for an unknown type. */
size_t pgit__header_write(uint8_t *out, int32_t type, uint64_t len);

/* Parses a header at the start of buf[0..len). Returns PGIT_OK with the
 * type, size and header length; PGIT_MORE when no NUL was found and len <
 * PGIT_MAX_HEADER_SIZE (more bytes might complete it); PGIT_EHEADER or
 * PGIT_EOVERFLOW. */
int32_t pgit__header_parse(int32_t *type, uint64_t *size, size_t *header_len,
                           const uint8_t *buf, size_t len);

#endif /* PANAGIT_INTERNAL_H */
