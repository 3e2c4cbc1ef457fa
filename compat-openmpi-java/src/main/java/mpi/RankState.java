package mpi;

import io.myrmidon.Communicator;
import io.myrmidon.Myrmidon;
import io.myrmidon.MyrmidonContext;
import io.myrmidon.launch.Bootstraps;
import io.myrmidon.launch.InProcessJob;
import io.myrmidon.spi.Bootstrap;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Everything {@code MPI.Init} started for one rank: its {@link Myrmidon}, its predefined
 * communicators and the scratch memory its blocking calls reuse.
 *
 * <h2>Which rank is calling?</h2>
 * The {@code mpi} API is static ({@code MPI.COMM_WORLD}), but in the {@code threads} mode several
 * ranks live in one JVM. So the state is found per thread: the thread that called
 * {@code MPI.Init} (and threads it starts afterwards) see their rank's state. A rank started by the
 * launcher as its own process also registers its state for the whole JVM, so that threads created
 * before {@code Init} (pools, for instance) find it too.
 *
 * <p>Such a rank is then the only one in its JVM, so it is also published as
 * {@code liveProcessRank}, which {@link #checked()} reads before the thread-local: one volatile
 * load instead of a thread-local lookup on every call. It is cleared when the rank finalizes and
 * when a threads-mode rank starts in the same JVM (which should not happen outside tests), so that
 * it never names a rank other than the caller's.
 *
 * <p>Not thread safe: a rank's calls are serialized ({@code MPI.THREAD_SERIALIZED} at most).
 */
final class RankState
{
    private static final InheritableThreadLocal<RankState> THREAD = new InheritableThreadLocal<>();
    private static volatile RankState processState;
    /** The rank of this process while it runs between Init and Finalize; null in the threads mode. */
    private static volatile RankState liveProcessRank;

    final Myrmidon myrmidon;
    final Bootstrap bootstrap;
    /** The in-process job in the threads mode; null when this rank is a process of its own. */
    final InProcessJob job;
    final CommState world;
    CommState self;
    final int threadLevel;
    final Thread mainThread;
    boolean finalized;

    /** Scratch for blocking calls: the user's buffers and views of them that Myrmidon takes. */
    final Memory memoryA = new Memory();
    final Memory memoryB = new Memory();
    final UnsafeBuffer viewA = new UnsafeBuffer(0, 0);
    final UnsafeBuffer viewB = new UnsafeBuffer(0, 0);
    final io.myrmidon.Status status = new io.myrmidon.Status();
    private UnsafeBuffer stagingA = new UnsafeBuffer(new byte[0]);
    private UnsafeBuffer stagingB = new UnsafeBuffer(new byte[0]);
    final BufferedSends bufferedSends = new BufferedSends();

    private RankState(final Myrmidon myrmidon, final Bootstrap bootstrap, final int threadLevel)
    {
        this.myrmidon = myrmidon;
        this.bootstrap = bootstrap;
        this.job = InProcessJob.of(bootstrap);
        this.threadLevel = threadLevel;
        this.mainThread = Thread.currentThread();
        this.world = new CommState(this, myrmidon.world(), "MPI_COMM_WORLD");
    }

    /**
     * Starts this rank ({@code MPI_Init}).
     */
    static RankState init(final String operation, final int threadLevel) throws MPIException
    {
        final RankState existing = current();
        if (existing != null && existing.mainThread == Thread.currentThread())
        {
            throw new MPIException(MPI.ERR_OTHER, MPI.ERR_OTHER, operation + ": MPI is already initialized on " +
                "this rank; call Init once per rank");
        }
        final Bootstrap bootstrap;
        final Myrmidon myrmidon;
        try
        {
            bootstrap = Bootstraps.forThisRank();
            myrmidon = Myrmidon.init(new MyrmidonContext().bootstrap(bootstrap));
        }
        catch (final RuntimeException ex)
        {
            throw new MPIException(ErrorClasses.of(ex), operation + ": Myrmidon could not start this rank: " +
                ex.getMessage(), ex);
        }
        final RankState state = new RankState(myrmidon, bootstrap, threadLevel);
        try
        {
            state.self = new CommState(state, myrmidon.world().split(myrmidon.rank(), 0), "MPI_COMM_SELF");
        }
        catch (final RuntimeException ex)
        {
            myrmidon.close();
            throw new MPIException(ErrorClasses.of(ex), operation + ": could not make COMM_SELF: " + ex.getMessage(),
                ex);
        }
        THREAD.set(state);
        if (state.job == null)
        {
            processState = state;
            liveProcessRank = state;
        }
        else
        {
            liveProcessRank = null;
        }
        return state;
    }

    /**
     * @return the calling rank's state, or null before {@code Init}.
     */
    static RankState current()
    {
        final RankState state = THREAD.get();
        return state != null ? state : processState;
    }

    /**
     * @return the calling rank's state, checking that MPI is initialized and not finalized.
     */
    static RankState checked() throws MPIException
    {
        final RankState live = liveProcessRank;
        if (live != null)
        {
            return live;
        }
        final RankState state = current();
        if (state == null)
        {
            throw new MPIException(MPI.ERR_OTHER, MPI.ERR_OTHER, "MPI is not initialized on this rank (thread " +
                Thread.currentThread().getName() + "): call MPI.Init(args) first");
        }
        if (state.finalized)
        {
            throw new MPIException(MPI.ERR_OTHER, MPI.ERR_OTHER, "MPI was finalized on this rank: no MPI call may " +
                "follow MPI.Finalize()");
        }
        return state;
    }

    /**
     * Ends this rank ({@code MPI_Finalize}): completes buffered sends, then closes Myrmidon
     * (collective).
     */
    void finalizeRank()
    {
        if (liveProcessRank == this)
        {
            liveProcessRank = null;
        }
        try
        {
            bufferedSends.drain();
            myrmidon.close();
        }
        finally
        {
            finalized = true;
        }
    }

    /**
     * Removes the state from the calling thread, for test harnesses that reuse threads.
     */
    static void forgetThread()
    {
        THREAD.remove();
    }

    int worldRank()
    {
        return myrmidon.rank();
    }

    /**
     * @return the first staging buffer, of at least {@code capacity} bytes (contents undefined).
     */
    UnsafeBuffer stagingA(final long capacity)
    {
        stagingA = grow(stagingA, capacity);
        return stagingA;
    }

    /**
     * @return the second staging buffer, for the receive half of a send-receive.
     */
    UnsafeBuffer stagingB(final long capacity)
    {
        stagingB = grow(stagingB, capacity);
        return stagingB;
    }

    /**
     * @return a new off-heap buffer of {@code capacity} bytes, for one non-blocking operation.
     */
    static UnsafeBuffer newStaging(final long capacity)
    {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(alignedCapacity(capacity), 64));
    }

    private static UnsafeBuffer grow(final UnsafeBuffer staging, final long capacity)
    {
        if (staging.capacity() >= capacity)
        {
            return staging;
        }
        final int newCapacity = alignedCapacity(Math.max(capacity, 2L * staging.capacity()));
        final ByteBuffer memory = BufferUtil.allocateDirectAligned(newCapacity, 64);
        return new UnsafeBuffer(memory);
    }

    private static int alignedCapacity(final long capacity)
    {
        if (capacity > Integer.MAX_VALUE - 64)
        {
            throw new MpiError(MPI.ERR_COUNT, "a message of " + capacity + " bytes is larger than Myrmidon's " +
                "limit of 2 GiB");
        }
        return (int)Math.max(64, (capacity + 63) & ~63L);
    }

    /**
     * @return this rank's side of {@code MPI.COMM_SELF}.
     */
    CommState self()
    {
        return self;
    }

    Communicator worldCommunicator()
    {
        return world.communicator;
    }
}
