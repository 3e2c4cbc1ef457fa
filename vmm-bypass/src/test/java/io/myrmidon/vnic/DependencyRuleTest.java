package io.myrmidon.vnic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The guest driver reaches the NIC and the VMM only through the control protocol and the shared layouts: no
 * class of {@code io.myrmidon.guest} may refer to {@code io.myrmidon.nic} or {@code io.myrmidon.vmm}. Checked on
 * the compiled classes' constant pools (which catch fully qualified uses too), and the module must not use core.
 */
class DependencyRuleTest
{
    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void guestClassesNeverReferenceNicOrVmm() throws IOException
    {
        final List<String> violations = new ArrayList<>();
        final List<Path> guestClasses = classesUnder("io/myrmidon/guest");
        assertFalse(guestClasses.isEmpty(), "no compiled guest classes found under " + CLASSES.toAbsolutePath());
        for (final Path file : guestClasses)
        {
            final String pool = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            for (final String forbidden : List.of("io/myrmidon/nic/", "io/myrmidon/vmm/"))
            {
                if (pool.contains(forbidden))
                {
                    violations.add(CLASSES.relativize(file) + " refers to " + forbidden);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void moduleDoesNotDependOnCore() throws IOException
    {
        final List<String> violations = new ArrayList<>();
        for (final Path file : classesUnder("io/myrmidon"))
        {
            final String pool = new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (pool.contains("io/myrmidon/spi/") || pool.contains("io/myrmidon/engine/") ||
                pool.contains("io/myrmidon/MyrmidonException"))
            {
                violations.add(CLASSES.relativize(file) + " refers to myrmidon-core");
            }
        }
        assertEquals(List.of(), violations);
    }

    private static List<Path> classesUnder(final String packagePath) throws IOException
    {
        try (Stream<Path> files = Files.walk(CLASSES.resolve(packagePath)))
        {
            return files.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }
}
