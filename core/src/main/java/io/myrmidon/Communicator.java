package io.myrmidon;

/**
 * A group of ranks with its own matching context ({@code MPI_Comm}). (API being built.)
 */
public final class Communicator
{
    /** Matches a message from any source ({@code MPI_ANY_SOURCE}). */
    public static final int ANY_SOURCE = -1;
    /** Matches a message with any tag ({@code MPI_ANY_TAG}). */
    public static final int ANY_TAG = -1;
    /** The null process: sends to it and receives from it complete at once ({@code MPI_PROC_NULL}). */
    public static final int PROC_NULL = -2;
    /** The largest tag a user may use ({@code MPI_TAG_UB}). */
    public static final int TAG_UB = Integer.MAX_VALUE;
}
