package io.myrmidon.loopback.shm;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.FUTEX_WORD_OFFSET;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.HEADER_LENGTH;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.JOB_SIZE_OFFSET;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.MAGIC;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.MAGIC_OFFSET;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.OWNER_PID_OFFSET;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.OWNER_RANK_OFFSET;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.RING_CAPACITY_OFFSET;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.VERSION;
import static io.myrmidon.loopback.shm.ShmSegmentDescriptor.VERSION_OFFSET;

/**
 * A mapped inbound segment (see {@link ShmSegmentDescriptor}): this rank's own, created here, or a
 * peer's, opened and validated. The mapping lives as long as the {@link Arena} given to it.
 *
 * <p>Header fields are written once before the magic (release) and read after it (acquire). The
 * futex word and sleeping flag follow the protocol described in {@link ShmTransport}.
 */
final class ShmSegment
{
    private final Path path;
    private final MemorySegment memory;
    private final UnsafeBuffer header;
    private final int ringCapacity;

    private ShmSegment(final Path path, final MemorySegment memory, final int ringCapacity)
    {
        this.path = path;
        this.memory = memory;
        this.header = new UnsafeBuffer(memory.address(), HEADER_LENGTH);
        this.ringCapacity = ringCapacity;
    }

    /**
     * @return the file name of a rank's segment.
     */
    static Path path(final String directory, final String jobId, final int rank)
    {
        return Path.of(directory, "myrmidon-" + jobId + "-" + rank);
    }

    /**
     * Creates (exclusively, mode 0600), sizes and maps this rank's segment, then publishes its
     * header by writing the magic last.
     */
    static ShmSegment create(
        final Path path, final Arena arena, final int rank, final int jobSize, final int ringCapacity, final long pid)
    {
        final long length = ShmSegmentDescriptor.segmentLength(jobSize, ringCapacity);
        try
        {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                final MemorySegment memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, length, arena);
                final ShmSegment segment = new ShmSegment(path, memory, ringCapacity);
                final UnsafeBuffer header = segment.header;
                header.putInt(VERSION_OFFSET, VERSION);
                header.putInt(OWNER_RANK_OFFSET, rank);
                header.putInt(JOB_SIZE_OFFSET, jobSize);
                header.putInt(RING_CAPACITY_OFFSET, ringCapacity);
                header.putLong(OWNER_PID_OFFSET, pid);
                header.putLongRelease(MAGIC_OFFSET, MAGIC); // read by map(): getLongAcquire(MAGIC_OFFSET)
                return segment;
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            deleteQuietly(path);
            throw new MyrmidonException(ErrorClass.TRANSPORT, "shm: cannot create the segment " + path + " of " +
                length + " bytes (" + ex + "); check that the directory exists, is a writable tmpfs with room, " +
                "and that no stale file of the same job is left (set " + ShmConfiguration.DIRECTORY_PROP_NAME +
                " to use another directory)", ex);
        }
    }

    /**
     * Maps a peer's segment and checks that its header matches what this rank expects.
     */
    static ShmSegment map(
        final Path path, final Arena arena, final int rank, final int jobSize, final int ringCapacity, final long pid)
    {
        final long length = ShmSegmentDescriptor.segmentLength(jobSize, ringCapacity);
        final MemorySegment memory;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            if (channel.size() != length)
            {
                throw new MyrmidonException(ErrorClass.TRANSPORT, "shm: segment " + path + " of rank " + rank +
                    " has " + channel.size() + " bytes, expected " + length + ": do all ranks use the same " +
                    ShmConfiguration.RING_BYTES_PROP_NAME + " (" + ringCapacity + ")?");
            }
            memory = channel.map(FileChannel.MapMode.READ_WRITE, 0, length, arena);
        }
        catch (final IOException ex)
        {
            throw new MyrmidonException(ErrorClass.TRANSPORT, "shm: cannot map the segment " + path +
                " of rank " + rank + " (" + ex + "); did that rank start, and do all ranks use the same " +
                ShmConfiguration.DIRECTORY_PROP_NAME + "?", ex);
        }
        final ShmSegment segment = new ShmSegment(path, memory, ringCapacity);
        segment.validate(rank, jobSize, pid);
        return segment;
    }

    private void validate(final int rank, final int jobSize, final long pid)
    {
        final long magic = header.getLongAcquire(MAGIC_OFFSET); // pairs with putLongRelease in create()
        final String problem;
        if (magic != MAGIC)
        {
            problem = "bad magic 0x" + Long.toHexString(magic);
        }
        else if (header.getInt(VERSION_OFFSET) != VERSION)
        {
            problem = "layout version " + header.getInt(VERSION_OFFSET) + ", this build speaks " + VERSION;
        }
        else if (header.getInt(OWNER_RANK_OFFSET) != rank || header.getInt(JOB_SIZE_OFFSET) != jobSize)
        {
            problem = "it belongs to rank " + header.getInt(OWNER_RANK_OFFSET) + " of " +
                header.getInt(JOB_SIZE_OFFSET) + ", expected rank " + rank + " of " + jobSize;
        }
        else if (header.getInt(RING_CAPACITY_OFFSET) != ringCapacity)
        {
            problem = "its rings hold " + header.getInt(RING_CAPACITY_OFFSET) + " bytes, this rank uses " +
                ringCapacity + " (set the same " + ShmConfiguration.RING_BYTES_PROP_NAME + " for all ranks)";
        }
        else if (header.getLong(OWNER_PID_OFFSET) != pid)
        {
            problem = "it was created by process " + header.getLong(OWNER_PID_OFFSET) + ", rank " + rank +
                " announced process " + pid + " (a stale file of an earlier job with the same id?)";
        }
        else
        {
            return;
        }
        throw new MyrmidonException(ErrorClass.TRANSPORT, "shm: segment " + path + " is not usable: " + problem);
    }

    /**
     * @return a ring over the part of this segment that {@code senderRank} writes; a new object,
     * for use at open only.
     */
    OneToOneRingBuffer ring(final int senderRank)
    {
        final long offset = ShmSegmentDescriptor.ringOffset(senderRank, ringCapacity);
        return new OneToOneRingBuffer(
            new UnsafeBuffer(memory.address() + offset, ShmSegmentDescriptor.ringLength(ringCapacity)));
    }

    /**
     * @return the header, for the futex word and sleeping flag.
     */
    UnsafeBuffer header()
    {
        return header;
    }

    /**
     * @return the absolute address of the futex word in this process's mapping.
     */
    long futexAddress()
    {
        return memory.address() + FUTEX_WORD_OFFSET;
    }

    /**
     * @return the process that created the segment.
     */
    long ownerPid()
    {
        return header.getLong(OWNER_PID_OFFSET);
    }

    /**
     * @return the address of the segment in this process.
     */
    long address()
    {
        return memory.address();
    }

    Path path()
    {
        return path;
    }

    /**
     * Removes the file name; the memory stays mapped by whoever mapped it.
     */
    void unlink()
    {
        deleteQuietly(path);
    }

    static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ignore)
        {
            // Best effort at clean-up; the caller is already failing or closing.
        }
    }
}
