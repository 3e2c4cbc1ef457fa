package mpi;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Attribute keys created by programs ({@code MPI_*_create_keyval}). Shared by every rank of the
 * JVM (keys are just numbers) and thread safe. Predefined keys ({@link MPI#TAG_UB} ...) are 0..9;
 * created ones start at {@value #FIRST}.
 */
final class Keyvals
{
    static final int FIRST = 64;

    private static final AtomicInteger NEXT = new AtomicInteger(FIRST);
    private static final Set<Integer> LIVE = ConcurrentHashMap.newKeySet();

    private Keyvals()
    {
    }

    static int create()
    {
        final int keyval = NEXT.getAndIncrement();
        LIVE.add(keyval);
        return keyval;
    }

    static void free(final int keyval) throws MPIException
    {
        if (!LIVE.remove(keyval))
        {
            throw new MPIException(MPI.ERR_KEYVAL, MPI.ERR_KEYVAL, "freeKeyval: " + keyval +
                " is not a keyval created by createKeyval() (or it was freed already)");
        }
    }

    static boolean isPredefined(final int keyval)
    {
        return keyval >= 0 && keyval < 10;
    }

    static void check(final int keyval) throws MPIException
    {
        if (!isPredefined(keyval) && !LIVE.contains(keyval))
        {
            throw new MPIException(MPI.ERR_KEYVAL, MPI.ERR_KEYVAL, "keyval " + keyval +
                " is neither predefined (MPI.TAG_UB ...) nor created by createKeyval() (or it was freed)");
        }
    }
}
