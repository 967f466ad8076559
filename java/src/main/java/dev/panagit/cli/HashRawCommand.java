package dev.panagit.cli;

import dev.panagit.lib.CollisionAttackException;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.PackCodec;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * {@code hash-raw [--sha256] [--no-detect] <file>...}: the digest of each file's bytes as they are
 * (no object header), like git's {@code test-tool sha1}. SHA-1 detects collision attacks, as for ids.
 */
final class HashRawCommand implements Command {
    /** Mapped and fed a slice at a time: bounded address space for files of any size. */
    private static final long SLICE = 64L << 20;

    @Override
    public String name() {
        return "hash-raw";
    }

    @Override
    public String description() {
        return "Print the SHA-1 (or SHA-256) of files' raw bytes; SHA-1 refuses collision attacks.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag sha256Option = args.flag("--sha256", "SHA-256 instead of SHA-1");
        Args.Flag noDetectOption = args.flag("--no-detect",
                "plain SHA-1, without collision detection (to compare with other tools)");
        Args.Operands operands = args.operands("<file>", 1, -1, "files to hash");
        args.parse();
        ObjectFormat format = sha256Option.on() ? ObjectFormat.SHA256 : ObjectFormat.SHA1;
        boolean detect = !noDetectOption.on();
        for (String file : operands.all()) {
            byte[] digest;
            try {
                digest = hash(io, io.resolve(file), file, format, detect);
            } catch (CollisionAttackException e) {
                throw e.about(file);
            }
            io.out().println(HexFormat.of().formatHex(digest));
        }
        return 0;
    }

    private static byte[] hash(Io io, Path path, String shown, ObjectFormat format, boolean detect) throws IOException {
        if (Files.isDirectory(path)) {
            throw new Fatal("unable to hash " + shown + ": it is a directory");
        }
        PackCodec.Checksum checksum = io.backend().codec().pack().checksum(format, detect);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (Files.isRegularFile(path)) {
                long size = channel.size();
                for (long done = 0; done < size; done += SLICE) {
                    try (Arena arena = Arena.ofConfined()) {
                        checksum.update(channel.map(FileChannel.MapMode.READ_ONLY, done, Math.min(SLICE, size - done), arena));
                    }
                }
            } else {   // a pipe or a device (/dev/stdin, <(...)): read as it comes
                ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
                while (channel.read(buffer.clear()) >= 0) {
                    checksum.update(MemorySegment.ofArray(buffer.array()).asSlice(0, buffer.position()));
                }
            }
        } catch (NoSuchFileException e) {
            throw new Fatal("could not open '" + shown + "' for reading: No such file or directory");
        }
        return checksum.finish();
    }
}
