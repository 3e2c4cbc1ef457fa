package io.myrmidon.compat.programs;

import mpi.MPI;
import mpi.MPIException;
import mpi.Status;

/**
 * Passes a token around the ring of ranks: rank 0 starts it, each rank adds its rank, rank 0
 * checks the sum after every lap. The program fails (exit status non-zero) when it is wrong.
 *
 * <pre>bin/myrmidon run -n 4 --classpath CP io.myrmidon.compat.programs.Ring [laps]</pre>
 */
public final class Ring
{
    private Ring()
    {
    }

    public static void main(final String[] args) throws MPIException
    {
        final String[] rest = MPI.Init(args);
        final int laps = rest.length > 0 ? Integer.parseInt(rest[0]) : 10;
        final int rank = MPI.COMM_WORLD.getRank();
        final int size = MPI.COMM_WORLD.getSize();
        final int next = (rank + 1) % size;
        final int previous = (rank + size - 1) % size;
        final long[] token = new long[1];
        final long perLap = (long)size * (size - 1) / 2;
        for (int lap = 0; lap < laps; lap++)
        {
            if (rank == 0)
            {
                MPI.COMM_WORLD.send(token, 1, MPI.LONG, next, lap);
                final Status status = MPI.COMM_WORLD.recv(token, 1, MPI.LONG, previous, lap);
                if (token[0] != perLap * (lap + 1) || status.getSource() != previous)
                {
                    throw new IllegalStateException("lap " + lap + ": token " + token[0] + " from " +
                        status.getSource() + ", expected " + perLap * (lap + 1) + " from " + previous);
                }
            }
            else
            {
                MPI.COMM_WORLD.recv(token, 1, MPI.LONG, previous, lap);
                token[0] += rank;
                MPI.COMM_WORLD.send(token, 1, MPI.LONG, next, lap);
            }
        }
        if (rank == 0)
        {
            System.out.println("ring of " + size + " ranks: " + laps + " laps, token " + token[0] + " OK");
        }
        MPI.Finalize();
    }
}
