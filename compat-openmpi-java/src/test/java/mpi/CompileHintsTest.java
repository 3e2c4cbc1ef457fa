package mpi;

import io.myrmidon.launch.JavaCommand;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launcher's compiler hints for this module ({@link JavaCommand#BLOCKING_STATUS_COMPILE_COMMANDS})
 * name methods by their text: they must follow renames, and the methods they keep out of line
 * must leave the {@code Status} to their public callers (which is what the hints are for).
 */
class CompileHintsTest
{
    private static final String PREFIX = "-XX:CompileCommand=dontinline,";

    @Test
    void everyHintNamesAStaticMethodOfThisModuleThatReturnsNoStatus() throws Exception
    {
        final List<String> hints = JavaCommand.BLOCKING_STATUS_COMPILE_COMMANDS.stream()
            .filter(flag -> flag.startsWith(PREFIX)).toList();
        assertFalse(hints.isEmpty(), "no dontinline hints");
        for (final String hint : hints)
        {
            final String[] target = hint.substring(PREFIX.length()).split("::");
            assertEquals(2, target.length, hint);
            final Class<?> owner = Class.forName(target[0]);
            final List<Method> methods = Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> m.getName().equals(target[1])).toList();
            assertFalse(methods.isEmpty(), hint + " names no method of " + owner.getName());
            for (final Method method : methods)
            {
                assertTrue(Modifier.isStatic(method.getModifiers()), method + " is not static");
                assertEquals(void.class, method.getReturnType(),
                    method + " returns a value: its caller should make the Status, so that it can be inlined");
            }
        }
    }

    @Test
    void hintsAreQuietAndPartOfEveryRanksDefaults()
    {
        assertEquals("-XX:CompileCommand=quiet", JavaCommand.BLOCKING_STATUS_COMPILE_COMMANDS.get(0),
            "without quiet first, every rank prints its compile commands");
        assertTrue(JavaCommand.RANK_DEFAULT_FLAGS.containsAll(JavaCommand.BLOCKING_STATUS_COMPILE_COMMANDS));
    }
}
