/*
 * describe_binder.c -- see describe_binder.h.
 */
#include "describe_binder.h"

#include <stdio.h>
#include <string.h>

#if defined(_WIN32)
#include <windows.h>
static void *lib_open(const char *path) { return (void *)LoadLibraryA(path); }
static void *lib_symbol(void *handle, const char *name) { return (void *)GetProcAddress((HMODULE)handle, name); }
static void lib_close(void *handle) { FreeLibrary((HMODULE)handle); }
static const char *lib_error(void) { return "LoadLibrary failed"; }
#else
#include <dlfcn.h>
static void *lib_open(const char *path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }
static void *lib_symbol(void *handle, const char *name) { return dlsym(handle, name); }
static void lib_close(void *handle) { dlclose(handle); }
static const char *lib_error(void) { const char *e = dlerror(); return e ? e : "unknown error"; }
#endif

typedef int32_t (*describe_fn)(const char **out_name, const char **out_signature, int32_t index);

static const struct {
    const char *name;
    enum pcall_kind kind;
} kinds[] = {
    { "void", PCALL_VOID }, { "i32", PCALL_I32 }, { "u32", PCALL_U32 }, { "i64", PCALL_I64 },
    { "u64", PCALL_U64 }, { "size", PCALL_SIZE }, { "ptr", PCALL_PTR }, { "str", PCALL_STR },
};

const char *pcall_kind_name(enum pcall_kind kind)
{
    size_t i;
    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (kinds[i].kind == kind)
            return kinds[i].name;
    return "?";
}

static int kind_named(enum pcall_kind *out, const char *start, size_t len)
{
    size_t i;
    for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
        if (strlen(kinds[i].name) == len && memcmp(kinds[i].name, start, len) == 0) {
            *out = kinds[i].kind;
            return 0;
        }
    }
    return -1;
}

static ffi_type *ffi_type_of(enum pcall_kind kind)
{
    switch (kind) {
    case PCALL_VOID: return &ffi_type_void;
    case PCALL_I32:  return &ffi_type_sint32;
    case PCALL_U32:  return &ffi_type_uint32;
    case PCALL_I64:  return &ffi_type_sint64;
    case PCALL_U64:  return &ffi_type_uint64;
    case PCALL_SIZE: return &ffi_type_uint64;   /* pgit_size: unsigned long long, 64 bits */
    default:         return &ffi_type_pointer;
    }
}

int pcall_parse_signature(pcall_function *fn, const char *signature, char *err, size_t err_len)
{
    const char *open = strchr(signature, '(');
    const char *close = strrchr(signature, ')');
    const char *p;

    if (open == NULL || close == NULL || close < open || close[1] != '\0') {
        snprintf(err, err_len, "signature '%s' is not of the form ret(arg,...)", signature);
        return -1;
    }
    if (kind_named(&fn->ret, signature, (size_t)(open - signature)) != 0) {
        snprintf(err, err_len, "signature '%s' has an unknown result type", signature);
        return -1;
    }
    fn->nargs = 0;
    p = open + 1;
    while (p < close) {
        const char *end = p;
        enum pcall_kind kind;
        while (end < close && *end != ',')
            end++;
        if (fn->nargs == PCALL_MAX_ARGS) {
            snprintf(err, err_len, "signature '%s' has more than %d arguments", signature, PCALL_MAX_ARGS);
            return -1;
        }
        if (kind_named(&kind, p, (size_t)(end - p)) != 0 || kind == PCALL_VOID) {
            snprintf(err, err_len, "signature '%s' has an unknown argument type '%.*s'", signature,
                     (int)(end - p), p);
            return -1;
        }
        fn->args[fn->nargs++] = kind;
        p = end < close ? end + 1 : end;
        if (end < close && p == close) {
            snprintf(err, err_len, "signature '%s' ends with a comma", signature);
            return -1;
        }
    }
    return 0;
}

int pcall_open(pcall_library *lib, const char *path)
{
    describe_fn describe;
    int32_t i;

    memset(lib, 0, sizeof(*lib));
    lib->handle = lib_open(path);
    if (lib->handle == NULL) {
        snprintf(lib->error, sizeof(lib->error), "cannot open %s: %s", path, lib_error());
        return -1;
    }
    describe = (describe_fn)(uintptr_t)lib_symbol(lib->handle, "pgit_describe");
    if (describe == NULL) {
        snprintf(lib->error, sizeof(lib->error), "%s does not export pgit_describe: it cannot describe itself", path);
        goto fail;
    }
    for (i = 0; i < PCALL_MAX_FUNCTIONS; i++) {
        pcall_function *fn = &lib->functions[lib->count];
        char err[256];
        int k;

        if (describe(&fn->name, &fn->signature, i) != 0)
            break;
        if (pcall_parse_signature(fn, fn->signature, err, sizeof(err)) != 0) {
            snprintf(lib->error, sizeof(lib->error), "%s describes %s badly: %s", path, fn->name, err);
            goto fail;
        }
        fn->address = lib_symbol(lib->handle, fn->name);
        if (fn->address == NULL) {
            snprintf(lib->error, sizeof(lib->error), "%s describes %s but does not export it", path, fn->name);
            goto fail;
        }
        for (k = 0; k < fn->nargs; k++)
            fn->ffi_args[k] = ffi_type_of(fn->args[k]);
        if (ffi_prep_cif(&fn->cif, FFI_DEFAULT_ABI, (unsigned)fn->nargs, ffi_type_of(fn->ret), fn->ffi_args) != FFI_OK) {
            snprintf(lib->error, sizeof(lib->error), "libffi cannot prepare a call to %s %s", fn->name, fn->signature);
            goto fail;
        }
        lib->count++;
    }
    return 0;

fail:
    lib_close(lib->handle);
    lib->handle = NULL;
    lib->count = 0;
    return -1;
}

void pcall_close(pcall_library *lib)
{
    if (lib->handle != NULL)
        lib_close(lib->handle);
    lib->handle = NULL;
    lib->count = 0;
}

const pcall_function *pcall_find(const pcall_library *lib, const char *name)
{
    int i;
    for (i = 0; i < lib->count; i++)
        if (strcmp(lib->functions[i].name, name) == 0)
            return &lib->functions[i];
    return NULL;
}

void pcall_invoke(const pcall_function *fn, uint64_t *ret, void **args)
{
    ffi_arg raw = 0;
    void *pointer = NULL;

    switch (fn->ret) {
    case PCALL_VOID:
        ffi_call((ffi_cif *)&fn->cif, FFI_FN(fn->address), NULL, args);
        *ret = 0;
        break;
    case PCALL_PTR:
    case PCALL_STR:
        ffi_call((ffi_cif *)&fn->cif, FFI_FN(fn->address), &pointer, args);
        *ret = (uint64_t)(uintptr_t)pointer;
        break;
    case PCALL_I32:
        /* libffi widens small integer results to a full ffi_arg register. */
        ffi_call((ffi_cif *)&fn->cif, FFI_FN(fn->address), &raw, args);
        *ret = (uint64_t)(int64_t)(int32_t)raw;
        break;
    default: {
        uint64_t wide = 0;
        if (fn->ret == PCALL_U32) {
            ffi_call((ffi_cif *)&fn->cif, FFI_FN(fn->address), &raw, args);
            wide = (uint32_t)raw;
        } else {
            ffi_call((ffi_cif *)&fn->cif, FFI_FN(fn->address), &wide, args);
        }
        *ret = wide;
        break;
    }
    }
}
