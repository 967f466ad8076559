package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.ConfigWriter;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.storage.LockFile;
import dev.panagit.transport.Fetch;
import dev.panagit.transport.PackInstaller;
import dev.panagit.repo.RefSpec;
import dev.panagit.worktree.Checkout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code clone [--bare] <repository> [<directory>]}: a new repository with every object of a
 * local one (as git's local clone copies them, here as one pack), {@code origin} configured
 * (URL made absolute as git makes it, the default refspec), remote-tracking branches and tags,
 * {@code origin/HEAD}, and the remote's current branch created, tracking, and checked out;
 * {@code --bare} copies branches and tags as they are.
 */
final class CloneCommand implements Command {
    @Override
    public String name() {
        return "clone";
    }

    @Override
    public String description() {
        return "Copy a repository (a local path or file:// URL): origin, remote-tracking branches, the default branch checked out.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag bareOption = args.flag("--bare", "a bare repository: branches and tags copied as they are, no work tree");
        Args.Flag quietOption = args.flag("-q, --quiet", "print nothing");
        Args.Operands operands = args.operands("<repository> [<directory>]", 1, 2, null);
        args.parse();
        String url = operands.get(0, null);
        boolean bare = bareOption.on();
        String name = operands.size() > 1 ? operands.get(1, null) : humanish(url, bare);
        Path target = io.resolve(name).toAbsolutePath().normalize();
        if (Files.exists(target) && !(Files.isDirectory(target) && isEmpty(target))) {
            throw new Fatal("destination path '" + name + "' already exists and is not an empty directory.");
        }
        if (url.startsWith("ext::")) {
            return cloneOverPipe(io, url, name, target, bare, quietOption.on());
        }
        dev.panagit.transport.Remote remote = new dev.panagit.transport.Remote("origin", url, List.of());
        Path sourcePath;
        try {
            sourcePath = remote.path(io.cwd());
        } catch (IllegalArgumentException e) {
            throw new Fatal(e.getMessage());
        }
        Repository source;
        try {
            source = io.own(Repository.openAt(sourcePath, new LazyCodec(() -> io.backend().codec())));
        } catch (dev.panagit.repo.NotARepositoryException e) {
            throw new Fatal("repository '" + url + "' does not exist");
        }
        if (!quietOption.on()) {
            io.err().println(bare ? "Cloning into bare repository '" + name + "'..." : "Cloning into '" + name + "'...");
        }
        Optional<String> remoteHead = source.refs().symbolicTarget(Refs.HEAD).filter(r -> r.startsWith("refs/heads/"));
        String branch = remoteHead.map(r -> r.substring("refs/heads/".length())).orElse("main");
        boolean created = !Files.exists(target);
        Repository repo;
        try {
            repo = io.own(Repository.init(target, source.format(), branch, source.objects().codec(), bare).repository());
            String absolute = url.startsWith("file://") ? url : io.cwd().toAbsolutePath().normalize() + "/" + url;
            if (url.startsWith("/")) {
                absolute = url;
            }
            ConfigWriter config = ConfigWriter.open(repo.gitDir().resolve("config")).add("remote.origin.url", absolute);
            if (!bare) {
                config.add("remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*");
            }
            config.commit();
            // git's local clone takes every object, reachable or not
            new PackInstaller(repo, 0, TerminalProgress.forRun(io))
                    .copy(source, new ArrayList<>(source.objects().allIds()));
            List<RefSpec> refspecs = bare
                    ? List.of(RefSpec.parse("+refs/heads/*:refs/heads/*"), RefSpec.parse("+refs/tags/*:refs/tags/*"))
                    : List.of(RefSpec.parse("+refs/heads/*:refs/remotes/origin/*"), RefSpec.parse("+refs/tags/*:refs/tags/*"));
            Fetch.run(repo, source, refspecs, false, null, new PackInstaller(repo, 0, TerminalProgress.forRun(io)), null);
            Optional<ObjectId> head = remoteHead.isPresent() ? source.refs().resolve(remoteHead.get()) : Optional.empty();
            if (head.isEmpty()) {
                io.err().println("warning: You appear to have cloned an empty repository.");
            } else if (!bare) {
                repo.refs().setSymbolic("refs/remotes/origin/HEAD", "refs/remotes/origin/" + branch,
                        Repos.reason(repo, io, "clone: from " + absolute));
                repo.refs().update("refs/heads/" + branch, head.get(), ObjectId.zeroId(repo.format()),
                        Repos.reason(repo, io, "clone: from " + absolute));
                ConfigWriter.open(repo.gitDir().resolve("config")).add("branch." + branch + ".remote", "origin")
                        .add("branch." + branch + ".merge", "refs/heads/" + branch).commit();
                try (LockFile lock = LockFile.acquire(repo.indexFile())) {
                    DirCache index = new DirCache(repo.format());
                    new Checkout(repo).run(null, repo.readCommit(repo.peel(head.get(), ObjectType.COMMIT)).tree(), index,
                            false);
                    index.write(lock);
                }
            }
        } catch (Exception e) {
            if (created) {
                deleteTree(target);   // git removes a clone that failed half-way
            }
            throw e;
        }
        if (!quietOption.on() && remoteHead.isPresent() && source.refs().resolve(remoteHead.get()).isPresent()) {
            io.err().println("done.");
        }
        return 0;
    }

    /**
     * A clone from git's upload-pack over pipes (an ext:: URL): the refs and objects come through
     * protocol v2, then the same set-up as a local clone (origin, origin/HEAD, the branch, checkout).
     */
    private static int cloneOverPipe(Io io, String url, String name, Path target, boolean bare, boolean quiet)
            throws Exception {
        if (!quiet) {
            io.err().println(bare ? "Cloning into bare repository '" + name + "'..." : "Cloning into '" + name + "'...");
        }
        boolean created = !Files.exists(target);
        try {
            Repository repo = io.own(Repository.init(target, dev.panagit.lib.ObjectFormat.SHA1, "main",
                    new LazyCodec(() -> io.backend().codec()), bare).repository());
            try (dev.panagit.transport.UploadPackSource source = new dev.panagit.transport.UploadPackSource(repo,
                    url.substring("ext::".length()), io.cwd())) {
                Optional<String> head = source.headTarget().filter(r -> r.startsWith("refs/heads/"));
                String branch = head.map(r -> r.substring("refs/heads/".length())).orElse("main");
                repo.refs().setSymbolic(Refs.HEAD, "refs/heads/" + branch);
                ConfigWriter config = ConfigWriter.open(repo.gitDir().resolve("config")).add("remote.origin.url", url);
                if (!bare) {
                    config.add("remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*");
                }
                config.commit();
                List<RefSpec> refspecs = bare
                        ? List.of(RefSpec.parse("+refs/heads/*:refs/heads/*"), RefSpec.parse("+refs/tags/*:refs/tags/*"))
                        : List.of(RefSpec.parse("+refs/heads/*:refs/remotes/origin/*"), RefSpec.parse("+refs/tags/*:refs/tags/*"));
                Fetch.run(repo, source, refspecs, false, null, new PackInstaller(repo, 0, TerminalProgress.forRun(io)), null);
                Optional<ObjectId> tip = head.isPresent() ? Optional.ofNullable(source.refs().get(head.get()))
                        : Optional.empty();
                if (tip.isEmpty()) {
                    io.err().println("warning: You appear to have cloned an empty repository.");
                } else if (!bare) {
                    repo.refs().setSymbolic("refs/remotes/origin/HEAD", "refs/remotes/origin/" + branch,
                            Repos.reason(repo, io, "clone: from " + url));
                    repo.refs().update("refs/heads/" + branch, tip.get(), ObjectId.zeroId(repo.format()),
                            Repos.reason(repo, io, "clone: from " + url));
                    ConfigWriter.open(repo.gitDir().resolve("config")).add("branch." + branch + ".remote", "origin")
                            .add("branch." + branch + ".merge", "refs/heads/" + branch).commit();
                    try (LockFile lock = LockFile.acquire(repo.indexFile())) {
                        DirCache index = new DirCache(repo.format());
                        new Checkout(repo).run(null, repo.readCommit(repo.peel(tip.get(), ObjectType.COMMIT)).tree(),
                                index, false);
                        index.write(lock);
                    }
                }
            }
        } catch (Exception e) {
            if (created) {
                deleteTree(target);
            }
            throw e;
        }
        return 0;
    }

    /** git's guess of a directory name: the last path component, without .git (and "/.git"). */
    static String humanish(String url, boolean bare) {
        String s = url;
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith("/.git")) {
            s = s.substring(0, s.length() - 5);
        }
        s = s.substring(s.lastIndexOf('/') + 1);
        if (s.endsWith(".git")) {
            s = s.substring(0, s.length() - 4);
        }
        return bare ? s + ".git" : s;
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
