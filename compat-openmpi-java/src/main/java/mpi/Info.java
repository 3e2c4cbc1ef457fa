package mpi;

import java.util.ArrayList;
import java.util.List;

/**
 * Hints as (key, value) strings ({@code MPI_Info}). Myrmidon reads no hint yet, so an {@code Info}
 * only stores what it is given. {@link MPI#INFO_NULL} is the empty, immutable object;
 * {@link MPI#INFO_ENV} describes the environment the job was started in. Not thread safe.
 */
public final class Info implements Freeable
{
    private final List<String> keys = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private final boolean immutable;
    private boolean freed;

    /**
     * Creates an empty info object ({@code MPI_Info_create}).
     */
    public Info()
    {
        this(false);
    }

    Info(final boolean immutable)
    {
        this.immutable = immutable;
    }

    static Info environment()
    {
        final Info info = new Info(false);
        info.put("command", ProcessHandle.current().info().command().orElse("java"));
        info.put("host", System.getenv().getOrDefault("HOSTNAME", "localhost"));
        info.put("wdir", System.getProperty("user.dir"));
        info.put("arch", System.getProperty("os.arch"));
        final String size = System.getenv("MYRMIDON_SIZE");
        if (size != null)
        {
            info.put("maxprocs", size);
        }
        return new Info(true).copyFrom(info);
    }

    /**
     * Sets a hint ({@code MPI_Info_set}).
     */
    public void set(final String key, final String value) throws MPIException
    {
        checkWritable("set");
        if (key == null || key.isEmpty() || key.length() > MPI.MAX_INFO_KEY)
        {
            throw new MPIException(MPI.ERR_INFO_KEY, MPI.ERR_INFO_KEY, "Info.set: the key '" + key +
                "' is empty or longer than MPI.MAX_INFO_KEY (" + MPI.MAX_INFO_KEY + ")");
        }
        if (value == null || value.length() > MPI.MAX_INFO_VAL)
        {
            throw new MPIException(MPI.ERR_INFO_VALUE, MPI.ERR_INFO_VALUE, "Info.set: the value for '" + key +
                "' is null or longer than MPI.MAX_INFO_VAL (" + MPI.MAX_INFO_VAL + ")");
        }
        put(key, value);
    }

    /**
     * @return the value of a hint, or null when it is not set ({@code MPI_Info_get}).
     */
    public String get(final String key) throws MPIException
    {
        checkUsable("get");
        final int i = keys.indexOf(key);
        return i < 0 ? null : values.get(i);
    }

    /**
     * Removes a hint ({@code MPI_Info_delete}).
     */
    public void delete(final String key) throws MPIException
    {
        checkWritable("delete");
        final int i = keys.indexOf(key);
        if (i < 0)
        {
            throw new MPIException(MPI.ERR_INFO_NOKEY, MPI.ERR_INFO_NOKEY, "Info.delete: no hint '" + key + "'");
        }
        keys.remove(i);
        values.remove(i);
    }

    /**
     * @return the number of hints ({@code MPI_Info_get_nkeys}).
     */
    public int size() throws MPIException
    {
        checkUsable("size");
        return keys.size();
    }

    /**
     * @return the key of the i-th hint ({@code MPI_Info_get_nthkey}).
     */
    public String getKey(final int i) throws MPIException
    {
        checkUsable("getKey");
        if (i < 0 || i >= keys.size())
        {
            throw new MPIException(MPI.ERR_ARG, MPI.ERR_ARG, "Info.getKey: index " + i + " is outside 0.." +
                (keys.size() - 1));
        }
        return keys.get(i);
    }

    /**
     * @return a copy ({@code MPI_Info_dup}), which {@link #dup()} also makes.
     */
    @Override
    public Info clone()
    {
        return new Info(false).copyFrom(this);
    }

    /**
     * @return a copy ({@code MPI_Info_dup}).
     */
    public Info dup() throws MPIException
    {
        checkUsable("dup");
        return clone();
    }

    /**
     * Releases this object ({@code MPI_Info_free}).
     */
    @Override
    public void free() throws MPIException
    {
        checkWritable("free");
        freed = true;
        keys.clear();
        values.clear();
    }

    /**
     * @return true for {@link MPI#INFO_NULL} and freed objects.
     */
    public boolean isNull()
    {
        return freed || this == MPI.INFO_NULL;
    }

    private Info copyFrom(final Info other)
    {
        keys.addAll(other.keys);
        values.addAll(other.values);
        return this;
    }

    private void put(final String key, final String value)
    {
        final int i = keys.indexOf(key);
        if (i < 0)
        {
            keys.add(key);
            values.add(value);
        }
        else
        {
            values.set(i, value);
        }
    }

    private void checkUsable(final String operation) throws MPIException
    {
        if (freed)
        {
            throw new MPIException(MPI.ERR_INFO, MPI.ERR_INFO, "Info." + operation + ": this Info was freed");
        }
    }

    private void checkWritable(final String operation) throws MPIException
    {
        checkUsable(operation);
        if (immutable)
        {
            throw new MPIException(MPI.ERR_INFO, MPI.ERR_INFO, "Info." + operation +
                ": INFO_NULL and INFO_ENV are predefined and cannot be changed; create an Info with new Info()");
        }
    }
}
