/*
 * version.c -- version, ABI, error messages and the self-description table.
 */
#include "internal.h"

#include <zlib.h>

#if defined(PGIT_HAVE_LIBDEFLATE)
#include <libdeflate.h>
#define PGIT__LIBDEFLATE_PART " libdeflate/" LIBDEFLATE_VERSION_STRING
#else
#define PGIT__LIBDEFLATE_PART ""
#endif

#if defined(PGIT_HAVE_ISAL)
#include <isa-l.h>
#define PGIT__STR2(x) #x
#define PGIT__STR(x) PGIT__STR2(x)
#define PGIT__ISAL_PART " isa-l/" PGIT__STR(ISAL_MAJOR_VERSION) "." PGIT__STR(ISAL_MINOR_VERSION) "." PGIT__STR(ISAL_PATCH_VERSION)
#else
#define PGIT__ISAL_PART ""
#endif

#ifndef PGIT_VERSION_STRING
#define PGIT_VERSION_STRING "0.0.0"
#endif

const char *pgit_version(void)
{
    return PGIT_VERSION_STRING " zlib/" ZLIB_VERSION PGIT__LIBDEFLATE_PART PGIT__ISAL_PART;
}

int32_t pgit_abi_version(void)
{
    return PGIT_ABI_VERSION;
}

const char *pgit_strerror(int32_t code)
{
    switch (code) {
    case PGIT_OK:           return "success";
    case PGIT_MORE:         return "more output room needed";
    case PGIT_EINVAL:       return "invalid argument";
    case PGIT_ENOMEM:       return "out of memory";
    case PGIT_EBUFSIZE:     return "output buffer too small";
    case PGIT_EZLIB:        return "invalid zlib stream";
    case PGIT_ETRUNCATED:   return "compressed data is truncated";
    case PGIT_EHEADER:      return "object header is malformed";
    case PGIT_ESIZE:        return "content size differs from the declared size";
    case PGIT_EOVERFLOW:    return "size overflow";
    case PGIT_EIDMISMATCH:  return "object does not hash to the expected id";
    case PGIT_ETRAILING:    return "garbage after the end of the zlib stream";
    case PGIT_ESTATE:       return "streaming call out of order";
    case PGIT_ERANGE:       return "index or offset out of range";
    case PGIT_EPACK:        return "pack entry is malformed";
    case PGIT_EDELTA:       return "delta is malformed";
    case PGIT_ECOLLISION:   return "SHA-1 appears to be part of a collision attack";
    default:                return "unknown error";
    }
}

/* Every exported function, with its signature in the grammar documented in
 * panagit.h. Keep in the order of the header; tests check each entry
 * against the symbols the library exports. */
static const struct {
    const char *name;
    const char *signature;
} described[] = {
    { "pgit_version",             "str()" },
    { "pgit_abi_version",         "i32()" },
    { "pgit_strerror",            "str(i32)" },
    { "pgit_describe",            "i32(ptr,ptr,i32)" },
    { "pgit_hash_digest_size",    "i32(i32)" },
    { "pgit_hash_impl",           "str(i32)" },
    { "pgit_hash",                "i32(ptr,i32,ptr,size)" },
    { "pgit_hash_state_size",     "size()" },
    { "pgit_hash_init",           "i32(ptr,i32)" },
    { "pgit_hash_update",         "i32(ptr,ptr,size)" },
    { "pgit_hash_final",          "i32(ptr,ptr)" },
    { "pgit_object_hash_batch",   "i32(ptr,i32,i32,ptr,ptr,i32)" },
    { "pgit_codec_new",           "i32(ptr,i32)" },
    { "pgit_codec_free",          "void(ptr)" },
    { "pgit_object_encode_bound", "size(size)" },
    { "pgit_object_encode",       "i32(ptr,ptr,size,ptr,ptr,i32,i32,ptr,size)" },
    { "pgit_object_peek",         "i32(ptr,ptr,ptr,ptr,ptr,size)" },
    { "pgit_object_decode",       "i32(ptr,ptr,size,ptr,ptr,i32,ptr,ptr,size)" },
    { "pgit_encode_begin",        "i32(ptr,i32,i32,u64)" },
    { "pgit_encode_update",       "i32(ptr,size,ptr,ptr,ptr,ptr,size)" },
    { "pgit_encode_finish",       "i32(ptr,ptr,size,ptr,ptr)" },
    { "pgit_decode_begin",        "i32(ptr,i32)" },
    { "pgit_decode_begin_entry",  "i32(ptr,i32,i32,size)" },
    { "pgit_decode_set_input",    "i32(ptr,ptr,size)" },
    { "pgit_decode_update",       "i32(ptr,ptr,ptr,size,ptr,ptr,ptr,ptr,size)" },
    { "pgit_decode_finish",       "i32(ptr,ptr,ptr)" },
    { "pgit_pack_entry_header",   "i32(ptr,ptr,ptr,ptr,i32,ptr,size,size)" },
    { "pgit_pack_inflate",        "i32(ptr,ptr,size,ptr,ptr,i32,i32,ptr,size)" },
    { "pgit_delta_apply",         "i32(ptr,size,ptr,ptr,size,ptr,size)" },
    { "pgit_pack_delta_resolve",  "i32(ptr,ptr,size,ptr,ptr,ptr,i32,i32,ptr,size,ptr,size,size)" },
    { "pgit_pack_scan",           "i32(ptr,ptr,ptr,ptr,i32,ptr,size,size,i32)" },
};

int32_t pgit_describe(const char **out_name, const char **out_signature, int32_t index)
{
    if (out_name == NULL || out_signature == NULL)
        return PGIT_EINVAL;
    if (index < 0 || (size_t)index >= sizeof(described) / sizeof(described[0]))
        return PGIT_ERANGE;
    *out_name = described[index].name;
    *out_signature = described[index].signature;
    return PGIT_OK;
}
