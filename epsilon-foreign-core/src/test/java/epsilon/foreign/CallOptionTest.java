package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.ErrnoError;
import epsilon.foreign.marshalling.ForeignError;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallOptionTest {
    private static final int ENOENT = 2;
    private static final int O_RDONLY = 0;

    @Test
    void shouldThrowErrnoErrorWhenOpenFails() {
        ForeignFunction open = Foreign.defshared("int open(const char *path, int flags, ...)", "c",
                CallOption.errno(ErrnoPolicy.THROW));
        ErrnoError e = assertThrows(ErrnoError.class, () -> open.invoke("/epsilon/no/such/file", O_RDONLY));
        assertEquals(ENOENT, e.errno());
        assertEquals("No such file or directory", e.description());
        assertEquals("open failed: errno 2 (No such file or directory)", e.getMessage());
    }

    @Test
    void shouldNotThrowWhenTheCallSucceeds() {
        ForeignFunction open = Foreign.defshared("int open(const char *path, int flags, ...)", "c",
                CallOption.errno(ErrnoPolicy.THROW));
        int fd = (int) open.invoke("/dev/null", O_RDONLY);
        assertTrue(fd >= 0);
        assertEquals(0, Foreign.sharedCall("int close(int fd)", "c", fd));
    }

    @Test
    void shouldReturnTheErrnoWithTheValueWhenAsked() {
        ErrnoResult result = (ErrnoResult) Foreign.with(CallOption.errno(ErrnoPolicy.RETURN))
                .sharedCall("int open(const char *path, int flags, ...)", "c", "/epsilon/no/such/file", O_RDONLY);
        assertEquals(-1, result.value());
        assertEquals(ENOENT, result.errno());
    }

    @Test
    void shouldCaptureErrnoOnEveryCallForm() {
        Caller caller = Foreign.with(CallOption.errno(ErrnoPolicy.THROW));
        assertThrows(ErrnoError.class, () -> caller.sharedCall("chdir", "c", CType.INT, List.of(CType.STRING),
                "/epsilon/no/such/dir"));
        assertThrows(ErrnoError.class, () -> caller.sharedCall("chdir", "c", "int", new String[] {"const char *"},
                "/epsilon/no/such/dir"));
        assertThrows(ErrnoError.class, () -> caller.call("chdir", "/epsilon/no/such/dir"));
    }

    @Test
    void shouldRefuseThrowPolicyWhereNoReturnValueMeansFailure() {
        ForeignError e = assertThrows(ForeignError.class, () -> Foreign.defshared("double sqrt(double x)", "m",
                CallOption.errno(ErrnoPolicy.THROW)));
        assertEquals("errno policy THROW needs a return type with a failure value (a signed integer, which fails as"
                + " -1, or a pointer, which fails as NULL); sqrt returns double: use ErrnoPolicy.RETURN", e.getMessage());
    }

    @Test
    void shouldLetCWriteIntoAJavaArrayZeroCopy() {
        ForeignFunction memset = Foreign.defshared("void *memset(void *s, int c, size_t n)", "c",
                CallOption.zeroCopyArrays());
        byte[] bytes = new byte[8];
        memset.invoke(bytes, 0x2a, 5L);
        assertArrayEquals(new byte[] {42, 42, 42, 42, 42, 0, 0, 0}, bytes);
    }

    @Test
    void shouldLetCFillAJavaIntArrayThroughACopyWithoutCritical() {
        int[] ints = new int[4];
        Foreign.sharedCall("void *memset(void *s, int c, size_t n)", "c", ints, 0xff, 8L);
        assertArrayEquals(new int[] {-1, -1, 0, 0}, ints);
    }

    @Test
    void shouldPassJavaArraysZeroCopyToAReadingFunction() {
        ForeignFunction memcmp = Foreign.defshared("int memcmp(const void *a, const void *b, size_t n)", "c",
                CallOption.zeroCopyArrays());
        long[] a = {1, 2, 3};
        long[] b = Arrays.copyOf(a, 3);
        assertEquals(0, memcmp.invoke(a, b, 24L));
        b[2] = 4;
        assertTrue((int) memcmp.invoke(a, b, 24L) != 0);
    }

    @Test
    void shouldCallCriticalLeafFunctions() {
        ForeignFunction labs = Foreign.with(CallOption.critical()).defshared("labs", "c", CType.LONG, CType.LONG);
        assertEquals(5L, labs.invoke(-5L));
        assertEquals(List.of(CallOption.critical()), labs.options());
    }
}
