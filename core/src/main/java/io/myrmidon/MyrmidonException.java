package io.myrmidon;

/**
 * The one exception type of Myrmidon: unchecked, with an {@link ErrorClass} and a message that
 * says what was wrong and, where it can, what to do about it.
 *
 * <p>Bad arguments are rejected with this exception before anything is sent, so that nothing is
 * lost or half-done.
 */
public class MyrmidonException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;

    public MyrmidonException(final ErrorClass errorClass, final String message)
    {
        super(message);
        this.errorClass = errorClass;
    }

    public MyrmidonException(final ErrorClass errorClass, final String message, final Throwable cause)
    {
        super(message, cause);
        this.errorClass = errorClass;
    }

    /**
     * @return the class of this failure.
     */
    public ErrorClass errorClass()
    {
        return errorClass;
    }

    @Override
    public String toString()
    {
        return "MyrmidonException[" + errorClass + "]: " + getMessage();
    }
}
