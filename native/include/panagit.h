/*
 * panagit.h -- the public C API of libpanagit, the object core of panagit.
 *
 * libpanagit hashes and compresses git objects: SHA-1 and SHA-256 (with the
 * x86-64 SHA extensions when the CPU has them), and loose-object encoding
 * (`<type> <size>\0<content>`, zlib-compressed) in one call.
 *
 * Conventions (after libgit2 and zlib):
 *   - every name starts with `pgit_`;
 *   - out-parameters come first;
 *   - functions return int32_t: PGIT_OK (0) on success, a negative
 *     PGIT_E* code on error, and a positive code for a special but normal
 *     event (PGIT_MORE); pgit_strerror() names every code;
 *   - only types of one width on every target (uint8_t, int32_t, pgit_size)
 *     cross the API, so one set of generated bindings serves every platform;
 *   - the library never keeps a pointer the caller passed in after the call
 *     returns, and never frees memory it did not allocate.
 *
 * Thread safety: functions without a pgit_codec argument are thread-safe.
 * A pgit_codec must be used by one thread at a time.
 */
#ifndef PANAGIT_H
#define PANAGIT_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(PANAGIT_BUILDING)
#    define PGIT_EXTERN __declspec(dllexport)
#  elif defined(PANAGIT_STATIC)
#    define PGIT_EXTERN              /* linked from the object files, not the DLL */
#  else
#    define PGIT_EXTERN __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define PGIT_EXTERN __attribute__((visibility("default")))
#else
#  define PGIT_EXTERN
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version. It changes whenever a function, a struct size or a
 * constant in this header changes meaning; callers refuse a library whose
 * pgit_abi_version() differs from the value they were built against. */
#define PGIT_ABI_VERSION 3

/* Return codes. */
enum pgit_status {
    PGIT_OK = 0,            /* success */
    PGIT_MORE = 1,          /* not an error: call again with more output room */
    PGIT_EINVAL = -1,       /* an argument is invalid (NULL pointer, unknown algorithm or type, bad level) */
    PGIT_ENOMEM = -2,       /* out of memory */
    PGIT_EBUFSIZE = -3,     /* the output buffer is too small; see the function for what *out_len holds */
    PGIT_EZLIB = -4,        /* the compressed data is not a valid zlib stream (bad header, bad data, bad checksum) */
    PGIT_ETRUNCATED = -5,   /* the compressed data ends before the object does */
    PGIT_EHEADER = -6,      /* the object header is malformed (unknown type, missing space or NUL, bad size digits) */
    PGIT_ESIZE = -7,        /* the content is longer or shorter than the header declares */
    PGIT_EOVERFLOW = -8,    /* a size does not fit (declared size over 2^63 - 1, or size arithmetic overflow) */
    PGIT_EIDMISMATCH = -9,  /* the object hashes to another id than the one expected */
    PGIT_ETRAILING = -10,   /* bytes follow the end of the zlib stream */
    PGIT_ESTATE = -11,      /* a streaming call came out of order */
    PGIT_ERANGE = -12,      /* an index or offset is past the end (pgit_describe, pack offsets) */
    PGIT_EPACK = -13,       /* a pack entry is malformed: unknown type, header running past the end of
                               the pack, size digits over 64 bits, a delta base that is not before it */
    PGIT_EDELTA = -14,      /* a delta is malformed: base size differs, a copy outside the base, output
                               longer or shorter than declared, a reserved or cut-off instruction */
    PGIT_ECOLLISION = -15   /* the SHA-1 input carries a collision attack (see PGIT_HASH_SHA1); any
                               digest written is not to be trusted as an id */
};

/* Object types, numbered as in git's pack format, and the two delta kinds
 * of pack entries. */
