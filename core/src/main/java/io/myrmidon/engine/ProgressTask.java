package io.myrmidon.engine;

/**
 * Work that advances whenever the engine progresses: the schedule of a non-blocking collective,
 * for instance. Registered with {@link Engine#schedule(ProgressTask)}; dropped once
 * {@link #progress()} reports it is done.
 *
 * <p>Called on the engine's thread only, from inside {@link Engine#progress()}; a task may start
 * sends and receives of its own.
 */
public interface ProgressTask
{
    /**
     * Advances the task as far as it can without waiting.
     *
     * @return the amount of work done, 0 when nothing changed; negative once the task is done
     * (it is then removed).
     */
    int progress();
}
