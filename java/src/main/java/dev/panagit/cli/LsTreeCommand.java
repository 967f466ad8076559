package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import dev.panagit.repo.TreeWalk;
import java.io.IOException;
import java.io.PrintStream;

final class LsTreeCommand implements Command {
    boolean recurse;

    boolean showTrees;

    String treeish;

    @Override
    public String name() {
        return "ls-tree";
    }

    @Override
    public String description() {
        return "List the contents of a tree object.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag recurseOption = args.flag("-r", "recurse into subtrees");
        Args.Flag showTreesOption = args.flag("-t", "show trees when recursing");
        Args.Operands operands = args.operands("<tree-ish>", 1, 1, null);
        args.parse();
        recurse = recurseOption.on();
        showTrees = showTreesOption.on();
        treeish = operands.get(0, treeish);
        Repository repo = Repos.open(io);
        PrintStream out = io.out();
        StringBuilder lines = new StringBuilder(1 << 16);
        list(repo, Repos.resolve(io, repo, treeish), lines, out);
        out.print(lines);
        return 0;
    }

    /** Appends a line per entry to {@code lines}, handing them to {@code out} every 64 KiB or so. */
    private void list(Repository repo, ObjectId tree, StringBuilder lines, PrintStream out)
            throws IOException {
        TreeWalk.walk(repo, tree, (parent, path, entry) -> {
            boolean isTree = entry.mode() == Trees.MODE_TREE;
            if (!isTree || !recurse || showTrees) {
                lines.append(entry.paddedMode()).append(' ').append(entry.type().gitName()).append(' ')
                        .append(entry.id().name()).append('\t').append(path).append(entry.name()).append('\n');
                if (lines.length() >= 1 << 16) {
                    out.print(lines);
                    lines.setLength(0);
                }
            }
            return recurse;
        });
    }
}
