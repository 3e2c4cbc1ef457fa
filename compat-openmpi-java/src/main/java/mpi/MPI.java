package mpi;

import io.myrmidon.Myrmidon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * The MPI environment: {@link #Init}, {@link #Finalize}, the predefined communicators, datatypes,
 * operations and constants of Open MPI 5's Java bindings, served by Myrmidon in pure Java.
 *
 * <p>Each rank calls {@code Init} once, first, and {@code Finalize} once, last. Whichever rank
 * this is comes from the launcher ({@code bin/myrmidon run}); without one the program is a job of
 * one rank. In the {@code threads} mode, where ranks are threads of one JVM, every rank thread
 * calls {@code Init} and sees its own {@link #COMM_WORLD} through the same static field.
 */
public final class MPI
{
    private static final String LIBRARY_VERSION = "Myrmidon Open MPI Java compatibility 0.1 (MPI 3.1 Java API " +
        "of Open MPI 5.0)";

    /** Threads levels ({@code MPI_THREAD_*}): Myrmidon provides at most {@link #THREAD_SERIALIZED}. */
    public static final int THREAD_SINGLE = 0;
    public static final int THREAD_FUNNELED = 1;
    public static final int THREAD_SERIALIZED = 2;
    public static final int THREAD_MULTIPLE = 3;

    /** Topology kinds ({@link Comm#getTopology()}). */
    public static final int GRAPH = 1;
    public static final int CART = 2;
    public static final int DIST_GRAPH = 3;

    public static final int ANY_SOURCE = -1;
    public static final int ANY_TAG = -1;
    public static final int PROC_NULL = -2;
    public static final int ROOT = -4;
    public static final int UNDEFINED = -32766;

    /** Results of {@code compare}. */
    public static final int IDENT = 0;
    public static final int CONGRUENT = 1;
    public static final int SIMILAR = 2;
    public static final int UNEQUAL = 3;

    /** Predefined attribute keys ({@link Comm#getAttr(int)}). */
    public static final int TAG_UB = 0;
    public static final int HOST = 1;
    public static final int IO = 2;
    public static final int WTIME_IS_GLOBAL = 3;
    public static final int APPNUM = 4;
    public static final int LASTUSEDCODE = 5;
    public static final int UNIVERSE_SIZE = 6;
    public static final int WIN_BASE = 7;
    public static final int WIN_SIZE = 8;
    public static final int WIN_DISP_UNIT = 9;

    public static final int VERSION = 3;
    public static final int SUBVERSION = 1;
    public static final int KEYVAL_INVALID = -1;
    public static final int BSEND_OVERHEAD = 128;
    public static final int MAX_OBJECT_NAME = 64;
    public static final int MAX_PORT_NAME = 1024;
    public static final int MAX_DATAREP_STRING = 128;
    public static final int MAX_INFO_KEY = 36;
    public static final int MAX_INFO_VAL = 256;
    public static final int MAX_PROCESSOR_NAME = 256;
    public static final int ORDER_C = 0;
    public static final int ORDER_FORTRAN = 1;
    public static final int DISTRIBUTE_BLOCK = 0;
    public static final int DISTRIBUTE_CYCLIC = 1;
    public static final int DISTRIBUTE_NONE = 2;
    public static final int DISTRIBUTE_DFLT_DARG = -1;
    public static final int COMM_TYPE_SHARED = 0;

    public static final int MODE_CREATE = 1;
    public static final int MODE_RDONLY = 2;
    public static final int MODE_WRONLY = 4;
    public static final int MODE_RDWR = 8;
    public static final int MODE_DELETE_ON_CLOSE = 16;
    public static final int MODE_UNIQUE_OPEN = 32;
    public static final int MODE_EXCL = 64;
    public static final int MODE_APPEND = 128;
    public static final int MODE_SEQUENTIAL = 256;
    public static final int DISPLACEMENT_CURRENT = -54278278;
    public static final int SEEK_SET = 600;
    public static final int SEEK_CUR = 602;
    public static final int SEEK_END = 604;
    public static final int MODE_NOCHECK = 1;
    public static final int MODE_NOPRECEDE = 2;
    public static final int MODE_NOPUT = 4;
    public static final int MODE_NOSTORE = 8;
    public static final int MODE_NOSUCCEED = 16;
    public static final int LOCK_EXCLUSIVE = 1;
    public static final int LOCK_SHARED = 2;

    /** Error classes ({@link MPIException#getErrorClass()}). */
    public static final int SUCCESS = ErrorClasses.SUCCESS;
    public static final int ERR_BUFFER = ErrorClasses.ERR_BUFFER;
    public static final int ERR_COUNT = ErrorClasses.ERR_COUNT;
    public static final int ERR_TYPE = ErrorClasses.ERR_TYPE;
    public static final int ERR_TAG = ErrorClasses.ERR_TAG;
    public static final int ERR_COMM = ErrorClasses.ERR_COMM;
    public static final int ERR_RANK = ErrorClasses.ERR_RANK;
    public static final int ERR_REQUEST = ErrorClasses.ERR_REQUEST;
    public static final int ERR_ROOT = ErrorClasses.ERR_ROOT;
    public static final int ERR_GROUP = ErrorClasses.ERR_GROUP;
    public static final int ERR_OP = ErrorClasses.ERR_OP;
    public static final int ERR_TOPOLOGY = ErrorClasses.ERR_TOPOLOGY;
    public static final int ERR_DIMS = ErrorClasses.ERR_DIMS;
    public static final int ERR_ARG = ErrorClasses.ERR_ARG;
    public static final int ERR_UNKNOWN = ErrorClasses.ERR_UNKNOWN;
    public static final int ERR_TRUNCATE = ErrorClasses.ERR_TRUNCATE;
    public static final int ERR_OTHER = ErrorClasses.ERR_OTHER;
    public static final int ERR_INTERN = ErrorClasses.ERR_INTERN;
    public static final int ERR_IN_STATUS = ErrorClasses.ERR_IN_STATUS;
    public static final int ERR_PENDING = ErrorClasses.ERR_PENDING;
    public static final int ERR_ACCESS = ErrorClasses.ERR_ACCESS;
    public static final int ERR_AMODE = ErrorClasses.ERR_AMODE;
    public static final int ERR_ASSERT = ErrorClasses.ERR_ASSERT;
    public static final int ERR_BAD_FILE = ErrorClasses.ERR_BAD_FILE;
    public static final int ERR_BASE = ErrorClasses.ERR_BASE;
    public static final int ERR_CONVERSION = ErrorClasses.ERR_CONVERSION;
    public static final int ERR_DISP = ErrorClasses.ERR_DISP;
    public static final int ERR_DUP_DATAREP = ErrorClasses.ERR_DUP_DATAREP;
    public static final int ERR_FILE_EXISTS = ErrorClasses.ERR_FILE_EXISTS;
    public static final int ERR_FILE_IN_USE = ErrorClasses.ERR_FILE_IN_USE;
    public static final int ERR_FILE = ErrorClasses.ERR_FILE;
    public static final int ERR_INFO_KEY = ErrorClasses.ERR_INFO_KEY;
    public static final int ERR_INFO_NOKEY = ErrorClasses.ERR_INFO_NOKEY;
    public static final int ERR_INFO_VALUE = ErrorClasses.ERR_INFO_VALUE;
    public static final int ERR_INFO = ErrorClasses.ERR_INFO;
    public static final int ERR_IO = ErrorClasses.ERR_IO;
    public static final int ERR_KEYVAL = ErrorClasses.ERR_KEYVAL;
    public static final int ERR_LOCKTYPE = ErrorClasses.ERR_LOCKTYPE;
    public static final int ERR_NAME = ErrorClasses.ERR_NAME;
    public static final int ERR_NO_MEM = ErrorClasses.ERR_NO_MEM;
    public static final int ERR_NOT_SAME = ErrorClasses.ERR_NOT_SAME;
    public static final int ERR_NO_SPACE = ErrorClasses.ERR_NO_SPACE;
    public static final int ERR_NO_SUCH_FILE = ErrorClasses.ERR_NO_SUCH_FILE;
    public static final int ERR_PORT = ErrorClasses.ERR_PORT;
    public static final int ERR_QUOTA = ErrorClasses.ERR_QUOTA;
    public static final int ERR_READ_ONLY = ErrorClasses.ERR_READ_ONLY;
    public static final int ERR_RMA_CONFLICT = ErrorClasses.ERR_RMA_CONFLICT;
    public static final int ERR_RMA_SYNC = ErrorClasses.ERR_RMA_SYNC;
    public static final int ERR_SERVICE = ErrorClasses.ERR_SERVICE;
    public static final int ERR_SIZE = ErrorClasses.ERR_SIZE;
    public static final int ERR_SPAWN = ErrorClasses.ERR_SPAWN;
    public static final int ERR_UNSUPPORTED_DATAREP = ErrorClasses.ERR_UNSUPPORTED_DATAREP;
    public static final int ERR_UNSUPPORTED_OPERATION = ErrorClasses.ERR_UNSUPPORTED_OPERATION;
    public static final int ERR_WIN = ErrorClasses.ERR_WIN;
    public static final int ERR_LASTCODE = ErrorClasses.ERR_LASTCODE;
    public static final int ERR_SYSRESOURCE = ErrorClasses.ERR_SYSRESOURCE;

    /** Error handlers. */
    public static final Errhandler ERRORS_ARE_FATAL = new Errhandler(Errhandler.FATAL);
    public static final Errhandler ERRORS_RETURN = new Errhandler(Errhandler.RETURN);
    public static final Errhandler ERRORS_ABORT = new Errhandler(Errhandler.ABORT);

    /** Datatypes. */
    public static final Datatype DATATYPE_NULL = Datatype.predefined(Datatype.NULL, "MPI_DATATYPE_NULL");
    public static final Datatype BYTE = Datatype.predefined(Datatype.BYTE, "MPI_BYTE");
    public static final Datatype CHAR = Datatype.predefined(Datatype.CHAR, "MPI_CHAR");
    public static final Datatype SHORT = Datatype.predefined(Datatype.SHORT, "MPI_SHORT");
    public static final Datatype BOOLEAN = Datatype.predefined(Datatype.BOOLEAN, "MPI_BOOLEAN");
    public static final Datatype INT = Datatype.predefined(Datatype.INT, "MPI_INT");
    public static final Datatype LONG = Datatype.predefined(Datatype.LONG, "MPI_LONG");
    public static final Datatype FLOAT = Datatype.predefined(Datatype.FLOAT, "MPI_FLOAT");
    public static final Datatype DOUBLE = Datatype.predefined(Datatype.DOUBLE, "MPI_DOUBLE");
    public static final Datatype PACKED = Datatype.predefined(Datatype.PACKED, "MPI_PACKED");
    public static final Datatype INT2 = Datatype.predefined(Datatype.INT2, "MPI_2INT");
    public static final Datatype SHORT_INT = Datatype.predefined(Datatype.SHORT_INT, "MPI_SHORT_INT");
    public static final Datatype LONG_INT = Datatype.predefined(Datatype.LONG_INT, "MPI_LONG_INT");
    public static final Datatype FLOAT_INT = Datatype.predefined(Datatype.FLOAT_INT, "MPI_FLOAT_INT");
    public static final Datatype DOUBLE_INT = Datatype.predefined(Datatype.DOUBLE_INT, "MPI_DOUBLE_INT");
    public static final Datatype FLOAT_COMPLEX = Datatype.predefined(Datatype.FLOAT_COMPLEX, "MPI_C_FLOAT_COMPLEX");
    public static final Datatype DOUBLE_COMPLEX = Datatype.predefined(Datatype.DOUBLE_COMPLEX,
        "MPI_C_DOUBLE_COMPLEX");

    /** Struct helpers of the pair datatypes. */
    public static final Int2 int2 = new Int2();
    public static final ShortInt shortInt = new ShortInt();
    public static final LongInt longInt = new LongInt();
    public static final FloatInt floatInt = new FloatInt();
    public static final DoubleInt doubleInt = new DoubleInt();

    /** Reduction operations. */
    public static final Op MAX = Op.predefined("MPI_MAX");
    public static final Op MIN = Op.predefined("MPI_MIN");
    public static final Op SUM = Op.predefined("MPI_SUM");
    public static final Op PROD = Op.predefined("MPI_PROD");
    public static final Op LAND = Op.predefined("MPI_LAND");
    public static final Op BAND = Op.predefined("MPI_BAND");
    public static final Op LOR = Op.predefined("MPI_LOR");
    public static final Op BOR = Op.predefined("MPI_BOR");
    public static final Op LXOR = Op.predefined("MPI_LXOR");
    public static final Op BXOR = Op.predefined("MPI_BXOR");
    public static final Op MINLOC = Op.predefined("MPI_MINLOC");
    public static final Op MAXLOC = Op.predefined("MPI_MAXLOC");
    public static final Op REPLACE = Op.predefined("MPI_REPLACE");
    public static final Op NO_OP = Op.predefined("MPI_NO_OP");

    public static final Request REQUEST_NULL = new Request(null);
    public static final Group GROUP_EMPTY = new Group(new int[0]);
    public static final Info INFO_NULL = new Info(true);
    public static final Info INFO_ENV = Info.environment();

    /** The communicator of all processes. */
    public static final Intracomm COMM_WORLD = new Intracomm(Comm.WORLD);
    /** The communicator of the calling process alone. */
    public static final Intracomm COMM_SELF = new Intracomm(Comm.SELF);

    private MPI()
    {
    }

    /**
     * Starts MPI on this rank ({@code MPI_Init}). Collective over the job.
     *
     * @param args the program's arguments.
     * @return the arguments (the launcher removes its own before the program starts).
     */
    public static String[] Init(final String[] args) throws MPIException
    {
        RankState.init("Init", THREAD_SINGLE);
        return args;
    }

    /**
     * Starts MPI on this rank with a thread level ({@code MPI_Init_thread}).
     *
     * @return the level provided: at most {@link #THREAD_SERIALIZED}, as Myrmidon's objects are
     * used by one thread at a time.
     */
    public static int InitThread(final String[] args, final int required) throws MPIException
    {
        final int provided = Math.min(Math.max(required, THREAD_SINGLE), THREAD_SERIALIZED);
        RankState.init("InitThread", provided);
        return provided;
    }

    /**
     * @return the thread level provided ({@code MPI_Query_thread}).
     */
    public static int queryThread() throws MPIException
    {
        return RankState.checked().threadLevel;
    }

    /**
     * @return true on the thread that called {@code Init} ({@code MPI_Is_thread_main}).
     */
    public static boolean isThreadMain() throws MPIException
    {
        return RankState.checked().mainThread == Thread.currentThread();
    }

    /**
     * Ends MPI on this rank ({@code MPI_Finalize}). Collective over the job.
     */
    public static void Finalize() throws MPIException
    {
        final RankState state = RankState.checked();
        try
        {
            state.finalizeRank();
        }
        catch (final RuntimeException ex)
        {
            throw new MPIException(ErrorClasses.of(ex), "Finalize: " + ex.getMessage(), ex);
        }
    }

    /**
     * @return true once {@code Init} was called on this rank, even after {@code Finalize}
     * ({@code MPI_Initialized}). Callable before {@code Init}.
     */
    public static boolean isInitialized() throws MPIException
    {
        return RankState.current() != null;
    }

    /**
     * @return true once {@code Finalize} was called on this rank ({@code MPI_Finalized}).
     */
    public static boolean isFinalized() throws MPIException
    {
        final RankState state = RankState.current();
        return state != null && state.finalized;
    }

    /**
     * @return seconds since an arbitrary point ({@code MPI_Wtime}).
     */
    public static double wtime() throws MPIException
    {
        check();
        return Myrmidon.wtime();
    }

    /**
     * @return the resolution of {@link #wtime()} ({@code MPI_Wtick}).
     */
    public static double wtick() throws MPIException
    {
        check();
        return Myrmidon.wtick();
    }

    /**
     * @return the host's name ({@code MPI_Get_processor_name}).
     */
    public static String getProcessorName() throws MPIException
    {
        return RankState.checked().myrmidon.processorName();
    }

    /**
     * @return the MPI standard version ({@code MPI_Get_version}). Callable before {@code Init}.
     */
    public static Version getVersion() throws MPIException
    {
        return new Version(VERSION, SUBVERSION);
    }

    /**
     * @return the library's version ({@code MPI_Get_library_version}). Callable before {@code Init}.
     */
    public static String getLibVersion() throws MPIException
    {
        return LIBRARY_VERSION;
    }

    /**
     * Profiling control ({@code MPI_Pcontrol}): does nothing.
     */
    public static void pControl(final int level, final Object obj)
    {
    }

    /**
     * Attaches the space that bounds buffered sends ({@code MPI_Buffer_attach}).
     */
    public static void attachBuffer(final byte[] buffer) throws MPIException
    {
        final RankState state = RankState.checked();
        try
        {
            state.bufferedSends.attach(buffer);
        }
        catch (final RuntimeException ex)
        {
            throw state.world.fail(ex);
        }
    }

    /**
     * Waits until the buffered sends have been delivered and detaches the buffer
     * ({@code MPI_Buffer_detach}).
     *
     * @return the buffer that was attached, or null.
     */
    public static byte[] detachBuffer() throws MPIException
    {
        return RankState.checked().bufferedSends.detach();
    }

    // ------------------------------------------------------------------ buffers

    /**
     * @return a direct byte buffer in the platform's byte order.
     */
    public static ByteBuffer newByteBuffer(final int capacity)
    {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    }

    /**
     * @return a direct char buffer in the platform's byte order.
     */
    public static CharBuffer newCharBuffer(final int capacity)
    {
        return newByteBuffer(Math.multiplyExact(capacity, 2)).asCharBuffer();
    }

    /**
     * @return a direct short buffer in the platform's byte order.
     */
    public static ShortBuffer newShortBuffer(final int capacity)
    {
        return newByteBuffer(Math.multiplyExact(capacity, 2)).asShortBuffer();
    }

    /**
     * @return a direct int buffer in the platform's byte order.
     */
    public static IntBuffer newIntBuffer(final int capacity)
    {
        return newByteBuffer(Math.multiplyExact(capacity, 4)).asIntBuffer();
    }

    /**
     * @return a direct long buffer in the platform's byte order.
     */
    public static LongBuffer newLongBuffer(final int capacity)
    {
        return newByteBuffer(Math.multiplyExact(capacity, 8)).asLongBuffer();
    }

    /**
     * @return a direct float buffer in the platform's byte order.
     */
    public static FloatBuffer newFloatBuffer(final int capacity)
    {
        return newByteBuffer(Math.multiplyExact(capacity, 4)).asFloatBuffer();
    }

    /**
     * @return a direct double buffer in the platform's byte order.
     */
    public static DoubleBuffer newDoubleBuffer(final int capacity)
    {
        return newByteBuffer(Math.multiplyExact(capacity, 8)).asDoubleBuffer();
    }

    /**
     * @return a buffer sharing {@code buf}'s content from element {@code offset} on.
     */
    public static ByteBuffer slice(final ByteBuffer buf, final int offset)
    {
        return buf.slice(offset, buf.capacity() - offset).order(buf.order());
    }

    /**
     * @return a buffer sharing {@code buf}'s content from element {@code offset} on.
     */
    public static CharBuffer slice(final CharBuffer buf, final int offset)
    {
        return buf.slice(offset, buf.capacity() - offset);
    }

    /**
     * @return a buffer sharing {@code buf}'s content from element {@code offset} on.
     */
    public static ShortBuffer slice(final ShortBuffer buf, final int offset)
    {
        return buf.slice(offset, buf.capacity() - offset);
    }

    /**
     * @return a buffer sharing {@code buf}'s content from element {@code offset} on.
     */
    public static IntBuffer slice(final IntBuffer buf, final int offset)
    {
        return buf.slice(offset, buf.capacity() - offset);
    }

    /**
     * @return a buffer sharing {@code buf}'s content from element {@code offset} on.
     */
    public static LongBuffer slice(final LongBuffer buf, final int offset)
    {
        return buf.slice(offset, buf.capacity() - offset);
    }

    /**
     * @return a buffer sharing {@code buf}'s content from element {@code offset} on.
     */
    public static FloatBuffer slice(final FloatBuffer buf, final int offset)
    {
        return buf.slice(offset, buf.capacity() - offset);
    }

    /**
     * @return a buffer sharing {@code buf}'s content from element {@code offset} on.
     */
    public static DoubleBuffer slice(final DoubleBuffer buf, final int offset)
    {
        return buf.slice(offset, buf.capacity() - offset);
    }

    /**
     * @return a buffer over {@code buf} from element {@code offset} on, in the platform's order.
     */
    public static ByteBuffer slice(final byte[] buf, final int offset)
    {
        return ByteBuffer.wrap(buf).slice(offset, buf.length - offset).order(ByteOrder.nativeOrder());
    }

    /**
     * @return a buffer over {@code buf} from element {@code offset} on.
     */
    public static CharBuffer slice(final char[] buf, final int offset)
    {
        return CharBuffer.wrap(buf).slice(offset, buf.length - offset);
    }

    /**
     * @return a buffer over {@code buf} from element {@code offset} on.
     */
    public static ShortBuffer slice(final short[] buf, final int offset)
    {
        return ShortBuffer.wrap(buf).slice(offset, buf.length - offset);
    }

    /**
     * @return a buffer over {@code buf} from element {@code offset} on.
     */
    public static IntBuffer slice(final int[] buf, final int offset)
    {
        return IntBuffer.wrap(buf).slice(offset, buf.length - offset);
    }

    /**
     * @return a buffer over {@code buf} from element {@code offset} on.
     */
    public static LongBuffer slice(final long[] buf, final int offset)
    {
        return LongBuffer.wrap(buf).slice(offset, buf.length - offset);
    }

    /**
     * @return a buffer over {@code buf} from element {@code offset} on.
     */
    public static FloatBuffer slice(final float[] buf, final int offset)
    {
        return FloatBuffer.wrap(buf).slice(offset, buf.length - offset);
    }

    /**
     * @return a buffer over {@code buf} from element {@code offset} on.
     */
    public static DoubleBuffer slice(final double[] buf, final int offset)
    {
        return DoubleBuffer.wrap(buf).slice(offset, buf.length - offset);
    }

    /**
     * Checks that MPI is initialized and not finalized on the calling rank.
     */
    static void check() throws MPIException
    {
        RankState.checked();
    }
}
