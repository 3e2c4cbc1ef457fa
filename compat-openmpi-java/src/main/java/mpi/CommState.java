package mpi;

import io.myrmidon.Communicator;

import java.util.HashMap;
import java.util.Map;

/**
 * One rank's side of a communicator: the Myrmidon {@link Communicator} it runs on, its error
 * handler, name, attributes and topology. {@code MPI.COMM_WORLD} and {@code MPI.COMM_SELF} are
 * shared objects in a threads-mode job, so their state lives in each rank's {@link RankState};
 * communicators made by {@code dup}, {@code split} ... own theirs. Not thread safe.
 */
final class CommState
{
    final RankState rank;
    final Communicator communicator;
    Errhandler errhandler = MPI.ERRORS_ARE_FATAL;
    String name;
    Map<Integer, Object> attributes;
    Topology topology;
    /** The request of an {@code iDup} that made this communicator, or null. */
    Request dupRequest;
    /** The private communicator of this topology's neighbourhood collectives, made at the first one. */
    Communicator neighbours;
    /** How an inter-communicator reaches its remote group; null for an intra-communicator. */
    InterState inter;
    boolean freed;

    CommState(final RankState rank, final Communicator communicator, final String name)
    {
        this.rank = rank;
        this.communicator = communicator;
        this.name = name;
    }

    /**
     * Hands a failure to this communicator's error handler ({@code MPI_Comm_call_errhandler}).
     *
     * @return the exception to throw, under {@link MPI#ERRORS_RETURN}.
     * @throws JobAbortedError (in the threads mode) or ends the JVM under
     *                         {@link MPI#ERRORS_ARE_FATAL}.
     */
    MPIException fail(final RuntimeException failure)
    {
        final int errorClass = ErrorClasses.of(failure);
        final String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
        final MPIException exception = new MPIException(errorClass, message, failure);
        if (errhandler.isFatal())
        {
            Fatal.end(rank, "MPI error on rank " + rank.worldRank() + " (communicator " + displayName() + "): " +
                ErrorClasses.name(errorClass) + " (" + errorClass + "): " + message +
                "\nThe error handler is ERRORS_ARE_FATAL: ending the job. Set MPI.ERRORS_RETURN with " +
                "setErrhandler() to handle errors as MPIException instead.", exitCode(errorClass), failure);
        }
        return exception;
    }

    MPIException fail(final int errorClass, final String message)
    {
        return fail(new MpiError(errorClass, message));
    }

    /**
     * @return the communicator of point-to-point traffic: the bridge of an inter-communicator
     * (whose ranks name the remote group), else {@link #communicator}.
     */
    Communicator pointToPoint()
    {
        return inter == null ? communicator : inter.bridge;
    }

    /**
     * @return the {@link #pointToPoint()} rank of a rank named in a call (a remote rank on an
     * inter-communicator).
     */
    int peer(final String operation, final int rank)
    {
        return inter == null ? rank : inter.toBridge(operation, rank);
    }

    /**
     * @return a status for the program, its source a rank of this communicator (of the remote
     * group on an inter-communicator).
     */
    Status status(final io.myrmidon.Status status)
    {
        final Status result = Status.of(status);
        if (inter != null)
        {
            result.source = inter.fromBridge(result.source);
        }
        return result;
    }

    String displayName()
    {
        return name == null || name.isEmpty() ? "unnamed" : name;
    }

    Map<Integer, Object> attributes()
    {
        if (attributes == null)
        {
            attributes = new HashMap<>();
        }
        return attributes;
    }

    private static int exitCode(final int errorClass)
    {
        return errorClass > 0 && errorClass < 126 ? errorClass : 1;
    }
}
