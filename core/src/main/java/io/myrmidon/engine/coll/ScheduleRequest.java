package io.myrmidon.engine.coll;

import io.myrmidon.ErrorClass;
import io.myrmidon.MyrmidonException;
import io.myrmidon.Request;
import io.myrmidon.Status;
import io.myrmidon.engine.Engine;
import io.myrmidon.engine.ProgressTask;

/**
 * A non-blocking collective in flight: its {@link Schedule} advances as a {@link ProgressTask}
 * with every progress of the engine (inside any call into the library), and the user learns of
 * its completion through this {@link Request}.
 *
 * <p>Pooled per communicator: once reported complete the request goes back to its pool with its
 * schedule and scratch memory, so a steady stream of non-blocking collectives allocates nothing.
 * Not thread safe.
 */
final class ScheduleRequest extends Request implements ProgressTask
{
    private final Engine engine;
    private final Collectives owner;
    final Schedule schedule;
    private boolean active;
    private boolean scheduled;

    ScheduleRequest(final Engine engine, final Collectives owner, final Schedule schedule)
    {
        this.engine = engine;
        this.owner = owner;
        this.schedule = schedule;
    }

    /**
     * Starts the recorded schedule: its first round goes out now, the rest with progress.
     */
    ScheduleRequest start()
    {
        active = true;
        schedule.progress();
        if (!schedule.isDone())
        {
            scheduled = true;
            engine.schedule(this);
        }
        return this;
    }

    @Override
    public int progress()
    {
        final int work = schedule.progress();
        if (schedule.isDone())
        {
            scheduled = false;
            if (!active)
            {
                owner.release(this);
            }
            return -1;
        }
        return work;
    }

    @Override
    public boolean test(final Status status)
    {
        checkActive();
        if (!schedule.isDone())
        {
            engine.progress();
            if (!schedule.isDone())
            {
                return false;
            }
        }
        finish(status);
        return true;
    }

    @Override
    public void waitFor(final Status status)
    {
        checkActive();
        engine.resetIdle();
        while (!schedule.isDone())
        {
            engine.idle(engine.progress());
        }
        finish(status);
    }

    @Override
    public boolean cancel()
    {
        checkActive();
        return false;
    }

    @Override
    public boolean isActive()
    {
        return active;
    }

    @Override
    protected boolean isCompleteNoRelease()
    {
        checkActive();
        if (!schedule.isDone())
        {
            engine.progress();
        }
        return schedule.isDone();
    }

    @Override
    protected void idle()
    {
        engine.idle(0);
    }

    private void finish(final Status status)
    {
        final MyrmidonException error = schedule.error();
        if (status != null)
        {
            status.set(io.myrmidon.Communicator.ANY_SOURCE, io.myrmidon.Communicator.ANY_TAG, 0,
                error == null ? ErrorClass.SUCCESS : error.errorClass(), false);
        }
        active = false;
        if (!scheduled)
        {
            owner.release(this);
        }
        if (error != null)
        {
            throw new MyrmidonException(error.errorClass(), error.getMessage(), error);
        }
    }

    private void checkActive()
    {
        if (!active)
        {
            throw new MyrmidonException(ErrorClass.REQUEST,
                "this collective request was already reported complete and released; do not use it again");
        }
    }
}
