package dev.panagit.lib;

/**
 * git's order of paths: by their UTF-8 bytes, unsigned, computed on the strings without
 * encoding them. UTF-8's byte order is code point order, which is UTF-16's order except that
 * surrogate pairs (code points above U+FFFF) sort after U+E000-U+FFFF; so the first differing
 * char decides unless a surrogate is involved, and then the code points there decide.
 */
public final class PathOrder {
    private PathOrder() {
    }

    /** Negative, zero or positive as {@code a}'s UTF-8 bytes sort before, equal or after {@code b}'s. */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
                    return Integer.compare(a.codePointAt(i), b.codePointAt(i));
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
