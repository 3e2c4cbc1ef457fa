package io.myrmidon.launch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Turns the TARGET of {@code myrmidon run} into a main class: an example's name, looked up in every
 * {@value #TARGETS_RESOURCE} of the ranks' class path (lines {@code name=main.class.Name}), or the
 * name of a class on that class path that has a main method.
 *
 * <p>Not thread safe; use one per launch. Close it to release the class loader.
 */
final class TargetResolver implements AutoCloseable
{
    static final String TARGETS_RESOURCE = "META-INF/myrmidon/targets.properties";

    private final String classPath;
    private final URLClassLoader loader;

    /**
     * @param classPath the ranks' class path, entries separated by {@link File#pathSeparator};
     *                  {@code dir/*} stands for the jars in {@code dir}, as for {@code java -cp}.
     */
    TargetResolver(final String classPath)
    {
        this.classPath = classPath;
        this.loader = new URLClassLoader(urls(classPath), ClassLoader.getPlatformClassLoader());
    }

    /**
     * @return the examples on the class path: name to main class, sorted by name.
     */
    Map<String, String> examples()
    {
        final Map<String, String> examples = new TreeMap<>();
        try
        {
            final Enumeration<URL> resources = loader.getResources(TARGETS_RESOURCE);
            for (final URL resource : Collections.list(resources))
            {
                final Properties properties = new Properties();
                try (InputStream in = resource.openStream())
                {
                    properties.load(in);
                }
                properties.forEach((name, mainClass) -> examples.putIfAbsent(
                    name.toString().trim(), mainClass.toString().trim()));
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not read " + TARGETS_RESOURCE + " from the class path", ex);
        }
        return examples;
    }

    /**
     * @param target an example's name or a main class's name.
     * @return the main class to run.
     * @throws IllegalArgumentException with a message for the user when the target is neither.
     */
    String resolve(final String target)
    {
        final Map<String, String> examples = examples();
        final String example = examples.get(target);
        final String mainClass = example != null ? example : target;
        final String known = examples.isEmpty() ? "none on the class path" : String.join(", ", examples.keySet());
        if (example == null && !target.contains("."))
        {
            throw new IllegalArgumentException("unknown target '" + target + "': it is neither an example " +
                "(known examples: " + known + ") nor a fully qualified main class name");
        }
        final Class<?> type;
        try
        {
            type = Class.forName(mainClass, false, loader);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalArgumentException(example != null ?
                "example '" + target + "' is class " + mainClass + ", which is not on the class path: build the " +
                    "examples (bin/mvn -B -DskipTests package)" :
                "unknown target '" + target + "': no class " + mainClass + " on the class path; pass its jar or " +
                    "directory with --classpath (known examples: " + known + ")");
        }
        catch (final LinkageError ex)
        {
            throw new IllegalArgumentException("target '" + target + "': class " + mainClass + " cannot be loaded (" +
                ex + "); is a jar it needs missing from --classpath?");
        }
        if (MainInvoker.find(type) == null)
        {
            throw new IllegalArgumentException("target '" + target + "': " + mainClass + " has no main method " +
                "(give it static void main(String[] args))");
        }
        return mainClass;
    }

    /**
     * @return the class path this resolver searches.
     */
    String classPath()
    {
        return classPath;
    }

    @Override
    public void close()
    {
        try
        {
            loader.close();
        }
        catch (final IOException ignore)
        {
            // only jar handles to release
        }
    }

    private static URL[] urls(final String classPath)
    {
        final List<URL> urls = new ArrayList<>();
        for (final String entry : classPath.split(File.pathSeparator))
        {
            if (entry.isEmpty())
            {
                continue;
            }
            if (entry.endsWith("*") && (entry.length() == 1 || entry.charAt(entry.length() - 2) == File.separatorChar))
            {
                final Path dir = Path.of(entry.length() == 1 ? "." : entry.substring(0, entry.length() - 2));
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}"))
                {
                    for (final Path jar : jars)
                    {
                        urls.add(url(jar));
                    }
                }
                catch (final IOException ex)
                {
                    // like java -cp: a missing directory adds nothing
                }
            }
            else
            {
                urls.add(url(Path.of(entry)));
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static URL url(final Path path)
    {
        try
        {
            return path.toAbsolutePath().toUri().toURL();
        }
        catch (final MalformedURLException ex)
        {
            throw new IllegalArgumentException("bad class path entry " + path + ": " + ex.getMessage(), ex);
        }
    }
}
