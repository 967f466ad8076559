package dev.panagit.transport;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Repository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A push to git's own {@code receive-pack}, run as a child process and spoken to over its stdin
 * and stdout (what ssh would carry; receive-pack speaks protocol version 0): its ref
 * advertisement and capabilities, our update commands, one pack of what it lacks, then its
 * report ({@code unpack ok}, {@code ok <ref>} or {@code ng <ref> <reason>}) demultiplexed from
 * side-band 1, band 2 being its messages (hooks, receive.denyCurrentBranch), shown as git shows
 * them. receive-pack checks the pack and moves the refs; nothing moves here.
 */
public final class ReceivePackTarget implements AutoCloseable {
    /** git's suffix for a remote message line when the output is not a terminal (instead of clear-to-end). */
    private static final String DUMB_SUFFIX = "        ";

    /** receive-pack's answer: how the pack went, each ref's refusal reason (absent: accepted), its messages. */
    public record Report(String unpack, Map<String, String> refused, String messages) {
    }

    private final Repository sender;
    private final ExtProcess process;
    private final InputStream in;
    private final OutputStream out;
    private final Map<String, ObjectId> refs = new TreeMap<>();
    private final Set<ObjectId> advertisedHaves = new HashSet<>();
    private final Set<String> capabilities = new HashSet<>();
    private boolean commandsSent;

    /**
     * Starts {@code command} (git's ext:: form: {@code %s} becomes {@code receive-pack}, {@code %S}
     * {@code git-receive-pack}) and reads its advertisement.
     */
    public ReceivePackTarget(Repository sender, String command, Path cwd) throws IOException {
        this.sender = sender;
        this.process = ExtProcess.start(command, "receive-pack", cwd, Map.of());
        this.in = process.in;
        this.out = process.out;
        readAdvertisement();
    }

    private void readAdvertisement() throws IOException {
        ObjectFormat format = sender.format();
        boolean first = true;
        for (Object packet = PacketLine.read(in); packet instanceof byte[] bytes; packet = PacketLine.read(in)) {
            String line = PacketLine.text(bytes);
            if (first) {
                int nul = line.indexOf('\0');
                if (nul >= 0) {
                    for (String capability : line.substring(nul + 1).split(" ")) {
                        capabilities.add(capability);
                    }
                    line = line.substring(0, nul);
                }
                first = false;
                String remoteFormat = capabilities.stream().filter(c -> c.startsWith("object-format="))
                        .map(c -> c.substring("object-format=".length())).findFirst().orElse("sha1");
                if (!remoteFormat.equals(format.configName())) {
                    throw new IOException("mismatched object format: the remote uses " + remoteFormat
                            + ", this repository " + format.configName());
                }
            }
            int space = line.indexOf(' ');
            if (space != format.hexLength() || !ObjectId.isHex(line.substring(0, space), format.hexLength())) {
                throw new IOException("protocol error: bad advertisement line '" + line + "'");
            }
            ObjectId id = ObjectId.fromHex(format, line.substring(0, space));
            String name = line.substring(space + 1);
            if (name.equals(".have")) {
                advertisedHaves.add(id);
            } else if (!name.equals("capabilities^{}")) {
                refs.put(name, id);
            }
        }
    }

    /** The remote's refs, as advertised. */
    public Map<String, ObjectId> refs() {
        return refs;
    }

