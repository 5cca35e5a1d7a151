/**
 * The Epsilon Foreign facade: opening libraries, calling C functions at every level of convenience (by name with a
 * known prototype, with a prototype or types given at run time, resolved once as a {@link epsilon.foreign.ForeignFunction},
 * bound as an interface), and native allocation. Requires JDK 25 or later.
 *
 * <h2>What a mistake gives</h2>
 * A mistake in a call is an exception, never a JVM crash: a wrong argument count ({@code ArityError}) or type
 * ({@code ArgumentTypeError}), {@code null} where C declares a pointer nonnull ({@code NullArgumentError}), a value
 * out of range ({@code ConversionError}), an unknown library or symbol, a closed library ({@code ClosedLibraryError}),
 * freed memory ({@code FreedMemoryError}), a size no memory can have ({@code AllocationError}), a closed callback
 * ({@code CallbackClosedError}), a callback that threw ({@code CallbackError}, from the call during which it threw):
 * all {@link epsilon.foreign.marshalling.ForeignError}s naming the function, the argument and the value. {@code null}
 * for a parameter of this API itself (a library name, a prototype, an option) is a {@link NullPointerException} whose
 * message is the parameter's name; {@code null} as a C argument is C's {@code NULL} where the C type is a pointer.
 *
 * <h2>What cannot be protected</h2>
 * C code that itself misbehaves is beyond any library's reach: C writing or reading through a pointer that is wrong
 * (a segment too small for what the function writes, a dangling address, {@code NULL} to a function whose headers do
 * not declare the parameter nonnull, such as {@code gmtime_r}), C calling a function pointer after its callback was
 * closed (C kept it past the call it was given to), and a C function's own undefined behaviour (integer division by
 * zero in {@code div}) crash the process as they would in C.
 */
package epsilon.foreign;
