package epsilon.foreign.batch.internal;

import epsilon.foreign.marshalling.CType;

/**
 * What the conversion of one argument of one step depends on. A record, so that its fields are constants to the JIT
 * once a step's handle is bound to it.
 *
 * @param type       the parameter's C type (for a variadic argument, the type its first value was promoted to)
 * @param function   the C function, named in errors
 * @param index      the argument's index in its call, named in errors
 * @param exact      whether the carrier's box is also the Java type (a {@code Long} for {@code long}): such a value
 *                   passes without the converter
 * @param nonnull    whether C declares the pointer nonnull
 * @param heapAccess whether the call is critical with heap access, so Java arrays pass in place
 */
record Parameter(CType type, String function, int index, boolean exact, boolean nonnull, boolean heapAccess) {}
