package dev.panagit.diff;

/**
 * The ANSI colours git prints with, by role, git's defaults ({@code color.diff.*},
 * {@code color.decorate.*}, {@code color.status.*}); {@link #OFF} prints none (not even resets).
 */
public record Palette(String meta, String frag, String func, String old, String added, String context,
        String whitespace, String commit, String head, String branch, String remoteBranch, String tag, String stash,
        String updated, String changed, String untracked, String noBranch, String reset) {

    /** No colours. */
    public static final Palette OFF = new Palette("", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "");

    /** git's default colours. */
    public static final Palette GIT = new Palette("\033[1m", "\033[36m", "", "\033[31m", "\033[32m", "",
            "\033[41m", "\033[33m", "\033[1;36m", "\033[1;32m", "\033[1;31m", "\033[1;33m", "\033[1;35m",
            "\033[32m", "\033[31m", "\033[31m", "\033[31m", "\033[m");

    /** Whether this palette prints colours at all. */
    public boolean on() {
        return !reset.isEmpty();
    }

    /** {@code text} in {@code color}, as git's color_fprintf: nothing added for an empty colour. */
    public String paint(String color, String text) {
        return color.isEmpty() ? text : color + text + reset;
    }
}
