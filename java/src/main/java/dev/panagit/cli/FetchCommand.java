package dev.panagit.cli;

import dev.panagit.repo.ConfigFiles;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.Repository;
import dev.panagit.transport.Fetch;
import dev.panagit.transport.PackInstaller;
import dev.panagit.repo.RefSpec;
import dev.panagit.transport.Remote;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fetch [<remote>] [<refspec>…]}: what the other repository (a path or file:// URL, or a
 * configured remote; default the current branch's, else origin) has and this one lacks, copied as
 * one pack; remote-tracking refs updated under git's rules (fast-forward, {@code +} forced, else
 * rejected), tags that point into the fetch followed, FETCH_HEAD written, and git's summary on
 * stderr.
 */
final class FetchCommand implements Command {
    @Override
    public String name() {
        return "fetch";
    }

    @Override
    public String description() {
        return "Download objects and refs from another repository (local paths and file:// URLs).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag noTagsOption = args.flag("-n, --no-tags", "do not follow tags");
        Args.Flag quietOption = args.flag("-q, --quiet", "print nothing");
        Args.Operands operands = args.operands("[<remote> [<refspec>...]]", 0, -1, null);
        args.parse();
        Repository repo = Repos.open(io);
        List<String> words = operands.all();
        if (!io.env().containsKey("GIT_REFLOG_ACTION")) {
            // the reflog's "fetch <args>: fast-forward", as git's fetch words it
            java.util.Map<String, String> env = new java.util.HashMap<>(io.env());
            env.put("GIT_REFLOG_ACTION", java.util.stream.Stream.concat(java.util.stream.Stream.of("fetch"),
                    args.raw().stream()).collect(java.util.stream.Collectors.joining(" ")));
            io = io.withEnv(env);
        }
        return fetch(io, repo, words.isEmpty() ? null : words.get(0), words.size() > 1 ? words.subList(1, words.size()) : List.of(),
                !noTagsOption.on(), quietOption.on()).anyRejected() ? 1 : 0;
    }

