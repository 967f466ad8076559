package dev.panagit.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CollisionDetectionTest {
    @Test
    void onUnlessSwitchedOffAndThePropertyWins() {
        assertEquals(true, CollisionDetection.decide(null, null));
        assertEquals(true, CollisionDetection.decide("", " "));
        assertEquals(false, CollisionDetection.decide(null, "off"));
        assertEquals(false, CollisionDetection.decide("0", null));
        assertEquals(false, CollisionDetection.decide("FALSE", "on"));
        assertEquals(true, CollisionDetection.decide("on", "off"));
        assertEquals(true, CollisionDetection.decide(null, "yes"));
    }

    @Test
    void theMessageNamesWhatWasHashed() {
        CollisionAttackException bare = new CollisionAttackException();
        assertEquals("SHA-1 appears to be part of a collision attack", bare.getMessage());
        CollisionAttackException named = bare.about("a.pdf");
        assertEquals("SHA-1 appears to be part of a collision attack: a.pdf", named.getMessage());
        assertEquals("a.pdf", named.about("b.pdf").subject());
    }
}
