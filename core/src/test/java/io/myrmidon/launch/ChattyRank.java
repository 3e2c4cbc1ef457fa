package io.myrmidon.launch;

/**
 * A test rank: {@code ChattyRank LINES} prints LINES long lines to stdout from two threads at once,
 * a few lines to stderr, and a last stdout line without a newline; each line says which rank
 * printed it, so a test can check the launcher's prefixes.
 */
public final class ChattyRank
{
    private ChattyRank()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final int lines = Integer.parseInt(args[0]);
        final int rank = Bootstraps.forThisRank().rank();
        final Thread helper = new Thread(() -> print(rank, "b", lines));
        helper.start();
        print(rank, "a", lines);
        helper.join();
        for (int i = 0; i < 3; i++)
        {
            System.err.println("rank " + rank + " err " + i);
        }
        System.out.print("rank " + rank + " last line without newline");
        System.out.flush();
    }

    private static void print(final int rank, final String thread, final int lines)
    {
        final String padding = "-".repeat(300);
        for (int i = 0; i < lines; i++)
        {
            System.out.println("rank " + rank + " thread " + thread + " line " + i + " " + padding + " end");
        }
    }
}
