package dev.panagit.history;

import dev.panagit.objects.PersonIdent;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * Who and when, as git decides: {@code GIT_AUTHOR_NAME/EMAIL/DATE} and {@code GIT_COMMITTER_*}
 * first, then {@code user.name}/{@code user.email} from the repository config, then the global
 * config ({@code GIT_CONFIG_GLOBAL}, else {@code ~/.gitconfig}); the date defaults to now.
 */
public final class Identities {
    private final Repository repo;
    private final Map<String, String> env;

    /** Identities for commits in {@code repo}, reading the {@code GIT_*} variables from {@code env}. */
    public Identities(Repository repo, Map<String, String> env) {
        this.repo = repo;
        this.env = env;
    }

    /** No usable name or email: git's "please tell me who you are". */
    public static final class UnknownIdentityException extends IOException {
        private static final long serialVersionUID = 1L;

        UnknownIdentityException(String role, String what) {
            super(role + " identity unknown\n\n*** Please tell me who you are.\n\nRun\n\n"
                    + "  git config --global user.email \"you@example.com\"\n"
                    + "  git config --global user.name \"Your Name\"\n\n"
                    + "to set your account's default identity.\n"
                    + "Omit --global to set the identity only in this repository.\n\n"
                    + "fatal: empty ident " + what + " not allowed");
        }
    }

    /** The author, as git would record it now. */
    public PersonIdent author() throws IOException {
        return ident("AUTHOR", "Author");
    }

    /** The committer, as git would record it now. */
    public PersonIdent committer() throws IOException {
        return ident("COMMITTER", "Committer");
    }

    private PersonIdent ident(String role, String shown) throws IOException {
        String name = firstNonEmpty(env.get("GIT_" + role + "_NAME"), config("user.name"));
        String email = firstNonEmpty(env.get("GIT_" + role + "_EMAIL"), config("user.email"), env.get("EMAIL"));
        if (name == null || name.isBlank()) {
            throw new UnknownIdentityException(shown, "name");
        }
        if (email == null) {
            throw new UnknownIdentityException(shown, "email");
        }
        String date = env.get("GIT_" + role + "_DATE");
        long seconds;
        int offset;
        if (date != null && !date.isBlank()) {
            long[] parsed = PersonIdent.parseDate(date);
            seconds = parsed[0];
            offset = (int) parsed[1];
        } else {
            Instant now = Instant.now();
            seconds = now.getEpochSecond();
            offset = ZoneId.systemDefault().getRules().getOffset(now).getTotalSeconds() / 60;
        }
        return new PersonIdent(name.strip(), email.strip(), seconds, offset);
    }

    private String config(String key) throws IOException {
        return dev.panagit.repo.ConfigFiles.effective(repo, env).get(key).orElse(null);
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** git's "whitespace" cleanup of a message given with -m or -F: no trailing spaces, no extra blank lines. */
    public static String cleanMessage(String message) {
        String[] lines = message.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        boolean pendingBlank = false;
        for (String line : lines) {
            String trimmed = line.stripTrailing();
            if (trimmed.isEmpty()) {
                pendingBlank = !sb.isEmpty();
                continue;
            }
            if (pendingBlank) {
                sb.append('\n');
                pendingBlank = false;
            }
            sb.append(trimmed).append('\n');
        }
        return sb.toString();
    }
}
