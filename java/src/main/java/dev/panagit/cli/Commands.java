package dev.panagit.cli;

import java.util.List;

/**
 * Every subcommand by name, in the order {@code panagit --help} lists them, each made only when
 * used (a switch, not a table of lambdas: each lambda would be spun up at start).
 */
final class Commands {
    static final List<String> NAMES = List.of("tour", "init", "hash-object", "hash-raw", "cat-file", "explain", "index-pack", "verify-pack", "count-objects", "fsck", "add", "ls-files", "ls-tree", "write-tree", "read-tree", "commit", "rev-parse", "branch", "tag", "checkout", "reset", "log", "diff", "show", "status", "merge-base", "merge", "remote", "fetch", "push", "pull", "clone", "k", "bench", "version");

    private Commands() {
    }

    /** A new instance of the command {@code name}, or null when there is none. */
    static Command create(String name) {
        return switch (name) {
            case "tour" -> new TourCommand();
            case "init" -> new InitCommand();
            case "hash-object" -> new HashObjectCommand();
            case "hash-raw" -> new HashRawCommand();
            case "cat-file" -> new CatFileCommand();
            case "explain" -> new ExplainCommand();
            case "index-pack" -> new IndexPackCommand();
            case "verify-pack" -> new VerifyPackCommand();
            case "count-objects" -> new CountObjectsCommand();
            case "fsck" -> new FsckCommand();
            case "add" -> new AddCommand();
            case "ls-files" -> new LsFilesCommand();
            case "ls-tree" -> new LsTreeCommand();
            case "write-tree" -> new WriteTreeCommand();
            case "read-tree" -> new ReadTreeCommand();
            case "commit" -> new CommitCommand();
            case "rev-parse" -> new RevParseCommand();
            case "branch" -> new BranchCommand();
            case "tag" -> new TagCommand();
            case "checkout" -> new CheckoutCommand();
            case "reset" -> new ResetCommand();
            case "log" -> new LogCommand();
            case "diff" -> new DiffCommand();
            case "status" -> new StatusCommand();
            case "merge-base" -> new MergeBaseCommand();
            case "merge" -> new MergeCommand();
            case "remote" -> new RemoteCommand();
            case "fetch" -> new FetchCommand();
            case "push" -> new PushCommand();
            case "pull" -> new PullCommand();
            case "clone" -> new CloneCommand();
            case "show" -> new ShowCommand();
            case "k" -> new KCommand();
            case "bench" -> new BenchCommand();
            case "version" -> new VersionCommand();
            case "aot-training" -> new TrainingCommand();   // not listed: the launcher's
            default -> null;
        };
    }
}
