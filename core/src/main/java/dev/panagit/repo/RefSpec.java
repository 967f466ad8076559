package dev.panagit.repo;

import java.util.Optional;

/**
 * A refspec, {@code [+]<src>:<dst>} (either side may end in one {@code *}): which refs of one
 * side go where on the other, and whether a non-fast-forward update is allowed ({@code +}).
 */
public record RefSpec(boolean force, String source, String destination) {
    /** Parses {@code [+]<src>[:<dst>]}; throws {@link IllegalArgumentException} for more than one {@code *} a side, or uneven ones. */
    public static RefSpec parse(String text) {
        boolean force = text.startsWith("+");
        String spec = force ? text.substring(1) : text;
        int colon = spec.indexOf(':');
        String src = colon < 0 ? spec : spec.substring(0, colon);
        String dst = colon < 0 ? "" : spec.substring(colon + 1);
        long srcStars = src.chars().filter(c -> c == '*').count();
        long dstStars = dst.chars().filter(c -> c == '*').count();
        if (srcStars > 1 || dstStars > 1 || !dst.isEmpty() && srcStars != dstStars) {
            throw new IllegalArgumentException("invalid refspec '" + text + "'");
        }
        return new RefSpec(force, src, dst);
    }

    /** Whether the source matches many refs ({@code *}). */
    public boolean isWildcard() {
        return source.contains("*");
    }

    /** Where {@code ref} goes under this refspec (empty destination: nowhere kept), or empty if it does not match. */
    public Optional<String> map(String ref) {
        int star = source.indexOf('*');
        if (star < 0) {
            return source.equals(ref) ? Optional.of(destination) : Optional.empty();
        }
        String before = source.substring(0, star);
        String after = source.substring(star + 1);
        if (!ref.startsWith(before) || !ref.endsWith(after) || ref.length() < before.length() + after.length()) {
            return Optional.empty();
        }
        return Optional.of(destination.replace("*", ref.substring(before.length(), ref.length() - after.length())));
    }

    @Override
    public String toString() {
        return (force ? "+" : "") + source + (destination.isEmpty() ? "" : ":" + destination);
    }
}
