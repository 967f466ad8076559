package dev.panagit.transport;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Repository;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fetch from git's own {@code upload-pack}, run as a child process and spoken to over its
 * stdin and stdout in protocol version 2 (what ssh would carry): the capability advertisement,
 * {@code ls-refs} (peeled tags, symrefs), then {@code fetch} with our wants, our tips as haves and
 * {@code done}, the pack demultiplexed from side-band 1 (band 2 is the remote's messages, band 3
 * a fatal error). The pack is indexed and checked by the {@link PackInstaller} like any other.
 */
public final class UploadPackSource implements RemoteSource, AutoCloseable {
    private final Repository receiver;
    private final ExtProcess process;
    private final InputStream in;
    private final OutputStream out;
    private final Map<String, String> capabilities = new HashMap<>();
    private Map<String, ObjectId> refs;
    private final Map<String, ObjectId> peeled = new HashMap<>();
    private String headTarget;
    private ObjectId headId;

    /** The branch the remote's HEAD names (refs/heads/main), if it is a symref to a born branch. */
    public java.util.Optional<String> headTarget() throws IOException {
        refs();
        return headId == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(headTarget);
    }

    /**
     * Starts {@code command} (git's ext:: form: {@code %s} becomes {@code upload-pack}, {@code %S}
     * {@code git-upload-pack}) and reads its advertisement.
     */
    public UploadPackSource(Repository receiver, String command, Path cwd) throws IOException {
        this.receiver = receiver;
        this.process = ExtProcess.start(command, "upload-pack", cwd, Map.of("GIT_PROTOCOL", "version=2"));
        this.in = process.in;
        this.out = process.out;
        readAdvertisement();
    }

    private void readAdvertisement() throws IOException {
        Object first = PacketLine.read(in);
        if (!(first instanceof byte[] line) || !PacketLine.text(line).equals("version 2")) {
            throw new IOException("the remote did not answer in protocol version 2 (is it git's upload-pack?)");
        }
        for (Object packet = PacketLine.read(in); packet instanceof byte[] bytes; packet = PacketLine.read(in)) {
            String text = PacketLine.text(bytes);
            int eq = text.indexOf('=');
            capabilities.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
        }
        String format = capabilities.getOrDefault("object-format", "sha1");
        if (!format.equals(receiver.format().configName())) {
            throw new IOException("mismatched object format: the remote uses " + format + ", this repository "
                    + receiver.format().configName());
        }
    }

    private void command(String name, List<String> arguments) throws IOException {
        PacketLine.write(out, "command=" + name + "\n");
        PacketLine.write(out, "agent=panagit/0.1\n");
        if (capabilities.containsKey("object-format")) {
            PacketLine.write(out, "object-format=" + receiver.format().configName() + "\n");
        }
        PacketLine.delim(out);
        for (String argument : arguments) {
            PacketLine.write(out, argument + "\n");
        }
        PacketLine.flush(out);
    }

    @Override
    public Map<String, ObjectId> refs() throws IOException {
        if (refs == null) {
            command("ls-refs", List.of("peel", "symrefs", "ref-prefix HEAD", "ref-prefix refs/"));
            ObjectFormat format = receiver.format();
            refs = new TreeMap<>();
            for (Object packet = PacketLine.read(in); packet instanceof byte[] bytes; packet = PacketLine.read(in)) {
                String[] fields = PacketLine.text(bytes).split(" ");
                if (fields.length < 2 || !ObjectId.isHex(fields[0], format.hexLength())) {
                    throw new IOException("protocol error: bad ls-refs line '" + PacketLine.text(bytes) + "'");
                }
                ObjectId id = ObjectId.fromHex(format, fields[0]);
                for (int i = 2; i < fields.length; i++) {
                    if (fields[i].startsWith("peeled:")) {
                        peeled.put(fields[1], ObjectId.fromHex(format, fields[i].substring(7)));
                    } else if (fields[i].startsWith("symref-target:") && fields[1].equals("HEAD")) {
                        headTarget = fields[i].substring("symref-target:".length());
                    }
                }
                if (fields[1].equals("HEAD")) {
                    headId = id;
                } else {
                    refs.put(fields[1], id);
                }
            }
        }
        return refs;
    }

    @Override
    public ObjectId peeled(String ref, ObjectId id) {
        return peeled.getOrDefault(ref, id);
    }

    @Override
    public int transfer(List<ObjectId> wants, List<ObjectId> tags, PackInstaller installer) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("ofs-delta", "no-progress"));
        int wanted = 0;
        for (ObjectId id : wants) {
            if (!receiver.objects().has(id)) {
                arguments.add("want " + id.name());
                wanted++;
            }
        }
        for (ObjectId id : tags) {
            if (!receiver.objects().has(id)) {
                arguments.add("want " + id.name());
                wanted++;
            }
        }
        if (wanted == 0) {
            return 0;
        }
        for (ObjectId have : receiver.refs().all().values()) {
            if (receiver.objects().has(have)) {
                arguments.add("have " + have.name());
            }
        }
        arguments.add("done");
        command("fetch", arguments);
        Path pack = installer.temporaryPack();
        try {
            receivePack(pack);
            return installer.install(pack);
        } finally {
            Files.deleteIfExists(pack);
        }
    }

    /** Reads the response's sections up to "packfile", then the side-band stream into {@code file}. */
    private void receivePack(Path file) throws IOException {
        while (true) {
            Object packet = PacketLine.read(in);
            if (packet instanceof byte[] bytes && PacketLine.text(bytes).equals("packfile")) {
                break;
            }
            if (packet == PacketLine.Special.FLUSH) {
                throw new IOException("protocol error: the remote sent no pack");
            }
        }
        try (OutputStream pack = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            // the remote's progress and messages are not shown (no-progress was asked for)
            SideBand.demux(in, pack, text -> { });
        }
    }

    @Override
    public void close() throws IOException {
        process.close();
    }
}
