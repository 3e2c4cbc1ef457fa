package io.myrmidon.testing;

import io.myrmidon.Communicator;
import io.myrmidon.Comparison;
import io.myrmidon.Datatype;
import io.myrmidon.ErrorClass;
import io.myrmidon.Group;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Op;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.myrmidon.Communicator.IN_PLACE;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Communicators and groups through the public API: dup, split, create, free, compare; isolation
 * of their traffic, also across many create/free cycles; and the collectives' argument errors.
 * Transports run it by extending it.
 */
@Timeout(180)
public abstract class CommunicatorConformanceTest
{
    protected abstract String transport();

    protected Map<String, String> properties()
    {
        return Map.of("myrmidon.idle.spinNanos", "20000", "myrmidon.idle.yieldNanos", "20000");
    }

    protected void job(final int size, final RankBody body)
    {
        ThreadJob.run(size, transport(), properties(), 120, body);
    }

    @Test
    void dupIsolatesPointToPointAndCollectiveTraffic()
    {
        job(3, mpi ->
        {
            final Communicator world = mpi.world();
            final Communicator dup = world.dup();
            assertEquals(Comparison.CONGRUENT, world.compare(dup));
            assertEquals(Comparison.IDENT, dup.compare(dup));
            assertNotEquals(world.contextId(), dup.contextId());
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4]);
            if (world.rank() == 0)
            {
                buffer.putInt(0, 111);
                world.send(buffer, 0, 4, 1, 7);
                buffer.putInt(0, 222);
                dup.send(buffer, 0, 4, 1, 7);
            }
            else if (world.rank() == 1)
            {
                dup.recv(buffer, 0, 4, 0, 7);
                assertEquals(222, buffer.getInt(0), "the dup's receive must take the dup's message");
                world.recv(buffer, 0, 4, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                assertEquals(111, buffer.getInt(0));
            }
            // a user message with the tag a collective would use does not disturb the collective
            if (world.rank() == 2)
            {
                buffer.putInt(0, -1);
                world.send(buffer, 0, 4, 0, 0);
            }
            final UnsafeBuffer sum = new UnsafeBuffer(new byte[8]);
            sum.putLong(0, world.rank() + 1);
            dup.allReduce(IN_PLACE, 0, sum, 0, 1, Datatype.LONG, Op.SUM);
            assertEquals(6, sum.getLong(0));
            if (world.rank() == 0)
            {
                world.recv(buffer, 0, 4, 2, 0);
                assertEquals(-1, buffer.getInt(0));
            }
            dup.free();
            assertTrue(dup.isFreed());
            final MyrmidonException freed = assertThrows(MyrmidonException.class, dup::barrier);
            assertEquals(ErrorClass.COMM, freed.errorClass());
        });
    }

    @Test
    void splitOrdersByKeyAndLeavesUndefinedOut()
    {
        job(7, mpi ->
        {
            final Communicator world = mpi.world();
            final int me = world.rank();
            final int color = me == 6 ? Communicator.UNDEFINED : me % 3;
            final Communicator part = world.split(color, -me);
            if (me == 6)
            {
                assertNull(part);
            }
            else
            {
                final List<Integer> members = new ArrayList<>();
                for (int r = 5; r >= 0; r--)
                {
                    if (r % 3 == color)
                    {
                        members.add(r);
                    }
                }
                assertEquals(members.size(), part.size());
                assertEquals(members.indexOf(me), part.rank(), "higher world ranks come first (key -rank)");
                for (int i = 0; i < part.size(); i++)
                {
                    assertEquals((int)members.get(i), part.worldRank(i));
                }
                final UnsafeBuffer sum = new UnsafeBuffer(new byte[8]);
                sum.putLong(0, me);
                part.allReduce(IN_PLACE, 0, sum, 0, 1, Datatype.LONG, Op.SUM);
                assertEquals(members.stream().mapToLong(Integer::longValue).sum(), sum.getLong(0));
                assertEquals(Comparison.UNEQUAL, part.compare(world));
                part.free();
            }
            final Communicator reversed = world.split(0, -me);
            assertEquals(Comparison.SIMILAR, reversed.compare(world));
            assertEquals(world.size() - 1 - me, reversed.rank());
            reversed.free();
        });
    }

    @Test
    void groupsIncludeExcludeTranslateAndCreate()
    {
        job(5, mpi ->
        {
            final Communicator world = mpi.world();
            final Group all = world.group();
            assertEquals(5, all.size());
            assertEquals(world.rank(), all.rank());
            final Group odd = all.include(3, 1);
            assertEquals(2, odd.size());
            assertEquals(3, odd.worldRank(0));
            final Group rest = all.exclude(0, 4);
            assertEquals(3, rest.size());
            assertArrayEquals(new int[]{1, Group.UNDEFINED, 0}, all.translateRanks(new int[]{1, 0, 3}, odd));
            assertEquals(Comparison.SIMILAR, odd.compare(all.include(1, 3)));
            assertEquals(Comparison.IDENT, all.compare(world.group()));
            assertEquals(Comparison.UNEQUAL, odd.compare(rest));
            final MyrmidonException twice = assertThrows(MyrmidonException.class, () -> all.include(1, 1));
            assertEquals(ErrorClass.RANK, twice.errorClass());

            final Communicator created = world.create(odd);
            if (world.rank() == 1 || world.rank() == 3)
            {
                assertEquals(2, created.size());
                assertEquals(world.rank() == 3 ? 0 : 1, created.rank(), "the group's order");
                final UnsafeBuffer value = new UnsafeBuffer(new byte[4]);
                value.putInt(0, world.rank());
                created.bcast(value, 0, 1, Datatype.INT, 0);
                assertEquals(3, value.getInt(0));
                created.free();
            }
            else
            {
                assertNull(created);
            }
        });
    }

    @Test
    void createGroupInvolvesOnlyTheGroupsMembers()
    {
        job(5, mpi ->
        {
            final Communicator world = mpi.world();
            final int me = world.rank();
            final Group all = world.group();
            final UnsafeBuffer value = new UnsafeBuffer(new byte[8]);
            // two disjoint groups made at the same time with the same tag; rank 2 takes no part
            // and talks to rank 0 meanwhile, which must not disturb either creation
            if (me == 1 || me == 3 || me == 4)
            {
                final Communicator created = world.createGroup(all.include(4, 1, 3), 9);
                assertEquals(3, created.size());
                assertEquals(me == 4 ? 0 : me == 1 ? 1 : 2, created.rank(), "the group's order");
                value.putLong(0, me);
                created.allReduce(IN_PLACE, 0, value, 0, 1, Datatype.LONG, Op.SUM);
                assertEquals(8, value.getLong(0));
                final Communicator again = world.createGroup(all.include(4, 1, 3), 9);
                assertNotEquals(created.contextId(), again.contextId(), "both live: distinct contexts");
                again.free();
                created.free();
            }
            else if (me == 0)
            {
                world.recv(value, 0, 8, 2, 9);
                assertEquals(22, value.getLong(0));
                final Communicator alone = world.createGroup(all.include(0), 9);
                assertEquals(1, alone.size());
                alone.free();
            }
            else
            {
                value.putLong(0, 22);
                world.send(value, 0, 8, 0, 9);
                final MyrmidonException outside = assertThrows(MyrmidonException.class,
                    () -> world.createGroup(all.include(0, 1), 9));
                assertEquals(ErrorClass.GROUP, outside.errorClass());
                assertTrue(outside.getMessage().contains("not in the group"), outside.getMessage());
            }
            // the world's own traffic and ids are untouched: a dup over everybody still agrees
            final Communicator dup = world.dup();
            value.putLong(0, 1);
            dup.allReduce(IN_PLACE, 0, value, 0, 1, Datatype.LONG, Op.SUM);
            assertEquals(5, value.getLong(0));
            dup.free();
        });
    }

    @Test
    void aMatchedProbeTakesTheMessageOutOfMatching()
    {
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            final int large = 1 << 20;
            final UnsafeBuffer big = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(large));
            final UnsafeBuffer small = new UnsafeBuffer(new byte[8]);
            if (world.rank() == 1)
            {
                small.putLong(0, 111);
                world.send(small, 0, 8, 0, 4);
                small.putLong(0, 222);
                world.send(small, 0, 8, 0, 4);
                big.setMemory(0, large, (byte)7);
                world.send(big, 0, large, 0, 5);
                world.send(small, 0, 8, 0, 6);
                return;
            }
            final io.myrmidon.Status status = new io.myrmidon.Status();
            assertNull(world.imProbe(1, 9, status), "nothing with tag 9");
            final io.myrmidon.Message first = world.mProbe(1, 4, status);
            assertEquals(8, status.count());
            // the probed message left matching: a wildcard receive takes the next one
            world.recv(small, 0, 8, Communicator.ANY_SOURCE, Communicator.ANY_TAG, status);
            assertEquals(222, small.getLong(0), "a later receive must not steal the probed message");
            assertEquals(0, world.mRecv(first, small, 0, 8, status) - 8);
            assertEquals(111, small.getLong(0));
            assertTrue(first.isReceived());
            final MyrmidonException twice = assertThrows(MyrmidonException.class,
                () -> world.mRecv(first, small, 0, 8, null));
            assertEquals(ErrorClass.REQUEST, twice.errorClass());
            // a rendezvous-size message, received later without blocking
            final io.myrmidon.Message bulk = world.mProbe(Communicator.ANY_SOURCE, 5, status);
            assertEquals(large, status.count());
            assertFalse(world.iProbe(1, 5, status), "a probed message is not probed again");
            final UnsafeBuffer into = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(large));
            world.imRecv(bulk, into, 0, large).waitFor(status);
            assertEquals(large, status.count());
            assertEquals(7, into.getByte(large - 1));
            // truncation is reported like a receive's, and nothing is written
            final io.myrmidon.Message last = world.mProbe(1, 6, status);
            small.putLong(0, -1);
            final MyrmidonException truncated = assertThrows(MyrmidonException.class,
                () -> world.mRecv(last, small, 0, 4, null));
            assertEquals(ErrorClass.TRUNCATE, truncated.errorClass());
            assertEquals(-1, small.getLong(0));
            final io.myrmidon.Message none = world.mProbe(Communicator.PROC_NULL, 0, status);
            assertTrue(none.isNoProcess());
            assertEquals(0, world.mRecv(none, small, 0, 8, status));
            assertEquals(Communicator.PROC_NULL, status.source());
        });
    }

    @Test
    void manyCommunicatorsCreatedAndFreedNeverCollide()
    {
        job(4, mpi ->
        {
            final Communicator world = mpi.world();
            final int me = world.rank();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);
            final UnsafeBuffer received = new UnsafeBuffer(new byte[8]);
            // more cycles than there are context ids: freed ids must come back
            for (int cycle = 0; cycle < 2_100; cycle++)
            {
                final Communicator dup = cycle % 2 == 0 ? world.dup() : world.split(me % 2, me);
                if (cycle % 150 == 0)
                {
                    buffer.putLong(0, cycle);
                    dup.allReduce(IN_PLACE, 0, buffer, 0, 1, Datatype.LONG, Op.MAX);
                    assertEquals(cycle, buffer.getLong(0));
                }
                dup.free();
            }
            // many alive at once, freed in a scrambled order, each with its own traffic
            final List<Communicator> alive = new ArrayList<>();
            for (int i = 0; i < 40; i++)
            {
                alive.add(i % 3 == 0 ? world.dup() : world.split(i % 2 == 0 ? 0 : me % 2, -me));
            }
            final java.util.Set<Integer> ids = new java.util.HashSet<>();
            for (final Communicator c : alive)
            {
                assertTrue(ids.add(c.contextId()) || c.size() < world.size(), "context " + c.contextId() +
                    " used twice among live communicators over the same ranks");
            }
            for (int i = 0; i < alive.size(); i++)
            {
                final Communicator c = alive.get(i);
                final int to = (c.rank() + 1) % c.size();
                final int from = (c.rank() - 1 + c.size()) % c.size();
                buffer.putInt(0, i);
                buffer.putInt(4, c.rank());
                c.sendRecv(buffer, 0, 8, to, 3, received, 0, 8, from, 3, null);
                assertEquals(i, received.getInt(0), "message of communicator " + i + " arrived on another");
                assertEquals(from, received.getInt(4));
            }
            for (int i = 0; i < alive.size(); i++)
            {
                alive.get((i * 7) % alive.size()).free();
            }
            world.barrier();
        });
    }

    @Test
    void badArgumentsAreRejectedWithAClearMessage()
    {
        job(2, mpi ->
        {
            final Communicator world = mpi.world();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
            final MyrmidonException pair = assertThrows(MyrmidonException.class,
                () -> world.allReduce(IN_PLACE, 0, buffer, 0, 2, Datatype.DOUBLE_INT, Op.SUM));
            assertEquals(ErrorClass.OP, pair.errorClass());
            assertTrue(pair.getMessage().contains("SUM does not apply to DOUBLE_INT"), pair.getMessage());
            final MyrmidonException minloc = assertThrows(MyrmidonException.class,
                () -> world.allReduce(IN_PLACE, 0, buffer, 0, 2, Datatype.DOUBLE, Op.MINLOC));
            assertEquals(ErrorClass.OP, minloc.errorClass());
            final MyrmidonException logical = assertThrows(MyrmidonException.class,
                () -> world.reduce(buffer, 0, buffer, 8, 1, Datatype.FLOAT, Op.LAND, 0));
            assertEquals(ErrorClass.OP, logical.errorClass());
            final MyrmidonException root = assertThrows(MyrmidonException.class,
                () -> world.bcast(buffer, 0, 1, Datatype.INT, 2));
            assertEquals(ErrorClass.ROOT, root.errorClass());
            final MyrmidonException shortBuffer = assertThrows(MyrmidonException.class,
                () -> world.allGather(buffer, 0, buffer, 0, 5, Datatype.LONG));
            assertEquals(ErrorClass.BUFFER, shortBuffer.errorClass());
            if (world.rank() == 1)
            {
                final MyrmidonException inPlace = assertThrows(MyrmidonException.class,
                    () -> world.reduce(IN_PLACE, 0, buffer, 0, 1, Datatype.INT, Op.SUM, 0));
                assertEquals(ErrorClass.BUFFER, inPlace.errorClass());
            }
            final MyrmidonException color = assertThrows(MyrmidonException.class, () -> world.split(-5, 0));
            assertEquals(ErrorClass.ARG, color.errorClass());
            final MyrmidonException freeWorld = assertThrows(MyrmidonException.class, world::free);
            assertEquals(ErrorClass.COMM, freeWorld.errorClass());
            // nothing was sent by the rejected calls: the next collective works
            buffer.putInt(0, 1);
            world.allReduce(IN_PLACE, 0, buffer, 0, 1, Datatype.INT, Op.SUM);
            assertEquals(2, buffer.getInt(0));
        });
    }

    @Test
    void anUnknownAlgorithmIsRejectedAtInit()
    {
        final AssertionError error = assertThrows(AssertionError.class, () -> ThreadJob.run(1, transport(),
            Map.of("myrmidon.coll.allreduce", "butterfly"), 30, mpi -> fail("init must fail")));
        assertTrue(String.valueOf(error.getCause()).contains("recursive-doubling"), String.valueOf(error.getCause()));
    }
}
