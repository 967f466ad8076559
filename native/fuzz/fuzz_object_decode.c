/*
 * fuzz_object_decode.c -- every way of decoding a loose object must give the
 * same verdict on the same bytes: pgit_object_peek, the one-shot
 * pgit_object_decode, the streaming decoder fed in random slices (sizes
 * drawn from the input), and the whole-input decoder (pgit_decode_set_input:
 * the fast inflater, with zlib replaying anything unclean).
 *
 * Input: byte 0 chooses the mode (bit 0: the rest is raw "<type> <size>\0..."
 * object bytes that the target compresses itself, so the header and size
 * rules are reached without first discovering zlib; otherwise the rest is
 * the compressed file), byte 1 the input slice size, byte 2 the output
 * slice size.
 */
#include "fuzz_util.h"

/* Streams in[0..in_len) through the decoder in slices; returns the verdict
 * and the content's length and a running checksum of it. */
static int32_t decode_streamed(pgit_codec *codec, const uint8_t *in, size_t in_len, size_t in_slice,
                               size_t out_slice, int whole_input, pgit_size *out_total, uLong *out_crc)
{
    uint8_t out[256];
    size_t off = 0;
    int32_t type, rc;
    pgit_size size, made, used;

    *out_total = 0;
    *out_crc = crc32(0, NULL, 0);
    rc = pgit_decode_begin(codec, PGIT_HASH_SHA1);
    if (rc == PGIT_OK && whole_input)
        rc = pgit_decode_set_input(codec, in, in_len);
    while (rc == PGIT_OK) {
        const uint8_t *feed = whole_input ? NULL : in + off;
        size_t take = whole_input ? 0 : (in_len - off < in_slice ? in_len - off : in_slice);
        rc = pgit_decode_update(&type, &size, out, out_slice, &made, &used, codec, feed, take);
        if (rc != PGIT_OK)
            break;
        *out_total += made;
        *out_crc = crc32(*out_crc, out, (uInt)made);
        off += used;
        if ((whole_input || off == in_len) && made < out_slice)
            break;
        if (!whole_input && used == 0 && made == 0 && take > 0)
            abort();   /* no progress with input offered: the caller would loop forever */
    }
    if (rc == PGIT_OK)
        rc = pgit_decode_finish(NULL, codec, NULL);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pgit_codec *codec = fuzz_codec();
    uint8_t *compressed = NULL, *content = NULL;
    const uint8_t *in;
    size_t in_len, in_slice, out_slice;
    int32_t type, header_len, rc_peek, rc_whole, rc_stream, rc_input;
    pgit_size declared, content_len = 0, total_stream, total_input;
    uLong crc_stream, crc_input;

    if (size < 3)
        return 0;
    in_slice = (size_t)data[1] % 64 + 1;
    out_slice = (size_t)data[2] % 256 + 1;
    if (data[0] & 1) {
        compressed = fuzz_compress(data + 3, size - 3, (data[0] >> 1) % 10, &in_len);
        in = compressed;
    } else {
        in = data + 3;
        in_len = size - 3;
    }

    rc_peek = pgit_object_peek(&type, &declared, &header_len, codec, in, in_len);

    rc_stream = decode_streamed(codec, in, in_len, in_slice, out_slice, 0, &total_stream, &crc_stream);
    rc_input = decode_streamed(codec, in, in_len, in_slice, out_slice, 1, &total_input, &crc_input);
    FUZZ_AGREE(rc_stream == rc_input, "streamed vs whole input", rc_stream, rc_input);
    if (rc_stream == PGIT_OK)
        FUZZ_AGREE(total_stream == total_input && crc_stream == crc_input, "content", 0, 0);

    if (rc_peek == PGIT_OK && declared <= FUZZ_MAX_OUT) {
        content = malloc(declared ? declared : 1);
        if (!content)
            abort();
        rc_whole = pgit_object_decode(&type, content, declared, &content_len, codec, PGIT_HASH_SHA1, NULL,
                                      in, in_len);
        FUZZ_AGREE(rc_whole == rc_stream, "one-shot vs streamed", rc_whole, rc_stream);
        if (rc_whole == PGIT_OK)
            FUZZ_AGREE(content_len == total_stream
                       && crc32(crc32(0, NULL, 0), content, (uInt)content_len) == crc_stream, "content", 0, 0);
    } else if (rc_peek != PGIT_OK) {
        /* A header that cannot be peeked cannot decode either. */
        FUZZ_AGREE(rc_stream != PGIT_OK, "peek failed but decode succeeded", rc_peek, rc_stream);
    }
    free(content);
    free(compressed);
    return 0;
}
