/**
 * Static-final downcall handles for hot libc functions, {@code critical} where the function is a leaf, and a way to define such a handle for any function; the floor of call cost short of C itself.
 *
 * <p>Depends on {@code java.base} only.
 */
package epsilon.foreign.inline;
