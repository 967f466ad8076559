package dev.panagit.cli;

import dev.panagit.diff.MyersDiff;
import dev.panagit.diff.Snapshots;
import dev.panagit.history.RevWalk;
import dev.panagit.lib.ObjectId;
import dev.panagit.objects.Commit;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code log}: the commits reachable from the given revisions (HEAD by default) and not from
 * excluded ones ({@code A..B}, {@code ^A}), newest first (or in graph order with {@code --graph}),
 * limited to paths with git's history simplification, filtered by author, committer and message;
 * each in a pretty format with its diff in the asked formats. Output byte for byte as git's.
 */
final class LogCommand implements Command {
    @Override
    public String name() {
        return "log";
    }

    @Override
    public String description() {
        return "Show commit logs, newest first (refs decorated on a terminal, as git's log.decorate=auto).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag graphOption = args.flag("--graph", "draw the history graph");
        Args.Value maxCountOption = args.value("-n, --max-count", "<n>", "at most n commits");
        Args.Value skipOption = args.value("--skip", "<n>", "skip the first n commits");
        Args.Value decorateOption = args.optionalValue("--decorate", "short|full|auto|no", "short",
                "name the refs pointing at each commit (default: log.decorate, else auto: only on a terminal)");
        Args.Flag noDecorateOption = args.flag("--no-decorate", "name no refs");
        Args.Value authorOption = args.value("--author", "<pattern>", "only commits whose author matches (repeatable)");
        Args.Value committerOption = args.value("--committer", "<pattern>", "only commits whose committer matches");
        Args.Value grepOption = args.value("--grep", "<pattern>", "only commits whose message matches (repeatable)");
        Args.Flag allMatchOption = args.flag("--all-match", "the message must match every --grep");
        Args.Flag invertGrepOption = args.flag("--invert-grep", "only commits whose message matches no --grep");
        Args.Flag ignoreCaseOption = args.flag("-i, --regexp-ignore-case", "patterns ignore case");
        Args.Flag extendedOption = args.flag("-E, --extended-regexp", "patterns are extended regular expressions");
        Args.Flag fixedOption = args.flag("-F, --fixed-strings", "patterns are plain strings");
        Args.Flag mergesOption = args.flag("--merges", "only merge commits");
        Args.Flag noMergesOption = args.flag("--no-merges", "no merge commits");
        Args.Flag firstParentOption = args.flag("--first-parent", "follow only the first parent of merges");
        Args.Flag allOption = args.flag("--all", "start from every ref and HEAD");
        PrettyOptions prettyOptions = new PrettyOptions(args);
        DiffOptions diffOptions = new DiffOptions(args);
        Args.Operands operands = args.operands("[<revision>...] [--] [<path>...]", 0, -1, null);
        args.parse();

        Repository repo = Repos.open(io);
        PrettyFormat pretty = prettyOptions.format();
        DiffOptions.Formats formats = diffOptions.formats(false);
        MyersDiff.Options algorithm = diffOptions.algorithmOptions();
        int renameScore = diffOptions.renames(repo.config().getBoolean("diff.renames", true)) ? diffOptions.renameScore() : -1;

        RevWalk walk = new RevWalk(repo).firstParent(firstParentOption.on());
        List<String> paths = select(io, repo, operands, walk, allOption.on());
        walk.paths(paths);
        Predicate<Commit> filter = filter(authorOption.all(), committerOption.all(), grepOption.all(),
                allMatchOption.on(), invertGrepOption.on(), ignoreCaseOption.on(), extendedOption.on(), fixedOption.on());
        if (mergesOption.on()) {
            filter = filter.and(c -> c.parents().size() > 1);
        }
        if (noMergesOption.on()) {
            filter = filter.and(c -> c.parents().size() <= 1);
        }
        walk.filter(filter);
        boolean graph = graphOption.on();
        boolean filtered = !authorOption.all().isEmpty() || !committerOption.all().isEmpty() || !grepOption.all().isEmpty()
                || mergesOption.on() || noMergesOption.on();
        if (graph && filtered) {
            throw new Fatal("--graph with --author, --committer, --grep or --(no-)merges is not built yet");
        }
        int skip = skipOption.asInt(0);
        int limit = maxCountOption.asInt(-1);

        Decorations decorations = Decorations.of(repo, decorationStyle(io, repo, decorateOption, noDecorateOption));
        CommitPrinter printer = new CommitPrinter(repo, pretty, decorations, formats, diffOptions.context(), algorithm,
                renameScore, Snapshots.pathspec(paths),
                firstParentOption.on() ? CommitPrinter.MergeDiff.FIRST_PARENT : CommitPrinter.MergeDiff.NONE,
                io.env(), diffOptions.palette(io,
                        dev.panagit.repo.ConfigFiles.effective(repo, io.env()), "diff"));
        PrintStream out = io.out();
        if (!graph) {   // printed as the walk finds them: a long history is not held in memory
            boolean[] first = {true};
            walk.byDate(skip, limit, entry -> {
                if (!first[0]) {
                    out.print(printer.separator());
                }
                out.write(printer.render(entry.id(), entry.commit()));
                first[0] = false;
            });
            return 0;
        }
        GraphRenderer renderer = new GraphRenderer();
        boolean first = true;
        for (RevWalk.Entry entry : topoLimited(walk.byDate(0, -1), skip, limit)) {
            graphed(out, renderer, entry, printer.render(entry.id(), entry.commit()),
                    !first && !printer.separator().isEmpty());
            first = false;
        }
        return 0;
    }

