package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Tag;
import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code show}: a commit as git shows it (its header in the pretty format, then its diff against
 * its parent; a root against nothing; a merge as git's dense combined diff), an annotated tag
 * (its header and message, then what it tags), a tree (its names) and a blob (its bytes).
 * Output byte for byte as git's.
 */
final class ShowCommand implements Command {
    @Override
    public String name() {
        return "show";
    }

    @Override
    public String description() {
        return "Show commits (with their patch; merges as git's combined diff), tags, trees and blobs.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag ccOption = args.flag("--cc", "merges as git's dense combined diff (the default)");
        PrettyOptions prettyOptions = new PrettyOptions(args);
        DiffOptions diffOptions = new DiffOptions(args);
        Args.Operands operands = args.operands("<object>", 0, -1, "default HEAD");
        args.parse();
        ccOption.on();
        Repository repo = Repos.open(io);
        PrettyFormat pretty = prettyOptions.format();
        CommitPrinter printer = new CommitPrinter(repo, pretty,
                Decorations.of(repo, LogCommand.configuredDecorations(io, repo)), diffOptions.formats(true),
                diffOptions.context(), diffOptions.algorithmOptions(),
                diffOptions.renames(repo.config().getBoolean("diff.renames", true)) ? diffOptions.renameScore() : -1,
                path -> true,
                CommitPrinter.MergeDiff.COMBINED, io.env(), diffOptions.palette(io,
                        dev.panagit.repo.ConfigFiles.effective(repo, io.env()), "diff"));
        List<String> specs = operands.size() == 0 ? List.of("HEAD") : operands.all();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean firstCommit = true;
        for (String spec : specs) {
            ObjectId id = Revisions.resolve(repo, spec, false).orElseThrow(() -> new Fatal(Repos.unknownRevision(spec)));
            firstCommit = show(repo, printer, spec, id, out, firstCommit);
        }
        PrintStream stdout = io.out();
        stdout.write(out.toByteArray());
        stdout.flush();
        return 0;
    }

    /** Shows one object; returns whether the next commit is still the first (no separator before it). */
    private boolean show(Repository repo, CommitPrinter printer, String spec, ObjectId id, ByteArrayOutputStream out,
            boolean firstCommit) throws Exception {
        ObjectType type = repo.objects().readHeader(id).type();
        switch (type) {
            case BLOB -> out.writeBytes(repo.objects().open(id).bytes());
            case TREE -> {
                text(out, "tree " + spec + "\n\n");
                for (TreeEntry entry : repo.readTree(id)) {
                    text(out, entry.name() + (entry.type() == ObjectType.TREE ? "/" : "") + "\n");   // git prints them raw
                }
            }
            case TAG -> {
                Tag tag = Tag.parse(repo.format(), id, repo.objects().open(id).bytes());
                text(out, "tag " + tag.name() + "\n");
                if (tag.tagger() != null) {
                    text(out, "Tagger: " + tag.tagger().name() + " <" + tag.tagger().email() + ">\n");
                    text(out, "Date:   " + tag.tagger().logDate() + "\n");
                }
                text(out, "\n" + tag.message());
                text(out, "\n");
                return show(repo, printer, spec, tag.object(), out, true);
            }
            case COMMIT -> {
                if (!firstCommit) {
                    text(out, printer.separator());
                }
                out.writeBytes(printer.render(id, repo.readCommit(id)));
                return false;
            }
        }
        return firstCommit;
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
