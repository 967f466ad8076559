package dev.panagit.objects;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An author, committer or tagger: {@code Name <email> <epoch seconds> <+hhmm>}, as git writes it.
 *
 * @param offsetMinutes the timezone offset in minutes (e.g. +0130 is 90)
 * @param zone the timezone as written, as a signed decimal {@code hhmm} (e.g. +0130 is 130): kept
 *     so that a zone such as {@code +9999}, which git records and shows as written, survives
 */
public record PersonIdent(String name, String email, long epochSeconds, int offsetMinutes, int zone) {
    private static final Pattern RAW = Pattern.compile("@?(-?\\d+)\\s+([+-])(\\d{2}):?(\\d{2})");
    private static final String[] DAYS = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    /** An identity whose zone is written from its offset ({@code +hhmm}, minutes under 60). */
    public PersonIdent(String name, String email, long epochSeconds, int offsetMinutes) {
        this(name, email, epochSeconds, offsetMinutes,
                Integer.signum(offsetMinutes) * (Math.abs(offsetMinutes) / 60 * 100 + Math.abs(offsetMinutes) % 60));
    }

    /** Checks the parts git would refuse to write: no angle brackets or newlines in name or email. */
    public PersonIdent {
        if (name.indexOf('<') >= 0 || name.indexOf('>') >= 0 || name.indexOf('\n') >= 0
                || email.indexOf('<') >= 0 || email.indexOf('>') >= 0 || email.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("name and email may not contain '<', '>' or newlines: " + name + " <"
                    + email + ">");
        }
    }

    /** The timezone as git writes it: {@code +0100}. */
    public String timezone() {
        return zoneText(zone);
    }

    private static String zoneText(int zone) {
        int abs = Math.abs(zone);
        StringBuilder sb = new StringBuilder(5).append(zone < 0 ? '-' : '+');
        twoDigits(sb, abs / 100 % 100);
        return twoDigits(sb, abs % 100).toString();
    }

    private static StringBuilder twoDigits(StringBuilder sb, long value) {
        return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** The form in commit and tag objects: {@code Name <email> 1700000000 +0100}. */
    public String toExternalString() {
        return name + " <" + email + "> " + epochSeconds + " " + timezone();
    }

    /**
     * The date as {@code git log} shows it: {@code Thu Nov 14 22:13:20 2023 +0100}. Computed by hand
     * (the civil calendar from a day count, as in H. Hinnant's {@code civil_from_days}): java.time's
     * formatter costs more to load than a whole short {@code log} spends formatting.
     */
    public String logDate() {
        String shown = logDate(epochSeconds, offsetMinutes, zone);
        // git shows a date it cannot represent (negative, or a year beyond a C int) as the epoch
        return shown != null ? shown : logDate(0, 0, 0);
    }

    private static String logDate(long epochSeconds, int offsetMinutes, int zone) {
        if (epochSeconds < 0 || epochSeconds > Long.MAX_VALUE - 86_400L * 365 * 10) {
            return null;
        }
        long local = epochSeconds + offsetMinutes * 60L;
        long days = Math.floorDiv(local, 86_400L);
        long secondOfDay = Math.floorMod(local, 86_400L);
        long era = Math.floorDiv(days + 719_468L, 146_097L);
        long dayOfEra = days + 719_468L - era * 146_097L;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long shiftedMonth = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
        int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year - 1900 > Integer.MAX_VALUE) {
            return null;
        }
        StringBuilder sb = new StringBuilder(32);
        sb.append(DAYS[(int) Math.floorMod(days + 4, 7L)]).append(' ').append(MONTHS[month - 1]).append(' ')
                .append(day).append(' ');
        twoDigits(sb, secondOfDay / 3600).append(':');
        twoDigits(sb, secondOfDay / 60 % 60).append(':');
        twoDigits(sb, secondOfDay % 60).append(' ');
        return sb.append(year).append(' ').append(zoneText(zone)).toString();
    }

    /**
     * Parses the form of commit and tag objects, {@code Name <email> <epoch> <+hhmm>} (read from
     * the right, as git does: the name may hold spaces; walking history parses one per commit).
     */
    public static PersonIdent parseExternal(String line) {
        int gt = line.lastIndexOf("> ");
        int lt = gt < 0 ? -1 : line.lastIndexOf(" <", gt);
        int space = gt < 0 ? -1 : line.indexOf(' ', gt + 2);
        if (lt < 0 || space < 0 || line.length() - space != 6) {
            throw new IllegalArgumentException("malformed identity line '" + line + "'");
        }
        long epoch = timestamp(line, gt + 2, space);
        char sign = line.charAt(space + 1);
        if (sign != '+' && sign != '-') {
            throw new IllegalArgumentException("malformed identity line '" + line + "'");
        }
        int hours = (int) number(line, space + 2, space + 4, line);
        int mins = (int) number(line, space + 4, space + 6, line);
        int minutes = hours * 60 + mins;   // git's arithmetic, even for minutes of 60 and more
        int zone = hours * 100 + mins;
        return new PersonIdent(line.substring(0, lt), line.substring(lt + 2, gt), epoch,
                sign == '-' ? -minutes : minutes, sign == '-' ? -zone : zone);
    }

    /**
     * The seconds at {@code s[from..to)}: digits (a leading '-' allowed, as git writes negative
     * dates), saturating at the range of a long, which {@link #logDate} then shows as git does.
     */
    private static long timestamp(String s, int from, int to) {
        boolean negative = from < to && s.charAt(from) == '-';
        int i = negative ? from + 1 : from;
        if (i >= to) {
            throw new IllegalArgumentException("malformed identity line '" + s + "'");
        }
        long value = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("malformed identity line '" + s + "'");
            }
            value = value > (Long.MAX_VALUE - 9) / 10 ? Long.MAX_VALUE : value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /** The decimal number at {@code s[from..to)} (a leading '-' allowed). */
    private static long number(String s, int from, int to, String line) {
        boolean negative = from < to && s.charAt(from) == '-';
        int i = negative ? from + 1 : from;
        if (i >= to || to - i > 18) {
            throw new IllegalArgumentException("malformed identity line '" + line + "'");
        }
        long value = 0;
        for (; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("malformed identity line '" + line + "'");
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /**
     * Parses a date as git accepts it in {@code GIT_AUTHOR_DATE}: {@code <epoch> <+hhmm>},
     * {@code @<epoch> <+hhmm>}, ISO 8601 ({@code 2005-04-07T22:13:13+02:00}, or without offset:
     * UTC), or RFC 2822 ({@code Thu, 07 Apr 2005 22:13:13 +0200}).
     *
     * @return {epoch seconds, offset minutes}
     */
    public static long[] parseDate(String text) {
        String s = text.strip();
        Matcher raw = RAW.matcher(s);
        if (raw.matches()) {
            int minutes = Integer.parseInt(raw.group(3)) * 60 + Integer.parseInt(raw.group(4));
            return new long[] {Long.parseLong(raw.group(1)), raw.group(2).equals("-") ? -minutes : minutes};
        }
        try {
            ZonedDateTime t = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
            return new long[] {t.toEpochSecond(), t.getOffset().getTotalSeconds() / 60};
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            OffsetDateTime t = OffsetDateTime.parse(s.replace(' ', 'T'));
            return new long[] {t.toEpochSecond(), t.getOffset().getTotalSeconds() / 60};
        } catch (DateTimeParseException e) {
            // next format
        }
        try {
            LocalDateTime t = LocalDateTime.parse(s.replace(' ', 'T'));
            return new long[] {t.toEpochSecond(ZoneOffset.UTC), 0};
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid date format: " + text);
        }
    }
}
