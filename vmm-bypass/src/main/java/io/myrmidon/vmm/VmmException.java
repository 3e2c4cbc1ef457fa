package io.myrmidon.vmm;

/**
 * A control request the VMM refuses; answered to the guest with the request's correlation id, this code and
 * message.
 */
final class VmmException extends RuntimeException
{
    private static final long serialVersionUID = 1L;
    final int code;

    VmmException(final int code, final String message)
    {
        super(message);
        this.code = code;
    }
}
