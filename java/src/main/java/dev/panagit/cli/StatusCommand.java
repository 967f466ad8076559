package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.repo.ConfigFiles;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.Repository;
import dev.panagit.status.Status;
import dev.panagit.status.StatusScan;
import dev.panagit.status.UntrackedScan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

/**
 * {@code status}: git's long format, {@code -s}, {@code --porcelain} (v1) and
 * {@code --porcelain=v2}, with {@code -b}, {@code -z}, {@code -u<mode>} and {@code --ignored[=<mode>]};
 * paths relative to the current directory where git prints them so. The index's stat data are
 * refreshed and written back when the lock is free, as git does.
 */
final class StatusCommand implements Command {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public String description() {
        return "Show the branch, staged and unstaged changes, conflicts, and untracked and ignored files.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag shortOption = args.flag("-s, --short", "one line per path: two status letters and the path");
        Args.Flag longOption = args.flag("--long", "the long format (the default)");
        Args.Flag branchOption = args.flag("-b, --branch", "with -s or --porcelain: the branch and its upstream first");
        Args.Value porcelainOption = args.optionalValue("--porcelain", "v1|v2", "v1",
                "stable output for scripts (v1: as -s with root-relative paths; v2: ids and modes)");
        Args.Flag nulOption = args.flag("-z", "NUL after each entry, paths unquoted (implies --porcelain unless -s)");
        Args.Value untrackedOption = args.optionalValue("-u, --untracked-files", "no|normal|all", "all",
                "untracked files: none, directories collapsed (default), or every file");
        Args.Value ignoredOption = args.optionalValue("--ignored", "traditional|matching|no", "traditional",
                "also list ignored files");
        Args.Flag noRenamesOption = args.flag("--no-renames", "do not detect renames between HEAD and the index");
        Args.Flag renamesOption = args.flag("--renames", "detect renames (the default, as git's status.renames)");
        Args.Operands pathsOperand = args.operands("[--] [<pathspec>...]", 0, -1, "limit the report to these paths");
        args.parse();

        Repository repo = Repos.open(io);
        GitConfig config = ConfigFiles.effective(repo, io.env());
        StatusPrinter.Format format;
        if (porcelainOption.given()) {
            format = switch (porcelainOption.get("v1")) {
                case "v1", "1" -> StatusPrinter.Format.PORCELAIN;
                case "v2", "2" -> StatusPrinter.Format.PORCELAIN_V2;
                default -> throw new Fatal("unsupported porcelain version '" + porcelainOption.get("") + "'");
            };
        } else if (shortOption.on()) {
            format = StatusPrinter.Format.SHORT;
        } else if (nulOption.on() && !longOption.on()) {
            format = StatusPrinter.Format.PORCELAIN;
        } else if (longOption.on()) {
            format = StatusPrinter.Format.LONG;
        } else {
            format = config.getBoolean("status.short", false) ? StatusPrinter.Format.SHORT : StatusPrinter.Format.LONG;
        }
        if (format == StatusPrinter.Format.LONG && nulOption.on()) {
            throw new Fatal("--long and -z are incompatible");
        }
        String untrackedValue = untrackedOption.given() ? untrackedOption.get("all")
                : config.get("status.showuntrackedfiles").orElse("normal");
        UntrackedScan.Untracked untracked = switch (untrackedValue) {
            case "no", "false" -> UntrackedScan.Untracked.NO;
            case "normal", "true" -> UntrackedScan.Untracked.NORMAL;
            case "all" -> UntrackedScan.Untracked.ALL;
            default -> throw new Fatal("Invalid untracked files mode '" + untrackedValue + "'");
        };
        UntrackedScan.Ignored ignored = UntrackedScan.Ignored.NO;
        if (ignoredOption.given()) {
            ignored = switch (ignoredOption.get("traditional")) {
                case "traditional" -> UntrackedScan.Ignored.TRADITIONAL;
                case "matching" -> UntrackedScan.Ignored.MATCHING;
                case "no" -> UntrackedScan.Ignored.NO;
                default -> throw new Fatal("Invalid ignored mode '" + ignoredOption.get("") + "'");
            };
        }
        if (ignored == UntrackedScan.Ignored.MATCHING && untracked == UntrackedScan.Untracked.NO) {
            throw new Fatal("Unsupported combination of ignored and untracked-files arguments");
        }
        boolean renames = renamesOption.on() || !noRenamesOption.on()
                && config.getBoolean("status.renames", config.getBoolean("diff.renames", true));
        boolean showBranch = branchOption.on() || config.getBoolean("status.branch", false);

        DirCache index = Repos.index(repo);
        Status status = StatusScan.scan(repo, index, config, io.env(), PatchContents.of(repo, null),
                new StatusScan.Options(untracked, ignored, renames,
                        pathsOperand.all().stream().map(p -> Repos.pathspec(io, repo, p)).toList()));
        index.writeIfAble(repo.indexFile());

        String prefix = Repos.cwdPrefix(io, repo);
        boolean relative = config.getBoolean("status.relativepaths", true);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new StatusPrinter(repo, status, relative ? prefix : "", nulOption.on(), showBranch,
                untracked != UntrackedScan.Untracked.NO, ignored != UntrackedScan.Ignored.NO,
                config.getBoolean("advice.statushints", true), Colors.palette(io, null, config, "status")).print(format, text);
        PrintStream out = io.out();
        out.write(text.toByteArray());
        out.flush();
        return 0;
    }
}