enum pgit_object_type {
    PGIT_OBJ_COMMIT = 1,
    PGIT_OBJ_TREE = 2,
    PGIT_OBJ_BLOB = 3,
    PGIT_OBJ_TAG = 4,
    PGIT_OBJ_OFS_DELTA = 6,  /* a delta whose base is an earlier entry, named by its distance back */
    PGIT_OBJ_REF_DELTA = 7   /* a delta whose base is named by its object id */
};

/* Hash algorithms (git's object formats).
 * PGIT_HASH_SHA1 detects collision attacks as git does (Stevens and Shumow's
 * unavoidable bit conditions, then recompression): every function that
 * hashes with it returns PGIT_ECOLLISION for input that carries one.
 * PGIT_HASH_SHA1_UNCHECKED is the same digest without that check: for
 * benchmarks that compare with plain SHA-1, never for ids of untrusted data. */
enum pgit_hash_algo {
    PGIT_HASH_SHA1 = 1,             /* 20-byte ids, collision attacks detected */
    PGIT_HASH_SHA256 = 2,           /* 32-byte ids */
    PGIT_HASH_SHA1_UNCHECKED = 3    /* 20-byte ids, no collision detection */
};

/* Lengths and sizes, in bytes. jextract resolves a typedef to C's own type,
 * and size_t and uint64_t are `unsigned long` on LP64 targets (Linux, macOS)
 * but `unsigned long long` on LLP64 ones (Windows): bindings generated from
 * one would not fit the other. `unsigned long long` is 64 bits on every
 * target libpanagit supports (64-bit ones only), so one set of bindings
 * serves them all. */
typedef unsigned long long pgit_size;

/* The largest digest size of any algorithm, in bytes. */
#define PGIT_MAX_DIGEST_SIZE 32

/* The longest object header "<type> <size>\0", in bytes ("commit" + ' ' + 20 digits + NUL). */
#define PGIT_MAX_HEADER_SIZE 32

/* ------------------------------------------------------------------------ */
/* Version, ABI and self-description                                        */
/* ------------------------------------------------------------------------ */

/* Returns a static NUL-terminated string: the library version, then the
 * codecs and hash implementations compiled in, e.g.
 * "0.1.0 zlib/1.2.13 libdeflate/1.14 isa-l/2.30.0 sha1=sha-ni sha256=sha-ni".
 * Never NULL; the caller must not free it. */
PGIT_EXTERN const char *pgit_version(void);

/* Returns PGIT_ABI_VERSION as the library was built. */
PGIT_EXTERN int32_t pgit_abi_version(void);

/* Returns a static NUL-terminated English message for a return code,
 * e.g. "object header is malformed" for PGIT_EHEADER; an unknown code gives
 * "unknown error". Never NULL; the caller must not free it. */
PGIT_EXTERN const char *pgit_strerror(int32_t code);

/* Describes the exported function number `index` (0-based) so that callers
 * can bind the library without this header.
 *   *out_name       receives its name, e.g. "pgit_hash";
 *   *out_signature  receives its signature, "ret(arg,arg,...)", where each
 *                   type is one of: void i32 u32 i64 u64 size ptr str
 *                   (size = pgit_size, 64 bits; ptr = any pointer; str =
 *                   const char *, NUL-terminated), e.g. "i32(ptr,i32,ptr,size)".
 * Both strings are static; the caller must not free them.
 * Returns PGIT_OK, PGIT_ERANGE when index is negative or past the last
 * function (callers loop from 0 until PGIT_ERANGE), or PGIT_EINVAL when an
 * out-parameter is NULL. */
PGIT_EXTERN int32_t pgit_describe(const char **out_name, const char **out_signature, int32_t index);

/* ------------------------------------------------------------------------ */
/* Hashing                                                                  */
/* ------------------------------------------------------------------------ */

/* Returns the digest size of `algo` in bytes (20 or 32), or PGIT_EINVAL for
 * an unknown algorithm. */
PGIT_EXTERN int32_t pgit_hash_digest_size(int32_t algo);

