/*
 * broken_describe.c -- a library that describes itself wrongly, for the
 * tests of every describe-driven binder (C/libffi, Java, Python). What it
 * gets wrong is chosen by the environment variable PGIT_BROKEN:
 *   "missing"   (default) it describes pgit_missing, which it does not export
 *   "signature" it describes pgit_abi_version as "i32(float)"
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(_WIN32)
#define EXPORT __declspec(dllexport)
#else
#define EXPORT __attribute__((visibility("default")))
#endif

EXPORT int32_t pgit_abi_version(void)
{
    return 1;
}

EXPORT int32_t pgit_describe(const char **out_name, const char **out_signature, int32_t index)
{
    const char *mode = getenv("PGIT_BROKEN");
    int signature_mode = mode != NULL && strcmp(mode, "signature") == 0;

    if (out_name == NULL || out_signature == NULL)
        return -1;
    switch (index) {
    case 0:
        *out_name = "pgit_describe";
        *out_signature = "i32(ptr,ptr,i32)";
        return 0;
    case 1:
        *out_name = signature_mode ? "pgit_abi_version" : "pgit_missing";
        *out_signature = signature_mode ? "i32(float)" : "i32()";
        return 0;
    default:
        return -12;
    }
}
