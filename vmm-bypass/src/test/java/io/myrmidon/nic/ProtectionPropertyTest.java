package io.myrmidon.nic;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import io.myrmidon.vnic.layout.Status;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

/**
 * Random protection tables and random descriptors never make the DMA engine touch memory outside a valid window:
 * every access the engine allows lies inside a live window of the requesting VM with the right, and after
 * performing every allowed copy, all bytes outside writable windows of the destination are unchanged.
 */
class ProtectionPropertyTest
{
    private static final int VMS = 3;
    private static final int MEMORY = 8192;

    record WindowSpec(int vm, long offset, long length, int rights)
    {
    }

    record Access(int vm, int windowIndex, int keyNoise, long at, long bytes, int right)
    {
    }

    private static Gen<WindowSpec> windows()
    {
        return integers().between(0, VMS - 1).zip(longs().between(-16, MEMORY / 2), longs().between(-16, MEMORY / 2),
            integers().between(0, 3), WindowSpec::new);
    }

    private static Gen<Access> accesses()
    {
        final Gen<Long> anyLong = longs().between(-64, 4096).mix(longs().all(), 10);
        return integers().between(0, VMS - 1).zip(integers().between(0, 15), integers().between(0, 3), anyLong,
            (vm, w, noise, at) -> new long[] {vm, w, noise, at})
            .zip(anyLong, integers().between(1, 2), (a, bytes, right) ->
                new Access((int)a[0], (int)a[1], (int)a[2], a[3], bytes, right));
    }

    @Test
    void allowedAccessesLieInsideAnOwnedWindowWithTheRight()
    {
        final long[] allowed = new long[1];
        qt().withExamples(400).forAll(lists().of(windows()).ofSizeBetween(0, 12), lists().of(accesses()).ofSizeBetween(1, 40))
            .checkAssert((specs, list) ->
            {
                try (Arena arena = Arena.ofConfined())
                {
                    final ProtectionTable table = new ProtectionTable();
                    final DmaEngine dma = new DmaEngine(table, VMS);
                    final MemorySegment[] memory = new MemorySegment[VMS];
                    for (int vm = 0; vm < VMS; vm++)
                    {
                        memory[vm] = arena.allocate(MEMORY);
                        memory[vm].fill((byte)(0x40 + vm));
                        dma.memory(vm, memory[vm]);
                    }
                    final List<Integer> keys = new ArrayList<>();
                    final List<WindowSpec> live = new ArrayList<>();
                    for (final WindowSpec spec : specs)
                    {
                        // the VMM only registers windows inside the VM's memory; the NIC must still be safe if it
                        // did not (the second fence, the segment bounds, would throw rather than copy)
                        if (spec.offset() >= 0 && spec.length() > 0 && spec.offset() + spec.length() <= MEMORY)
                        {
                            keys.add(table.add(spec.vm(), spec.offset(), spec.length(), spec.rights()));
                            live.add(spec);
                        }
                    }
                    if (!keys.isEmpty() && specs.size() % 2 == 0)
                    {
                        table.remove(keys.getFirst(), live.getFirst().vm()); // a stale key stays in the list
                    }
                    final byte[][] before = new byte[VMS][];
                    for (int vm = 0; vm < VMS; vm++)
                    {
                        before[vm] = memory[vm].toArray(ValueLayout.JAVA_BYTE);
                    }
                    final MemorySegment scratch = arena.allocate(MEMORY);
                    final boolean[][] writable = new boolean[VMS][MEMORY];
                    for (final Access access : list)
                    {
                        final int key = keys.isEmpty() ? access.keyNoise() :
                            keys.get(access.windowIndex() % keys.size()) + (access.keyNoise() == 3 ? 1 << 12 : 0);
                        final int accessVm = access.keyNoise() < 2 && !keys.isEmpty() ?
                            live.get(access.windowIndex() % keys.size()).vm() : access.vm();
                        final int status = dma.check(accessVm, key, access.at(), access.bytes(), access.right());
                        if (status != Status.OK)
                        {
                            continue;
                        }
                        allowed[0]++;
                        final int index = keys.indexOf(key);
                        assertEquals(true, index >= 0, "allowed an unknown key");
                        final WindowSpec spec = live.get(index);
                        assertEquals(accessVm, spec.vm(), "allowed another VM's window");
                        assertEquals(access.right(), spec.rights() & access.right(), "allowed without the right");
                        final long start = spec.offset() + access.at();
                        assertEquals(true, access.at() >= 0 && access.bytes() >= 0 &&
                            start + access.bytes() <= spec.offset() + spec.length(), "allowed outside the window");
                        if (access.right() == ProtectionTable.WRITE)
                        {
                            MemorySegment.copy(scratch, 0, memory[accessVm], table.memoryOffset(key, access.at()),
                                Math.min(access.bytes(), MEMORY));
                            for (long b = start; b < start + access.bytes(); b++)
                            {
                                writable[accessVm][(int)b] = true;
                            }
                        }
                        else
                        {
                            dma.read(accessVm, key, access.at(), scratch, 0, Math.min(access.bytes(), MEMORY));
                        }
                    }
                    for (int vm = 0; vm < VMS; vm++)
                    {
                        final byte[] after = memory[vm].toArray(ValueLayout.JAVA_BYTE);
                        for (int b = 0; b < MEMORY; b++)
                        {
                            if (!writable[vm][b])
                            {
                                assertEquals(before[vm][b], after[b], "byte " + b + " of VM " + vm + " changed");
                            }
                        }
                    }
                }
            });
        assertEquals(true, allowed[0] > 100, "the generators hardly produced valid accesses: " + allowed[0]);
    }

    @Test
    void staleKeysAndForeignOwnersAreRejected()
    {
        final ProtectionTable table = new ProtectionTable();
        final int key = table.add(1, 0, 4096, ProtectionTable.READ | ProtectionTable.WRITE);
        assertEquals(Status.OK, table.check(key, 1, 0, 4096, ProtectionTable.READ));
        assertEquals(Status.BAD_WINDOW, table.check(key, 2, 0, 1, ProtectionTable.READ));
        assertEquals(Status.OUT_OF_RANGE, table.check(key, 1, 1, 4096, ProtectionTable.READ));
        assertEquals(Status.OUT_OF_RANGE, table.check(key, 1, Long.MAX_VALUE, 2, ProtectionTable.READ));
        assertEquals(Status.OUT_OF_RANGE, table.check(key, 1, 2, Long.MAX_VALUE, ProtectionTable.READ));
        table.remove(key, 1);
        final int reused = table.add(1, 0, 4096, ProtectionTable.READ);
        assertEquals(Status.BAD_WINDOW, table.check(key, 1, 0, 1, ProtectionTable.READ));
        assertEquals(Status.OK, table.check(reused, 1, 0, 1, ProtectionTable.READ));
    }
}
