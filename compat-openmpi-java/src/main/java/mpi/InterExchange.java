package mpi;

import io.myrmidon.Communicator;
import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * What one process of an inter-communicator collective sends to, and receives from, the
 * processes of the remote group: packed arrays, one per remote rank at most each way, and where
 * each received array is unpacked (or, for a reduction's inputs, what is done with the received
 * arrays: {@link #then}). {@link #run} does it blocking; {@link #start} posts it and returns the
 * request whose reporting {@code wait}/{@code test} unpacks. Either way every receive is posted
 * before any send, so no order of calls among the processes can deadlock. Not thread safe (a
 * rank's calls are serialized).
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
    private final long[] shifts;
    private Arrival arrival;

    /**
     * What is done with the received arrays once all have arrived and the unpacking is done.
     */
    @FunctionalInterface
    interface Arrival
    {
        /**
         * @param received the received arrays by remote rank (null where none was expected).
         */
        void arrived(byte[][] received);
    }

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
        this.shifts = new long[remote];
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
        return receiveShifted(remoteRank, buf, count, type, displacement * type.extent);
    }

    /**
     * Receives {@code count} elements of {@code type} from {@code remoteRank} into
     * {@code buf}, {@code shift} bytes in.
     */
    InterExchange receiveShifted(final int remoteRank, final Object buf, final int count, final Datatype type,
        final long shift)
    {
        in[remoteRank] = new byte[PointToPoint.checkedBytes(operation, type, count)];
        if (in[remoteRank].length > 0)
        {
            final Memory memory = new Memory().of(operation, buf);
            memory.checkWritable(operation);
            memory.checkFits(operation, type, count, shift);
        }
        targets[remoteRank] = buf;
        counts[remoteRank] = count;
        types[remoteRank] = type;
        shifts[remoteRank] = shift;
        return this;
    }

    /**
     * Receives {@code bytes} packed bytes from {@code remoteRank}, left packed for the
     * {@link Arrival} (a reduction's input, say).
     */
    InterExchange receivePacked(final int remoteRank, final int bytes)
    {
        in[remoteRank] = new byte[bytes];
        return this;
    }

    /**
     * Sets what is done with the received arrays after they have arrived (and those with a
     * buffer are unpacked), in the call that completes the exchange.
     */
    InterExchange then(final Arrival arrival)
    {
        this.arrival = arrival;
        return this;
    }

    /**
     * Does it, blocking: returns once every message has moved and the received ones are
     * unpacked. A message of another length than expected fails it with {@code ERR_TRUNCATE}
     * (see {@link #checkLength}).
     */
    void run()
    {
        new RequestSet(post(), this::checkLength).waitFor(null);
        unpack();
    }

    /**
     * Posts it (the non-blocking form): every receive and send goes out now and Myrmidon moves
     * them with every later call into the library; the request's reporting {@code wait} or
     * {@code test} unpacks. A message of another length than expected fails the request with
     * {@code ERR_TRUNCATE}, as {@link #run} fails.
     */
    Request start()
    {
        return Request.started(state, new RequestSet(post(), this::checkLength), status -> unpack(), this);
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

    /**
     * Judges part {@code part} of {@link #post}'s array: a receive must get exactly the bytes it
     * expects (more or fewer means the two groups' counts and datatypes disagree).
     */
    private MyrmidonException checkLength(final int part, final io.myrmidon.Status status,
        final MyrmidonException error)
    {
        final boolean received = part < in.length;
        if (received && (error == null || error.errorClass() == ErrorClass.TRUNCATE) &&
            status.count() != in[part].length)
        {
            return new MyrmidonException(ErrorClass.TRUNCATE, operation + ": remote rank " + part + " sent " +
                status.count() + " bytes where " + in[part].length + " were expected; the counts and datatypes " +
                "of the two groups must describe the same data");
        }
        return error;
    }

    private void unpack()
    {
        for (int i = 0; i < in.length; i++)
        {
            if (types[i] != null)
            {
                InterCollectives.unpackShifted(operation, in[i], targets[i], counts[i], types[i], shifts[i]);
            }
        }
        if (arrival != null)
        {
            arrival.arrived(in);
        }
    }
}
