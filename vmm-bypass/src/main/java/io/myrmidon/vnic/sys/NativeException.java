package io.myrmidon.vnic.sys;

/**
 * A failed system call: the message names the call, the C library's text for errno and the number.
 */
public final class NativeException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private final int errno;

    /**
     * @param message what failed and why.
     * @param errno   the errno value the call left.
     */
    public NativeException(final String message, final int errno)
    {
        super(message);
        this.errno = errno;
    }

    /**
     * @return the errno value the failed call left.
     */
    public int errno()
    {
        return errno;
    }
}
