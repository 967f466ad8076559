package dev.panagit.repo;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reflogs as git's files backend keeps them: {@code logs/<ref>}, one line per move,
 * {@code <old> <new> <committer ident>\t<message>}. Which refs get one follows
 * {@code core.logAllRefUpdates}: unset means true in a repository with a work tree and false in a
 * bare one; true logs HEAD, branches, remote-tracking refs and notes; "always" every ref; and a
 * ref whose log already exists is always logged.
 */
final class Reflogs {
    private final Path gitDir;
    private final ObjectFormat format;
    private final boolean bare;
    private final Supplier<Optional<String>> setting;

    Reflogs(Path gitDir, ObjectFormat format, boolean bare, Supplier<Optional<String>> setting) {
        this.gitDir = gitDir;
        this.format = format;
        this.bare = bare;
        this.setting = setting;
    }

    /** Appends a line to {@code ref}'s log, when it is to be logged. */
    void append(String ref, ObjectId oldId, ObjectId newId, Refs.Reason reason) throws IOException {
        Path log = gitDir.resolve("logs").resolve(ref);
        if (!wanted(ref, log)) {
            return;
        }
        StringBuilder line = new StringBuilder();
        line.append(oldId == null ? ObjectId.zeroId(format).name() : oldId.name()).append(' ')
                .append(newId == null ? ObjectId.zeroId(format).name() : newId.name()).append(' ')
                .append(reason.who().toExternalString());
        String message = oneLine(reason.message());
        if (!message.isEmpty()) {
            line.append('\t').append(message);
        }
        line.append('\n');
        Files.createDirectories(log.getParent());
        Files.write(log, line.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Removes a deleted ref's log. */
    void delete(String ref) throws IOException {
        Files.deleteIfExists(gitDir.resolve("logs").resolve(ref));
    }

    private boolean wanted(String ref, Path log) {
        if (Files.exists(log)) {
            return true;
        }
        String value = setting.get().map(v -> v.toLowerCase(Locale.ROOT)).orElse(bare ? "false" : "true");
        return switch (value) {
            case "always" -> true;
            case "true", "yes", "on", "1", "" -> ref.equals(Refs.HEAD) || ref.startsWith("refs/heads/")
                    || ref.startsWith("refs/remotes/") || ref.startsWith("refs/notes/");
            default -> false;
        };
    }

    /** git's copy_reflog_msg: runs of git's whitespace (space, tab, CR, LF) become one space; none at the ends. */
    static String oneLine(String message) {
        return message.replaceAll("[ \\t\\n\\r]+", " ").replaceAll("^ | $", "");
    }
}
