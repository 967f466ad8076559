package dev.panagit.cli;

import dev.panagit.history.CommitWalk;
import dev.panagit.history.GraphRenderer;
import dev.panagit.history.PrettyFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.objects.Commit;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

final class LogCommand implements Command {
    boolean oneline;

    boolean graph;

    int maxCount;

    List<String> revs = new ArrayList<>();

    @Override
    public String name() {
        return "log";
    }

    @Override
    public String description() {
        return "Show commit logs, newest first (refs decorated on a terminal, as git's log.decorate=auto).";
    }

    @Override
    public int run(Args args) throws Exception {
        Args.Flag onelineOption = args.flag("--oneline", "one line per commit: abbreviated id and subject");
        Args.Flag graphOption = args.flag("--graph", "draw the history graph");
        Args.Value maxCountOption = args.value("-n, --max-count", "<n>", "at most n commits");
        Args.Value decorateOption = args.optionalValue("--decorate", "short|full|auto|no", "short",
                "name the refs pointing at each commit (default: log.decorate, else auto: only on a terminal)");
        Args.Flag noDecorateOption = args.flag("--no-decorate", "name no refs");
        Args.Flag patchOption = args.flag("-p, --patch", "each commit's patch against its parent (merges: none, as git)");
        Args.Value unifiedOption = args.value("-U, --unified", "<n>", "lines of context in patches (implies -p)");
        Args.Flag statOption = args.flag("--stat", "each commit's diffstat (merges none, as git)");
        Args.Value prettyOption = args.optionalValue("--pretty", "<format>", "medium",
                "oneline, short, medium, full, fuller, raw, format:<string> or tformat:<string>");
        Args.Value formatOption = args.value("--format", "<format>", "as --pretty (a string with % is tformat:)");
        Args.Value dateOption = args.value("--date", "<style>", "default, iso, iso-strict, rfc, short, unix, raw, relative");
        Args.Operands operands = args.operands("<rev>", 0, -1, null);
        args.parse();
        boolean stat = statOption.on();
        String prettySpec = formatOption.given() ? formatOption.get(null) : prettyOption.given() ? prettyOption.get(null)
                : null;
        PrettyFormat pretty;
        try {
            pretty = prettySpec == null && !dateOption.given() ? null
                    : PrettyFormat.parse(prettySpec == null ? "medium" : prettySpec, dateOption.get(null),
                            System.currentTimeMillis() / 1000);
        } catch (IllegalArgumentException e) {
            throw new Fatal(e.getMessage());
        }
        boolean patch = patchOption.on() || unifiedOption.given() || stat;
        int context = unifiedOption.given() ? Integer.parseInt(unifiedOption.get("3")) : 3;
        oneline = onelineOption.on();
        graph = graphOption.on();
        maxCount = maxCountOption.asInt(-1);
        revs = operands.all();
        Repository repo = Repos.open();
        List<ObjectId> starts = new ArrayList<>();
        if (revs.isEmpty()) {
            starts.add(repo.refs().resolve(Refs.HEAD).orElseThrow(() -> new Fatal("your current branch '"
                    + currentBranchName(repo) + "' does not have any commits yet")));
        }
        for (String rev : revs) {
            starts.add(Repos.commit(repo, rev));
        }
        CommitWalk walk = new CommitWalk(repo);
        List<CommitWalk.Entry> commits = graph ? walk.topo(starts, maxCount) : walk.byDate(starts, maxCount);
        Decorations decorations = Decorations.of(repo, decorationStyle(repo, decorateOption, noDecorateOption));
        if (patch && graph) {
            throw new Fatal("log --graph with patches is not built yet");
        }
        if (pretty != null && (graph || patch || oneline)) {
            throw new Fatal("--pretty/--format with --graph, patches or --oneline is not built yet");
        }
        if (pretty != null) {
            return pretty(repo, commits, pretty, decorations);
        }
        GraphRenderer renderer = graph ? new GraphRenderer() : null;
        PrintStream out = Io.current().out();
        boolean first = true;
        for (CommitWalk.Entry entry : commits) {
            List<String> lines = format(repo, entry, decorations);
            if (renderer == null) {
                if (!oneline && !first) {
                    out.print("\n");
                }
                first = false;
                StringBuilder text = new StringBuilder(256);
                for (String line : lines) {
                    text.append(line).append('\n');
                }
                out.print(text);
                if (patch && entry.commit().parents().size() <= 1) {
                    java.util.List<dev.panagit.diff.PatchWriter.Change> changes =
                            ShowCommand.changes(repo, entry.id(), entry.commit());
                    if (!changes.isEmpty()) {
                        java.io.ByteArrayOutputStream diff = new java.io.ByteArrayOutputStream();
                        if (stat) {
                            diff.writeBytes(dev.panagit.diff.DiffStat.format(changes, PatchContents.of(repo, null),
                                    dev.panagit.diff.DiffStat.width(Io.current().env())).getBytes(
                                    java.nio.charset.StandardCharsets.UTF_8));
                        } else {
                            new dev.panagit.diff.PatchWriter(PatchContents.of(repo, null), context).write(changes, diff);
                        }
                        if (!oneline) {
                            out.print("\n");
                        }
                        out.write(diff.toByteArray());
                    }
                }
                continue;
            }
            if (!oneline && !first) {
                out.print(renderer.separator() + "\n");
            }
            first = false;
            // Graph rows and text lines run side by side, as in git: the commit row, then the rows
            // that open or join lanes, then the lanes alone.
            GraphRenderer.Rows rows = renderer.next(entry.id(), entry.commit().parents());
            int rowCount = Math.max(lines.size(), 1 + rows.after().size());
            for (int k = 0; k < rowCount; k++) {
                String prefix = k == 0 ? rows.commitPrefix()
                        : k - 1 < rows.after().size() ? rows.after().get(k - 1) : rows.continuation();
                out.print(prefix + (k < lines.size() ? lines.get(k) : "") + "\n");
            }
        }
        return 0;
    }

