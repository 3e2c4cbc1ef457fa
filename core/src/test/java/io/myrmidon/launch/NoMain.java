package io.myrmidon.launch;

/**
 * A class without a main method, to check that the launcher refuses it as a target.
 */
public final class NoMain
{
    private NoMain()
    {
    }
}
