package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import dev.panagit.repo.ConfigWriter;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.RefNames;
import dev.panagit.repo.Repository;
import java.util.List;
import java.util.Map;

/**
 * {@code remote}: list the remotes ({@code -v} with their URLs), {@code add <name> <url>} (git's
 * default fetch refspec), {@code remove <name>} (its config, remote-tracking refs and the branch
 * settings that name it), {@code rename <old> <new>} (config, refspecs, refs). As git writes them.
 */
final class RemoteCommand implements Command {
    @Override
    public String name() {
        return "remote";
    }

    @Override
    public String description() {
        return "Manage the remotes a repository fetches from and pushes to: list (-v), add, remove, rename.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag verboseOption = args.flag("-v, --verbose", "show each remote's URL (fetch and push)");
        Args.Operands operands = args.operands("[add <name> <url> | remove <name> | rename <old> <new>]", 0, 3, null);
        args.parse();
        Repository repo = Repos.open(io);
        GitConfig config = repo.config();
        List<String> words = operands.all();
        if (words.isEmpty()) {
            StringBuilder out = new StringBuilder();
            for (String name : remotes(config).stream().sorted().toList()) {   // git lists them sorted
                String url = config.get("remote." + name + ".url").orElse("");
                if (verboseOption.on()) {
                    out.append(name).append('\t').append(url).append(" (fetch)\n");
                    out.append(name).append('\t').append(config.get("remote." + name + ".pushurl").orElse(url))
                            .append(" (push)\n");
                } else {
                    out.append(name).append('\n');
                }
            }
            io.out().print(out);
            return 0;
        }
        ConfigWriter writer = ConfigWriter.open(repo.gitDir().resolve("config"));
        switch (words.get(0)) {
            case "add" -> {
                need(args, words, 3);
                String name = words.get(1);
                if (!RefNames.isValid("refs/remotes/" + name + "/x") || name.contains("/")) {
                    throw new Fatal("'" + name + "' is not a valid remote name");
                }
                if (config.get("remote." + name + ".url").isPresent()) {
                    io.err().println("error: remote " + name + " already exists.");
                    return 3;
                }
                writer.add("remote." + name + ".url", words.get(2))
                        .add("remote." + name + ".fetch", "+refs/heads/*:refs/remotes/" + name + "/*").commit();
            }
            case "remove", "rm" -> {
                need(args, words, 2);
                String name = words.get(1);
                requireRemote(config, name);
                for (String branch : config.subsections("branch")) {
                    if (config.get("branch." + branch + ".remote").filter(name::equals).isPresent()) {
                        writer.unsetAll("branch." + branch + ".remote").unsetAll("branch." + branch + ".merge");
                    }
                }
                writer.removeSection("remote", name).commit();
                for (String ref : repo.refs().under("refs/remotes/" + name + "/").keySet()) {
                    repo.refs().delete("refs/remotes/" + name + "/" + ref);
                }
            }
            case "rename" -> {
                need(args, words, 3);
                String from = words.get(1);
                String to = words.get(2);
                requireRemote(config, from);
                if (config.get("remote." + to + ".url").isPresent()) {
                    throw new Fatal("remote " + to + " already exists.");
                }
                List<String> fetch = config.getAll("remote." + from + ".fetch");
                writer.renameSection("remote", from, to).unsetAll("remote." + to + ".fetch");
                for (String spec : fetch) {
                    writer.add("remote." + to + ".fetch", spec.replace("refs/remotes/" + from + "/", "refs/remotes/" + to + "/"));
                }
                for (String branch : config.subsections("branch")) {
                    if (config.get("branch." + branch + ".remote").filter(from::equals).isPresent()) {
                        writer.set("branch." + branch + ".remote", to);
                    }
                }
                writer.commit();
                for (Map.Entry<String, ObjectId> ref : repo.refs().under("refs/remotes/" + from + "/").entrySet()) {
                    repo.refs().update("refs/remotes/" + to + "/" + ref.getKey(), ref.getValue(), ObjectId.zeroId(repo.format()));
                    repo.refs().delete("refs/remotes/" + from + "/" + ref.getKey());
                }
            }
            default -> throw new Args.UsageException(args, "unknown subcommand: " + words.get(0));
        }
        return 0;
    }

    static List<String> remotes(GitConfig config) {
        return config.subsections("remote").stream().filter(n -> config.get("remote." + n + ".url").isPresent()).toList();
    }

    private static void requireRemote(GitConfig config, String name) {
        if (config.get("remote." + name + ".url").isEmpty()) {
            throw new Fatal("No such remote: '" + name + "'");
        }
    }

    private static void need(Args args, List<String> words, int count) {
        if (words.size() != count) {
            throw new Args.UsageException(args, words.get(0) + " takes " + (count - 1) + " argument" + (count > 2 ? "s" : ""));
        }
    }
}
