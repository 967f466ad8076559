/*
 * test_describe_binder.c -- the libffi binder against direct C calls: every
 * function libpanagit describes is called through libffi with valid
 * arguments, and each result must equal the direct call's. Then the broken
 * library: each way of describing wrongly is a clear error, not a crash.
 *
 * argv[1]: libpanagit's path; argv[2]: the broken library's path.
 */
#define _POSIX_C_SOURCE 200809L

#include "describe_binder.h"
#include "pack_util.h"

#include <stdlib.h>

static pcall_library lib;
static const char *called[PCALL_MAX_FUNCTIONS];
static int called_count;

/* Calls `name` through libffi with the given argument pointers. */
static uint64_t call(const char *name, void **args)
{
    const pcall_function *fn = pcall_find(&lib, name);
    uint64_t ret = 0;

    if (fn == NULL) {
        fprintf(stderr, "not described: %s\n", name);
        check_failed++;
        return 0;
    }
    pcall_invoke(fn, &ret, args);
    called[called_count++] = name;
    return ret;
}

static void test_every_function(void)
{
    const char *name_direct, *sig_direct, *name_ffi = NULL, *sig_ffi = NULL;
    int32_t i32_a, i32_b, i32_c;
    pgit_size size_a, size_b, size_c;
    pgit_size u64_a;
    void *p_a, *p_b, *p_c, *p_d, *p_e, *p_f, *p_g;
    uint8_t digest_direct[32], digest_ffi[32];
    const uint8_t content[] = "what the library says about itself\n";
    pgit_size len = sizeof(content) - 1;
    pgit_codec *direct_codec = NULL, *ffi_codec = NULL;

    CHECK((const char *)(uintptr_t)call("pgit_version", NULL) == pgit_version());
    CHECK((int32_t)call("pgit_abi_version", NULL) == pgit_abi_version());
    i32_a = PGIT_ETRUNCATED;
    { void *a[] = { &i32_a }; CHECK(strcmp((const char *)(uintptr_t)call("pgit_strerror", a), pgit_strerror(PGIT_ETRUNCATED)) == 0); }
    p_a = &name_ffi; p_b = &sig_ffi; i32_a = 3;
    { void *a[] = { &p_a, &p_b, &i32_a }; CHECK((int32_t)call("pgit_describe", a) == 0); }
    CHECK(pgit_describe(&name_direct, &sig_direct, 3) == 0);
    CHECK(name_ffi == name_direct && sig_ffi == sig_direct);
    i32_a = PGIT_HASH_SHA256;
    { void *a[] = { &i32_a }; CHECK((int32_t)call("pgit_hash_digest_size", a) == 32); }
    { void *a[] = { &i32_a }; CHECK((const char *)(uintptr_t)call("pgit_hash_impl", a) == pgit_hash_impl(PGIT_HASH_SHA256)); }

    /* One-shot hash. */
    CHECK(pgit_hash(digest_direct, PGIT_HASH_SHA1, content, len) == 0);
    p_a = digest_ffi; i32_a = PGIT_HASH_SHA1; p_b = (void *)(uintptr_t)content; size_a = len;
    { void *a[] = { &p_a, &i32_a, &p_b, &size_a }; CHECK((int32_t)call("pgit_hash", a) == 0); }
    CHECK(memcmp(digest_direct, digest_ffi, 20) == 0);

    /* Batch hashing: one call, two objects. */
    {
        pgit_size lengths[2] = { len, 5 };
        uint8_t data[64], ids[40], direct_ids[40];
        memcpy(data, content, len);
        memcpy(data + len, "tail!", 5);
        CHECK(pgit_object_hash_batch(direct_ids, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, data, lengths, 2) == 0);
        p_a = ids; i32_a = PGIT_HASH_SHA1; i32_b = PGIT_OBJ_BLOB; p_b = data; p_c = lengths; i32_c = 2;
        { void *a[] = { &p_a, &i32_a, &i32_b, &p_b, &p_c, &i32_c };
          CHECK((int32_t)call("pgit_object_hash_batch", a) == 0); }
        CHECK(memcmp(ids, direct_ids, 40) == 0);
    }

    /* Streaming hash, state allocated from the size the library gives. */
    size_b = (pgit_size)call("pgit_hash_state_size", NULL);
    CHECK(size_b == pgit_hash_state_size());
    {
        void *state = malloc(size_b);
        p_a = state; i32_a = PGIT_HASH_SHA1;
        { void *a[] = { &p_a, &i32_a }; CHECK((int32_t)call("pgit_hash_init", a) == 0); }
        p_b = (void *)(uintptr_t)content; size_a = len;
        { void *a[] = { &p_a, &p_b, &size_a }; CHECK((int32_t)call("pgit_hash_update", a) == 0); }
        memset(digest_ffi, 0, sizeof(digest_ffi));
        p_c = digest_ffi;
        { void *a[] = { &p_c, &p_a }; CHECK((int32_t)call("pgit_hash_final", a) == 0); }
        CHECK(memcmp(digest_direct, digest_ffi, 20) == 0);
        free(state);
    }

    /* Codecs and whole-buffer objects: the same bytes as the direct calls. */
    CHECK(pgit_codec_new(&direct_codec, 1) == 0);
    p_a = &ffi_codec; i32_a = 1;
    { void *a[] = { &p_a, &i32_a }; CHECK((int32_t)call("pgit_codec_new", a) == 0); }
    CHECK(ffi_codec != NULL);
    size_a = len;
    { void *a[] = { &size_a }; size_b = (pgit_size)call("pgit_object_encode_bound", a); }
    CHECK(size_b == pgit_object_encode_bound(len));
    {
        uint8_t *enc_direct = malloc(size_b), *enc_ffi = malloc(size_b), id_direct[20], id_ffi[20], out[128];
        pgit_size enc_direct_len, enc_ffi_len = 0, out_len = 0;
        pgit_size declared = 0;
        int32_t type = 0, header_len = 0;

        CHECK(pgit_object_encode(id_direct, enc_direct, size_b, &enc_direct_len, direct_codec, PGIT_HASH_SHA1,
                                 PGIT_OBJ_BLOB, content, len) == 0);
        p_a = id_ffi; p_b = enc_ffi; size_a = size_b; p_c = &enc_ffi_len; p_d = ffi_codec;
        i32_a = PGIT_HASH_SHA1; i32_b = PGIT_OBJ_BLOB; p_e = (void *)(uintptr_t)content; size_c = len;
        { void *a[] = { &p_a, &p_b, &size_a, &p_c, &p_d, &i32_a, &i32_b, &p_e, &size_c };
          CHECK((int32_t)call("pgit_object_encode", a) == 0); }
        CHECK(memcmp(id_direct, id_ffi, 20) == 0);
        CHECK(enc_ffi_len == enc_direct_len && memcmp(enc_ffi, enc_direct, enc_ffi_len) == 0);

        p_a = &type; p_b = &declared; p_c = &header_len; p_d = ffi_codec; p_e = enc_ffi; size_a = enc_ffi_len;
        { void *a[] = { &p_a, &p_b, &p_c, &p_d, &p_e, &size_a }; CHECK((int32_t)call("pgit_object_peek", a) == 0); }
        CHECK(type == PGIT_OBJ_BLOB && declared == len && header_len == 8);

        p_a = &type; p_b = out; size_a = sizeof(out); p_c = &out_len; p_d = ffi_codec; i32_a = PGIT_HASH_SHA1;
        p_e = id_direct; p_f = enc_ffi; size_b = enc_ffi_len;
        { void *a[] = { &p_a, &p_b, &size_a, &p_c, &p_d, &i32_a, &p_e, &p_f, &size_b };
          CHECK((int32_t)call("pgit_object_decode", a) == 0); }
        CHECK(out_len == len && memcmp(out, content, len) == 0);

        /* Streaming encode through libffi, then streaming decode. */
        i32_a = PGIT_HASH_SHA1; i32_b = PGIT_OBJ_BLOB; u64_a = len; p_a = ffi_codec;
        { void *a[] = { &p_a, &i32_a, &i32_b, &u64_a }; CHECK((int32_t)call("pgit_encode_begin", a) == 0); }
        {
            pgit_size produced = 0, n = 0, used = 0;
            p_b = enc_ffi; size_a = pgit_object_encode_bound(len); p_c = &n; p_d = &used;
            p_e = (void *)(uintptr_t)content; size_c = len;
            { void *a[] = { &p_b, &size_a, &p_c, &p_d, &p_a, &p_e, &size_c };
              CHECK((int32_t)call("pgit_encode_update", a) == 0); }
            CHECK(used == len);
            produced = n;
            memset(id_ffi, 0, sizeof(id_ffi));
            p_f = id_ffi; p_b = enc_ffi + produced; size_a = pgit_object_encode_bound(len) - produced;
            { void *a[] = { &p_f, &p_b, &size_a, &p_c, &p_a }; CHECK((int32_t)call("pgit_encode_finish", a) == 0); }
            produced += n;
            CHECK(memcmp(id_ffi, id_direct, 20) == 0);

            i32_a = PGIT_HASH_SHA1;
            { void *a[] = { &p_a, &i32_a }; CHECK((int32_t)call("pgit_decode_begin", a) == 0); }
            memset(out, 0, sizeof(out));
            p_b = &type; p_c = &declared; p_d = out; size_a = sizeof(out); p_e = &out_len; p_f = &used;
            p_g = enc_ffi; size_b = produced;
            { void *a[] = { &p_b, &p_c, &p_d, &size_a, &p_e, &p_f, &p_a, &p_g, &size_b };
              CHECK((int32_t)call("pgit_decode_update", a) == 0); }
            CHECK(out_len == len && memcmp(out, content, len) == 0 && used == produced);
            p_b = NULL; p_c = id_direct;
            { void *a[] = { &p_b, &p_a, &p_c }; CHECK((int32_t)call("pgit_decode_finish", a) == 0); }
        }
        free(enc_direct);
        free(enc_ffi);
    }
    /* Packs: a blob and an OFS_DELTA on it, read entry by entry and scanned. */
    {
        static const char base[] = "the base of a delta, long enough to copy from\n";
        buf pack = { 0 }, delta = { 0 };
        size_t at_blob, at_delta;
        int32_t type = 0, count = 0;
        pgit_size size = 0, header_len = 0, base_offset = 0, used = 0, out_len = 0;
        uint8_t out[128], direct_out[128], id[20], direct_id[20], ids[40];
        pgit_pack_entry entries[2], direct_entries[2];

        delta_size(&delta, sizeof(base) - 1);
        delta_size(&delta, 12);
        delta_copy(&delta, 4, 8);
        delta_insert(&delta, "!!!!", 4);
        pack_start(&pack, 2);
        at_blob = pack_whole(&pack, PGIT_OBJ_BLOB, (const uint8_t *)base, sizeof(base) - 1);
        at_delta = pack.len;
        pack_entry_header(&pack, PGIT_OBJ_OFS_DELTA, delta.len);
        pack_ofs(&pack, at_delta - at_blob);
        pack_deflated(&pack, delta.data, delta.len);

        p_a = &type; p_b = &size; p_c = &header_len; p_d = &base_offset; i32_a = PGIT_HASH_SHA1;
        p_e = pack.data; size_a = pack.len; size_b = at_delta;
        { void *a[] = { &p_a, &p_b, &p_c, &p_d, &i32_a, &p_e, &size_a, &size_b };
          CHECK((int32_t)call("pgit_pack_entry_header", a) == 0); }
        CHECK(type == PGIT_OBJ_OFS_DELTA && size == delta.len && base_offset == at_blob && header_len == 2);

        CHECK(pgit_pack_inflate(direct_id, direct_out, sizeof(base) - 1, &used, direct_codec, PGIT_HASH_SHA1,
                                PGIT_OBJ_BLOB, pack.data + at_blob + 2, pack.len - at_blob - 2) == 0);
        p_a = id; p_b = out; size_a = sizeof(base) - 1; p_c = &used; p_d = ffi_codec; i32_a = PGIT_HASH_SHA1;
        i32_b = PGIT_OBJ_BLOB; p_e = pack.data + at_blob + 2; size_b = pack.len - at_blob - 2;
        { void *a[] = { &p_a, &p_b, &size_a, &p_c, &p_d, &i32_a, &i32_b, &p_e, &size_b };
          CHECK((int32_t)call("pgit_pack_inflate", a) == 0); }
        CHECK(memcmp(out, base, sizeof(base) - 1) == 0 && memcmp(id, direct_id, 20) == 0);
        CHECK(at_blob + 2 + used == at_delta);
        {
            /* The same entry streamed: pgit_decode_begin_entry through libffi, then update and finish. */
            int32_t algo = PGIT_HASH_SHA1, blob = PGIT_OBJ_BLOB, t = 0;
            pgit_size entry_size = sizeof(base) - 1, declared = 0, made = 0;
            void *codec_p = ffi_codec;
            { void *a[] = { &codec_p, &algo, &blob, &entry_size };
              CHECK((int32_t)call("pgit_decode_begin_entry", a) == 0); }
            CHECK(pgit_decode_update(&t, &declared, out, sizeof(out), &made, &used, ffi_codec, pack.data + at_blob + 2,
                                     at_delta - at_blob - 2) == 0);
            CHECK(t == PGIT_OBJ_BLOB && declared == entry_size && made == entry_size);
            CHECK(pgit_decode_finish(id, ffi_codec, direct_id) == 0);

            /* Again with the whole input given up front: pgit_decode_set_input through libffi. */
            {
                const void *whole = pack.data + at_blob + 2;
                pgit_size whole_len = at_delta - at_blob - 2;
                CHECK(pgit_decode_begin_entry(ffi_codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB, entry_size) == 0);
                { void *a[] = { &codec_p, &whole, &whole_len };
                  CHECK((int32_t)call("pgit_decode_set_input", a) == 0); }
                CHECK(pgit_decode_update(&t, &declared, out, sizeof(out), &made, &used, ffi_codec, NULL, 0) == 0);
                CHECK(made == entry_size && used == 0 && memcmp(out, base, sizeof(base) - 1) == 0);
                CHECK(pgit_decode_finish(id, ffi_codec, direct_id) == 0);
            }
        }

        CHECK(pgit_delta_apply(direct_out, sizeof(direct_out), &out_len, (const uint8_t *)base, sizeof(base) - 1,
                               delta.data, delta.len) == 0);
        p_a = out; size_a = sizeof(out); p_b = &out_len; p_c = (void *)(uintptr_t)base; size_b = sizeof(base) - 1;
        p_d = delta.data; size_c = delta.len;
        { void *a[] = { &p_a, &size_a, &p_b, &p_c, &size_b, &p_d, &size_c };
          CHECK((int32_t)call("pgit_delta_apply", a) == 0); }
        CHECK(out_len == 12 && memcmp(out, "base of !!!!", 12) == 0 && memcmp(out, direct_out, 12) == 0);

        {
            pgit_size delta_len = delta.len, in_len = pack.len - at_delta - header_len;
            int32_t algo = PGIT_HASH_SHA1, blob = PGIT_OBJ_BLOB;
            void *base_p = (void *)(uintptr_t)base, *in_p = pack.data + at_delta + header_len;
            memset(out, 0, sizeof(out));
            CHECK(pgit_pack_delta_resolve(direct_id, direct_out, sizeof(direct_out), &out_len, &used, direct_codec,
                                          algo, blob, (const uint8_t *)base, sizeof(base) - 1, in_p, in_len,
                                          delta_len) == 0);
            p_a = id; p_b = out; size_a = sizeof(out); p_c = &out_len; p_d = &used; p_e = ffi_codec;
            size_b = sizeof(base) - 1;
            { void *a[] = { &p_a, &p_b, &size_a, &p_c, &p_d, &p_e, &algo, &blob, &base_p, &size_b, &in_p,
                            &in_len, &delta_len };
              CHECK((int32_t)call("pgit_pack_delta_resolve", a) == 0); }
            CHECK(out_len == 12 && memcmp(out, "base of !!!!", 12) == 0 && memcmp(id, direct_id, 20) == 0);
        }

        CHECK(pgit_pack_scan(direct_entries, direct_id, &count, direct_codec, PGIT_HASH_SHA1, pack.data, pack.len,
                             PGIT_PACK_HEADER_SIZE, 2) == 0 && count == 2);
        count = 0;
        p_a = entries; p_b = ids; p_c = &count; p_d = ffi_codec; i32_a = PGIT_HASH_SHA1; p_e = pack.data;
        size_a = pack.len; size_b = PGIT_PACK_HEADER_SIZE; i32_b = 2;
        { void *a[] = { &p_a, &p_b, &p_c, &p_d, &i32_a, &p_e, &size_a, &size_b, &i32_b };
          CHECK((int32_t)call("pgit_pack_scan", a) == 0); }
        CHECK(count == 2 && memcmp(entries, direct_entries, sizeof(entries)) == 0);
        CHECK(memcmp(ids, direct_id, 20) == 0);
        free(pack.data);
        free(delta.data);
    }

    p_a = ffi_codec;
    { void *a[] = { &p_a }; call("pgit_codec_free", a); }
    pgit_codec_free(direct_codec);

    /* Every described function was exercised. */
    {
        int i, k;
        for (i = 0; i < lib.count; i++) {
            int found = 0;
            for (k = 0; k < called_count; k++)
                found |= strcmp(called[k], lib.functions[i].name) == 0;
            if (!found)
                fprintf(stderr, "never called through libffi: %s\n", lib.functions[i].name);
            CHECK(found);
        }
    }
}

