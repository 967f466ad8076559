/*
 * pgit_call.c -- pgit-call: calls any function of libpanagit by name, with
 * libffi, from what the library describes about itself. No header needed.
 *
 *   pgit-call <library> --list
 *   pgit-call <library> <function> [argument...]
 *
 * Arguments, matched against the described signature:
 *   123, -5, 0x1f   an integer (i32 u32 i64 u64 size)
 *   null            a NULL pointer
 *   s:TEXT          a pointer to TEXT (NUL-terminated)     #s:TEXT  its length
 *   @FILE           a pointer to FILE's bytes                #@FILE   their length
 *   out:N           a zeroed N-byte buffer, shown in hex after the call
 *
 * Example: the SHA-1 of a file, through pgit_hash(out, algo, data, len):
 *   pgit-call libpanagit.so pgit_hash out:20 1 @README.md '#@README.md'
 */
#include "describe_binder.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct argument {
    union {
        int32_t i32;
        uint64_t u64;   /* i64, u64 and size (pgit_size, 64 bits) */
        void *ptr;
    } value;
    uint8_t *owned;      /* buffer to free */
    size_t out_len;      /* > 0 for out:N buffers */
} argument;

static int read_file(const char *path, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    long size;
    int rc = -1;

    if (f == NULL)
        return -1;
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        goto done;
    *data = malloc((size_t)size + 1);
    if (*data == NULL)
        goto done;
    if (fread(*data, 1, (size_t)size, f) != (size_t)size) {
        free(*data);
        *data = NULL;
        goto done;
    }
    *len = (size_t)size;
    rc = 0;
done:
    fclose(f);
    return rc;
}

/* Parses `text` as an argument of `kind`. Returns 0, or -1 after printing why. */
static int parse_argument(argument *arg, enum pcall_kind kind, const char *text, int index)
{
    int is_pointer = kind == PCALL_PTR || kind == PCALL_STR;

    memset(arg, 0, sizeof(*arg));
    if (is_pointer) {
        if (strcmp(text, "null") == 0) {
            arg->value.ptr = NULL;
        } else if (strncmp(text, "s:", 2) == 0) {
            arg->value.ptr = (void *)(uintptr_t)(text + 2);
        } else if (text[0] == '@') {
            size_t len;
            if (read_file(text + 1, &arg->owned, &len) != 0) {
                fprintf(stderr, "pgit-call: argument %d: cannot read %s: %s\n", index, text + 1, strerror(errno));
                return -1;
            }
            arg->value.ptr = arg->owned;
        } else if (strncmp(text, "out:", 4) == 0) {
            char *end;
            unsigned long n = strtoul(text + 4, &end, 10);
            if (*end != '\0' || n == 0 || n > (64ul << 20)) {
                fprintf(stderr, "pgit-call: argument %d: out:N needs 1 <= N <= 64 MiB\n", index);
                return -1;
            }
            arg->owned = calloc(1, n);
            arg->out_len = n;
            arg->value.ptr = arg->owned;
        } else {
            fprintf(stderr, "pgit-call: argument %d is a pointer: give null, s:TEXT, @FILE or out:N, not '%s'\n",
                    index, text);
            return -1;
        }
        return 0;
    }

    if (strncmp(text, "#s:", 3) == 0) {
        arg->value.u64 = strlen(text + 3);
    } else if (strncmp(text, "#@", 2) == 0) {
        uint8_t *data;
        size_t len;
        if (read_file(text + 2, &data, &len) != 0) {
            fprintf(stderr, "pgit-call: argument %d: cannot read %s: %s\n", index, text + 2, strerror(errno));
            return -1;
        }
        free(data);
        arg->value.u64 = len;
    } else {
        char *end;
        errno = 0;
        long long v = strtoll(text, &end, 0);
        if (*end != '\0' || errno != 0) {
            fprintf(stderr, "pgit-call: argument %d is a %s: '%s' is not a number\n", index,
                    pcall_kind_name(kind), text);
            return -1;
        }
        arg->value.u64 = (uint64_t)v;
    }
    if (kind == PCALL_I32 || kind == PCALL_U32)
        arg->value.i32 = (int32_t)arg->value.u64;
    return 0;
}

static void print_result(const pcall_function *fn, uint64_t ret)
{
    switch (fn->ret) {
    case PCALL_VOID:
        printf("=> (void)\n");
        break;
    case PCALL_STR:
        printf("=> \"%s\"\n", ret ? (const char *)(uintptr_t)ret : "(null)");
        break;
    case PCALL_PTR:
        printf("=> %p\n", (void *)(uintptr_t)ret);
        break;
    case PCALL_I32:
    case PCALL_I64:
        printf("=> %lld\n", (long long)(int64_t)ret);
        break;
    default:
        printf("=> %llu\n", (unsigned long long)ret);
        break;
    }
}

int main(int argc, char **argv)
{
    pcall_library lib;
    const pcall_function *fn;
    argument args[PCALL_MAX_ARGS];
    void *values[PCALL_MAX_ARGS];
    uint64_t ret;
    int i, rc = 1;

    if (argc < 3) {
        fprintf(stderr, "usage: pgit-call <library> --list\n       pgit-call <library> <function> [argument...]\n");
        return 129;
    }
    if (pcall_open(&lib, argv[1]) != 0) {
        fprintf(stderr, "pgit-call: %s\n", lib.error);
        return 128;
    }
    if (strcmp(argv[2], "--list") == 0) {
        for (i = 0; i < lib.count; i++)
            printf("%s %s\n", lib.functions[i].name, lib.functions[i].signature);
        pcall_close(&lib);
        return 0;
    }
    fn = pcall_find(&lib, argv[2]);
    if (fn == NULL) {
        fprintf(stderr, "pgit-call: %s does not describe a function named %s (try --list)\n", argv[1], argv[2]);
        pcall_close(&lib);
        return 128;
    }
    if (argc - 3 != fn->nargs) {
        fprintf(stderr, "pgit-call: %s %s takes %d arguments, not %d\n", fn->name, fn->signature, fn->nargs, argc - 3);
        pcall_close(&lib);
        return 129;
    }
    memset(args, 0, sizeof(args));
    for (i = 0; i < fn->nargs; i++) {
        if (parse_argument(&args[i], fn->args[i], argv[3 + i], i + 1) != 0)
            goto done;
        values[i] = &args[i].value;
    }
    pcall_invoke(fn, &ret, values);
    print_result(fn, ret);
    for (i = 0; i < fn->nargs; i++) {
        if (args[i].out_len > 0) {
            size_t k;
            printf("out[%d] = ", i + 1);
            for (k = 0; k < args[i].out_len; k++)
                printf("%02x", args[i].owned[k]);
            printf("\n");
        }
    }
    rc = 0;
done:
    for (i = 0; i < fn->nargs; i++)
        free(args[i].owned);
    pcall_close(&lib);
    return rc;
}
