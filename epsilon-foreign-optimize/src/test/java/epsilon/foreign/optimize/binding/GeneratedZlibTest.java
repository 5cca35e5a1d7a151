package epsilon.foreign.optimize.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.UnknownSymbolError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** zlib and libm through generated bindings, and a function no library has, in both modes. */
class GeneratedZlibTest {
    private static final ZlibBinding ZLIB = GeneratedBindings.bind(ZlibBinding.class);
    private static final LibmBinding LIBM = GeneratedBindings.bind(LibmBinding.class);

    @Test
    void shouldRoundTripThroughCompressAndUncompress() {
        byte[] text = "Epsilon Foreign, compiled ahead of time. ".repeat(20).getBytes(StandardCharsets.UTF_8);
        long[] length = {ZLIB.compressBound(text.length)};
        byte[] compressed = new byte[(int) length[0]];
        assertEquals(0, ZLIB.compress(compressed, length, text, text.length));
        assertTrue(length[0] < text.length, "compressed to " + length[0]);
        byte[] restored = new byte[text.length];
        long[] restoredLength = {restored.length};
        assertEquals(0, ZLIB.uncompress(restored, restoredLength, Arrays.copyOf(compressed, (int) length[0]),
                length[0]));
        assertEquals(text.length, restoredLength[0]);
        assertArrayEquals(text, restored);
    }

    @Test
    void shouldReturnTheVersionAndChecksums() {
        assertTrue(ZLIB.zlibVersion().matches("\\d+\\.\\d+.*"), ZLIB.zlibVersion());
        byte[] bytes = "checksum".getBytes(StandardCharsets.US_ASCII);
        CRC32 expected = new CRC32();
        expected.update(bytes);
        assertEquals(expected.getValue(), ZLIB.crc32(0, bytes, bytes.length));
    }

    @Test
    void shouldCallLibm() {
        assertEquals(1.0, LIBM.cos(0.0));
        assertEquals(3.0, LIBM.sqrt(9.0));
        assertEquals((float) Math.sin(0.5), LIBM.sinf(0.5f), 1e-6f);
        assertEquals(48.0, LIBM.ldexp(3.0, 4));
    }

    @Test
    void shouldRefuseAMissingFunctionWhenBound() {
        UnknownSymbolError error = assertThrows(UnknownSymbolError.class,
                () -> GeneratedBindings.bind(MissingBinding.class));
        assertTrue(error.getMessage().startsWith("cannot bind MissingBinding.epsilon_no_such_function(int): "),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("name the C function with @CFunction(\"...\") if it differs from the"
                + " method"), error.getMessage());
    }
}
