package io.myrmidon.spi;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * What a {@link LaunchHook} prepared for one job: where each rank runs (a command prefix such as
 * {@code ip netns exec h1}, extra environment per rank) and what to undo when the job ends ({@link #close()},
 * called once, also when the launcher is interrupted or a rank failed).
 * <p>
 * The launcher calls the methods on its main thread, before the ranks start; {@link #close()} may come from its
 * shutdown hook.
 */
public interface PreparedJob extends AutoCloseable
{
    /**
     * @param rank a rank.
     * @return words to put before the rank's java command (empty: run it directly).
     */
    default List<String> commandPrefix(final int rank)
    {
        return List.of();
    }

    /**
     * @param rank        a rank.
     * @param environment its environment, already holding the job's; the hook may add to it.
     */
    default void environment(final int rank, final Map<String, String> environment)
    {
    }

    /**
     * @return the address the launcher's bootstrap server must listen on for the ranks to reach it (ranks in
     * other network namespaces cannot reach the loopback interface), or null for the loopback interface.
     */
    default InetAddress rendezvousAddress()
    {
        return null;
    }

    /**
     * Undo the preparation.
     *
     * @throws Exception when something could not be undone (the launcher reports it).
     */
    @Override
    void close() throws Exception;
}
