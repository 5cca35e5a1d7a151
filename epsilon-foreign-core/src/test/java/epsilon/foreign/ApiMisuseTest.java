package epsilon.foreign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.marshalling.AllocationError;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.DeclarationError;
import epsilon.foreign.marshalling.NullArgumentError;
import epsilon.foreign.marshalling.StructType;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Mistakes with the API itself rather than with C: sizes no memory can have, and {@code null} where the API (not C)
 * needs a value. Each is a documented exception naming the value, never an OutOfMemoryError, an ArithmeticException
 * or a bare JDK exception.
 */
class ApiMisuseTest {
    @Test
    void shouldRefuseSizesNoMemoryCanHaveWithTheSizeInTheMessage() {
        assertAllocationError("cannot allocate 9223372036854775807 elements of uint8_t (1 byte each),"
                + " 9223372036854775807 bytes: the system has not that much memory to give",
                () -> Foreign.foreignAlloc(Long.MAX_VALUE));
        assertAllocationError("cannot allocate 0 elements of uint8_t (1 byte each): the count must be positive",
                () -> Foreign.foreignAlloc(0));
        assertAllocationError("cannot allocate -1 elements of int (4 bytes each): the count must be positive",
                () -> Foreign.foreignAlloc(CType.INT, -1));
        assertAllocationError("cannot allocate 2305843009213693951 elements of long (8 bytes each): the size"
                + " overflows a long", () -> Foreign.foreignAlloc(CType.LONG, Long.MAX_VALUE / 4));
        AllocationError fromTheSystem = assertThrows(AllocationError.class, () -> Foreign.foreignAlloc(1L << 50));
        assertInstanceOf(OutOfMemoryError.class, fromTheSystem.getCause());
        assertAllocationError("cannot allocate 0 elements of int (4 bytes each): the count must be positive",
                () -> Foreign.withForeignMemory(CType.INT, 0, memory -> memory));
    }

    @Test
    void shouldNameTheApiParameterThatIsNull() {
        assertNullParameter("function", () -> Foreign.call(null, 1));
        assertNullParameter("prototype", () -> Foreign.sharedCall((String) null, "c"));
        assertNullParameter("library", () -> Foreign.sharedCall("long labs(long j)", null, 1L));
        assertNullParameter("returnType", () -> Foreign.sharedCall("labs", "c", (CType) null, List.of(CType.LONG),
                1L));
        assertNullParameter("argumentTypes", () -> Foreign.sharedCall("labs", "c", "long", (String[]) null, 1L));
        assertNullParameter("argumentTypes", () -> Foreign.sharedCallFast("labs", "c", CType.LONG, null, 1L));
        assertNullParameter("prototype", () -> Foreign.defshared((String) null, "c"));
        assertNullParameter("library", () -> Foreign.defshared("long labs(long j)", null));
        assertNullParameter("parameterTypes", () -> Foreign.defshared("labs", "c", CType.LONG, (CType[]) null));
        assertNullParameter("options", () -> Foreign.with((CallOption[]) null));
        assertNullParameter("nameOrPath", () -> Foreign.libOpen(null));
        assertNullParameter("directories", () -> Foreign.libOpen("c", null));
        assertNullParameter("library", () -> Foreign.libClose(null));
        assertNullParameter("symbol", () -> Foreign.libFunction(Foreign.libOpen("c"), null));
        assertNullParameter("type", () -> Foreign.bind(null, "c"));
        assertNullParameter("library", () -> Foreign.bind(Runnable.class, null));
        assertNullParameter("lookup", () -> Foreign.bind(Runnable.class, "c", null));
        assertNullParameter("type", () -> Foreign.foreignAlloc((CType) null));
        assertNullParameter("segment", () -> Foreign.foreignFree((MemorySegment) null));
        assertNullParameter("memory", () -> Foreign.foreignFree((ForeignMemory) null));
        assertNullParameter("function", () -> CallOption.freedWith(null));
    }

    @Test
    void shouldRefuseNullForAStructByValue() {
        StructType inAddr = StructType.struct("struct in_addr").field("s_addr", "uint32_t").build();
        NullArgumentError e = assertThrows(NullArgumentError.class, () -> Foreign.sharedCall("inet_ntoa", "c",
                CType.STRING, List.of(inAddr), MemorySegment.NULL));
        assertEquals("argument 0 of inet_ntoa: NULL is not a struct in_addr value; a struct by value needs a segment"
                + " holding its 4 bytes", e.getMessage());
        NullArgumentError javaNull = assertThrows(NullArgumentError.class, () -> Foreign.sharedCall("inet_ntoa", "c",
                CType.STRING, List.of(inAddr), (Object) null));
        assertEquals("argument 0 of inet_ntoa: null is not a value of C type struct in_addr", javaNull.getMessage());
        assertEquals("1.0.0.127", Foreign.sharedCall("inet_ntoa", "c", CType.STRING, List.of(inAddr),
                Map.of("s_addr", 0x7F000001L))); // and the call still works
    }

    @Test
    void shouldRefuseAStructByValueTheLinkerCannotPassWhenTheFunctionIsMade() {
        DeclarationError e = assertThrows(DeclarationError.class, () -> Foreign.defshared(
                "int abs(struct p { char c; int x; } __attribute__((packed)) value)", "c"));
        assertEquals("cannot call abs (int abs(struct p value)): parameter 0 (value) is struct p by value, which the"
                + " FFM linker cannot pass: field 'x' (int) is at offset 1, not a multiple of its alignment 4, so C"
                + " passes the struct in memory, which no layout asks the FFM linker for", e.getMessage());
        assertEquals("abs", e.functionName().orElseThrow());
    }

    private static void assertAllocationError(String message, Supplier<?> allocation) {
        AllocationError e = assertThrows(AllocationError.class, allocation::get);
        assertEquals(message, e.getMessage());
    }

    private static void assertNullParameter(String parameter, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(parameter, e.getMessage());
    }
}