static void test_signature_grammar(void)
{
    pcall_function fn;
    char err[256];

    CHECK(pcall_parse_signature(&fn, "i32(ptr,i32,ptr,size)", err, sizeof(err)) == 0);
    CHECK(fn.ret == PCALL_I32 && fn.nargs == 4 && fn.args[3] == PCALL_SIZE);
    CHECK(pcall_parse_signature(&fn, "void()", err, sizeof(err)) == 0 && fn.nargs == 0);
    CHECK(pcall_parse_signature(&fn, "i32(float)", err, sizeof(err)) == -1 && strstr(err, "float") != NULL);
    CHECK(pcall_parse_signature(&fn, "i32", err, sizeof(err)) == -1);
    CHECK(pcall_parse_signature(&fn, "i32(ptr,)", err, sizeof(err)) == -1);
    CHECK(pcall_parse_signature(&fn, "i32(void)", err, sizeof(err)) == -1);
}

static void test_broken_library(const char *path)
{
    pcall_library broken;

    setenv("PGIT_BROKEN", "missing", 1);
    CHECK(pcall_open(&broken, path) == -1);
    CHECK(strstr(broken.error, "describes pgit_missing but does not export it") != NULL);
    setenv("PGIT_BROKEN", "signature", 1);
    CHECK(pcall_open(&broken, path) == -1);
    CHECK(strstr(broken.error, "describes pgit_abi_version badly") != NULL);
    CHECK(pcall_open(&broken, "/nonexistent/libpanagit.so") == -1);
    CHECK(strstr(broken.error, "cannot open /nonexistent/libpanagit.so") != NULL);
    printf("broken library error: %s\n", broken.error);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_describe_binder <libpanagit> <broken library>\n");
        return 2;
    }
    if (pcall_open(&lib, argv[1]) != 0) {
        fprintf(stderr, "%s\n", lib.error);
        return 1;
    }
    CHECK(lib.count >= 20);
    test_every_function();
    test_signature_grammar();
    pcall_close(&lib);
    test_broken_library(argv[2]);
    return check_summary("test_describe_binder");
}