/* Returns a static string naming the implementation in use for `algo`:
 * "sha-ni" (x86-64 SHA extensions), "armv8-ce" or "portable"; "unknown" for
 * an unknown algorithm. The choice is made once, from the CPU, unless the
 * environment variable PANAGIT_DISABLE_SHA_EXT is set to a non-empty value
 * other than "0" when the library first hashes, which forces "portable". */
PGIT_EXTERN const char *pgit_hash_impl(int32_t algo);

/* One-shot hash of `len` bytes at `data` into `out`, which must have room
 * for pgit_hash_digest_size(algo) bytes. `data` may be NULL when len is 0.
 * Returns PGIT_OK, PGIT_EINVAL (unknown algo, NULL out, NULL data with
 * len > 0), or PGIT_ECOLLISION (PGIT_HASH_SHA1 only). */
PGIT_EXTERN int32_t pgit_hash(uint8_t *out, int32_t algo, const uint8_t *data, pgit_size len);

/* Returns the size in bytes of a streaming hash state, for any algorithm.
 * The caller allocates the state (any alignment of 8 or more) and owns it;
 * a state owns no memory and needs no freeing. */
PGIT_EXTERN pgit_size pgit_hash_state_size(void);

/* Starts a streaming hash of `algo` in `state` (pgit_hash_state_size()
 * bytes). Returns PGIT_OK or PGIT_EINVAL. */
PGIT_EXTERN int32_t pgit_hash_init(void *state, int32_t algo);

/* Feeds `len` bytes to a state started by pgit_hash_init. Returns PGIT_OK,
 * PGIT_EINVAL (NULL state, NULL data with len > 0), or PGIT_ESTATE (state
 * not started, or already finished). */
PGIT_EXTERN int32_t pgit_hash_update(void *state, const uint8_t *data, pgit_size len);

/* Writes the digest to `out` (pgit_hash_digest_size bytes) and ends the
 * state; pgit_hash_init may start it again. Returns PGIT_OK, PGIT_EINVAL,
 * PGIT_ESTATE or PGIT_ECOLLISION (the state ends too). */
PGIT_EXTERN int32_t pgit_hash_final(uint8_t *out, void *state);

/* Hashes `count` objects of one `type` in one call: object i has content
 * data[offset_i .. offset_i + lengths[i]), where offset_i is the sum of the
 * lengths before it (the contents lie back to back in `data`). Its id
 * (digest size of algo) goes to out_ids + i * digest size. One call for
 * many small objects saves a downcall each.
 * Returns PGIT_OK; PGIT_EINVAL (NULL pointer with count > 0, count < 0,
 * unknown algo or type); PGIT_EOVERFLOW (the lengths overflow);
 * PGIT_ECOLLISION (some object carries a collision attack; every id is
 * written, and the caller hashes one by one to learn which). */
PGIT_EXTERN int32_t pgit_object_hash_batch(uint8_t *out_ids, int32_t algo, int32_t type,
                                           const uint8_t *data, const pgit_size *lengths, int32_t count);

/* ------------------------------------------------------------------------ */
/* Codecs                                                                   */
/* ------------------------------------------------------------------------ */

/* A codec holds reusable compressor and decompressor state (creating zlib
 * state costs more than compressing a small object). Opaque; one thread at
 * a time. */
typedef struct pgit_codec pgit_codec;

/* Creates a codec that compresses at zlib `level` (0-9, or -1 for zlib's
 * default 6) into *out. The caller owns it and frees it with
 * pgit_codec_free. Returns PGIT_OK, PGIT_EINVAL (NULL out, bad level) or
 * PGIT_ENOMEM (then *out is NULL). */
PGIT_EXTERN int32_t pgit_codec_new(pgit_codec **out, int32_t level);

/* Frees a codec and everything it holds. NULL is allowed and does nothing. */
PGIT_EXTERN void pgit_codec_free(pgit_codec *codec);

