package mpi;

import io.myrmidon.Communicator;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What one process of an inter-communicator collective sends to, and receives from, the
 * processes of the remote group: packed arrays, one per remote rank at most each way, and where
 * each received array is unpacked. {@link #run} does it blocking; {@link #start} posts it and
 * returns the request whose reporting {@code wait}/{@code test} unpacks.
 */
final class InterExchange
{
    private final CommState state;
    private final String operation;
    private final int tag;
    private final byte[][] out;
    private final byte[][] in;
    private final Object[] targets;
    private final int[] counts;
    private final Datatype[] types;
    private final long[] displacements;

    InterExchange(final CommState state, final String operation, final int tag)
    {
        final int remote = state.inter.remoteSize();
        this.state = state;
        this.operation = operation;
        this.tag = tag;
        this.out = new byte[remote][];
        this.in = new byte[remote][];
        this.targets = new Object[remote];
        this.counts = new int[remote];
        this.types = new Datatype[remote];
        this.displacements = new long[remote];
    }

    InterExchange send(final int remoteRank, final byte[] packed)
    {
        out[remoteRank] = packed;
        return this;
    }

    /**
     * Receives {@code count} elements of {@code type} from {@code remoteRank} into
     * {@code buf}, {@code displacement} extents in.
     */
    InterExchange receive(final int remoteRank, final Object buf, final int count, final Datatype type,
        final long displacement)
    {
        in[remoteRank] = new byte[PointToPoint.checkedBytes(operation, type, count)];
        if (in[remoteRank].length > 0)
        {
            final Memory memory = new Memory().of(operation, buf);
            memory.checkWritable(operation);
            memory.checkFits(operation, type, count, displacement * type.extent);
        }
        targets[remoteRank] = buf;
        counts[remoteRank] = count;
        types[remoteRank] = type;
        displacements[remoteRank] = displacement;
        return this;
    }

    /**
     * Does it, blocking. A message of another length than expected is an error: the two
     * sides' counts disagree.
     */
    void run()
    {
        final io.myrmidon.Request[] parts = post();
        final int remote = in.length;
        final io.myrmidon.Status status = new io.myrmidon.Status();
        for (int i = 0; i < remote; i++)
        {
            if (parts[i] != null)
            {
                parts[i].waitFor(status);
                if (status.count() != in[i].length)
                {
                    throw new MpiError(ErrorClasses.ERR_TRUNCATE, operation + ": remote rank " + i + " sent " +
                        status.count() + " bytes where " + in[i].length + " were expected; the counts and " +
                        "datatypes of the two groups must describe the same data");
                }
            }
        }
        for (int i = remote; i < parts.length; i++)
        {
            if (parts[i] != null)
            {
                parts[i].waitFor();
            }
        }
        unpack();
    }

    /**
     * Posts it (the non-blocking form): a longer message than expected fails the request
     * (truncation); a shorter one is not detected here (the parts' statuses are not kept), and the
     * rest of its block is unpacked as zeros.
     */
    Request start()
    {
        return Request.started(state, new RequestSet(post()), status -> unpack(), this);
    }

    /**
     * Posts the receives (parts 0 .. remote - 1) before the sends (the rest).
     */
    private io.myrmidon.Request[] post()
    {
        final InterState inter = state.inter;
        final Communicator control = inter.control;
        final int remote = in.length;
        final io.myrmidon.Request[] parts = new io.myrmidon.Request[2 * remote];
        for (int i = 0; i < remote; i++)
        {
            if (in[i] != null)
            {
                parts[i] = control.iRecv(new UnsafeBuffer(in[i]), 0, in[i].length,
                    inter.toBridge(operation, i), tag);
            }
        }
        for (int i = 0; i < remote; i++)
        {
            if (out[i] != null)
            {
                parts[remote + i] = control.iSend(new UnsafeBuffer(out[i]), 0, out[i].length,
                    inter.toBridge(operation, i), tag);
            }
        }
        return parts;
    }

    private void unpack()
    {
        for (int i = 0; i < in.length; i++)
        {
            if (in[i] != null)
            {
                InterCollectives.unpackAt(operation, in[i], targets[i], counts[i], types[i], displacements[i]);
            }
        }
    }
}
