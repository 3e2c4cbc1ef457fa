package io.myrmidon;

/**
 * The result of comparing two communicators or two groups ({@code MPI_Comm_compare},
 * {@code MPI_Group_compare}).
 */
public enum Comparison
{
    /** The same communicator (same context and group), or groups with the same members in the same order. */
    IDENT,
    /** Different contexts over the same ranks in the same order (communicators only). */
    CONGRUENT,
    /** The same ranks in a different order. */
    SIMILAR,
    /** Different ranks. */
    UNEQUAL
}
