/*
 * sha_arm.c -- SHA-1 and SHA-256 block functions on the ARMv8 Cryptography
 * Extensions, after ARM's reference sequences. Built with +crypto for this
 * file only; callers must check pgit__cpu_has_armv8_sha() first (HWCAP).
 */
#include "internal.h"

#if defined(PGIT_HAVE_ARMV8_SHA)

#include <arm_neon.h>
#include <sys/auxv.h>

#ifndef HWCAP_SHA1
#define HWCAP_SHA1 (1 << 5)
#endif
#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1 << 6)
#endif

extern const uint32_t pgit__sha256_k[64];

int pgit__cpu_has_armv8_sha(void)
{
    unsigned long caps = getauxval(AT_HWCAP);
    return (caps & HWCAP_SHA1) && (caps & HWCAP_SHA2);
}

static inline uint32x4_t load_be(const uint8_t *p)
{
    return vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(p)));
}

void pgit__sha1_blocks_armv8(uint32_t h[5], const uint8_t *data, size_t n)
{
    static const uint32_t k[4] = { 0x5a827999u, 0x6ed9eba1u, 0x8f1bbcdcu, 0xca62c1d6u };
    uint32x4_t abcd = vld1q_u32(h);
    uint32_t e0 = h[4];

    while (n--) {
        uint32x4_t abcd_save = abcd, msg[4];
        uint32_t e_save = e0;
        int g;

        msg[0] = load_be(data);
        msg[1] = load_be(data + 16);
        msg[2] = load_be(data + 32);
        msg[3] = load_be(data + 48);

        /* 20 groups of four rounds; the schedule computes W[4g+16..] in group g. */
        for (g = 0; g < 20; g++) {
            uint32x4_t wk = vaddq_u32(msg[g & 3], vdupq_n_u32(k[g / 5]));
            uint32_t e1 = vsha1h_u32(vgetq_lane_u32(abcd, 0));

            if (g < 5)
                abcd = vsha1cq_u32(abcd, e0, wk);
            else if (g >= 10 && g < 15)
                abcd = vsha1mq_u32(abcd, e0, wk);
            else
                abcd = vsha1pq_u32(abcd, e0, wk);
            e0 = e1;
            if (g < 16)
                msg[g & 3] = vsha1su1q_u32(vsha1su0q_u32(msg[g & 3], msg[(g + 1) & 3], msg[(g + 2) & 3]),
                                           msg[(g + 3) & 3]);
        }
        abcd = vaddq_u32(abcd, abcd_save);
        e0 += e_save;
        data += 64;
    }
    vst1q_u32(h, abcd);
    h[4] = e0;
}

void pgit__sha256_blocks_armv8(uint32_t h[8], const uint8_t *data, size_t n)
{
    uint32x4_t state0 = vld1q_u32(&h[0]);
    uint32x4_t state1 = vld1q_u32(&h[4]);

    while (n--) {
        uint32x4_t save0 = state0, save1 = state1, msg[4];
        int g;

        msg[0] = load_be(data);
        msg[1] = load_be(data + 16);
        msg[2] = load_be(data + 32);
        msg[3] = load_be(data + 48);

        /* 16 groups of four rounds; groups 0-11 also extend the schedule. */
        for (g = 0; g < 16; g++) {
            uint32x4_t wk = vaddq_u32(msg[g & 3], vld1q_u32(&pgit__sha256_k[4 * g]));
            uint32x4_t tmp = state0;

            if (g < 12)
                msg[g & 3] = vsha256su0q_u32(msg[g & 3], msg[(g + 1) & 3]);
            state0 = vsha256hq_u32(state0, state1, wk);
            state1 = vsha256h2q_u32(state1, tmp, wk);
            if (g < 12)
                msg[g & 3] = vsha256su1q_u32(msg[g & 3], msg[(g + 2) & 3], msg[(g + 3) & 3]);
        }
        state0 = vaddq_u32(state0, save0);
        state1 = vaddq_u32(state1, save1);
        data += 64;
    }
    vst1q_u32(&h[0], state0);
    vst1q_u32(&h[4], state1);
}

#endif /* PGIT_HAVE_ARMV8_SHA */