    /**
     * The revisions and paths of the command line: {@code A..B} and {@code ^A} exclude, a name
     * that is no revision starts the paths (it must then exist, as git asks), {@code --} splits
     * them explicitly; HEAD when no revision is given.
     */
    private static List<String> select(Io io, Repository repo, Args.Operands operands, RevWalk walk, boolean all)
            throws Exception {
        List<String> operandList = operands.all();
        int split = operands.beforeDashDash();
        List<String> revs = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < operandList.size(); i++) {
            String arg = operandList.get(i);
            boolean revision = split >= 0 ? i < split : paths.isEmpty() && isRevision(repo, arg);
            if (revision) {
                revs.add(arg);
            } else {
                if (split < 0 && !Files.exists(io.resolve(arg), LinkOption.NOFOLLOW_LINKS)) {
                    throw new Fatal(Repos.unknownRevision(arg));
                }
                paths.add(Repos.pathspec(io, repo, arg));
            }
        }
        boolean included = false;
        for (String rev : revs) {
            int dots = rev.indexOf("..");
            if (rev.contains("...")) {
                throw new Fatal("symmetric differences (A...B) are not built yet: " + rev);
            }
            if (dots >= 0) {
                String left = rev.substring(0, dots);
                String right = rev.substring(dots + 2);
                walk.exclude(Repos.commit(io, repo, left.isEmpty() ? "HEAD" : left));
                walk.include(Repos.commit(io, repo, right.isEmpty() ? "HEAD" : right));
                included = true;
            } else if (rev.startsWith("^")) {
                walk.exclude(Repos.commit(io, repo, rev.substring(1)));
            } else {
                walk.include(Repos.commit(io, repo, rev));
                included = true;
            }
        }
        if (all) {
            for (ObjectId id : repo.refs().all().values()) {
                ObjectId peeled = repo.peelTags(id);
                if (repo.objects().readHeader(peeled).type() == dev.panagit.lib.ObjectType.COMMIT) {
                    walk.include(peeled);
                }
            }
            repo.refs().resolve(Refs.HEAD).ifPresent(walk::include);
            included = true;
        }
        if (!included) {
            walk.include(repo.refs().resolve(Refs.HEAD).orElseThrow(() -> new Fatal("your current branch '"
                    + currentBranchName(repo) + "' does not have any commits yet")));
        }
        return paths;
    }

    private static boolean isRevision(Repository repo, String arg) throws java.io.IOException {
        if (arg.startsWith("^")) {
            return dev.panagit.repo.Revisions.resolve(repo, arg.substring(1), true).isPresent();
        }
        int dots = arg.indexOf("..");
        if (dots >= 0) {
            String left = arg.substring(0, dots);
            String right = arg.substring(arg.startsWith(".", dots + 2) ? dots + 3 : dots + 2);
            return (left.isEmpty() || dev.panagit.repo.Revisions.resolve(repo, left, true).isPresent())
                    && (right.isEmpty() || dev.panagit.repo.Revisions.resolve(repo, right, true).isPresent());
        }
        return dev.panagit.repo.Revisions.resolve(repo, arg, true).isPresent();
    }

    /** git's --graph implies --topo-order, and the limits count in that order. */
    private static List<RevWalk.Entry> topoLimited(List<RevWalk.Entry> all, int skip, int limit) {
        List<RevWalk.Entry> ordered = RevWalk.topo(all);
        int from = Math.min(skip, ordered.size());
        int to = limit < 0 ? ordered.size() : Math.min(ordered.size(), from + limit);
        return ordered.subList(from, to);
    }

    /** Prints a commit's lines beside the graph: its row, the rows that open or join lanes, then the lanes alone. */
    private static void graphed(PrintStream out, GraphRenderer renderer, RevWalk.Entry entry, byte[] text,
            boolean separated) {
        // git's separator line shows the lanes as they are, padded to the width of the commit that follows
        String separator = renderer.separator();
        String body = new String(text, StandardCharsets.UTF_8);
        if (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        String[] lines = body.split("\n", -1);
        GraphRenderer.Rows rows = renderer.next(entry.id(), entry.parents());
        if (separated) {
            int width = rows.commitPrefix().length();
            out.print(separator + " ".repeat(Math.max(0, width - separator.length())) + "\n");
        }
        int rowCount = Math.max(lines.length, 1 + rows.after().size());
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rowCount; k++) {
            String prefix = k == 0 ? rows.commitPrefix()
                    : k - 1 < rows.after().size() ? rows.after().get(k - 1) : rows.continuation();
            String line = k < lines.length ? lines[k] : "";
            sb.append(prefix).append(line).append('\n');
        }
        out.print(sb);
    }

    /**
     * The commit filter of --author, --committer and --grep (git's grep on the commit buffer):
     * authors OR'ed, committers OR'ed, message patterns OR'ed (AND'ed with --all-match, negated
     * with --invert-grep), the three kinds AND'ed.
     */
    static Predicate<Commit> filter(List<String> authors, List<String> committers, List<String> greps, boolean allMatch,
            boolean invert, boolean ignoreCase, boolean extended, boolean fixed) {
        List<Pattern> authorPatterns = compile(authors, ignoreCase, extended, fixed);
        List<Pattern> committerPatterns = compile(committers, ignoreCase, extended, fixed);
        List<Pattern> grepPatterns = compile(greps, ignoreCase, extended, fixed);
        return c -> {
            if (!authorPatterns.isEmpty()
                    && authorPatterns.stream().noneMatch(p -> p.matcher(c.author().toExternalString()).find())) {
                return false;
            }
            if (!committerPatterns.isEmpty()
                    && committerPatterns.stream().noneMatch(p -> p.matcher(c.committer().toExternalString()).find())) {
                return false;
            }
            if (grepPatterns.isEmpty()) {
                return true;
            }
            boolean matches = allMatch ? grepPatterns.stream().allMatch(p -> p.matcher(c.message()).find())
                    : grepPatterns.stream().anyMatch(p -> p.matcher(c.message()).find());
            return matches != invert;
        };
    }

    private static List<Pattern> compile(List<String> patterns, boolean ignoreCase, boolean extended, boolean fixed) {
        int flags = Pattern.MULTILINE | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        List<Pattern> out = new ArrayList<>();
        for (String p : patterns) {
            String regex = fixed ? Pattern.quote(p) : extended ? p : fromBasic(p);
            try {
                out.add(Pattern.compile(regex, flags));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new Fatal("command line, '" + p + "': " + e.getDescription());
            }
        }
        return out;
    }

    /**
     * A POSIX basic regular expression (git's default for --grep and --author) as a Java one:
     * {@code + ? | ( ) { }} are plain characters unless escaped (GNU's extensions), {@code \<} and
     * {@code \>} are word boundaries.
     */
    static String fromBasic(String basic) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < basic.length(); i++) {
            char c = basic.charAt(i);
            if (c == '\\' && i + 1 < basic.length()) {
                char n = basic.charAt(++i);
                switch (n) {
                    case '+', '?', '|', '(', ')', '{', '}' -> sb.append(n);
                    case '<', '>' -> sb.append("\\b");
                    default -> sb.append('\\').append(n);
                }
            } else if ("+?|(){}".indexOf(c) >= 0) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** git's precedence: --no-decorate, then --decorate, then log.decorate, then auto. */
    private static Decorations.Style decorationStyle(Io io, Repository repo, Args.Value decorate, Args.Flag noDecorate)
            throws java.io.IOException {
        boolean terminal = io.stdoutIsTerminal();
        if (noDecorate.on()) {
            return Decorations.Style.NO;
        }
        if (decorate.given()) {
            return Decorations.Style.parse(decorate.get("short"), terminal, false);
        }
        return configuredDecorations(io, repo);
    }

    /** log.decorate, else auto (decorations on a terminal or in the pager only): log's and show's default. */
    static Decorations.Style configuredDecorations(Io io, Repository repo) throws java.io.IOException {
        java.util.Optional<String> configured = repo.config().get("log.decorate");
        return Decorations.Style.parse(configured.orElse("auto"), io.stdoutIsTerminal(), configured.isPresent());
    }

    private static String currentBranchName(Repository repo) {
        try {
            return repo.refs().currentBranch().map(Decorations::shortName).orElse("HEAD");
        } catch (java.io.IOException e) {
            return "HEAD";
        }
    }
}
