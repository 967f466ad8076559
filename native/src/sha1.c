/*
 * sha1.c -- portable SHA-1 block function (FIPS 180-4, section 6.1).
 */
#include "internal.h"

static inline uint32_t rol32(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

void pgit__sha1_blocks_portable(uint32_t h[5], const uint8_t *data, size_t n)
{
    uint32_t w[80];

    while (n--) {
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        int t;

        for (t = 0; t < 16; t++)
            w[t] = pgit__load_be32(data + 4 * t);
        for (t = 16; t < 80; t++)
            w[t] = rol32(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

        for (t = 0; t < 80; t++) {
            uint32_t f, k, tmp;
            if (t < 20) {
                f = (b & c) | (~b & d);
                k = 0x5a827999u;
            } else if (t < 40) {
                f = b ^ c ^ d;
                k = 0x6ed9eba1u;
            } else if (t < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8f1bbcdcu;
            } else {
                f = b ^ c ^ d;
                k = 0xca62c1d6u;
            }
            tmp = rol32(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = rol32(b, 30);
            b = a;
            a = tmp;
        }

        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        data += 64;
    }
}
