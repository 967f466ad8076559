package dev.panagit.cli;


/**
 * The commit-format options log and show share: {@code --oneline}, {@code --pretty[=<format>]},
 * {@code --format=<format>}, {@code --date=<style>}, {@code --[no-]abbrev-commit}; and the one
 * place that turns them into a {@link PrettyFormat} (medium by default).
 */
final class PrettyOptions {
    private final Args.Flag oneline;
    private final Args.Value pretty;
    private final Args.Value format;
    private final Args.Value date;
    private final Args.Flag abbrevCommit;
    private final Args.Flag noAbbrevCommit;

    /** Declares the options on {@code args} (before it is parsed). */
    PrettyOptions(Args args) {
        oneline = args.flag("--oneline", "one line per commit: abbreviated id and subject");
        pretty = args.optionalValue("--pretty", "<format>", "medium",
                "oneline, short, medium, full, fuller, raw, format:<string> or tformat:<string>");
        format = args.value("--format", "<format>", "as --pretty (a string with % is tformat:)");
        date = args.value("--date", "<style>", "default, iso, iso-strict, rfc, short, unix, raw, relative");
        abbrevCommit = args.flag("--abbrev-commit", "abbreviated commit ids in the header");
        noAbbrevCommit = args.flag("--no-abbrev-commit", "full commit ids (even with --oneline)");
    }

    /** The format asked for, with git's message for an unknown one. */
    PrettyFormat format() {
        String spec = format.given() ? format.get(null) : pretty.given() ? pretty.get(null)
                : oneline.on() ? "oneline" : "medium";
        PrettyFormat result;
        try {
            result = PrettyFormat.parse(spec, date.get(null), System.currentTimeMillis() / 1000);
        } catch (IllegalArgumentException e) {
            throw new Fatal(e.getMessage());
        }
        return (oneline.on() || abbrevCommit.on()) && !noAbbrevCommit.on() ? result.abbreviated() : result;
    }
}
