package io.myrmidon.launch;

import java.util.Map;

/**
 * The environment variables through which a launcher tells each rank who it is. A rank started
 * without them runs alone (a singleton job of size 1), as MPI's singleton init does.
 *
 * @param rank        {@value #RANK}: this rank.
 * @param size        {@value #SIZE}: the number of ranks.
 * @param jobId       {@value #JOB_ID}: the job's identifier, safe in file names.
 * @param transport   {@value #TRANSPORT}: the transport's name, or null for the default.
 * @param rendezvous  {@value #RENDEZVOUS}: where the launcher's rendezvous service listens
 *                    ({@code host:port}), used for the start-up exchange.
 */
public record BootstrapEnvironment(int rank, int size, String jobId, String transport, String rendezvous)
{
    public static final String RANK = "MYRMIDON_RANK";
    public static final String SIZE = "MYRMIDON_SIZE";
    public static final String JOB_ID = "MYRMIDON_JOB_ID";
    public static final String TRANSPORT = "MYRMIDON_TRANSPORT";
    public static final String RENDEZVOUS = "MYRMIDON_RENDEZVOUS";

    /**
     * Reads the variables.
     *
     * @param env the environment, usually {@link System#getenv()}.
     * @return the launcher's description of this rank, or null when {@value #RANK} is not set.
     * @throws IllegalArgumentException when the variables are present but inconsistent.
     */
    public static BootstrapEnvironment from(final Map<String, String> env)
    {
        final String rankText = env.get(RANK);
        if (rankText == null)
        {
            return null;
        }
        final int rank = parse(RANK, rankText);
        final int size = parse(SIZE, env.get(SIZE));
        if (size < 1 || rank < 0 || rank >= size)
        {
            throw new IllegalArgumentException(
                RANK + "=" + rank + " and " + SIZE + "=" + size + " do not describe a rank of a job: need 0 <= rank < size");
        }
        final String jobId = env.get(JOB_ID);
        if (jobId == null || !jobId.matches("[A-Za-z0-9_-]+"))
        {
            throw new IllegalArgumentException(JOB_ID + " must be set to [A-Za-z0-9_-]+ but is " + jobId);
        }
        final String rendezvous = env.get(RENDEZVOUS);
        if (size > 1 && rendezvous == null)
        {
            throw new IllegalArgumentException(RENDEZVOUS + " must be set for a job of " + size + " ranks");
        }
        return new BootstrapEnvironment(rank, size, jobId, env.get(TRANSPORT), rendezvous);
    }

    private static int parse(final String name, final String value)
    {
        if (value == null)
        {
            throw new IllegalArgumentException(name + " is not set; a launcher sets it together with " + RANK);
        }
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " must be an integer but is '" + value + "'", ex);
        }
    }
}
