/*
 * sha_x86.c -- SHA-1 and SHA-256 block functions on the x86-64 SHA
 * extensions (SHA-NI), after Intel's reference code. Compiled with target
 * attributes so the rest of the library stays baseline x86-64; callers
 * must check pgit__cpu_has_shani() first (and pgit__cpu_has_avx() for the
 * _avx variants, see sha_x86_blocks.h).
 */
#include "internal.h"
#include "sha1dc.h"

#if defined(PGIT_HAVE_X86_SHA)

#include <cpuid.h>
#include <immintrin.h>
#include <string.h>

#define PGIT_SHA_TARGET __attribute__((target("sha,sse4.1,ssse3")))

extern const uint32_t pgit__sha256_k[64];

int pgit__cpu_has_shani(void)
{
    unsigned a, b, c, d;

    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    if (!(c & bit_SSSE3) || !(c & bit_SSE4_1))
        return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return 0;
    return (b & bit_SHA) != 0;
}

int pgit__cpu_has_avx(void)
{
    unsigned a, b, c, d, lo, hi;

    if (!__get_cpuid(1, &a, &b, &c, &d))
        return 0;
    if (!(c & bit_AVX) || !(c & bit_OSXSAVE))
        return 0;
    /* the OS saves the YMM state: XCR0 bits 1 (SSE) and 2 (AVX) */
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    return (lo & 6) == 6;
}

int pgit__cpu_has_avx2(void)
{
    unsigned a, b, c, d;

    if (!pgit__cpu_has_avx() || !__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return 0;
    return (b & bit_AVX2) != 0;
}

int pgit__cpu_has_avx512(void)
{
    unsigned a, b, c, d, lo, hi;

    if (!pgit__cpu_has_avx() || !__get_cpuid_count(7, 0, &a, &b, &c, &d))
        return 0;
    if (!(b & bit_AVX512F) || !(b & bit_AVX512BW))
        return 0;
    /* the OS saves the opmask and ZMM state: XCR0 bits 5, 6 and 7 */
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    return (lo & 0xe6) == 0xe6;
}

#define PGIT_SHA1DC_UBC_OF(w) pgit__sha1dc_ubc(w)
#define PGIT_SHA_NAME(base) base##_shani
#include "sha_x86_blocks.h"
#undef PGIT_SHA_NAME
#undef PGIT_SHA_TARGET

#define PGIT_SHA_TARGET __attribute__((target("avx,sha,sse4.1,ssse3")))
#define PGIT_SHA_NAME(base) base##_shani_avx
#include "sha_x86_blocks.h"
#undef PGIT_SHA_NAME
#undef PGIT_SHA_TARGET
#undef PGIT_SHA1DC_UBC_OF

#define PGIT_SHA1DC_UBC_OF(w) pgit__sha1dc_ubc_avx2(w)
#define PGIT_SHA_TARGET __attribute__((target("avx2,sha,sse4.1,ssse3")))
#define PGIT_SHA_NAME(base) base##_shani_avx2
#include "sha_x86_blocks.h"
#undef PGIT_SHA_NAME
#undef PGIT_SHA_TARGET
#undef PGIT_SHA1DC_UBC_OF

#endif /* PGIT_HAVE_X86_SHA */
