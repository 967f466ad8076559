package dev.panagit.cli;

import dev.panagit.diff.Palette;
import dev.panagit.repo.GitConfig;

/**
 * When to colour, as git decides: an option ({@code --color[=when]}, {@code --no-color}), else
 * {@code color.<kind>} (diff, status, branch...), else {@code color.ui}, else auto; auto means a
 * terminal on stdout (or a pager that was started for it) that is not a dumb one, never a pipe or
 * a file.
 */
final class Colors {
    private Colors() {
    }

    /** git's is_terminal_dumb: no TERM, or TERM=dumb, gets no colours even on a terminal. */
    private static boolean dumbTerminal(Io io) {
        String term = io.env().get("TERM");
        return term == null || term.equals("dumb");
    }

    /**
     * @param option the option's word (always, never, auto) or null when none was given
     */
    static Palette palette(Io io, String option, GitConfig config, String kind) {
        String when;
        if (option != null) {
            when = switch (option) {
                case "always", "never", "auto" -> option;
                default -> throw new Fatal("option `color' expects \"always\", \"auto\", or \"never\"");
            };
        } else {
            // in the configuration any true value means auto (git_config_colorbool)
            String value = config.get("color." + kind).orElse(config.get("color.ui").orElse("auto"));
            when = switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "always" -> "always";
                case "never", "false", "no", "off", "0", "" -> "never";
                default -> "auto";
            };
        }
        return switch (when) {
            case "always" -> Palette.GIT;
            case "never" -> Palette.OFF;
            default -> io.stdoutIsTerminal() && !dumbTerminal(io) ? Palette.GIT : Palette.OFF;
        };
    }
}
