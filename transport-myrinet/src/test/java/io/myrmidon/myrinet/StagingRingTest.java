package io.myrmidon.myrinet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StagingRingTest
{
    @Test
    void claimsAreContiguousAlignedAndReleasedInOrder()
    {
        final StagingRing ring = new StagingRing(4096, 1024);
        assertEquals(4096, ring.claim(100));
        final long firstEnd = ring.lastClaimEnd();
        assertEquals(4096 + 128, ring.claim(500));
        final long secondEnd = ring.lastClaimEnd();
        assertEquals(-1, ring.claim(500), "640 of 1024 bytes are claimed: 500 more do not fit");
        ring.releaseUpTo(firstEnd);
        assertEquals(-1, ring.claim(500), "the range would wrap: it needs the skipped tail released too");
        ring.releaseUpTo(secondEnd);
        assertEquals(0, ring.inUse());
        assertEquals(4096, ring.claim(500), "a range that does not fit before the end starts at the region's start");
    }

    @Test
    void anUnpostedClaimIsUndone()
    {
        final StagingRing ring = new StagingRing(0, 1024);
        ring.claim(64);
        final long end = ring.lastClaimEnd();
        ring.claim(900);
        ring.unclaimLast();
        assertEquals(64, ring.inUse());
        ring.releaseUpTo(end);
        assertEquals(0, ring.inUse());
    }

    @Test
    void cookiesCarryKindPeerAndValue()
    {
        final long cookie = SendCookie.pack(SendCookie.PULL, 65_535, (1L << 40) + 77);
        assertEquals(SendCookie.PULL, SendCookie.kind(cookie));
        assertEquals(65_535, SendCookie.peer(cookie));
        assertEquals(77, SendCookie.value(cookie), "VALUE keeps the low 40 bits");
    }

    @Test
    void matchInformationPacksContextSourceAndTag()
    {
        final long match = MatchInformation.pack(MatchInformation.EXPOSURE, 65_535, -2);
        assertEquals(MatchInformation.EXPOSURE, MatchInformation.context(match));
        assertEquals(65_535, MatchInformation.source(match));
        assertEquals(-2, MatchInformation.tag(match));
        assertEquals(0x4D52_FFFF_FFFF_FFFEL, match);
    }
}