/* ------------------------------------------------------------------------ */
/* Loose objects, whole buffers                                             */
/* ------------------------------------------------------------------------ */

/* Returns an upper bound of the compressed size of an object with
 * `content_len` bytes of content (header included), or 0 when the bound
 * overflows size_t. */
PGIT_EXTERN pgit_size pgit_object_encode_bound(pgit_size content_len);

/* Encodes an object in one call: hashes "<type> <len>\0<content>" into
 * `out_id` (digest size of algo) and writes the zlib-compressed loose
 * object to `out` (capacity `out_cap`), its length to *out_len.
 * An `out_cap` of pgit_object_encode_bound(content_len) always suffices.
 * `content` may be NULL when content_len is 0.
 * Returns PGIT_OK; PGIT_EINVAL (NULL pointer, unknown algo or type);
 * PGIT_EBUFSIZE (out_cap too small: *out_len holds the bound);
 * PGIT_EOVERFLOW (content_len too large); PGIT_ENOMEM; PGIT_ECOLLISION
 * (nothing is written to out). */
PGIT_EXTERN int32_t pgit_object_encode(uint8_t *out_id, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                                       pgit_codec *codec, int32_t algo, int32_t type,
                                       const uint8_t *content, pgit_size content_len);

/* Reads only the header of a compressed loose object: *out_type gets its
 * type, *out_size its declared content size, *out_header_len the length of
 * "<type> <size>\0". Inflates at most PGIT_MAX_HEADER_SIZE bytes.
 * Returns PGIT_OK; PGIT_EINVAL; PGIT_EZLIB; PGIT_ETRUNCATED (stream ends
 * inside the header); PGIT_EHEADER; PGIT_EOVERFLOW (size over 2^63 - 1). */
PGIT_EXTERN int32_t pgit_object_peek(int32_t *out_type, pgit_size *out_size, int32_t *out_header_len,
                                     pgit_codec *codec, const uint8_t *in, pgit_size in_len);

/* Decodes a whole compressed loose object: writes its content (header
 * stripped) to `out` (capacity out_cap), the content length to *out_len
 * and the type to *out_type. Checks, in order: the zlib stream, the header,
 * that the content is exactly as long as declared (inflation stops one byte
 * past the declared size, so a stream that inflates to far more costs no
 * more than the declared size), that the zlib stream ends there with a good
 * checksum and nothing after it, and, when `expected_id` is not NULL, that
 * the object hashes to it under `algo`.
 * Returns PGIT_OK; PGIT_EINVAL; PGIT_EBUFSIZE (out_cap is smaller than the
 * declared size: *out_len and *out_type hold the declared size and type, so
 * the caller can retry); PGIT_EZLIB; PGIT_ETRUNCATED; PGIT_EHEADER;
 * PGIT_ESIZE; PGIT_EOVERFLOW; PGIT_ETRAILING; PGIT_EIDMISMATCH;
 * PGIT_ECOLLISION; PGIT_ENOMEM. On error the content of `out` is unspecified. */
PGIT_EXTERN int32_t pgit_object_decode(int32_t *out_type, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                                       pgit_codec *codec, int32_t algo, const uint8_t *expected_id,
                                       const uint8_t *in, pgit_size in_len);

/* ------------------------------------------------------------------------ */
/* Loose objects, streaming (bounded memory for large objects)              */
/* ------------------------------------------------------------------------ */

/* Starts encoding an object of `type` whose content is exactly
 * `content_len` bytes, in `codec` (which must not be mid-stream).
 * Returns PGIT_OK, PGIT_EINVAL or PGIT_ENOMEM. */
PGIT_EXTERN int32_t pgit_encode_begin(pgit_codec *codec, int32_t algo, int32_t type, pgit_size content_len);

