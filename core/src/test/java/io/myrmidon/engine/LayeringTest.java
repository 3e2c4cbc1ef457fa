package io.myrmidon.engine;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The dependency rule of DESIGN.md: core names no backend. Backends are found by
 * {@link java.util.ServiceLoader} and chosen by name.
 */
class LayeringTest
{
    private static final Pattern BACKEND = Pattern.compile(
        "^import\\s+(static\\s+)?io\\.myrmidon\\.(loopback|myrinet|nic|vmm|guest)\\b", Pattern.MULTILINE);

    @Test
    void coreSourcesImportNoBackend() throws IOException
    {
        final Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources))
        {
            final List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
                .filter(p -> BACKEND.matcher(read(p)).find())
                .toList();
            assertEquals(List.of(), offenders, "core must not import backend packages");
        }
    }

    private static String read(final Path path)
    {
        try
        {
            return Files.readString(path);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
