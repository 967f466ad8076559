package dev.panagit.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * git's side-band-64k, read until its flush packet: band 1 is the data (a pack, a report), band
 * 2 the remote's messages (progress, hooks, refusals), band 3 a fatal error from the remote.
 */
final class SideBand {
    private SideBand() {
    }

    /**
     * Copies band 1 to {@code data} and hands band 2's text, as it comes, to {@code messages}.
     *
     * @throws IOException on band 3 (the remote's error, in its words), an unknown band, or a
     *         broken connection
     */
    static void demux(InputStream in, OutputStream data, Consumer<String> messages) throws IOException {
        for (Object packet = PacketLine.read(in); packet instanceof byte[] bytes; packet = PacketLine.read(in)) {
            if (bytes.length == 0) {
                continue;
            }
            switch (bytes[0]) {
                case 1 -> data.write(bytes, 1, bytes.length - 1);
                case 2 -> messages.accept(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8));
                case 3 -> throw new IOException("remote error: "
                        + new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8).strip());
                default -> throw new IOException("protocol error: bad band #" + bytes[0]);
            }
        }
    }
}
