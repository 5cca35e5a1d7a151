package epsilon.foreign.marshalling;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Java strings to and from NUL-terminated C strings in any charset.
 *
 * {@snippet :
 * try (Arena arena = Arena.ofConfined()) {
 *     MemorySegment utf8 = NativeStrings.toNative("héllo", arena);                       // 7 bytes: 6 + NUL
 *     MemorySegment wide = NativeStrings.toNative("héllo", StandardCharsets.UTF_16LE, arena); // 12 bytes: 10 + 2-byte NUL
 *     String back = NativeStrings.fromNative(wide, StandardCharsets.UTF_16LE);         // "héllo"
 * } // freed here: the memory belongs to the arena
 * }
 *
 * <p>The terminator is one code unit wide ({@link #terminatorWidth}). {@code UTF-16} and {@code UTF-32} without a
 * stated byte order mean the platform's order and are written without a byte-order mark, as C's
 * {@code char16_t}/{@code wchar_t} strings are. Encoding is strict: a character the charset cannot represent, or
 * an embedded {@code '\0'} (C would see the string cut short), is a {@link ConversionError}; UTF-8 encoding is
 * the JDK's, which writes {@code '?'} for an unpaired surrogate. Decoding replaces malformed input with U+FFFD.
 *
 * <p>Memory comes from the allocator the caller passes: with an {@link java.lang.foreign.Arena} it is freed
 * when the arena closes.
 *
 * <p>Reading from a pointer C returned (a zero-length segment) scans for the terminator without a bound, so
 * this class calls the restricted {@link MemorySegment#reinterpret(long)}: on the module path, run with
 * {@code --enable-native-access=epsilon.foreign.marshalling}.
 */
public final class NativeStrings {
    /** Charsets that {@link MemorySegment#getString(long, Charset)} reads with its own fast terminator scan. */
    private static final Set<Charset> JDK_READABLE = Set.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1,
            StandardCharsets.US_ASCII, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
            Charset.forName("UTF-32LE"), Charset.forName("UTF-32BE"));

    private NativeStrings() {}

    /**
     * The width in bytes of a code unit, and so of the NUL terminator: 2 for the UTF-16 family, 4 for the
     * UTF-32 family, 1 otherwise.
     *
     * @param charset any charset; its name decides
     * @return 1, 2 or 4
     */
    public static int terminatorWidth(Charset charset) {
        String name = charset.name().toUpperCase(java.util.Locale.ROOT);
        return name.contains("UTF-16") ? 2 : name.contains("UTF-32") ? 4 : 1;
    }

    /**
     * {@code s} as a UTF-8, NUL-terminated C string in memory from {@code allocator}.
     *
     * @param s         the text; an unpaired surrogate is written as {@code '?'}
     * @param allocator owns the memory and frees it (an {@code Arena}, when it closes)
     * @return the encoded bytes and a NUL, {@code strlen + 1} bytes
     * @throws ConversionError if {@code s} contains {@code '\0'}
     */
    public static MemorySegment toNative(String s, SegmentAllocator allocator) {
        return toNative(s, StandardCharsets.UTF_8, allocator);
    }

    /**
     * {@code s} as a NUL-terminated C string in {@code charset}, in memory from {@code allocator}, aligned to the
     * code unit width.
     *
     * @param s         the text
     * @param charset   the encoding; UTF-16 and UTF-32 without a stated order are written in the platform's order,
     *                  without a byte-order mark
     * @param allocator owns the memory and frees it
     * @return the encoded text followed by a terminator one code unit wide
     * @throws ConversionError if {@code s} contains {@code '\0'} or a character {@code charset} cannot encode
     */
    public static MemorySegment toNative(String s, Charset charset, SegmentAllocator allocator) {
        Objects.requireNonNull(s, "s");
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            throw new ConversionError("string contains a NUL character at index " + nul + " (length " + s.length()
                    + "); C would see only its first " + nul + " characters", null, null);
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            // The JDK's writer with the charset given: one call less than allocateFrom(s), which the JIT must
            // inline along with the JDK's own dozen (see core's CallFrame.Stack.allocateFrom).
            return allocator.allocateFrom(s, StandardCharsets.UTF_8);
        }
        Charset effective = nativeOrder(charset);
        int width = terminatorWidth(charset);
        ByteBuffer bytes = encode(s, effective);
        MemorySegment segment = allocator.allocate(bytes.remaining() + (long) width, width);
        segment.asByteBuffer().put(bytes);
        segment.asSlice(segment.byteSize() - width).fill((byte) 0);
        return segment;
    }

    /**
     * The UTF-8 C string at {@code pointer}; see {@link #fromNative(MemorySegment, Charset)}.
     *
     * @param pointer the string's first byte: a zero-length segment C returned, or a buffer that holds the NUL
     * @return the text, or {@code null} when {@code pointer} is {@code null} or C's {@code NULL}
     * @throws ConversionError if a sized segment has no NUL within its bounds
     */
    public static String fromNative(MemorySegment pointer) {
        return fromNative(pointer, StandardCharsets.UTF_8);
    }

    /**
     * The UTF-8 C string C allocated for the caller to free, decoded and then freed with {@code free}, the
     * library's own function ({@code sqlite3_free} for an {@code errmsg}, {@code free} for {@code strdup}): the
     * text survives, the memory does not leak. {@code NULL} gives {@code null} and frees nothing.
     *
     * {@snippet :
     * ByReference<MemorySegment> errmsg = ByReference.empty(MemorySegment.class);
     * // ... sqlite3_exec(db, sql, null, null, errmsg)
     * String message = NativeStrings.fromNativeAndFree(errmsg.get(),
     *         p -> Foreign.sharedCall("void sqlite3_free(void *p)", "sqlite3", p));
     * }
     *
     * @param pointer the string C allocated; after this call it is freed and must not be used
     * @param free    called once with {@code pointer} after decoding, also when decoding fails
     * @return the text, or {@code null} for {@code NULL}
     * @throws ConversionError if a sized segment has no NUL within its bounds (the memory is freed all the same)
     */
    public static String fromNativeAndFree(MemorySegment pointer, Consumer<? super MemorySegment> free) {
        return fromNativeAndFree(pointer, StandardCharsets.UTF_8, free);
    }

    /**
     * {@link #fromNativeAndFree(MemorySegment, Consumer)} in {@code charset}.
     *
     * @param pointer the string C allocated; after this call it is freed and must not be used
     * @param charset the encoding, with a terminator one code unit wide
     * @param free    called once with {@code pointer} after decoding, also when decoding fails; not for {@code NULL}
     * @return the text, or {@code null} for {@code NULL}
     * @throws ConversionError if a sized segment has no terminator within its bounds (the memory is freed all the
     *                         same)
     */
    public static String fromNativeAndFree(MemorySegment pointer, Charset charset,
                                           Consumer<? super MemorySegment> free) {
        Objects.requireNonNull(free, "free");
        if (pointer == null || pointer.isNative() && pointer.address() == 0) {
            return null;
        }
        try {
            return fromNative(pointer, charset);
        } finally {
            free.accept(pointer);
        }
    }

    /**
     * The C string at {@code pointer}, up to its terminator. A zero-length segment (a pointer C returned) is read
     * without a bound; a segment with a size (a buffer) must contain the terminator.
     *
     * @param pointer the string's first byte
     * @param charset the encoding; malformed input decodes as U+FFFD
     * @return the text, or {@code null} when {@code pointer} is {@code null} or C's {@code NULL}
     * @throws ConversionError if a sized segment has no terminator within its bounds
     */
    public static String fromNative(MemorySegment pointer, Charset charset) {
        if (pointer == null || pointer.isNative() && pointer.address() == 0) {
            return null;
        }
        MemorySegment text = pointer.byteSize() == 0 ? pointer.reinterpret(Long.MAX_VALUE) : pointer;
        // UTF-8 first: the common case skips the charset set lookup.
        Charset effective = charset == StandardCharsets.UTF_8 ? charset : nativeOrder(charset);
        if (effective == StandardCharsets.UTF_8 || JDK_READABLE.contains(effective)) {
            try {
                return text.getString(0, effective);
            } catch (IndexOutOfBoundsException e) {
                throw unterminated(pointer, charset, e);
            }
        }
        int width = terminatorWidth(charset);
        long length = terminatorOffset(text, width);
        if (length < 0) {
            throw unterminated(pointer, charset, null);
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new ConversionError("C string of " + length + " bytes is too long for a Java String", null, null);
        }
        byte[] bytes = text.asSlice(0, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        return new String(bytes, effective);
    }

    /** The byte offset of the first all-zero code unit of {@code width} bytes, or -1 if the segment has none. */
    private static long terminatorOffset(MemorySegment text, int width) {
        long limit = text.byteSize() - width;
        for (long offset = 0; offset <= limit; offset += width) {
            boolean zero = true;
            for (int i = 0; i < width && zero; i++) {
                zero = text.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset + i) == 0;
            }
            if (zero) {
                return offset;
            }
        }
        return -1;
    }

    private static ConversionError unterminated(MemorySegment pointer, Charset charset, Throwable cause) {
        return new ConversionError("no " + terminatorWidth(charset) + "-byte NUL terminator within the "
                + pointer.byteSize() + " bytes of the segment at address 0x" + Long.toHexString(pointer.address())
                + " (" + charset.name() + ")", null, cause);
    }

    /** {@code UTF-16}/{@code UTF-32} without an order become the platform-order variants, so no BOM is written or expected. */
    static Charset nativeOrder(Charset charset) {
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        return switch (charset.name()) {
            case "UTF-16" -> little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE;
            case "UTF-32" -> Charset.forName(little ? "UTF-32LE" : "UTF-32BE");
            default -> charset;
        };
    }

    private static ByteBuffer encode(String s, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return encoder.encode(CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            int at = firstUnencodable(s, charset);
            throw new ConversionError("cannot encode string in " + charset.name() + ": character "
                    + (at >= 0 ? "'" + s.charAt(at) + "' (U+" + String.format("%04X", (int) s.charAt(at)) + ") at index " + at
                               : "sequence") + " is not representable", null, e);
        }
    }

    private static int firstUnencodable(String s, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder();
        for (int i = 0; i < s.length(); i++) {
            if (!encoder.canEncode(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
