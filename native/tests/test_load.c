/*
 * test_load.c -- the shipped library, loaded as the Java loader loads it: by
 * path, at run time (dlopen, or LoadLibrary on Windows), on every row of the
 * porting matrix. The other tests link the object files; this one finds what
 * only the built library can get wrong: a function it describes but does not
 * export (the export map), a C library or zlib it cannot find at run time
 * (musl's loader, a static zlib), a calling convention that differs.
 *
 *   test_load <path to libpanagit>
 */
#include "panagit.h"
#include "check.h"

#ifdef _WIN32
#  include <windows.h>
typedef HMODULE library;
static library library_open(const char *path) { return LoadLibraryA(path); }
static void *library_symbol(library lib, const char *name) { return (void *)GetProcAddress(lib, name); }
#else
#  include <dlfcn.h>
typedef void *library;
static library library_open(const char *path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }
static void *library_symbol(library lib, const char *name) { return dlsym(lib, name); }
#endif

typedef int32_t (*abi_version_fn)(void);
typedef int32_t (*describe_fn)(const char **, const char **, int32_t);
typedef int32_t (*codec_new_fn)(pgit_codec **, int32_t);
typedef void (*codec_free_fn)(pgit_codec *);
typedef int32_t (*encode_fn)(uint8_t *, uint8_t *, pgit_size, pgit_size *, pgit_codec *, int32_t, int32_t,
                             const uint8_t *, pgit_size);
typedef int32_t (*decode_fn)(int32_t *, uint8_t *, pgit_size, pgit_size *, pgit_codec *, int32_t,
                             const uint8_t *, const uint8_t *, pgit_size);

/* A function pointer from a data pointer, as dlsym's contract allows. */
#define SYMBOL(type, lib, name) ((type)(uintptr_t)library_symbol((lib), (name)))

int main(int argc, char **argv)
{
    library lib;
    abi_version_fn abi_version;
    describe_fn describe;
    codec_new_fn codec_new;
    codec_free_fn codec_free;
    encode_fn encode;
    decode_fn decode;
    pgit_codec *codec = NULL;
    static const uint8_t hello[] = "hello\n";
    uint8_t id[20], compressed[128], content[16];
    pgit_size compressed_len = 0, content_len = 0;
    int32_t type = 0, i, described = 0;
    const char *name, *signature;

    if (argc != 2) {
        fprintf(stderr, "usage: test_load <path to libpanagit>\n");
        return 2;
    }
    lib = library_open(argv[1]);
    if (!lib) {
#ifdef _WIN32
        fprintf(stderr, "cannot load %s: error %lu\n", argv[1], (unsigned long)GetLastError());
#else
        fprintf(stderr, "cannot load %s: %s\n", argv[1], dlerror());
#endif
        return 1;
    }
    abi_version = SYMBOL(abi_version_fn, lib, "pgit_abi_version");
    describe = SYMBOL(describe_fn, lib, "pgit_describe");
    codec_new = SYMBOL(codec_new_fn, lib, "pgit_codec_new");
    codec_free = SYMBOL(codec_free_fn, lib, "pgit_codec_free");
    encode = SYMBOL(encode_fn, lib, "pgit_object_encode");
    decode = SYMBOL(decode_fn, lib, "pgit_object_decode");
    CHECK(abi_version && describe && codec_new && codec_free && encode && decode);
    if (!(abi_version && describe && codec_new && codec_free && encode && decode)) {
        return check_summary("test_load");
    }

    CHECK(abi_version() == PGIT_ABI_VERSION);

    /* Every function the library describes is exported under that name. */
    for (i = 0; describe(&name, &signature, i) == PGIT_OK; i++, described++) {
        if (!library_symbol(lib, name)) {
            fprintf(stderr, "described but not exported: %s %s\n", name, signature);
            CHECK(0);
        }
    }
    CHECK(described > 20);

    /* zlib and SHA-1, as linked into the library: git's id for "hello\n", and back. */
    CHECK(codec_new(&codec, -1) == PGIT_OK);
    CHECK(encode(id, compressed, sizeof compressed, &compressed_len, codec, PGIT_HASH_SHA1, PGIT_OBJ_BLOB,
                 hello, 6) == PGIT_OK);
    CHECK_HEX(id, 20, "ce013625030ba8dba906f756967f9e9ca394464a");
    CHECK(decode(&type, content, sizeof content, &content_len, codec, PGIT_HASH_SHA1, id, compressed,
                 compressed_len) == PGIT_OK);
    CHECK(type == PGIT_OBJ_BLOB && content_len == 6 && memcmp(content, hello, 6) == 0);
    codec_free(codec);
    return check_summary("test_load");
}
