/*
 * check.h -- a minimal test harness: CHECK records a failure and goes on;
 * check_summary prints "N passed, N failed" and gives the exit code.
 */
#ifndef PANAGIT_CHECK_H
#define PANAGIT_CHECK_H

#include <stdio.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

static int check_passed;
static int check_failed;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            check_passed++;                                                      \
        } else {                                                                 \
            check_failed++;                                                      \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_RC(expr, want)                                                     \
    do {                                                                         \
        int32_t rc_ = (expr);                                                    \
        if (rc_ == (want)) {                                                     \
            check_passed++;                                                      \
        } else {                                                                 \
            check_failed++;                                                      \
            fprintf(stderr, "%s:%d: %s returned %d (%s), expected %d (%s)\n",    \
                    __FILE__, __LINE__, #expr, (int)rc_, pgit_strerror(rc_),     \
                    (int)(want), pgit_strerror(want));                           \
        }                                                                        \
    } while (0)

static inline void check_hex(char *out, const uint8_t *bytes, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[bytes[i] >> 4];
        out[2 * i + 1] = digits[bytes[i] & 15];
    }
    out[2 * n] = '\0';
}

#define CHECK_HEX(bytes, n, want)                                                \
    do {                                                                         \
        char hex_[2 * 64 + 1];                                                   \
        check_hex(hex_, (bytes), (n));                                           \
        if (strcmp(hex_, (want)) == 0) {                                         \
            check_passed++;                                                      \
        } else {                                                                 \
            check_failed++;                                                      \
            fprintf(stderr, "%s:%d: got %s, expected %s\n", __FILE__, __LINE__, hex_, (want)); \
        }                                                                        \
    } while (0)

/* xorshift64*: deterministic test data. */
static inline uint64_t check_rand(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * UINT64_C(2685821657736338717);
}

static inline void check_fill(uint8_t *buf, size_t n, uint64_t seed, int text)
{
    static const char words[] = "the quick brown fox jumps over a lazy dog; if (x) { return y; }\n";
    uint64_t s = seed | 1;
    size_t i;
    for (i = 0; i < n; i++) {
        uint64_t r = check_rand(&s);
        buf[i] = text ? (uint8_t)words[r % (sizeof(words) - 1)] : (uint8_t)r;
    }
}

static inline int check_summary(const char *name)
{
    printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

#endif
