package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import dev.panagit.objects.Commit;
import dev.panagit.objects.PersonIdent;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * git's pretty formats for commits ({@code --pretty}, {@code --format}): oneline, short, medium,
 * full, fuller, raw, and {@code format:}/{@code tformat:} strings with the common placeholders
 * ({@code %H %h %T %t %P %p %an %ae %ad %ar %cn %ce %cd %cr %s %b %B %d %D %n %%}), dates in git's
 * {@code --date} styles (default, iso, iso-strict, rfc, short, unix, raw, relative).
 */
final class PrettyFormat {
    /** The kinds of format. */
    public enum Kind {
        /** {@code --oneline}: abbreviated id and subject. */
        ONELINE,
        /** {@code short}: id, author, subject. */
        SHORT,
        /** {@code medium}, log's default: id, author, date, message. */
        MEDIUM,
        /** {@code full}: id, author, committer, message. */
        FULL,
        /** {@code fuller}: {@code full} with both dates. */
        FULLER,
        /** {@code raw}: the object's own headers. */
        RAW,
        /** {@code format:<string>}: placeholders, with separators between commits. */
        FORMAT,
        /** {@code tformat:<string>}: placeholders, each commit's text terminated. */
        TFORMAT
    }

    /** What a format needs from the repository: abbreviations and ref names. */
    public interface Context {
        /** The shortest unique abbreviation of {@code id}. */
        String abbreviate(ObjectId id) throws IOException;

        /** The refs at a commit, as {@code --decorate} names them (empty: none). */
        List<String> decorations(ObjectId id) throws IOException;
    }

    private final Kind kind;
    private final String template;
    private final String dateStyle;
    private final long now;

    private final boolean abbrevCommit;

    private PrettyFormat(Kind kind, String template, String dateStyle, long now) {
        this(kind, template, dateStyle, now, false);
    }

    private PrettyFormat(Kind kind, String template, String dateStyle, long now, boolean abbrevCommit) {
        this.abbrevCommit = abbrevCommit;
        this.kind = kind;
        this.template = template;
        this.dateStyle = dateStyle;
        this.now = now;
    }

    /** Parses {@code --pretty}/{@code --format}'s value as git does; throws naming an unknown one. */
    public static PrettyFormat parse(String spec, String dateStyle, long now) {
        String date = dateStyle == null ? "default" : dateStyle;
        if (!List.of("default", "iso", "iso8601", "iso-strict", "iso8601-strict", "rfc", "rfc2822", "short", "unix",
                "raw", "relative").contains(date)) {
            throw new IllegalArgumentException("unknown date format " + date);
        }
        if (spec.startsWith("format:")) {
            return new PrettyFormat(Kind.FORMAT, spec.substring(7), date, now);
        }
        if (spec.startsWith("tformat:")) {
            return new PrettyFormat(Kind.TFORMAT, spec.substring(8), date, now);
        }
        if (spec.indexOf('%') >= 0) {
            return new PrettyFormat(Kind.TFORMAT, spec, date, now);
        }
        return switch (spec) {
            case "oneline" -> new PrettyFormat(Kind.ONELINE, null, date, now);
            case "short" -> new PrettyFormat(Kind.SHORT, null, date, now);
            case "medium" -> new PrettyFormat(Kind.MEDIUM, null, date, now);
            case "full" -> new PrettyFormat(Kind.FULL, null, date, now);
            case "fuller" -> new PrettyFormat(Kind.FULLER, null, date, now);
            case "raw" -> new PrettyFormat(Kind.RAW, null, date, now);
            default -> throw new IllegalArgumentException("invalid --pretty format: " + spec);
        };
    }

    /** The kind of this format. */
    public Kind kind() {
        return kind;
    }

    /** The same format showing commit ids abbreviated ({@code --abbrev-commit}, implied by {@code --oneline}). */
    public PrettyFormat abbreviated() {
        return new PrettyFormat(kind, template, dateStyle, now, true);
    }

    /** Whether commits are separated by a blank line (the multi-line built-in formats). */
    public boolean blankLineBetween() {
        return kind != Kind.ONELINE && kind != Kind.FORMAT && kind != Kind.TFORMAT;
    }

    /**
     * One commit, without its terminator or separator (a newline after each line but the last).
     * {@code decoration} is what the built-in formats show after the id (" (HEAD -> main)", or
     * nothing, as --decorate and log.decorate decide); %d and %D always name the refs.
     */
    public String render(ObjectId id, Commit c, Context context, String decoration) throws IOException {
        return render(id, c, context, decoration, dev.panagit.diff.Palette.OFF);
    }

