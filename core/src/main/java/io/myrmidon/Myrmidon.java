package io.myrmidon;

import io.myrmidon.engine.Engine;
import io.myrmidon.engine.EngineConfig;
import io.myrmidon.engine.Transports;
import io.myrmidon.engine.coll.CollectiveConfig;
import io.myrmidon.launch.Bootstraps;
import io.myrmidon.spi.Bootstrap;
import io.myrmidon.spi.Transport;
import io.myrmidon.spi.TransportContext;
import org.agrona.MutableDirectBuffer;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One rank's handle on the library: {@link #init(String...)} starts it ({@code MPI_Init}),
 * {@link #close()} ends it ({@code MPI_Finalize}).
 *
 * <pre>{@code
 * try (Myrmidon mpi = Myrmidon.init(args))
 * {
 *     Communicator world = mpi.world();
 *     MutableDirectBuffer buffer = mpi.allocate(8);
 *     if (world.rank() == 0) world.send(buffer, 0, 8, 1, 0);
 *     else if (world.rank() == 1) world.recv(buffer, 0, 8, 0, 0);
 * }
 * }</pre>
 *
 * <p>Who this rank is comes from the launcher ({@code bin/myrmidon run}); a program started
 * without one runs as a job of one rank. In the {@code threads} mode several instances live in
 * one JVM, one per rank thread.
 *
 * <p>Not thread safe: a rank's instance and everything it returns are used by one thread at a
 * time.
 */
public final class Myrmidon implements AutoCloseable
{
    private static final long START_NANOS = System.nanoTime();

    private final Bootstrap bootstrap;
    private final Engine engine;
    private final Communicator world;
    private final String transportName;
    private final CollectiveConfig collectiveConfig;
    private final ContextIds contextIds = new ContextIds();
    private boolean closed;

    private Myrmidon(final Bootstrap bootstrap, final Engine engine, final String transportName,
        final CollectiveConfig collectiveConfig)
    {
        this.bootstrap = bootstrap;
        this.engine = engine;
        this.transportName = transportName;
        this.collectiveConfig = collectiveConfig;
        final int[] identity = new int[engine.size()];
        for (int i = 0; i < identity.length; i++)
        {
            identity[i] = i;
        }
        this.world = new Communicator(this, engine, 0, identity);
    }

    /**
     * Starts this rank with the default settings ({@code MPI_Init}).
     *
     * @param args the program's arguments (unused; accepted for MPI's shape).
     * @return this rank's handle.
     */
    public static Myrmidon init(final String... args)
    {
        return init(new MyrmidonContext());
    }

    /**
     * Starts this rank ({@code MPI_Init}): finds the job through the bootstrap, opens the
     * transport and connects to every peer. Collective over the job.
     *
     * @param context settings.
     * @return this rank's handle.
     * @throws MyrmidonException when the transport cannot be opened or a setting is wrong.
     */
    public static Myrmidon init(final MyrmidonContext context)
    {
        EngineConfig config = context.conclude(); // validates before anything is started
        CollectiveConfig.from(name -> context.property(name, null)); // validated too before anything is started
        final Bootstrap bootstrap = context.bootstrap() != null ? context.bootstrap() : Bootstraps.forThisRank();
        final boolean oversubscribed = bootstrap.size() > Runtime.getRuntime().availableProcessors();
        if (oversubscribed)
        {
            config = context.conclude(true);
        }
        final CollectiveConfig collectiveConfig = CollectiveConfig.from(name -> context.property(name, null),
            oversubscribed);
        String name = context.property(MyrmidonContext.TRANSPORT, null);
        if (name == null)
        {
            name = bootstrap.transportName();
        }
        if (name == null)
        {
            name = bootstrap.size() == 1 ? "self" : "shm";
        }
        final Transport transport;
        try
        {
            transport = Transports.provider(name).open(new TransportContext()
            {
                @Override
                public Bootstrap bootstrap()
                {
                    return bootstrap;
                }

                @Override
                public String property(final String property, final String defaultValue)
                {
                    return context.property(property, defaultValue);
                }
            });
        }
        catch (final RuntimeException ex)
        {
            bootstrap.close();
            throw ex;
        }
        return new Myrmidon(bootstrap, new Engine(transport, bootstrap.rank(), bootstrap.size(), config), name,
            collectiveConfig);
    }

    /**
     * @return the communicator of all ranks ({@code MPI_COMM_WORLD}).
     */
    public Communicator world()
    {
        checkOpen("world");
        return world;
    }

    /**
     * @return this rank in the world.
     */
    public int rank()
    {
        return engine.rank();
    }

    /**
     * @return the number of ranks in the world.
     */
    public int size()
    {
        return engine.size();
    }

    /**
     * @return the name of the transport in use.
     */
    public String transportName()
    {
        return transportName;
    }

    /**
     * @return the largest message this rank sends eagerly.
     */
    public int eagerLimit()
    {
        return engine.eagerLimit();
    }

    /**
     * @return the host's name ({@code MPI_Get_processor_name}).
     */
    public String processorName()
    {
        try
        {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (final UnknownHostException ex)
        {
            final String host = System.getenv("HOSTNAME");
            return host != null ? host : "localhost";
        }
    }

    /**
     * @return seconds since an arbitrary point in the past, for timing ({@code MPI_Wtime}).
     */
    public static double wtime()
    {
        return (System.nanoTime() - START_NANOS) * 1e-9;
    }

    /**
     * @return the resolution of {@link #wtime()} in seconds ({@code MPI_Wtick}).
     */
    public static double wtick()
    {
        return 1e-9;
    }

    /**
     * Allocates an off-heap buffer aligned to a cache line, from memory the transport moves best
     * (registered memory, where it has any).
     *
     * @param capacity bytes, 0 or more.
     */
    public MutableDirectBuffer allocate(final int capacity)
    {
        return allocate(capacity, 64);
    }

    /**
     * Allocates an aligned off-heap buffer.
     *
     * @param capacity  bytes, 0 or more.
     * @param alignment a power of two, at least 8.
     */
    public MutableDirectBuffer allocate(final int capacity, final int alignment)
    {
        checkOpen("allocate");
        if (capacity < 0)
        {
            throw new MyrmidonException(ErrorClass.COUNT, "allocate: capacity " + capacity + " is negative");
        }
        if (alignment < 8 || Integer.bitCount(alignment) != 1)
        {
            throw new MyrmidonException(ErrorClass.ARG, "allocate: alignment " + alignment + " is not a power of two >= 8");
        }
        return engine.transport().allocate(capacity, alignment);
    }

    /**
     * @return the engine, for the library's own layers (collectives). Not for applications.
     */
    public Engine engine()
    {
        return engine;
    }

    /**
     * Ends this rank ({@code MPI_Finalize}): waits until every rank has called it (progressing
     * meanwhile, so peers can finish their exchanges), then closes the transport. Collective.
     * Complete or cancel your requests first.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        try
        {
            engine.finalizeBarrier();
            engine.close();
        }
        finally
        {
            closed = true;
            bootstrap.close();
        }
    }

    /**
     * @return true after {@link #close()}.
     */
    public boolean isClosed()
    {
        return closed;
    }

    CollectiveConfig collectiveConfig()
    {
        return collectiveConfig;
    }

    ContextIds contextIds()
    {
        return contextIds;
    }

    void checkOpen(final String operation)
    {
        if (closed)
        {
            throw new MyrmidonException(ErrorClass.NOT_INITIALIZED, operation + ": Myrmidon was closed (finalized) " +
                "on this rank; no call may follow close()");
        }
    }
}