/* Feeds content: consumes up to `in_len` bytes (*in_used tells how many)
 * and writes compressed bytes to `out` (*out_len tells how many). Call again
 * with the rest of the input while *in_used < in_len. The header was
 * written by pgit_encode_begin and comes out first.
 * Returns PGIT_OK; PGIT_EINVAL; PGIT_ESTATE (no stream begun);
 * PGIT_ESIZE (more content than declared). */
PGIT_EXTERN int32_t pgit_encode_update(uint8_t *out, pgit_size out_cap, pgit_size *out_len, pgit_size *in_used,
                                       pgit_codec *codec, const uint8_t *in, pgit_size in_len);

/* Ends the stream: writes the remaining compressed bytes to `out` (*out_len
 * tells how many). Returns PGIT_MORE when out was filled and the call must
 * be repeated; PGIT_OK when done, with the id in `out_id` (digest size of
 * the algorithm); PGIT_ESIZE (less content than declared; the stream is
 * abandoned); PGIT_ECOLLISION (all was written, but the id is not to be
 * trusted); PGIT_EINVAL; PGIT_ESTATE. */
PGIT_EXTERN int32_t pgit_encode_finish(uint8_t *out_id, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                                       pgit_codec *codec);

/* Starts decoding a compressed loose object in `codec`. Returns PGIT_OK or
 * PGIT_EINVAL. */
PGIT_EXTERN int32_t pgit_decode_begin(pgit_codec *codec, int32_t algo);

/* Starts decoding, in `codec`, the zlib stream of a whole-object pack entry:
 * the stream holds no header; its content is exactly `size` bytes of object
 * type `type` (1-4), and its id is the hash of "<type> <size>\0" and the
 * content. pgit_decode_update and pgit_decode_finish then work as for a
 * loose object (reporting this type and size from the first call), so a
 * packed object of any size streams in bounded memory.
 * Returns PGIT_OK, PGIT_EINVAL or PGIT_ENOMEM. */
PGIT_EXTERN int32_t pgit_decode_begin_entry(pgit_codec *codec, int32_t algo, int32_t type, pgit_size size);

/* Gives a started decode (pgit_decode_begin or pgit_decode_begin_entry,
 * before any pgit_decode_update) its whole input at once: in[0..in_len),
 * which must stay valid and unchanged until pgit_decode_finish (a mapped
 * file, say; never a Java heap array, which may move between calls).
 * pgit_decode_update is then called with no input (in NULL, in_len 0) and
 * only produces content. Knowing the whole input lets the library use its
 * fastest inflater (ISA-L when built in) and still report exactly zlib's
 * verdict: any outcome but a clean success is decoded again with zlib from
 * the start. Content already delivered is not delivered again.
 * Returns PGIT_OK; PGIT_EINVAL; PGIT_ESTATE (no decode started, or input
 * already fed); PGIT_ENOMEM (the decode is abandoned). */
PGIT_EXTERN int32_t pgit_decode_set_input(pgit_codec *codec, const uint8_t *in, pgit_size in_len);

/* Feeds compressed bytes: consumes up to `in_len` (*in_used tells how many)
 * and writes content bytes (header stripped) to `out` (*out_len tells how
 * many). Once the header has been read, *out_type and *out_size hold the
 * type and declared size (before that, 0). Call again, with the remaining
 * input or with none, while *in_used < in_len or *out_len == out_cap (zlib
 * may hold output back). Returns PGIT_OK; PGIT_EZLIB;
 * PGIT_EHEADER; PGIT_EOVERFLOW; PGIT_ESIZE (more content than declared);
 * PGIT_ETRAILING (input continues past the end of the zlib stream);
 * PGIT_ESTATE; PGIT_EINVAL. Any error abandons the stream. */
PGIT_EXTERN int32_t pgit_decode_update(int32_t *out_type, pgit_size *out_size, uint8_t *out, pgit_size out_cap,
                                       pgit_size *out_len, pgit_size *in_used,
                                       pgit_codec *codec, const uint8_t *in, pgit_size in_len);