    /** The same with the commit id (and "commit") in the palette's commit colour, as git colours them. */
    public String render(ObjectId id, Commit c, Context context, String decoration, dev.panagit.diff.Palette palette)
            throws IOException {
        return switch (kind) {
            case FORMAT, TFORMAT -> expand(id, c, context);
            case ONELINE -> palette.paint(palette.commit(), shownId(id, context)) + decoration + " " + subject(c.message());
            default -> block(id, c, context, decoration, palette);
        };
    }

    private String shownId(ObjectId id, Context context) throws IOException {
        return abbrevCommit ? context.abbreviate(id) : id.name();
    }

    private String block(ObjectId id, Commit c, Context context, String decoration, dev.panagit.diff.Palette palette)
            throws IOException {
        StringBuilder sb = new StringBuilder(palette.paint(palette.commit(), "commit " + shownId(id, context)))
                .append(decoration).append('\n');
        if (kind == Kind.RAW) {
            sb.append("tree ").append(c.tree().name()).append('\n');
            for (ObjectId p : c.parents()) {
                sb.append("parent ").append(p.name()).append('\n');
            }
            sb.append("author ").append(c.author().toExternalString()).append('\n');
            sb.append("committer ").append(c.committer().toExternalString()).append('\n');
            sb.append(c.extraHeaders());
        } else {
            if (c.parents().size() > 1) {
                sb.append("Merge:");
                for (ObjectId p : c.parents()) {
                    sb.append(' ').append(context.abbreviate(p));
                }
                sb.append('\n');
            }
            String pad = kind == Kind.FULLER ? "     " : " ";
            sb.append("Author:").append(pad).append(person(c.author())).append('\n');
            if (kind == Kind.MEDIUM) {
                sb.append("Date:   ").append(date(c.author())).append('\n');
            } else if (kind == Kind.FULLER) {
                sb.append("AuthorDate: ").append(date(c.author())).append('\n');
            }
            if (kind == Kind.FULL || kind == Kind.FULLER) {
                sb.append("Commit:").append(pad).append(person(c.committer())).append('\n');
            }
            if (kind == Kind.FULLER) {
                sb.append("CommitDate: ").append(date(c.committer())).append('\n');
            }
        }
        sb.append('\n');
        if (kind == Kind.SHORT) {
            sb.append("    ").append(subject(c.message()));
            return sb.toString();
        }
        String message = c.message().endsWith("\n") ? c.message().substring(0, c.message().length() - 1) : c.message();
        String[] lines = message.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;   // pp_remainder skips leading blank lines
        }
        for (int i = first; i < lines.length; i++) {
            sb.append("    ").append(kind == Kind.RAW ? lines[i] : expandTabs(lines[i]));
            if (i < lines.length - 1) {
                sb.append('\n');
            }
        }
        // pretty_print_commit trims the end: no trailing blank lines or spaces after the message
        int end = sb.length();
        while (end > 0 && Character.isWhitespace(sb.charAt(end - 1))) {
            end--;
        }
        sb.setLength(end);
        return sb.toString();
    }

    private static String person(PersonIdent p) {
        return p.name() + " <" + p.email() + ">";
    }

    private String expand(ObjectId id, Commit c, Context context) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char ch = template.charAt(i);
            if (ch != '%' || i + 1 >= template.length()) {
                sb.append(ch);
                continue;
            }
            char p = template.charAt(++i);
            switch (p) {
                case '%' -> sb.append('%');
                case 'n' -> sb.append('\n');
                case 'H' -> sb.append(id.name());
                case 'h' -> sb.append(context.abbreviate(id));
                case 'T' -> sb.append(c.tree().name());
                case 't' -> sb.append(context.abbreviate(c.tree()));
                case 'P' -> join(sb, c.parents(), false, context);
                case 'p' -> join(sb, c.parents(), true, context);
                case 's' -> sb.append(subject(c.message()));
                case 'b' -> sb.append(body(c.message()));
                case 'B' -> sb.append(c.message());
                case 'd' -> {
                    List<String> names = context.decorations(id);
                    sb.append(names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
                }
                case 'D' -> sb.append(String.join(", ", context.decorations(id)));
                case 'a', 'c' -> {
                    if (i + 1 >= template.length()) {
                        sb.append('%').append(p);
                        break;
                    }
                    PersonIdent who = p == 'a' ? c.author() : c.committer();
                    char what = template.charAt(++i);
                    switch (what) {
                        case 'n' -> sb.append(who.name());
                        case 'e' -> sb.append(who.email());
                        case 'd' -> sb.append(date(who));
                        case 'r' -> sb.append(relative(who));
                        case 't' -> sb.append(who.epochSeconds());
                        case 'i' -> sb.append(format(who, "iso"));
                        case 'I' -> sb.append(format(who, "iso-strict"));
                        case 's' -> sb.append(format(who, "short"));
                        default -> sb.append('%').append(p).append(what);
                    }
                }
                default -> sb.append('%').append(p);
            }
        }
        return sb.toString();
    }

    private static void join(StringBuilder sb, List<ObjectId> ids, boolean abbreviated, Context context)
            throws IOException {
        for (int k = 0; k < ids.size(); k++) {
            if (k > 0) {
                sb.append(' ');
            }
            sb.append(abbreviated ? context.abbreviate(ids.get(k)) : ids.get(k).name());
        }
    }

    /** git's subject: the first paragraph's lines, trailing space trimmed, joined by spaces. */
    static String subject(String message) {
        String[] lines = message.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        for (; i < lines.length && !lines[i].isBlank(); i++) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(lines[i].stripTrailing());
        }
        return sb.toString();
    }

    /** git's %b: what follows the subject paragraph and its blank lines. */
    static String body(String message) {
        String[] lines = message.split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        while (i < lines.length && !lines[i].isBlank()) {
            i++;
        }
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = i; k < lines.length; k++) {
            sb.append(lines[k]);
            if (k < lines.length - 1) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private String date(PersonIdent who) {
        return format(who, dateStyle);
    }

    private String format(PersonIdent who, String style) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(Math.max(-18 * 3600, Math.min(18 * 3600, who.offsetMinutes() * 60)));
        return switch (style) {
            case "iso", "iso8601" -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                    .format(Instant.ofEpochSecond(who.epochSeconds()).atOffset(offset)) + " " + who.timezone();
            case "iso-strict", "iso8601-strict" -> DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT)
                    .format(Instant.ofEpochSecond(who.epochSeconds()).atOffset(offset))
                    + who.timezone().substring(0, 3) + ":" + who.timezone().substring(3);
            case "rfc", "rfc2822" -> DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss", Locale.ROOT)
                    .format(Instant.ofEpochSecond(who.epochSeconds()).atOffset(offset)) + " " + who.timezone();
            case "short" -> DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
                    .format(Instant.ofEpochSecond(who.epochSeconds()).atOffset(offset));
            case "unix" -> Long.toString(who.epochSeconds());
            case "raw" -> who.epochSeconds() + " " + who.timezone();
            case "relative" -> relative(who);
            default -> who.logDate();
        };
    }

    /** git's show_date_relative. */
    private String relative(PersonIdent who) {
        long diff = now - who.epochSeconds();
        if (diff < 0) {
            return "in the future";
        }
        if (diff < 90) {
            return plural(diff, "second") + " ago";
        }
        diff = (diff + 30) / 60;
        if (diff < 90) {
            return plural(diff, "minute") + " ago";
        }
        diff = (diff + 30) / 60;
        if (diff < 36) {
            return plural(diff, "hour") + " ago";
        }
        diff = (diff + 12) / 24;
        if (diff < 14) {
            return plural(diff, "day") + " ago";
        }
        if (diff < 70) {
            return plural((diff + 3) / 7, "week") + " ago";
        }
        if (diff < 365) {
            return plural((diff + 15) / 30, "month") + " ago";
        }
        if (diff < 1825) {
            long totalMonths = (diff * 12 * 2 + 365) / (365 * 2);
            long years = totalMonths / 12;
            long months = totalMonths % 12;
            return months > 0 ? plural(years, "year") + ", " + plural(months, "month") + " ago"
                    : plural(years, "year") + " ago";
        }
        return plural((diff + 183) / 365, "year") + " ago";
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** git's default {@code --expand-tabs}: tab stops every 8 columns of the message text. */
    public static String expandTabs(String line) {
        if (line.indexOf('\t') < 0) {
            return line;
        }
        StringBuilder sb = new StringBuilder(line.length() + 16);
        int column = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t') {
                int spaces = 8 - column % 8;
                sb.append(" ".repeat(spaces));
                column += spaces;
            } else {
                sb.appendCodePoint(cp);
                column++;
            }
        }
        return sb.toString();
    }
}
