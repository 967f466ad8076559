package dev.panagit.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersonIdentTest {
    private static final DateTimeFormatter GIT_LOG = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    /** The hand-written calendar agrees with java.time over 400-year cycles and every zone (local times before 1970 too). */
    @Test
    void logDateMatchesJavaTime() {
        Random random = new Random(1);
        for (int i = 0; i < 100_000; i++) {
            long epoch = random.nextLong(0, 200_000_000_000L);
            int offset = (random.nextInt(-14 * 60, 14 * 60 + 1));
            PersonIdent ident = new PersonIdent("A", "a@b", epoch, offset);
            String expected = GIT_LOG.format(Instant.ofEpochSecond(epoch).atOffset(ZoneOffset.ofTotalSeconds(offset * 60)))
                    + " " + ident.timezone();
            assertEquals(expected, ident.logDate(), epoch + " " + offset);
        }
        assertEquals("Thu Jan 1 00:00:00 1970 +0000", new PersonIdent("A", "a@b", 0, 0).logDate());
        assertEquals("Wed Dec 31 23:00:00 1969 -0100", new PersonIdent("A", "a@b", 0, -60).logDate());
        assertEquals("Tue Feb 29 12:00:00 2000 +0530", new PersonIdent("A", "a@b", 951_805_800L, 330).logDate());
        // git's timestamps are unsigned: a negative one is shown as the epoch, zone and all reset.
        assertEquals("Thu Jan 1 00:00:00 1970 +0000", new PersonIdent("A", "a@b", -5, 60).logDate());
    }

    @Test
    void timezoneAsGitWritesIt() {
        assertEquals("+0000", new PersonIdent("A", "a@b", 0, 0).timezone());
        assertEquals("-0130", new PersonIdent("A", "a@b", 0, -90).timezone());
        assertEquals("+1400", new PersonIdent("A", "a@b", 0, 840).timezone());
    }
}
