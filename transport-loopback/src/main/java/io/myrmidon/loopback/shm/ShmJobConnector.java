package io.myrmidon.loopback.shm;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.loopback.sys.Futex;
import io.myrmidon.loopback.sys.ProcessMemory;
import io.myrmidon.spi.Bootstrap;
import io.myrmidon.spi.TransportCapabilities;
import io.myrmidon.spi.TransportContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Opens a rank's {@link ShmTransport}: the start-up sequence, run once per rank.
 *
 * <ol>
 *   <li>Sweep segment files that ranks of dead jobs left behind ({@link StaleSegmentSweeper}).</li>
 *   <li>Create and map this rank's inbound segment, header published last.</li>
 *   <li>{@code allGather} of (pid, address of the segment in its owner): the only exchange.</li>
 *   <li>Map every peer's segment by name and validate its header against the gathered pid.</li>
 *   <li>Probe Cross Memory Attach: read each rank's magic (its own included) from that rank's
 *   address space with {@code process_vm_readv}; a second {@code allGather} of the verdicts (and
 *   of {@value #BULK_PULL_PROP_NAME}) doubles as the barrier after which every segment is mapped
 *   by everyone, and gives every rank the same {@code bulkPull}.</li>
 *   <li>Unlink this rank's file: from here on nothing is left in the directory, whatever happens
 *   to the processes; the memory lives while one of them maps it.</li>
 * </ol>
 */
final class ShmJobConnector
{
    /** Property that turns the single-copy pull off ({@code false}), for comparison runs. */
    static final String BULK_PULL_PROP_NAME = "myrmidon.shm.bulkPull";

    /** Model: one-way latency of a small fragment; measured 130 ns (p50, 8 B) between two JVMs. */
    static final long LATENCY_NANOS = 150;
    /** Model: bandwidth of single-copy pulls; measured 12.8 GB/s streaming 1 MiB messages. */
    static final double PULL_BANDWIDTH = 12.0e9;
    /** Model: bandwidth of fragments through a ring (two copies); measured 2 to 7 GB/s, noisy. */
    static final double RING_BANDWIDTH = 4.0e9;
    /**
     * From this size on, pulls: they stream faster than the ring from 16 KiB on (4.5 vs 0.3-3.9 GB/s
     * at 16 KiB, 7.6 vs 4.0 at 32 KiB), while one eager fragment has the lower latency up to the
     * largest fragment (16 KiB: 0.49 us eager, 2.7 us pull). See the package documentation.
     */
    static final int RENDEZVOUS_THRESHOLD = 32 * 1024;

    private ShmJobConnector()
    {
    }

    static ShmTransport connect(final TransportContext context)
    {
        final String unsupported = Futex.unsupportedReason();
        if (unsupported != null)
        {
            throw new MyrmidonException(ErrorClass.TRANSPORT,
                "shm transport cannot run here: " + unsupported + "; use the threads transport instead");
        }
        Futex.warmUpOnce();
        io.myrmidon.loopback.sys.ProcessMemory.warmUpOnce();
        final ShmConfiguration configuration = ShmConfiguration.from(context);
        final Bootstrap bootstrap = context.bootstrap();
        final int rank = bootstrap.rank();
        final int size = bootstrap.size();
        final String jobId = bootstrap.jobId();
        final long pid = ProcessHandle.current().pid();
        final int capacity = configuration.ringCapacity();
        final Arena arena = Arena.ofShared();
        final ProcessMemory processMemory = new ProcessMemory();
        ShmSegment own = null;
        try
        {
            StaleSegmentSweeper.sweep(Path.of(configuration.directory()));
            own = ShmSegment.create(
                ShmSegment.path(configuration.directory(), jobId, rank), arena, rank, size, capacity, pid);

            final byte[][] gathered = bootstrap.allGather(pidAndAddress(pid, own.address()));
            final ShmSegment[] segments = new ShmSegment[size];
            final ProcessHandle[] processes = new ProcessHandle[size];
            final MemorySegment probe = arena.allocate(JAVA_LONG);
            boolean cmaWorks = true;
            for (int r = 0; r < size; r++)
            {
                final long peerPid = longAt(gathered[r], 0);
                segments[r] = r == rank ? own :
                    ShmSegment.map(ShmSegment.path(configuration.directory(), jobId, r), arena, r, size, capacity, peerPid);
                if (peerPid != pid)
                {
                    processes[r] = peerProcess(peerPid, r);
                }
                cmaWorks &= probeCrossMemoryAttach(processMemory, probe, peerPid, longAt(gathered[r], 8));
            }
            final boolean pullWanted = !"false".equalsIgnoreCase(context.property(BULK_PULL_PROP_NAME, "true"));

            final byte[][] verdicts = bootstrap.allGather(new byte[]{ (byte)(cmaWorks && pullWanted ? 1 : 0) });
            own.unlink();
            boolean bulkPull = true;
            for (final byte[] verdict : verdicts)
            {
                bulkPull &= verdict[0] == 1;
            }

            final TransportCapabilities capabilities = new TransportCapabilities(
                ShmTransportProvider.NAME,
                capacity / 8,
                bulkPull,
                true,
                LATENCY_NANOS,
                bulkPull ? PULL_BANDWIDTH : RING_BANDWIDTH,
                RENDEZVOUS_THRESHOLD);
            return new ShmTransport(
                rank, segments, processes, configuration.peerCheckNanos(), capabilities, processMemory, arena);
        }
        catch (final RuntimeException ex)
        {
            if (own != null)
            {
                own.unlink();
            }
            processMemory.close();
            arena.close();
            if (ex instanceof MyrmidonException)
            {
                throw ex;
            }
            throw new MyrmidonException(ErrorClass.TRANSPORT,
                "shm: rank " + rank + " of job " + jobId + " could not connect to its peers: " + ex.getMessage(), ex);
        }
    }

    private static ProcessHandle peerProcess(final long pid, final int peer)
    {
        return ProcessHandle.of(pid).orElseThrow(() -> new MyrmidonException(
            ErrorClass.PEER_DIED, "shm: process " + pid + " of rank " + peer + " is gone at start-up"));
    }

    private static boolean probeCrossMemoryAttach(
        final ProcessMemory processMemory, final MemorySegment magic, final long pid, final long segmentAddress)
    {
        final long copied = processMemory.read(
            pid, segmentAddress + ShmSegmentDescriptor.MAGIC_OFFSET, magic.address(), JAVA_LONG.byteSize());
        return copied == JAVA_LONG.byteSize() &&
            new UnsafeBuffer(magic.address(), 8).getLong(0) == ShmSegmentDescriptor.MAGIC;
    }

    private static byte[] pidAndAddress(final long pid, final long address)
    {
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(pid).putLong(address).array();
    }

    private static long longAt(final byte[] bytes, final int offset)
    {
        if (bytes.length < 16)
        {
            throw new MyrmidonException(ErrorClass.TRANSPORT,
                "shm: a peer sent a start-up record of " + bytes.length + " bytes, expected 16: mixed versions?");
        }
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(offset);
    }
}
