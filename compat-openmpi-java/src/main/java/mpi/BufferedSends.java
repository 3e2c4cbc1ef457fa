package mpi;

import io.myrmidon.MyrmidonException;

import java.util.ArrayList;
import java.util.List;

/**
 * Operations that run on after the program has let go of them: buffered sends
 * ({@code MPI_Bsend}, {@code MPI_Ibsend}) and freed requests. A buffered send copies the message
 * into memory of its own at once, so that the call returns; the space it may use is bounded by the
 * buffer attached with {@link MPI#attachBuffer(byte[])} (each message counts its size plus
 * {@link MPI#BSEND_OVERHEAD}), and {@link MPI#detachBuffer()} and {@code Finalize} wait until they
 * have all been delivered. Not thread safe: one per rank.
 */
final class BufferedSends
{
    private final List<io.myrmidon.Request> inFlight = new ArrayList<>();
    private final List<Object> keepAlive = new ArrayList<>();
    private final List<Long> charges = new ArrayList<>();
    private final List<Request.Completion> completions = new ArrayList<>();
    private final io.myrmidon.Status status = new io.myrmidon.Status();
    private byte[] attached;
    private long used;

    void attach(final byte[] buffer)
    {
        if (attached != null)
        {
            throw new MpiError(MPI.ERR_BUFFER, "attachBuffer: a buffer is already attached; detach it first");
        }
        if (buffer == null)
        {
            throw new MpiError(MPI.ERR_BUFFER, "attachBuffer: the buffer is null");
        }
        attached = buffer;
    }

    byte[] detach()
    {
        drain();
        final byte[] buffer = attached;
        attached = null;
        return buffer;
    }

    /**
     * Checks there is room for a buffered message of {@code bytes} bytes.
     *
     * @return what the message is charged against the attached buffer.
     */
    long reserve(final String operation, final long bytes)
    {
        reap();
        final long charge = bytes + MPI.BSEND_OVERHEAD;
        final long room = attached == null ? 0 : attached.length - used;
        if (charge > room)
        {
            throw new MpiError(MPI.ERR_BUFFER, operation + ": a buffered send of " + bytes + " bytes needs " + charge +
                " bytes of attached buffer but " + room + " are free (" + (attached == null ? "no buffer is attached" :
                "attached: " + attached.length + ", in use: " + used) + "); attach a larger buffer with " +
                "MPI.attachBuffer");
        }
        return charge;
    }

    /**
     * Takes over an operation in flight that nobody waits for; {@code charge} bytes of the
     * attached buffer stay in use until it completes.
     */
    void adopt(final io.myrmidon.Request request, final Object memory, final long charge)
    {
        adopt(request, memory, charge, null);
    }

    /**
     * As {@link #adopt(io.myrmidon.Request, Object, long)}, running {@code completion} (the copy of
     * a freed receive into the program's buffer) when it completes.
     */
    void adopt(final io.myrmidon.Request request, final Object memory, final long charge,
        final Request.Completion completion)
    {
        completions.add(completion);
        inFlight.add(request);
        keepAlive.add(memory);
        charges.add(charge);
        used += charge;
    }

    /**
     * Completes what has finished, when anything is in flight: cheap enough for every blocking
     * receive and wait.
     */
    void reapIfAny()
    {
        if (!inFlight.isEmpty())
        {
            reap();
        }
    }

    /**
     * Completes what has finished, without waiting.
     */
    void reap()
    {
        for (int i = inFlight.size() - 1; i >= 0; i--)
        {
            boolean done;
            try
            {
                done = inFlight.get(i).test(status);
            }
            catch (final MyrmidonException ex)
            {
                System.err.println("a buffered send or freed request failed: " + ex.getMessage());
                remove(i);
                continue;
            }
            if (done)
            {
                complete(i);
            }
        }
    }

    /**
     * Waits until everything has completed.
     */
    void drain()
    {
        for (int i = inFlight.size() - 1; i >= 0; i--)
        {
            try
            {
                inFlight.get(i).waitFor(status);
                complete(i);
            }
            catch (final MyrmidonException ex)
            {
                System.err.println("a buffered send or freed request failed: " + ex.getMessage());
                remove(i);
            }
        }
    }

    /**
     * Runs the completion of operation {@code i} (nobody is left to report its failure to, so it
     * is printed, as a failed transfer is) and forgets the operation.
     */
    private void complete(final int i)
    {
        final Request.Completion completion = completions.get(i);
        remove(i);
        if (completion != null)
        {
            try
            {
                completion.complete(status);
            }
            catch (final RuntimeException ex)
            {
                System.err.println("a freed request failed: " + ex.getMessage());
            }
        }
    }

    private void remove(final int i)
    {
        completions.remove(i);
        used -= charges.remove(i);
        inFlight.remove(i);
        keepAlive.remove(i);
    }
}