    /**
     * Sends the updates (ref to {old, new}; a null new deletes) and, unless all are deletions,
     * one pack of the objects their new ids need that the remote's refs do not already reach;
     * returns receive-pack's report.
     *
     * @throws IOException when receive-pack cannot do deletions and one is asked, or the
     *         connection or protocol fails
     */
    public Report push(Map<String, ObjectId[]> updates) throws IOException {
        ObjectId zero = ObjectId.zeroId(sender.format());
        boolean deletesOnly = true;
        boolean first = true;
        List<ObjectId> wants = new ArrayList<>();
        for (Map.Entry<String, ObjectId[]> update : updates.entrySet()) {
            ObjectId oldId = update.getValue()[0] == null ? zero : update.getValue()[0];
            ObjectId newId = update.getValue()[1];
            if (newId == null && !capabilities.contains("delete-refs")) {
                throw new IOException("the receiving end does not support deleting refs");
            }
            String line = oldId.name() + " " + (newId == null ? zero : newId).name() + " " + update.getKey();
            if (first) {
                line += "\0" + requestedCapabilities();
                first = false;
            }
            PacketLine.write(out, line + "\n");
            if (newId != null) {
                deletesOnly = false;
                wants.add(newId);
            }
        }
        PacketLine.flush(out);
        commandsSent = true;
        if (!deletesOnly) {
            List<ObjectId> tips = new ArrayList<>(advertisedHaves);
            tips.addAll(refs.values());
            List<ObjectId> objects = ObjectEnumerator.missing(sender, RemoteReach.of(sender, tips, wants), wants);
            Path pack = Files.createTempFile("panagit-push-", ".pack");
            try {
                PackOutput.write(sender.objects(), sender.format(), objects, pack);
                Files.copy(pack, out);
                out.flush();
            } finally {
                Files.deleteIfExists(pack);
            }
        }
        return capabilities.contains("report-status") ? readReport() : new Report("ok", Map.of(), "");
    }

    private String requestedCapabilities() {
        List<String> asked = new ArrayList<>();
        for (String capability : List.of("report-status", "side-band-64k", "delete-refs", "quiet")) {
            if (capabilities.contains(capability)) {
                asked.add(capability);
            }
        }
        if (capabilities.stream().anyMatch(c -> c.startsWith("object-format="))) {
            asked.add("object-format=" + sender.format().configName());
        }
        asked.add("agent=panagit/0.1");
        return String.join(" ", asked);
    }

    /** The report, taken from side-band 1 when side-band was agreed, with band 2's messages. */
    private Report readReport() throws IOException {
        InputStream report = in;
        StringBuilder messages = new StringBuilder();
        if (capabilities.contains("side-band-64k")) {
            ByteArrayOutputStream band1 = new ByteArrayOutputStream();
            StringBuilder pending = new StringBuilder();
            SideBand.demux(in, band1, text -> {
                // each whole line as git's recv_sideband prints it when not on a terminal
                pending.append(text);
                int newline;
                while ((newline = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, newline);
                    messages.append("remote: ").append(line).append(line.isEmpty() ? "" : DUMB_SUFFIX).append('\n');
                    pending.delete(0, newline + 1);
                }
            });
            if (!pending.isEmpty()) {
                messages.append("remote: ").append(pending).append(DUMB_SUFFIX).append('\n');
            }
            report = new java.io.ByteArrayInputStream(band1.toByteArray());
        }
        String unpack = null;
        Map<String, String> refused = new LinkedHashMap<>();
        for (Object packet = PacketLine.read(report); packet instanceof byte[] bytes; packet = PacketLine.read(report)) {
            String line = PacketLine.text(bytes);
            if (line.startsWith("unpack ")) {
                unpack = line.substring("unpack ".length());
            } else if (line.startsWith("ng ")) {
                int space = line.indexOf(' ', 3);
                refused.put(space < 0 ? line.substring(3) : line.substring(3, space),
                        space < 0 ? "failed" : line.substring(space + 1));
            } else if (!line.startsWith("ok ")) {
                throw new IOException("protocol error: bad report line '" + line + "'");
            }
        }
        if (unpack == null) {
            throw new IOException("protocol error: receive-pack sent no unpack status");
        }
        return new Report(unpack, refused, messages.toString());
    }

    @Override
    public void close() throws IOException {
        try {
            if (!commandsSent) {
                PacketLine.flush(out);   // no commands: receive-pack then ends quietly
            }
        } catch (IOException e) {
            // the other side may have gone already
        }
        process.close();
    }
}
