package dev.panagit.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PathOrderTest {
    private static int byEncoding(String a, String b) {
        return Integer.signum(Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ordersAsTheUtf8BytesDo() {
        String[] pieces = {"a", "b", "/", "-", "~", "é", "ß", "\u00ff", "\u0800", "\ud7ff", "\ue000", "\uffff",
            "\ud83d\ude00", "\ud83d\ude01", "\ud800\udc00", "\udbff\udfff", "", "z.txt"};
        Random random = new Random(11);
        for (int round = 0; round < 200_000; round++) {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            String common = pieces[random.nextInt(pieces.length)];
            a.append(common);
            b.append(common);
            for (int i = random.nextInt(4); i > 0; i--) {
                a.append(pieces[random.nextInt(pieces.length)]);
            }
            for (int i = random.nextInt(4); i > 0; i--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            assertEquals(byEncoding(a.toString(), b.toString()), Integer.signum(PathOrder.compare(a.toString(), b.toString())),
                    a + " vs " + b);
        }
        // the case UTF-16's own order gets wrong: a supplementary character after U+E000-U+FFFF
        assertEquals(1, Integer.signum(PathOrder.compare("\ud83d\ude00", "\uffff")));
        assertEquals(-1, Integer.signum("\ud83d\ude00".compareTo("\uffff")));
    }
}
