package io.myrmidon.launch;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A validated request to run a job on this host. Immutable, so thread safe.
 *
 * @param ranks           the number of ranks, at least 1.
 * @param transport       the transport's name: {@value #THREADS} runs the ranks as threads of one
 *                        JVM, any other name (default {@value #DEFAULT_TRANSPORT}) one JVM per rank.
 * @param mainClass       the class whose main method every rank runs.
 * @param args            its arguments.
 * @param classPath       the ranks' class path.
 * @param javaOpts        extra JVM options for the ranks ({@link JavaCommand#JAVA_OPTS_ENV}), or null.
 * @param exchangeTimeout how long ranks wait for each other in a bootstrap exchange; zero for ever.
 * @param hosts           over how many hosts the ranks are spread (1: this host; more needs a transport
 *                        whose launch hook makes hosts, such as myrinet).
 */
public record LaunchOptions(
    int ranks,
    String transport,
    String mainClass,
    List<String> args,
    String classPath,
    String javaOpts,
    Duration exchangeTimeout,
    int hosts)
{
    public static final String THREADS = "threads";
    public static final String DEFAULT_TRANSPORT = "shm";

    public LaunchOptions
    {
        if (ranks < 1)
        {
            throw new IllegalArgumentException("a job needs at least one rank, not " + ranks);
        }
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(classPath, "classPath");
        Objects.requireNonNull(exchangeTimeout, "exchangeTimeout");
        args = List.copyOf(args);
        if (hosts < 1 || hosts > ranks)
        {
            throw new IllegalArgumentException("--hosts must be 1.." + ranks + " (at least one rank per host), not " +
                hosts);
        }
    }

    /**
     * A job on this host only.
     */
    public LaunchOptions(
        final int ranks,
        final String transport,
        final String mainClass,
        final List<String> args,
        final String classPath,
        final String javaOpts,
        final Duration exchangeTimeout)
    {
        this(ranks, transport, mainClass, args, classPath, javaOpts, exchangeTimeout, 1);
    }

    /**
     * @return true when the ranks are threads of one JVM.
     */
    public boolean threads()
    {
        return THREADS.equals(transport);
    }
}
