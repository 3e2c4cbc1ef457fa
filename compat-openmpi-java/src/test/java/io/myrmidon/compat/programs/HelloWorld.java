package io.myrmidon.compat.programs;

import mpi.MPI;
import mpi.MPIException;

/**
 * The classic first MPI program, as a Java MPI user writes it for Open MPI's bindings.
 *
 * <pre>bin/myrmidon run -n 4 --classpath CP io.myrmidon.compat.programs.HelloWorld</pre>
 */
public final class HelloWorld
{
    private HelloWorld()
    {
    }

    public static void main(final String[] args) throws MPIException
    {
        MPI.Init(args);
        final int rank = MPI.COMM_WORLD.getRank();
        final int size = MPI.COMM_WORLD.getSize();
        System.out.println("Hello world from rank " + rank + " of " + size + " on " + MPI.getProcessorName());
        MPI.Finalize();
    }
}
