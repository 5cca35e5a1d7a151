package epsilon.foreign.marshalling;

import epsilon.foreign.marshalling.internal.convert.MemoryAccess;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Java arrays and lists in native memory: the Java form of Lisp's {@code with-string-array},
 * {@code with-output-array} and {@code with-pinned-array}.
 *
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     MemorySegment argv = NativeArrays.stringArray(List.of("ls", "-l"), arena);  // char *argv[] = {"ls", "-l", NULL}
 *     OutputArray out = NativeArrays.output(CType.INT, 4, arena);                  // int out[4], for C to fill
 *     fill.invokeExact(out.segment(), 4);
 *     int[] values = out.toIntArray();
 *     MemorySegment in = NativeArrays.copyOf(new double[] {1.5, 2.5}, arena);      // double in[2] = {1.5, 2.5}
 * } // all of it is freed here, with the arena
 * }
 *
 * <p>Everything is allocated from the caller's allocator and lives as long as it does; with an
 * {@link java.lang.foreign.Arena} that means "freed when the scope closes". Copies are made because a Java array
 * may move; passing one without a copy ({@code with-pinned-array}) is the job of a downcall linked with
 * {@link java.lang.foreign.Linker.Option#critical(boolean) critical(true)}, which accepts
 * {@link MemorySegment#ofArray(int[])} directly. For C that writes into an array, {@code copyInto} copies the
 * result back.
 */
public final class NativeArrays {
    private NativeArrays() {}

    /**
     * A NULL-terminated {@code char **} of UTF-8 strings; see {@link #stringArray(List, Charset, SegmentAllocator)}.
     *
     * @param strings   the strings, in order; a {@code null} element becomes a {@code NULL} pointer
     * @param allocator owns the pointers and the strings, and frees them
     * @return {@code strings.size() + 1} pointers, the last one {@code NULL}
     * @throws ConversionError if a string contains {@code '\0'}
     */
    public static MemorySegment stringArray(List<String> strings, SegmentAllocator allocator) {
        return stringArray(strings, StandardCharsets.UTF_8, allocator);
    }

    /**
     * A NULL-terminated array of pointers to NUL-terminated strings, as {@code execv}'s {@code argv} or
     * {@code environ}: {@code strings.size() + 1} pointers, the last one {@code NULL}. A {@code null} element
     * becomes a {@code NULL} pointer (which C will take as the end).
     *
     * @param strings   the strings, in order
     * @param charset   the encoding of each string
     * @param allocator owns the pointers and the strings, and frees them
     * @return the first of the pointers, aligned for an address
     * @throws ConversionError if a string contains {@code '\0'} or a character the charset cannot encode
     */
    public static MemorySegment stringArray(List<String> strings, Charset charset, SegmentAllocator allocator) {
        MemorySegment pointers = allocator.allocate(ValueLayout.ADDRESS, strings.size() + 1L);
        long step = ValueLayout.ADDRESS.byteSize();
        for (int i = 0; i < strings.size(); i++) {
            String s = strings.get(i);
            pointers.setAtIndex(ValueLayout.ADDRESS, i,
                    s == null ? MemorySegment.NULL : NativeStrings.toNative(s, charset, allocator));
        }
        pointers.set(ValueLayout.ADDRESS, strings.size() * step, MemorySegment.NULL);
        return pointers;
    }

    /**
     * The strings of a NULL-terminated {@code char **}, such as one built by {@link #stringArray} or C's
     * {@code environ}.
     *
     * @param pointers the array: a zero-length segment (a pointer C gave) is read as {@code maxCount + 1} entries
     * @param charset  the encoding of each string
     * @param maxCount the most strings to read before giving up (protects against an unterminated array)
     * @return the strings before the first {@code NULL} entry, in a new modifiable list
     * @throws ConversionError if {@code pointers} is {@code NULL}, {@code maxCount} is negative, or no NULL entry is
     *                         found within the first {@code maxCount + 1} entries (or the segment's, when it is sized)
     */
    public static List<String> readStringArray(MemorySegment pointers, Charset charset, int maxCount) {
        Objects.requireNonNull(pointers, "pointers");
        Objects.requireNonNull(charset, "charset");
        if (pointers.isNative() && pointers.address() == 0) {
            throw new ConversionError("cannot read a string array at NULL", null, null);
        }
        if (maxCount < 0) {
            throw new ConversionError("cannot read at most " + maxCount + " strings: the count is negative", null,
                    null);
        }
        MemorySegment entries = pointers.byteSize() == 0
                ? pointers.reinterpret(ValueLayout.ADDRESS.byteSize() * (maxCount + 1L))
                : pointers;
        long available = entries.byteSize() / ValueLayout.ADDRESS.byteSize();
        List<String> strings = new ArrayList<>();
        for (long i = 0; i < Math.min(available, maxCount + 1L); i++) {
            MemorySegment entry = entries.getAtIndex(ValueLayout.ADDRESS, i);
            if (entry.address() == 0) {
                return strings;
            }
            strings.add(NativeStrings.fromNative(entry, charset));
        }
        throw new ConversionError("no NULL entry within the first " + Math.min(available, maxCount + 1L)
                + " pointers of the string array at 0x" + Long.toHexString(pointers.address()), null, null);
    }

    /**
     * Exactly {@code count} strings of a {@code char **}, each {@code NULL} entry as {@code null}: the row values and
     * column names {@code sqlite3_exec} gives its callback, {@code argv} with its count. Never reads entry
     * {@code count} or beyond, so two arrays side by side are not read as one. A pointer C gave (a zero-length
     * segment, or one sized to a single entry as a {@code char **} parameter of a callback arrives) is trusted to
     * have {@code count} entries, as C trusts it: a wrong count there reads memory that is not the array, which no
     * library can check. A segment of Java's own must hold {@code count} entries.
     *
     * @param pointers the first entry
     * @param count    how many entries to read
     * @param charset  the encoding of each string
     * @return {@code count} strings, {@code null} for each {@code NULL} entry
     * @throws ConversionError for a negative count, {@code pointers} NULL with a count above 0, or a segment of
     *                         Java's own that holds fewer than {@code count} entries
     */
    public static String[] readStrings(MemorySegment pointers, int count, Charset charset) {
        Objects.requireNonNull(pointers, "pointers");
        Objects.requireNonNull(charset, "charset");
        if (count < 0) {
            throw new ConversionError("cannot read " + count + " strings: the count is negative", null, null);
        }
        String[] strings = new String[count];
        if (count == 0) {
            return strings;
        }
        if (pointers.address() == 0 && pointers.isNative()) {
            throw new ConversionError("cannot read " + count + " strings at NULL", null, null);
        }
        long bytes = ValueLayout.ADDRESS.byteSize() * count;
        // A pointer C gave is zero-length, or sized to one entry when it was read as a char ** (a callback's
        // parameter): its extent is what the count says, as in C.
        boolean fromC = pointers.isNative() && (pointers.byteSize() == 0
                || pointers.byteSize() == ValueLayout.ADDRESS.byteSize());
        MemorySegment entries = fromC ? MemoryAccess.sized(pointers, bytes) : pointers;
        if (entries.byteSize() < bytes) {
            throw new ConversionError("cannot read " + count + " strings from a segment of " + entries.byteSize()
                    + " bytes (" + bytes + " needed)", null, null);
        }
        for (int i = 0; i < count; i++) {
            strings[i] = NativeStrings.fromNative(entries.getAtIndex(ValueLayout.ADDRESS, i), charset);
        }
        return strings;
    }

    /**
     * {@link #readStrings(MemorySegment, int, Charset)} in UTF-8.
     *
     * @param pointers the first entry
     * @param count    how many entries to read
     * @return {@code count} strings, {@code null} for each {@code NULL} entry
     * @throws ConversionError as {@link #readStrings(MemorySegment, int, Charset)}
     */
    public static String[] readStrings(MemorySegment pointers, int count) {
        return readStrings(pointers, count, StandardCharsets.UTF_8);
    }

    /**
     * Native memory for {@code count} elements of {@code element} for C to fill (Lisp
     * {@code with-output-array}); read the values back with the {@link OutputArray}'s methods.
     *
     * @param element   the element type; it must have a size
     * @param count     the number of elements
     * @param allocator owns the memory and frees it
     * @return the array, its memory not cleared (an {@code Arena} zeroes it, other allocators may not)
     * @throws DeclarationError if {@code element} is {@code void} or has no size, or {@code count} is negative
     */
    public static OutputArray output(CType element, int count, SegmentAllocator allocator) {
        CType array = CType.arrayOf(element, count);
        return new OutputArray(array, allocator.allocate(array.layout()));
    }

    /**
     * A native copy of {@code values}, aligned for {@code int}.
     *
     * @param values    the elements
     * @param allocator owns the copy and frees it
     * @return {@code values.length} elements in the platform's byte order
     */
    public static MemorySegment copyOf(int[] values, SegmentAllocator allocator) {
        return allocator.allocateFrom(ValueLayout.JAVA_INT, values);
    }

    /**
     * A native copy of {@code values}, aligned for {@code long}.
     *
     * @param values    the elements
     * @param allocator owns the copy and frees it
     * @return {@code values.length} elements in the platform's byte order
     */
    public static MemorySegment copyOf(long[] values, SegmentAllocator allocator) {
        return allocator.allocateFrom(ValueLayout.JAVA_LONG, values);
    }

    /**
     * A native copy of {@code values}, aligned for {@code double}.
     *
     * @param values    the elements
     * @param allocator owns the copy and frees it
     * @return {@code values.length} elements in the platform's byte order
     */
    public static MemorySegment copyOf(double[] values, SegmentAllocator allocator) {
        return allocator.allocateFrom(ValueLayout.JAVA_DOUBLE, values);
    }

    /**
     * A native copy of {@code values}, aligned for {@code float}.
     *
     * @param values    the elements
     * @param allocator owns the copy and frees it
     * @return {@code values.length} elements in the platform's byte order
     */
    public static MemorySegment copyOf(float[] values, SegmentAllocator allocator) {
        return allocator.allocateFrom(ValueLayout.JAVA_FLOAT, values);
    }

    /**
     * A native copy of {@code values}, aligned for {@code short}.
     *
     * @param values    the elements
     * @param allocator owns the copy and frees it
     * @return {@code values.length} elements in the platform's byte order
     */
    public static MemorySegment copyOf(short[] values, SegmentAllocator allocator) {
        return allocator.allocateFrom(ValueLayout.JAVA_SHORT, values);
    }

    /**
     * A native copy of {@code values}.
     *
     * @param values    the bytes
     * @param allocator owns the copy and frees it
     * @return {@code values.length} bytes
     */
    public static MemorySegment copyOf(byte[] values, SegmentAllocator allocator) {
        return allocator.allocateFrom(ValueLayout.JAVA_BYTE, values);
    }

    /**
     * A native copy of {@code values} as 16-bit code units (C's {@code char16_t}/{@code unsigned short}).
     *
     * @param values    the code units; no terminator is added
     * @param allocator owns the copy and frees it
     * @return {@code values.length} code units in the platform's byte order
     */
    public static MemorySegment copyOf(char[] values, SegmentAllocator allocator) {
        return allocator.allocateFrom(ValueLayout.JAVA_CHAR, values);
    }

    /**
     * A native copy of any Java primitive array except {@code boolean[]}.
     *
     * @param array     the array to copy
     * @param allocator owns the copy and frees it
     * @return the copy, as the {@code copyOf} overload for the array's type makes it
     * @throws IllegalArgumentException if {@code array} is not such an array
     */
    public static MemorySegment copyOfArray(Object array, SegmentAllocator allocator) {
        return switch (Objects.requireNonNull(array, "array")) {
            case int[] a -> copyOf(a, allocator);
            case long[] a -> copyOf(a, allocator);
            case double[] a -> copyOf(a, allocator);
            case float[] a -> copyOf(a, allocator);
            case short[] a -> copyOf(a, allocator);
            case byte[] a -> copyOf(a, allocator);
            case char[] a -> copyOf(a, allocator);
            default -> throw new IllegalArgumentException("not a copyable primitive array: " + array.getClass().getTypeName());
        };
    }

    /**
     * Copies {@code destination.length} ints from {@code source} back into a Java array, after C has written them.
     *
     * @param source      the native array, from its first element; a zero-length segment C returned must be
     *                    {@code reinterpret}ed to its size first
     * @param destination receives the values
     * @throws IndexOutOfBoundsException if {@code source} is shorter than {@code destination}
     */
    public static void copyInto(MemorySegment source, int[] destination) {
        MemorySegment.copy(source, ValueLayout.JAVA_INT, 0, destination, 0, destination.length);
    }

    /**
     * Copies {@code destination.length} longs back into a Java array; see {@link #copyInto(MemorySegment, int[])}.
     *
     * @param source      the native array, from its first element
     * @param destination receives the values
     * @throws IndexOutOfBoundsException if {@code source} is shorter than {@code destination}
     */
    public static void copyInto(MemorySegment source, long[] destination) {
        MemorySegment.copy(source, ValueLayout.JAVA_LONG, 0, destination, 0, destination.length);
    }

    /**
     * Copies {@code destination.length} doubles back into a Java array; see {@link #copyInto(MemorySegment, int[])}.
     *
     * @param source      the native array, from its first element
     * @param destination receives the values
     * @throws IndexOutOfBoundsException if {@code source} is shorter than {@code destination}
     */
    public static void copyInto(MemorySegment source, double[] destination) {
        MemorySegment.copy(source, ValueLayout.JAVA_DOUBLE, 0, destination, 0, destination.length);
    }

    /**
     * Copies {@code destination.length} bytes back into a Java array; see {@link #copyInto(MemorySegment, int[])}.
     *
     * @param source      the native array, from its first element
     * @param destination receives the values
     * @throws IndexOutOfBoundsException if {@code source} is shorter than {@code destination}
     */
    public static void copyInto(MemorySegment source, byte[] destination) {
        MemorySegment.copy(source, ValueLayout.JAVA_BYTE, 0, destination, 0, destination.length);
    }
}
