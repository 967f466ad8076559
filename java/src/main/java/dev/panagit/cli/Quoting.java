package dev.panagit.cli;

import java.nio.charset.StandardCharsets;

/** git's quoting of paths in output ({@code quote_c_style}, with {@code core.quotePath} on). */
final class Quoting {
    private Quoting() {
    }

    /**
     * The path as git prints it: unchanged when every byte is printable ASCII other than {@code "}
     * and {@code \}, else in double quotes with C escapes and other bytes as three octal digits.
     */
    static String cStyle(String path) {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        boolean plain = true;
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return path;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            switch (c) {
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case 0x0b -> sb.append("\\v");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20 || c >= 0x7f) {
                        sb.append('\\').append(String.format("%03o", c));
                    } else {
                        sb.append((char) c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
