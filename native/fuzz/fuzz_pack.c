/*
 * fuzz_pack.c -- pack entries from untrusted bytes: pgit_pack_scan over a
 * whole region, then pgit_pack_entry_header and pgit_pack_inflate on each
 * entry it reports, which must agree with what the scan learned.
 *
 * Input: the entries of a pack (what follows the 12-byte "PACK" header and
 * precedes the trailing checksum). Byte 0 chooses the algorithm (bit 0:
 * SHA-256) and the scan's batch size; the rest are the entries.
 */
#include "fuzz_util.h"

#define MAX_ENTRIES 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pgit_pack_entry entries[MAX_ENTRIES + 1];
    static uint8_t ids[MAX_ENTRIES * 32];
    pgit_codec *codec = fuzz_codec();
    uint8_t *pack, *content;
    size_t pack_len;
    int32_t algo, count = 0, batch, rc;
    pgit_size offset = PGIT_PACK_HEADER_SIZE;

    if (size < 1)
        return 0;
    algo = (data[0] & 1) ? PGIT_HASH_SHA256 : PGIT_HASH_SHA1;
    batch = (int32_t)(data[0] >> 1) % MAX_ENTRIES + 1;
    pack_len = PGIT_PACK_HEADER_SIZE + size - 1;
    pack = malloc(pack_len);
    if (!pack)
        abort();
    memcpy(pack, "PACK\0\0\0\2\0\0\0\0", PGIT_PACK_HEADER_SIZE);
    memcpy(pack + PGIT_PACK_HEADER_SIZE, data + 1, size - 1);

    /* The scan reports entries in batches; it reads nothing past pack_len. */
    do {
        rc = pgit_pack_scan(entries, ids, &count, codec, algo, pack, pack_len, offset, batch);
        for (int32_t i = 0; i < count; i++) {
            int32_t type;
            pgit_size header_size, header_len, base_offset, used;
            const pgit_pack_entry *e = &entries[i];
            int32_t rc_header = pgit_pack_entry_header(&type, &header_size, &header_len, &base_offset, algo,
                                                       pack, pack_len, e->offset);
            FUZZ_AGREE(rc_header == PGIT_OK, "scan accepted an entry whose header fails", rc_header, 0);
            FUZZ_AGREE(type == e->type && header_size == e->size && header_len == e->header_len
                       && base_offset == e->base_offset, "header fields", type, e->type);
            FUZZ_AGREE(e->offset + e->packed_len <= pack_len, "entry ends past the pack", 0, 0);
            if (type >= PGIT_OBJ_COMMIT && type <= PGIT_OBJ_TAG && e->size <= FUZZ_MAX_OUT) {
                uint8_t id[32];
                content = malloc(e->size ? e->size : 1);
                if (!content)
                    abort();
                rc = pgit_pack_inflate(id, content, e->size, &used, codec, algo, type,
                                       pack + e->offset + header_len, pack_len - e->offset - header_len);
                FUZZ_AGREE(rc == PGIT_OK, "scan accepted an entry that does not inflate", rc, 0);
                FUZZ_AGREE(header_len + used == e->packed_len, "packed length", 0, 0);
                FUZZ_AGREE(memcmp(id, ids + (size_t)i * (algo == PGIT_HASH_SHA1 ? 20 : 32),
                                  algo == PGIT_HASH_SHA1 ? 20 : 32) == 0, "object id", 0, 0);
                free(content);
            }
        }
        if (rc != PGIT_OK || count == 0)
            break;
        offset = entries[count - 1].offset + entries[count - 1].packed_len;
    } while (offset < pack_len);

    /* An entry header at every offset: never reads outside the region. */
    for (pgit_size at = PGIT_PACK_HEADER_SIZE; at < pack_len && at < PGIT_PACK_HEADER_SIZE + 256; at++) {
        int32_t type;
        pgit_size header_size, header_len, base_offset;
        pgit_pack_entry_header(&type, &header_size, &header_len, &base_offset, algo, pack, pack_len, at);
    }
    free(pack);
    return 0;
}
