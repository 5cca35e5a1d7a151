/**
 * Static-final downcall handles for hot libc functions, {@code critical} where the function is a leaf, and a way to define such a handle for any function; the floor of call cost short of C itself.
 *
 * <p>Depends on {@code java.base} only, and throws its own unchecked exceptions:
 * {@link epsilon.foreign.inline.InlineCallException} for an argument C would crash on, write through when it may
 * not, or read or write past the end of (what {@link epsilon.foreign.inline.Libc} checks, and what it cannot
 * for segments of size 0, is listed there), and {@link epsilon.foreign.inline.InlineLinkException} for a function
 * or library that cannot be linked. A null API parameter is a {@link java.lang.NullPointerException} naming it;
 * Java {@code null} for a C pointer argument is C's NULL.
 */
package epsilon.foreign.inline;
