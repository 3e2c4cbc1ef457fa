package io.myrmidon.launch;

/**
 * How a process ended, read from its exit value. The JDK reports a process killed by signal
 * {@code s} as {@code 128 + s}, as shells do, so a process that called {@code exit(137)} reads as
 * killed by SIGKILL: the same convention as the shell's {@code $?}.
 *
 * @param value the exit value from {@link Process#exitValue()}.
 */
public record ExitStatus(int value)
{
    private static final String[] SIGNAL_NAMES = {
        null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
        "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT",
        "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF",
        "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    /**
     * @return true when the process ended by a signal.
     */
    public boolean signalled()
    {
        return value > 128 && value <= 128 + 64;
    }

    /**
     * @return the signal number, or 0 when the process exited by itself.
     */
    public int signal()
    {
        return signalled() ? value - 128 : 0;
    }

    /**
     * @return a phrase for a sentence about a process: {@code "exited with status 3"} or
     * {@code "was killed by signal 9 (SIGKILL)"}.
     */
    public String describe()
    {
        if (!signalled())
        {
            return "exited with status " + value;
        }
        final int signal = signal();
        final String name = signal < SIGNAL_NAMES.length ? SIGNAL_NAMES[signal] : "SIGRT" + signal;
        return "was killed by signal " + signal + " (" + name + ")";
    }
}
