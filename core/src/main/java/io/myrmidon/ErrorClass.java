package io.myrmidon;

/**
 * The class of a failure, after MPI's error classes ({@code MPI_ERR_*}). Every
 * {@link MyrmidonException} carries one, so that a program can react to the kind of failure
 * without parsing messages.
 */
public enum ErrorClass
{
    /** No error ({@code MPI_SUCCESS}). */
    SUCCESS,
    /** A null, too small or read-only buffer ({@code MPI_ERR_BUFFER}). */
    BUFFER,
    /** A negative or too large count or length ({@code MPI_ERR_COUNT}). */
    COUNT,
    /** A datatype that does not fit the operation ({@code MPI_ERR_TYPE}). */
    TYPE,
    /** A tag outside {@code 0..TAG_UB}, or a wildcard where none is allowed ({@code MPI_ERR_TAG}). */
    TAG,
    /** A freed or foreign communicator ({@code MPI_ERR_COMM}). */
    COMM,
    /** A rank outside {@code 0..size-1} ({@code MPI_ERR_RANK}). */
    RANK,
    /** A request that is null, released or used wrongly ({@code MPI_ERR_REQUEST}). */
    REQUEST,
    /** A root rank outside the communicator ({@code MPI_ERR_ROOT}). */
    ROOT,
    /** A bad group ({@code MPI_ERR_GROUP}). */
    GROUP,
    /** A reduction operation that does not apply ({@code MPI_ERR_OP}). */
    OP,
    /** A message larger than the receive buffer ({@code MPI_ERR_TRUNCATE}). */
    TRUNCATE,
    /** Any other bad argument ({@code MPI_ERR_ARG}). */
    ARG,
    /** A peer process died or became unreachable ({@code MPI_ERR_PROC_FAILED}). */
    PEER_DIED,
    /** The transport failed or could not be opened. */
    TRANSPORT,
    /** A call before {@code init} or after {@code close} ({@code MPI_ERR_OTHER}). */
    NOT_INITIALIZED,
    /** An operation this build or transport does not support ({@code MPI_ERR_UNSUPPORTED_OPERATION}). */
    UNSUPPORTED,
    /** An internal error: a bug in Myrmidon ({@code MPI_ERR_INTERN}). */
    INTERNAL
}