/* Ends decoding once all input has been fed: checks that the zlib stream
 * ended with a good checksum, that exactly the declared size came out, and,
 * when `expected_id` is not NULL, the id. Writes the computed id to `out_id`
 * (digest size) when it is not NULL. Returns PGIT_OK; PGIT_ETRUNCATED;
 * PGIT_ESIZE; PGIT_EIDMISMATCH; PGIT_ECOLLISION; PGIT_ESTATE; PGIT_EINVAL. */
PGIT_EXTERN int32_t pgit_decode_finish(uint8_t *out_id, pgit_codec *codec, const uint8_t *expected_id);

/* ------------------------------------------------------------------------ */
/* Pack files and deltas                                                    */
/* ------------------------------------------------------------------------ */

/* A pack starts with "PACK", a 4-byte version and a 4-byte entry count; the
 * first entry follows. */
#define PGIT_PACK_HEADER_SIZE 12

/* Parses the header of the pack entry at `offset` of a pack mapped at
 * pack[0..pack_len), where pack_len ends before the trailing checksum (the
 * entries' region): the type (PGIT_OBJ_*: 1-4 for whole objects, 6 or 7 for
 * deltas) and the inflated size of the entry's data (the object, or the
 * delta) go to *out_type and *out_size; *out_header_len gets the bytes
 * before the zlib stream (for a REF_DELTA that includes the base id, the
 * digest size of `algo`, which ends the header); for an OFS_DELTA,
 * *out_base_offset gets the base entry's offset (0 for other types).
 * Reads nothing outside pack[offset..pack_len).
 * Returns PGIT_OK; PGIT_EINVAL (NULL pointer, unknown algo); PGIT_ERANGE
 * (offset is before the first entry or not before pack_len); PGIT_ETRUNCATED
 * (the header runs past pack_len); PGIT_EPACK (type 0 or 5, a base distance
 * of 0 or reaching before the first entry, or base distance digits that
 * overflow); PGIT_EOVERFLOW (size over 2^63 - 1). */
PGIT_EXTERN int32_t pgit_pack_entry_header(int32_t *out_type, pgit_size *out_size, pgit_size *out_header_len,
                                           pgit_size *out_base_offset, int32_t algo,
                                           const uint8_t *pack, pgit_size pack_len, pgit_size offset);

/* Inflates the zlib stream of a whole-object pack entry, which must hold
 * exactly out_len bytes, from in[0..in_len) into out; the stream may be
 * followed by other bytes (the next entry). *in_used gets the stream's
 * compressed length. When out_id is not NULL it gets the object's id under
 * `algo`: the hash of "<type> <out_len>\0" and the content.
 * Returns PGIT_OK; PGIT_EINVAL (NULL pointer, unknown algo, unknown type with
 * out_id); PGIT_EZLIB; PGIT_ETRUNCATED (the input ends inside the stream);
 * PGIT_ESIZE (the stream holds more or fewer bytes than out_len);
 * PGIT_ECOLLISION; PGIT_ENOMEM. On error the content of out is unspecified. */
PGIT_EXTERN int32_t pgit_pack_inflate(uint8_t *out_id, uint8_t *out, pgit_size out_len, pgit_size *in_used,
                                      pgit_codec *codec, int32_t algo, int32_t type,
                                      const uint8_t *in, pgit_size in_len);

/* Applies a delta in git's format to base[0..base_len): the delta starts
 * with the base size and the result size (7-bit little-endian digits), then
 * copy (from the base) and insert (literal) instructions. Writes the result
 * to out (capacity out_cap) and its length to *out_len. Checks that the
 * base size is base_len, that every copy lies inside the base, and that the
 * instructions produce exactly the declared result size, before writing
 * past it. No allocation.
 * Returns PGIT_OK; PGIT_EINVAL (NULL pointer with a non-zero length);
 * PGIT_EBUFSIZE (out_cap is smaller than the result: the whole delta was
 * checked and is valid, and *out_len holds the result size, so a caller may
 * pass out_cap 0 to learn it); PGIT_EDELTA (any rule broken, or size digits
 * over 64 bits). */
