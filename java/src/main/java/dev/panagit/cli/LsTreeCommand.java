package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls-tree", description = "List the contents of a tree object.")
final class LsTreeCommand implements Callable<Integer> {
    @Option(names = "-r", description = "recurse into subtrees")
    boolean recurse;

    @Option(names = "-t", description = "show trees when recursing")
    boolean showTrees;

    @Parameters(index = "0", paramLabel = "<tree-ish>")
    String treeish;

    @Override
    public Integer call() throws Exception {
        Repository repo = Repos.open();
        list(repo, Repos.resolve(repo, treeish), "", Io.current().out());
        return 0;
    }

    private void list(Repository repo, ObjectId tree, String prefix, PrintStream out) throws IOException {
        for (TreeEntry entry : repo.readTree(tree)) {
            boolean isTree = entry.mode() == Trees.MODE_TREE;
            if (!isTree || !recurse || showTrees) {
                out.print(entry.paddedMode() + " " + entry.type().gitName() + " " + entry.id().name() + "\t" + prefix
                        + entry.name() + "\n");
            }
            if (isTree && recurse) {
                list(repo, entry.id(), prefix + entry.name() + "/", out);
            }
        }
    }
}
