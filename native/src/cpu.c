/*
 * cpu.c -- chooses the SHA block functions for this CPU, once.
 *
 * The choice is cached with relaxed atomics: two threads racing on the first
 * call compute the same answer, so no lock is needed.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

enum { IMPL_UNSET = 0, IMPL_PORTABLE = 1, IMPL_SHANI = 2, IMPL_ARMV8 = 3, IMPL_SHANI_AVX = 4, IMPL_SHANI_AVX2 = 5 };

static int chosen_impl = IMPL_UNSET;

static int sha_ext_disabled_by_env(void)
{
    const char *v = getenv("PANAGIT_DISABLE_SHA_EXT");
    return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
}

static int choose_impl(void)
{
    int impl = __atomic_load_n(&chosen_impl, __ATOMIC_RELAXED);
    if (impl != IMPL_UNSET)
        return impl;

    impl = IMPL_PORTABLE;
#if defined(PGIT_HAVE_X86_SHA)
    if (!sha_ext_disabled_by_env() && pgit__cpu_has_shani())
        impl = pgit__cpu_has_avx2() ? IMPL_SHANI_AVX2 : pgit__cpu_has_avx() ? IMPL_SHANI_AVX : IMPL_SHANI;
#elif defined(PGIT_HAVE_ARMV8_SHA)
    if (!sha_ext_disabled_by_env() && pgit__cpu_has_armv8_sha())
        impl = IMPL_ARMV8;
#else
    (void)sha_ext_disabled_by_env;
#endif
    __atomic_store_n(&chosen_impl, impl, __ATOMIC_RELAXED);
    return impl;
}

pgit_blocks_fn pgit__sha1_blocks(void)
{
#if defined(PGIT_HAVE_X86_SHA)
    if (choose_impl() == IMPL_SHANI_AVX2)
        return pgit__sha1_blocks_shani_avx2;
    if (choose_impl() == IMPL_SHANI_AVX)
        return pgit__sha1_blocks_shani_avx;
    if (choose_impl() == IMPL_SHANI)
        return pgit__sha1_blocks_shani;
#endif
#if defined(PGIT_HAVE_ARMV8_SHA)
    if (choose_impl() == IMPL_ARMV8)
        return pgit__sha1_blocks_armv8;
#endif
    return pgit__sha1_blocks_portable;
}

pgit_dc_blocks_fn pgit__sha1dc_blocks(void)
{
#if defined(PGIT_HAVE_X86_SHA)
    if (choose_impl() == IMPL_SHANI_AVX2)
        return pgit__sha1dc_blocks_shani_avx2;
    if (choose_impl() == IMPL_SHANI_AVX)
        return pgit__sha1dc_blocks_shani_avx;
    if (choose_impl() == IMPL_SHANI)
        return pgit__sha1dc_blocks_shani;
#endif
#if defined(PGIT_HAVE_ARMV8_SHA)
    if (choose_impl() == IMPL_ARMV8)
        return pgit__sha1dc_blocks_armv8;
#endif
    return pgit__sha1dc_blocks_portable;
}

pgit_sha1_x16_fn pgit__sha1_x16_blocks(void)
{
#if defined(PGIT_HAVE_X86_SHA)
    static int avx512 = -1;   /* racing first calls find the same answer */
    int known = __atomic_load_n(&avx512, __ATOMIC_RELAXED);

    if (known < 0) {
        known = !sha_ext_disabled_by_env() && pgit__cpu_has_avx512();
        __atomic_store_n(&avx512, known, __ATOMIC_RELAXED);
    }
    if (known)
        return pgit__sha1_blocks_x16_avx512;
#endif
    return NULL;
}

pgit_x3_fn pgit__x3_blocks(int32_t algo)
{
#if defined(PGIT_HAVE_X86_SHA)
    int sha256 = algo == PGIT_HASH_SHA256;

    if (choose_impl() == IMPL_SHANI_AVX2)
        return sha256 ? pgit__sha256_blocks_x3_shani_avx2 : pgit__sha1_blocks_x3_shani_avx2;
    if (choose_impl() == IMPL_SHANI_AVX)
        return sha256 ? pgit__sha256_blocks_x3_shani_avx : pgit__sha1_blocks_x3_shani_avx;
    if (choose_impl() == IMPL_SHANI)
        return sha256 ? pgit__sha256_blocks_x3_shani : pgit__sha1_blocks_x3_shani;
#else
    (void)algo;
#endif
    return NULL;
}

pgit_blocks_fn pgit__sha256_blocks(void)
{
#if defined(PGIT_HAVE_X86_SHA)
    if (choose_impl() == IMPL_SHANI_AVX2)
        return pgit__sha256_blocks_shani_avx2;
    if (choose_impl() == IMPL_SHANI_AVX)
        return pgit__sha256_blocks_shani_avx;
    if (choose_impl() == IMPL_SHANI)
        return pgit__sha256_blocks_shani;
#endif
#if defined(PGIT_HAVE_ARMV8_SHA)
    if (choose_impl() == IMPL_ARMV8)
        return pgit__sha256_blocks_armv8;
#endif
    return pgit__sha256_blocks_portable;
}

static const char *impl_name(int impl)
{
    switch (impl) {
    case IMPL_SHANI: return "sha-ni";
    case IMPL_SHANI_AVX: return "sha-ni";   /* the same instructions, VEX-encoded */
    case IMPL_SHANI_AVX2: return "sha-ni";  /* the same, and AVX2 for the collision check */
    case IMPL_ARMV8: return "armv8-ce";
    default:         return "portable";
    }
}

const char *pgit__sha1_impl_name(void)
{
    return impl_name(choose_impl());
}

const char *pgit__sha256_impl_name(void)
{
    return impl_name(choose_impl());
}