PGIT_EXTERN int32_t pgit_delta_apply(uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                                     const uint8_t *base, pgit_size base_len,
                                     const uint8_t *delta, pgit_size delta_len);

/* Resolves a delta entry in one call: inflates its zlib stream, which must
 * hold exactly delta_len bytes, from in[0..in_len) (into the codec's
 * scratch memory), applies it to base[0..base_len) into out (capacity
 * out_cap), and, when out_id is not NULL, hashes the result as an object of
 * `type` (the type of the chain's whole object) into out_id. *in_used gets
 * the stream's compressed length, *out_len the result size.
 * Returns PGIT_OK; PGIT_EINVAL; PGIT_EZLIB; PGIT_ETRUNCATED; PGIT_ESIZE (the
 * stream holds more or fewer than delta_len bytes, or delta_len is more than
 * in_len compressed bytes can hold); PGIT_EDELTA; PGIT_EBUFSIZE (out_cap is
 * too small for a valid delta: *out_len holds the result size);
 * PGIT_ECOLLISION; PGIT_ENOMEM. */
PGIT_EXTERN int32_t pgit_pack_delta_resolve(uint8_t *out_id, uint8_t *out, pgit_size out_cap, pgit_size *out_len,
                                            pgit_size *in_used, pgit_codec *codec, int32_t algo, int32_t type,
                                            const uint8_t *base, pgit_size base_len,
                                            const uint8_t *in, pgit_size in_len, pgit_size delta_len);

/* What pgit_pack_scan learns of one entry. 56 bytes on every target. */
typedef struct pgit_pack_entry {
    pgit_size offset;        /* where the entry starts in the pack */
    pgit_size packed_len;    /* its length in the pack: header and zlib stream */
    pgit_size size;          /* inflated size of its data: the object, or the delta */
    pgit_size object_size;   /* the object's size: `size` for a whole object, the result size a delta declares */
    pgit_size base_offset;   /* OFS_DELTA: the base entry's offset; otherwise 0 */
    int32_t type;            /* PGIT_OBJ_*: 1-4, 6 or 7 */
    uint32_t crc32;          /* CRC-32 of the packed_len bytes at offset (pack index version 2 keeps it) */
    uint32_t header_len;     /* bytes before the zlib stream (a REF_DELTA's base id ends them) */
    uint32_t reserved;       /* 0 */
} pgit_pack_entry;

/* Reads consecutive pack entries, as indexing a pack needs, from `offset` in
 * pack[0..pack_len) (pack_len ends before the trailing checksum): for each,
 * parses the header, inflates the data to find where the entry ends (in
 * bounded memory: large entries stream through a fixed window), computes
 * the CRC-32 of its bytes, and, for whole objects, its id under `algo` at
 * out_ids + i * digest size (deltas leave their slot untouched). Fills
 * out_entries[0..n) and sets *out_count to n. Stops after max_count
 * entries, or when an entry ends exactly at pack_len.
 * Returns PGIT_OK; PGIT_EINVAL; or the error of the entry at fault (any
 * code of pgit_pack_entry_header and pgit_pack_inflate, PGIT_EDELTA for a
 * delta whose sizes cannot be read); then *out_count entries are complete
 * and out_entries[*out_count].offset is the offset of the entry at fault. */
PGIT_EXTERN int32_t pgit_pack_scan(pgit_pack_entry *out_entries, uint8_t *out_ids, int32_t *out_count,
                                   pgit_codec *codec, int32_t algo,
                                   const uint8_t *pack, pgit_size pack_len, pgit_size offset, int32_t max_count);

#ifdef __cplusplus
}
#endif

#endif /* PANAGIT_H */
