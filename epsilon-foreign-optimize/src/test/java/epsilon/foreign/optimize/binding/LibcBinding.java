package epsilon.foreign.optimize.binding;

import epsilon.foreign.CFunction;
import epsilon.foreign.Critical;
import epsilon.foreign.Encoding;
import epsilon.foreign.Errno;
import epsilon.foreign.FreedWith;
import epsilon.foreign.NativeType;
import epsilon.foreign.Variadic;
import epsilon.foreign.callback.Callback;
import epsilon.foreign.optimize.NativeLibrary;
import epsilon.foreign.struct.StructView;
import java.lang.foreign.MemorySegment;

/** The C library as the binding tests use it, one method per kind of conversion. */
@NativeLibrary("c")
public interface LibcBinding {
    long labs(long value);

    int abs(int value);

    @NativeType("size_t")
    long strlen(String text);

    @CFunction("strlen")
    @NativeType("size_t")
    long strlenOf(MemorySegment text);

    @NativeType("uint32_t")
    long htonl(@NativeType("uint32_t") long value);

    @NativeType("unsigned short")
    int htons(@NativeType("unsigned short") int value);

    char toupper(@NativeType("int") int c);

    @Errno
    int open(String path, int flags);

    @Errno
    int close(int fd);

    @Variadic(fixed = 3)
    int snprintf(MemorySegment buffer, @NativeType("size_t") long size, String format, int number, String text,
                 double real);

    @Variadic(fixed = 3)
    @CFunction("snprintf")
    int snprintfPromoted(MemorySegment buffer, @NativeType("size_t") long size, String format, float real,
                         @NativeType("unsigned char") byte small, char letter);

    @Critical(heapAccess = true)
    MemorySegment memset(byte[] buffer, int value, @NativeType("size_t") long count);

    @CFunction("memcpy")
    MemorySegment copyInts(int[] destination, @NativeType("const int *") int[] source, @NativeType("size_t") long n);

    void qsort(MemorySegment base, @NativeType("size_t") long count, @NativeType("size_t") long size,
               @NativeType("int (*)(const void *, const void *)") Callback compare);

    @FreedWith("free")
    String strdup(String text);

    @NativeType("struct tm *")
    StructView gmtime_r(@NativeType("const time_t *") long[] time, @NativeType("struct tm *") StructView result);

    @NativeType("size_t")
    long wcslen(@Encoding("UTF-32LE") String text);

    @NativeType("char *")
    String getenv(String name);

    int getpid();
}