    private List<String> format(Repository repo, CommitWalk.Entry entry, Decorations decorations) throws Exception {
        Commit c = entry.commit();
        List<String> lines = new ArrayList<>();
        if (oneline) {
            lines.add(Repos.abbrev(repo, entry.id()) + decorations.suffix(entry.id()) + " " + c.subject());
            return lines;
        }
        return medium(repo, entry.id(), c, decorations);
    }

    /** Commits in a --pretty/--format format, separated and terminated as git does. */
    private static int pretty(Repository repo, List<CommitWalk.Entry> commits, PrettyFormat pretty,
            Decorations decorations) throws Exception {
        Decorations named = Decorations.of(repo, Decorations.Style.SHORT);
        PrettyFormat.Context context = new PrettyFormat.Context() {
            @Override
            public String abbreviate(ObjectId id) throws java.io.IOException {
                return Repos.abbrev(repo, id);
            }

            @Override
            public List<String> decorations(ObjectId id) {
                return named.names(id);
            }
        };
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (CommitWalk.Entry entry : commits) {
            if (!first && pretty.blankLineBetween()) {
                text.append('\n');
            }
            if (!first && pretty.kind() == PrettyFormat.Kind.FORMAT) {
                text.append('\n');   // format: separates, tformat: terminates
            }
            first = false;
            text.append(pretty.render(entry.id(), entry.commit(), context, decorations.suffix(entry.id())));
            if (pretty.kind() != PrettyFormat.Kind.FORMAT) {
                text.append('\n');
            }
        }
        PrintStream out = Io.current().out();
        out.print(text);
        return 0;
    }

    private static final PrettyFormat MEDIUM = PrettyFormat.parse("medium", null, 0);

    /** git's medium format (log's and show's default), line by line (the graph draws beside each). */
    static List<String> medium(Repository repo, ObjectId id, Commit c, Decorations decorations) throws Exception {
        PrettyFormat.Context context = new PrettyFormat.Context() {
            @Override
            public String abbreviate(ObjectId other) throws java.io.IOException {
                return Repos.abbrev(repo, other);
            }

            @Override
            public List<String> decorations(ObjectId other) {
                return List.of();   // medium shows refs only after the id, as decorations.suffix says
            }
        };
        return List.of(MEDIUM.render(id, c, context, decorations.suffix(id)).split("\n", -1));
    }

    /** git's precedence: --no-decorate, then --decorate, then log.decorate, then auto. */
    private static Decorations.Style decorationStyle(Repository repo, Args.Value decorate, Args.Flag noDecorate)
            throws java.io.IOException {
        boolean terminal = Io.current().stdoutIsTerminal();
        if (noDecorate.on()) {
            return Decorations.Style.NO;
        }
        if (decorate.given()) {
            return Decorations.Style.parse(decorate.get("short"), terminal, false);
        }
        java.util.Optional<String> configured = repo.config().get("log.decorate");
        return Decorations.Style.parse(configured.orElse("auto"), terminal, configured.isPresent());
    }

    private static String currentBranchName(Repository repo) {
        try {
            return repo.refs().currentBranch().map(Decorations::shortName).orElse("HEAD");
        } catch (java.io.IOException e) {
            return "HEAD";
        }
    }
}
