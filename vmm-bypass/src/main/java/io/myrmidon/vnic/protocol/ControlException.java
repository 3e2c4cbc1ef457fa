package io.myrmidon.vnic.protocol;

/**
 * The VMM refused a control request: carries its error code and message.
 */
public final class ControlException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    private final int code;

    /**
     * @param code    a {@link ControlProtocol} error code.
     * @param message the VMM's explanation.
     */
    public ControlException(final int code, final String message)
    {
        super(ControlProtocol.errorName(code) + ": " + message);
        this.code = code;
    }

    /**
     * @return the error code.
     */
    public int code()
    {
        return code;
    }
}
