package dev.panagit.codec;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Helpers shared by the codec backends. */
public final class Streams {
    private Streams() {
    }

    /**
     * An object claims more content than its compressed bytes can hold: decodes it as a stream into
     * nothing, which stops at the real error, and returns that error.
     */
    public static CorruptObjectException classifyImplausible(ObjectCodec codec, ObjectFormat format,
            byte[] compressed, int off, int len, ObjectHeader header) {
        try {
            codec.decode(format, new ByteArrayInputStream(compressed, off, len), OutputStream.nullOutputStream(), null);
        } catch (CorruptObjectException e) {
            return e;
        } catch (IOException e) {
            return new CorruptObjectException(Corruption.TRUNCATED, e.getMessage());
        }
        return new CorruptObjectException(Corruption.SIZE_MISMATCH,
                "declares " + header.size() + " bytes in " + len + " compressed bytes");
    }
}
