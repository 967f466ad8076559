package dev.panagit.nativeaccess;

import dev.panagit.lib.CollisionAttackException;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.nativeaccess.bindings.Panagit;

/** Maps libpanagit's return codes to Java exceptions. */
final class NativeErrors {
    private NativeErrors() {
    }

    /** The corruption a decoding error code stands for, or {@code null} if it is not about the data. */
    static Corruption corruption(int code) {
        if (code == Panagit.PGIT_ETRUNCATED()) {
            return Corruption.TRUNCATED;
        } else if (code == Panagit.PGIT_EZLIB()) {
            return Corruption.BAD_ZLIB;
        } else if (code == Panagit.PGIT_EHEADER()) {
            return Corruption.BAD_HEADER;
        } else if (code == Panagit.PGIT_ESIZE()) {
            return Corruption.SIZE_MISMATCH;
        } else if (code == Panagit.PGIT_EOVERFLOW()) {
            return Corruption.SIZE_OVERFLOW;
        } else if (code == Panagit.PGIT_EIDMISMATCH()) {
            return Corruption.ID_MISMATCH;
        } else if (code == Panagit.PGIT_ETRAILING()) {
            return Corruption.TRAILING_GARBAGE;
        } else if (code == Panagit.PGIT_EPACK()) {
            return Corruption.BAD_PACK_ENTRY;
        } else if (code == Panagit.PGIT_EDELTA()) {
            return Corruption.BAD_DELTA;
        } else if (code == Panagit.PGIT_ERANGE()) {
            return Corruption.BAD_OFFSET;
        }
        return null;
    }

    /** Throws for a decoding error: corrupt data, or a misuse that is a bug in panagit. */
    static CorruptObjectException corrupt(int code, String function) {
        Corruption corruption = corruption(code);
        if (corruption == null) {
            throw failure(code, function);
        }
        return new CorruptObjectException(corruption, null);
    }

    /** An error that no input should cause (a bug, or memory exhaustion), or a collision attack. */
    static RuntimeException failure(int code, String function) {
        if (code == Panagit.PGIT_ECOLLISION()) {
            return new CollisionAttackException();
        }
        if (code == Panagit.PGIT_ENOMEM()) {
            throw new OutOfMemoryError(function + ": libpanagit is out of memory");
        }
        return new IllegalStateException(function + " failed with " + code + " (" + message(code) + ")");
    }

    static String message(int code) {
        return NativeCore.cString(Panagit.pgit_strerror(code));
    }
}
