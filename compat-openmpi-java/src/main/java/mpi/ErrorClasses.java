package mpi;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;

/**
 * The values of the MPI error classes (those of Open MPI 5, so that programs printing them see
 * familiar numbers), their names, and the mapping from Myrmidon's {@link ErrorClass}.
 */
final class ErrorClasses
{
    static final int SUCCESS = 0;
    static final int ERR_BUFFER = 1;
    static final int ERR_COUNT = 2;
    static final int ERR_TYPE = 3;
    static final int ERR_TAG = 4;
    static final int ERR_COMM = 5;
    static final int ERR_RANK = 6;
    static final int ERR_REQUEST = 7;
    static final int ERR_ROOT = 8;
    static final int ERR_GROUP = 9;
    static final int ERR_OP = 10;
    static final int ERR_TOPOLOGY = 11;
    static final int ERR_DIMS = 12;
    static final int ERR_ARG = 13;
    static final int ERR_UNKNOWN = 14;
    static final int ERR_TRUNCATE = 15;
    static final int ERR_OTHER = 16;
    static final int ERR_INTERN = 17;
    static final int ERR_IN_STATUS = 18;
    static final int ERR_PENDING = 19;
    static final int ERR_ACCESS = 20;
    static final int ERR_AMODE = 21;
    static final int ERR_ASSERT = 22;
    static final int ERR_BAD_FILE = 23;
    static final int ERR_BASE = 24;
    static final int ERR_CONVERSION = 25;
    static final int ERR_DISP = 26;
    static final int ERR_DUP_DATAREP = 27;
    static final int ERR_FILE_EXISTS = 28;
    static final int ERR_FILE_IN_USE = 29;
    static final int ERR_FILE = 30;
    static final int ERR_INFO_KEY = 31;
    static final int ERR_INFO_NOKEY = 32;
    static final int ERR_INFO_VALUE = 33;
    static final int ERR_INFO = 34;
    static final int ERR_IO = 35;
    static final int ERR_KEYVAL = 36;
    static final int ERR_LOCKTYPE = 37;
    static final int ERR_NAME = 38;
    static final int ERR_NO_MEM = 39;
    static final int ERR_NOT_SAME = 40;
    static final int ERR_NO_SPACE = 41;
    static final int ERR_NO_SUCH_FILE = 42;
    static final int ERR_PORT = 43;
    static final int ERR_QUOTA = 44;
    static final int ERR_READ_ONLY = 45;
    static final int ERR_RMA_CONFLICT = 46;
    static final int ERR_RMA_SYNC = 47;
    static final int ERR_SERVICE = 48;
    static final int ERR_SIZE = 49;
    static final int ERR_SPAWN = 50;
    static final int ERR_UNSUPPORTED_DATAREP = 51;
    static final int ERR_UNSUPPORTED_OPERATION = 52;
    static final int ERR_WIN = 53;
    static final int ERR_LASTCODE = 92;
    static final int ERR_SYSRESOURCE = -2;

    private static final String[] NAMES =
    {
        "SUCCESS", "ERR_BUFFER", "ERR_COUNT", "ERR_TYPE", "ERR_TAG", "ERR_COMM", "ERR_RANK", "ERR_REQUEST",
        "ERR_ROOT", "ERR_GROUP", "ERR_OP", "ERR_TOPOLOGY", "ERR_DIMS", "ERR_ARG", "ERR_UNKNOWN", "ERR_TRUNCATE",
        "ERR_OTHER", "ERR_INTERN", "ERR_IN_STATUS", "ERR_PENDING", "ERR_ACCESS", "ERR_AMODE", "ERR_ASSERT",
        "ERR_BAD_FILE", "ERR_BASE", "ERR_CONVERSION", "ERR_DISP", "ERR_DUP_DATAREP", "ERR_FILE_EXISTS",
        "ERR_FILE_IN_USE", "ERR_FILE", "ERR_INFO_KEY", "ERR_INFO_NOKEY", "ERR_INFO_VALUE", "ERR_INFO", "ERR_IO",
        "ERR_KEYVAL", "ERR_LOCKTYPE", "ERR_NAME", "ERR_NO_MEM", "ERR_NOT_SAME", "ERR_NO_SPACE",
        "ERR_NO_SUCH_FILE", "ERR_PORT", "ERR_QUOTA", "ERR_READ_ONLY", "ERR_RMA_CONFLICT", "ERR_RMA_SYNC",
        "ERR_SERVICE", "ERR_SIZE", "ERR_SPAWN", "ERR_UNSUPPORTED_DATAREP", "ERR_UNSUPPORTED_OPERATION", "ERR_WIN"
    };

    private ErrorClasses()
    {
    }

    /**
     * @return the name of an error class, for messages ("ERR_RANK").
     */
    static String name(final int errorClass)
    {
        if (errorClass >= 0 && errorClass < NAMES.length)
        {
            return NAMES[errorClass];
        }
        return errorClass == ERR_SYSRESOURCE ? "ERR_SYSRESOURCE" : "error class " + errorClass;
    }

    /**
     * @return the MPI error class of a Myrmidon error class.
     */
    static int of(final ErrorClass errorClass)
    {
        return switch (errorClass)
        {
            case SUCCESS -> SUCCESS;
            case BUFFER -> ERR_BUFFER;
            case COUNT -> ERR_COUNT;
            case TYPE -> ERR_TYPE;
            case TAG -> ERR_TAG;
            case COMM -> ERR_COMM;
            case RANK -> ERR_RANK;
            case REQUEST -> ERR_REQUEST;
            case ROOT -> ERR_ROOT;
            case GROUP -> ERR_GROUP;
            case OP -> ERR_OP;
            case TRUNCATE -> ERR_TRUNCATE;
            case ARG -> ERR_ARG;
            case UNSUPPORTED -> ERR_UNSUPPORTED_OPERATION;
            case INTERNAL -> ERR_INTERN;
            case PEER_DIED, TRANSPORT, NOT_INITIALIZED -> ERR_OTHER;
        };
    }

    /**
     * @return the MPI error class carried by a failure from the layers below.
     */
    static int of(final RuntimeException failure)
    {
        if (failure instanceof MpiError error)
        {
            return error.errorClass();
        }
        if (failure instanceof MyrmidonException ex)
        {
            return of(ex.errorClass());
        }
        if (failure instanceof IndexOutOfBoundsException)
        {
            return ERR_BUFFER;
        }
        if (failure instanceof IllegalArgumentException || failure instanceof NullPointerException)
        {
            return ERR_ARG;
        }
        return ERR_INTERN;
    }
}
