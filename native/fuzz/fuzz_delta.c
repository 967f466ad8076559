/*
 * fuzz_delta.c -- git deltas from untrusted bytes: pgit_delta_apply checks
 * every copy and size before writing, and pgit_pack_delta_resolve (inflate,
 * apply, hash) gives the same verdict and result on the compressed delta.
 *
 * Input: bytes 0-1 the base length (little-endian, cut to what is there),
 * then the base, then the delta.
 */
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pgit_codec *codec = fuzz_codec();
    const uint8_t *base, *delta;
    size_t base_len, delta_len, z_len;
    pgit_size result_len = 0, resolved_len = 0, used;
    uint8_t *result = NULL, *resolved = NULL, *z;
    int32_t rc_size, rc_apply, rc_resolve;
    uint8_t id[20];

    if (size < 2)
        return 0;
    base_len = (size_t)data[0] | (size_t)data[1] << 8;
    if (base_len > size - 2)
        base_len = size - 2;
    base = data + 2;
    delta = base + base_len;
    delta_len = size - 2 - base_len;

    /* Capacity 0 asks for the result size of a valid delta. */
    rc_size = pgit_delta_apply(NULL, 0, &result_len, base, base_len, delta, delta_len);
    if (rc_size == PGIT_OK)
        FUZZ_AGREE(result_len == 0, "empty result reported with no output", rc_size, 0);
    if (rc_size != PGIT_EBUFSIZE && rc_size != PGIT_OK) {
        FUZZ_AGREE(rc_size == PGIT_EDELTA, "unexpected code", rc_size, PGIT_EDELTA);
        return 0;
    }
    if (result_len > FUZZ_MAX_OUT * 16)
        return 0;
    result = malloc(result_len ? result_len : 1);
    resolved = malloc(result_len ? result_len : 1);
    if (!result || !resolved)
        abort();
    rc_apply = pgit_delta_apply(result, result_len, &result_len, base, base_len, delta, delta_len);
    FUZZ_AGREE(rc_apply == PGIT_OK, "valid delta failed to apply", rc_apply, 0);

    z = fuzz_compress(delta, delta_len, 1, &z_len);
    rc_resolve = pgit_pack_delta_resolve(id, resolved, result_len, &resolved_len, &used, codec, PGIT_HASH_SHA1,
                                         PGIT_OBJ_BLOB, base, base_len, z, z_len, delta_len);
    FUZZ_AGREE(rc_resolve == PGIT_OK && resolved_len == result_len && used == z_len
               && memcmp(resolved, result, result_len) == 0, "resolve vs apply", rc_resolve, 0);
    free(z);
    free(result);
    free(resolved);
    return 0;
}
