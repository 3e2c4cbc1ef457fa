package io.myrmidon.launch;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Finds and calls the main method of a class the way the {@code java} launcher of JDK 25 does:
 * {@code main(String[])} if there is one, else {@code main()}; static, or on a new instance made
 * with the class's no-argument constructor; public, protected or package private.
 *
 * <p>Stateless and thread safe.
 */
final class MainInvoker
{
    private MainInvoker()
    {
    }

    /**
     * @param type a class.
     * @return its launchable main method, or null when it has none.
     */
    static Method find(final Class<?> type)
    {
        final Method withArgs = findDeclared(type, String[].class);
        return withArgs != null ? withArgs : findDeclared(type);
    }

    /**
     * Calls {@code type}'s main method on the calling thread.
     *
     * @throws Throwable whatever main throws, unwrapped.
     */
    static void invoke(final Class<?> type, final String[] args) throws Throwable
    {
        final Method main = find(type);
        if (main == null)
        {
            throw new IllegalArgumentException(type.getName() + " has no main method: give it " +
                "static void main(String[] args)");
        }
        main.setAccessible(true);
        Object target = null;
        if (!Modifier.isStatic(main.getModifiers()))
        {
            final Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            target = constructor.newInstance();
        }
        try
        {
            if (main.getParameterCount() == 1)
            {
                main.invoke(target, (Object)args);
            }
            else
            {
                main.invoke(target);
            }
        }
        catch (final InvocationTargetException ex)
        {
            throw ex.getCause();
        }
    }

    private static Method findDeclared(final Class<?> type, final Class<?>... parameters)
    {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass())
        {
            try
            {
                final Method method = c.getDeclaredMethod("main", parameters);
                if (!Modifier.isPrivate(method.getModifiers()) && method.getReturnType() == void.class)
                {
                    return method;
                }
            }
            catch (final NoSuchMethodException ignore)
            {
                // look in the superclass
            }
        }
        return null;
    }
}
