package dev.panagit.lib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ObjectIdTest {
    private static final String EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
    private static final String EMPTY_BLOB_256 = "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813";

    @Test
    void parsesAndFormatsBothFormats() {
        ObjectId sha1 = ObjectId.fromHex(EMPTY_BLOB);
        assertEquals(ObjectFormat.SHA1, sha1.format());
        assertEquals(EMPTY_BLOB, sha1.name());
        ObjectId sha256 = ObjectId.fromHex(EMPTY_BLOB_256.toUpperCase());
        assertEquals(ObjectFormat.SHA256, sha256.format());
        assertEquals(EMPTY_BLOB_256, sha256.name());
    }

    @Test
    void rawBytesRoundTrip() {
        byte[] raw = HexFormat.of().parseHex(EMPTY_BLOB);
        ObjectId id = ObjectId.fromRaw(raw);
        assertArrayEquals(raw, id.toRaw());
        byte[] buffer = new byte[25];
        id.copyRawTo(buffer, 3);
        assertEquals(id, ObjectId.fromRaw(ObjectFormat.SHA1, buffer, 3));
    }

    @Test
    void equalityHashingAndOrder() {
        ObjectId a = ObjectId.fromHex(EMPTY_BLOB);
        ObjectId b = ObjectId.fromHex(EMPTY_BLOB);
        ObjectId c = ObjectId.fromHex("ce013625030ba8dba906f756967f9e9ca394464a");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertTrue(c.compareTo(a) < 0, "ce... sorts before e6...");
        assertTrue(ObjectId.fromHex("ff00000000000000000000000000000000000000")
                .compareTo(ObjectId.fromHex("0100000000000000000000000000000000000000")) > 0, "unsigned order");
        assertEquals("e69de29", a.abbreviate(7));
        assertTrue(a.startsWith("e69d"));
        assertEquals("0000000000000000000000000000000000000000", ObjectId.zeroId(ObjectFormat.SHA1).name());
    }

    @Test
    void rejectsBadInputNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ObjectId.fromHex("abc"));
        assertTrue(e.getMessage().contains("3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ObjectId.fromHex(ObjectFormat.SHA1, "zz9de29bb2d1d6434b8b29ae775ad8c2e48c5391"));
        assertTrue(e.getMessage().contains("zz9de29"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ObjectId.fromRaw(ObjectFormat.SHA256, new byte[20], 0));
    }

    @Test
    void typesAndFormatsParse() {
        assertEquals(ObjectType.TREE, ObjectType.fromGitName("tree"));
        assertEquals(ObjectType.TAG, ObjectType.fromCode(4));
        assertThrows(IllegalArgumentException.class, () -> ObjectType.fromGitName("Blob"));
        assertEquals(ObjectFormat.SHA256, ObjectFormat.fromConfigName("SHA256"));
        assertThrows(IllegalArgumentException.class, () -> ObjectFormat.fromConfigName("md5"));
    }
}
