/*
 * describe_binder.h -- binds libpanagit at run time from what it says about
 * itself (pgit_describe), with libffi building each call interface. No
 * header of the library is needed: this is how a dynamic language finds
 * calling conventions at run time.
 */
#ifndef PANAGIT_DESCRIBE_BINDER_H
#define PANAGIT_DESCRIBE_BINDER_H

#include <ffi.h>
#include <stddef.h>
#include <stdint.h>

#define PCALL_MAX_ARGS 16
#define PCALL_MAX_FUNCTIONS 256

/* The value kinds of the signature grammar. */
enum pcall_kind { PCALL_VOID, PCALL_I32, PCALL_U32, PCALL_I64, PCALL_U64, PCALL_SIZE, PCALL_PTR, PCALL_STR };

typedef struct pcall_function {
    const char *name;                    /* owned by the library (static strings) */
    const char *signature;
    void *address;
    enum pcall_kind ret;
    enum pcall_kind args[PCALL_MAX_ARGS];
    int nargs;
    ffi_type *ffi_args[PCALL_MAX_ARGS];
    ffi_cif cif;
} pcall_function;

typedef struct pcall_library {
    void *handle;
    pcall_function functions[PCALL_MAX_FUNCTIONS];
    int count;
    char error[512];
} pcall_library;

/* Opens the shared library at `path`, reads every entry of its
 * pgit_describe, parses each signature, resolves each symbol and prepares
 * its libffi call interface. Returns 0, or -1 with lib->error saying what
 * is wrong (library missing, no pgit_describe, a described function not
 * exported, a signature that does not parse). */
int pcall_open(pcall_library *lib, const char *path);

/* Closes what pcall_open opened. */
void pcall_close(pcall_library *lib);

/* The described function called `name`, or NULL. */
const pcall_function *pcall_find(const pcall_library *lib, const char *name);

/* Parses one signature ("i32(ptr,size)") into fn's ret/args/nargs.
 * Returns 0, or -1 with a message in err (err_len bytes). */
int pcall_parse_signature(pcall_function *fn, const char *signature, char *err, size_t err_len);

/* Calls fn with `args`: args[i] points at the value of argument i (an
 * int32_t, a 64-bit integer (i64, u64, size) or a pointer, by kind). The result is stored in
 * *ret (8 bytes are enough for every kind; integers are widened). */
void pcall_invoke(const pcall_function *fn, uint64_t *ret, void **args);

/* The name of a kind ("i32", ...). */
const char *pcall_kind_name(enum pcall_kind kind);

#endif