    /** Fetches and reports as git does; shared by pull and clone. */
    static Fetch.Result fetch(Io io, Repository repo, String remoteName, List<String> cmdline, boolean followTags, boolean quiet)
            throws Exception {
        GitConfig config = ConfigFiles.effective(repo, io.env());
        String name = remoteName != null ? remoteName : defaultRemote(repo, config);
        Remote remote = Remote.resolve(config, name);
        List<RefSpec> refspecs = new ArrayList<>();
        try {
            for (String spec : cmdline) {
                refspecs.add(RefSpec.parse(spec));
            }
        } catch (IllegalArgumentException e) {
            throw new Fatal(e.getMessage());
        }
        if (refspecs.isEmpty()) {
            refspecs.addAll(remote.fetch());
        }
        String mergeRef = null;
        if (!cmdline.isEmpty()) {
            mergeRef = null;   // the first command-line ref is the one to merge (below)
        } else {
            Optional<String> branch = repo.refs().currentBranch().map(b -> b.substring("refs/heads/".length()));
            if (branch.isPresent() && remote.name() != null
                    && config.get("branch." + branch.get() + ".remote").filter(remote.name()::equals).isPresent()) {
                mergeRef = config.get("branch." + branch.get() + ".merge").orElse(null);
            }
        }
        // git empties FETCH_HEAD before it reaches the other side: a failed fetch leaves none
        java.nio.file.Files.write(repo.gitDir().resolve("FETCH_HEAD"), new byte[0]);
        Fetch.Result result;
        String action = Repos.reflogAction(io, "fetch");
        java.util.function.Function<String, dev.panagit.repo.Refs.Reason> reasons =
                what -> Repos.reason(repo, io, action + ": " + what);
        PackInstaller installer = new PackInstaller(repo, 0, TerminalProgress.forRun(io));
        try {
            if (remote.url().startsWith("ext::")) {
                // git's upload-pack as a child process, protocol v2 over its pipes (what ssh would carry)
                try (dev.panagit.transport.UploadPackSource source = new dev.panagit.transport.UploadPackSource(repo,
                        remote.url().substring("ext::".length()), io.cwd())) {
                    result = Fetch.run(repo, source, refspecs, followTags, mergeRef, installer, reasons);
                }
            } else {
                Repository other = Repos.openRemote(io, remote, repo.objects().codec());
                result = Fetch.run(repo, other, refspecs, followTags, mergeRef, installer, reasons);
            }
        } catch (java.io.IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("couldn't find remote ref")) {
                throw new Fatal(e.getMessage());
            }
            throw e;
        }
        List<Fetch.Update> updates = result.updates();
        if (!cmdline.isEmpty() && !updates.isEmpty()) {
            Fetch.Update first = updates.get(0);
            updates = new ArrayList<>(updates);
            updates.set(0, new Fetch.Update(first.remoteRef(), first.localRef(), first.oldId(), first.newId(), first.kind(),
                    true));
        }
        writeFetchHead(repo, remote, updates);
        if (!quiet) {
            report(io, repo, remote, updates, io.err());
        }
        return new Fetch.Result(updates, result.objects());
    }

    /** The current branch's remote, else origin (git's default). */
    private static String defaultRemote(Repository repo, GitConfig config) throws Exception {
        Optional<String> branch = repo.refs().currentBranch().map(b -> b.substring("refs/heads/".length()));
        if (branch.isPresent()) {
            Optional<String> remote = config.get("branch." + branch.get() + ".remote");
            if (remote.isPresent()) {
                return remote.get();
            }
        }
        if (config.get("remote.origin.url").isEmpty()) {
            throw new Fatal("No remote repository specified.  Please, specify either a URL or a\n"
                    + "remote name from which new revisions should be fetched.");
        }
        return "origin";
    }

    /** FETCH_HEAD: what to merge first, then the rest, as "<id>\t[not-for-merge]\t<what> of <url>". */
    private static void writeFetchHead(Repository repo, Remote remote, List<Fetch.Update> updates) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (boolean merge : new boolean[] {true, false}) {
            for (Fetch.Update u : updates) {
                if (u.forMerge() != merge) {
                    continue;
                }
                String ref = u.remoteRef();
                String what = ref.startsWith("refs/heads/") ? "branch '" + ref.substring(11) + "' of "
                        : ref.startsWith("refs/tags/") ? "tag '" + ref.substring(10) + "' of "
                        : ref.equals("HEAD") ? "" : "'" + ref + "' of ";
                sb.append(u.newId().name()).append('\t').append(merge ? "" : "not-for-merge").append('\t').append(what)
                        .append(remote.url()).append('\n');
            }
        }
        java.nio.file.Path file = repo.gitDir().resolve("FETCH_HEAD");
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile(repo.gitDir(), "FETCH_HEAD.", ".tmp");
        java.nio.file.Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** git's summary: "From <url>", then a line per changed ref (store_updated_refs' format). */
    private static void report(Io io, Repository repo, Remote remote, List<Fetch.Update> updates, PrintStream err)
            throws Exception {
        int abbrev = 7;
        for (Fetch.Update u : updates) {
            if (u.oldId() != null && u.kind() != Fetch.Kind.UP_TO_DATE) {
                abbrev = Math.max(abbrev, Repos.abbrev(repo, u.oldId()).length());
            }
        }
        int summaryWidth = 2 * abbrev + 3;
        int refWidth = 10;
        int columns = dev.panagit.diff.DiffStat.width(io.env());
        for (Fetch.Update u : updates) {
            if (u.kind() == Fetch.Kind.UP_TO_DATE && !u.localRef().isEmpty()) {
                continue;
            }
            int rlen = pretty(u.remoteRef()).length();
            int llen = u.localRef().isEmpty() ? "FETCH_HEAD".length() : pretty(u.localRef()).length();
            if (21 + rlen + 4 + llen < columns) {
                refWidth = Math.max(refWidth, rlen);
            }
        }
        StringBuilder out = new StringBuilder();
        for (Fetch.Update u : updates) {
            String local = u.localRef().isEmpty() ? "FETCH_HEAD" : pretty(u.localRef());
            char code;
            String summary;
            String error = "";
            switch (u.kind()) {
                case UP_TO_DATE -> {
                    if (!u.localRef().isEmpty()) {
                        continue;
                    }
                    code = '*';
                    summary = u.remoteRef().startsWith("refs/tags/") ? "tag" : u.remoteRef().startsWith("refs/heads/")
                            ? "branch" : "";
                }
                case NEW_BRANCH -> {
                    code = '*';
                    summary = "[new branch]";
                }
                case NEW_TAG -> {
                    code = '*';
                    summary = "[new tag]";
                }
                case NEW_REF -> {
                    code = '*';
                    summary = "[new ref]";
                }
                case FAST_FORWARD -> {
                    code = ' ';
                    summary = Repos.abbrev(repo, u.oldId()) + ".." + Repos.abbrev(repo, u.newId());
                }
                case FORCED -> {
                    code = '+';
                    summary = Repos.abbrev(repo, u.oldId()) + "..." + Repos.abbrev(repo, u.newId());
                    error = "  (forced update)";
                }
                case REJECTED_TAG -> {
                    code = '!';
                    summary = "[rejected]";
                    error = "  (would clobber existing tag)";
                }
                default -> {
                    code = '!';
                    summary = "[rejected]";
                    error = "  (non-fast-forward)";
                }
            }
            out.append(' ').append(code).append(' ').append(pad(summary, summaryWidth)).append(' ')
                    .append(pad(pretty(u.remoteRef()), refWidth)).append(" -> ").append(local).append(error).append('\n');
        }
        if (out.length() > 0) {
            err.print("From " + remote.url() + "\n" + out);
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** prettify_refname: refs/heads/, refs/tags/ and refs/remotes/ left off. */
    static String pretty(String ref) {
        for (String prefix : List.of("refs/heads/", "refs/tags/", "refs/remotes/")) {
            if (ref.startsWith(prefix)) {
                return ref.substring(prefix.length());
            }
        }
        return ref;
    }
}
