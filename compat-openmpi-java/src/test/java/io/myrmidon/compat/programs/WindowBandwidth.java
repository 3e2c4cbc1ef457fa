package io.myrmidon.compat.programs;

import mpi.MPI;
import mpi.MPIException;
import mpi.Request;

import java.nio.ByteBuffer;

/**
 * An osu_bw-style bandwidth test written the way Java MPI benchmark codes are: rank 0 posts a
 * window of non-blocking sends of byte arrays (copied safely by the library), rank 1 a window of
 * non-blocking receives into direct buffers, then an acknowledgement; rank 1 checks every byte.
 *
 * <pre>bin/myrmidon run -n 2 --classpath CP io.myrmidon.compat.programs.WindowBandwidth [maxBytes]</pre>
 */
public final class WindowBandwidth
{
    private static final int WINDOW = 16;
    private static final int LOOPS = 20;

    private WindowBandwidth()
    {
    }

    public static void main(final String[] args) throws MPIException
    {
        final String[] rest = MPI.Init(args);
        final int maxBytes = rest.length > 0 ? Integer.parseInt(rest[0]) : 1 << 20;
        final int rank = MPI.COMM_WORLD.getRank();
        final Request[] window = new Request[WINDOW];
        final byte[][] sendArrays = new byte[WINDOW][maxBytes];
        final ByteBuffer[] recvBuffers = new ByteBuffer[WINDOW];
        for (int w = 0; w < WINDOW; w++)
        {
            recvBuffers[w] = MPI.newByteBuffer(maxBytes);
            for (int i = 0; i < maxBytes; i++)
            {
                sendArrays[w][i] = (byte)(w * 31 + i);
            }
        }
        final byte[] ack = new byte[1];
        for (int size = 1; size <= maxBytes; size *= 16)
        {
            MPI.COMM_WORLD.barrier();
            final double start = MPI.wtime();
            for (int loop = 0; loop < LOOPS; loop++)
            {
                if (rank == 0)
                {
                    for (int w = 0; w < WINDOW; w++)
                    {
                        window[w] = MPI.COMM_WORLD.iSend(sendArrays[w], size, MPI.BYTE, 1, w);
                    }
                    Request.waitAll(window);
                    MPI.COMM_WORLD.recv(ack, 1, MPI.BYTE, 1, WINDOW);
                }
                else if (rank == 1)
                {
                    for (int w = 0; w < WINDOW; w++)
                    {
                        window[w] = MPI.COMM_WORLD.iRecv(recvBuffers[w], size, MPI.BYTE, 0, w);
                    }
                    Request.waitAll(window);
                    MPI.COMM_WORLD.send(ack, 1, MPI.BYTE, 0, WINDOW);
                }
            }
            final double seconds = MPI.wtime() - start;
            if (rank == 1)
            {
                for (int w = 0; w < WINDOW; w++)
                {
                    for (int i = 0; i < size; i++)
                    {
                        if (recvBuffers[w].get(i) != (byte)(w * 31 + i))
                        {
                            throw new IllegalStateException("byte " + i + " of message " + w + " of size " + size +
                                " is wrong");
                        }
                    }
                }
            }
            if (rank == 0)
            {
                System.out.printf("%-9d %10.2f MB/s%n", size, (double)size * WINDOW * LOOPS / seconds / 1e6);
            }
        }
        MPI.Finalize();
    }
}
