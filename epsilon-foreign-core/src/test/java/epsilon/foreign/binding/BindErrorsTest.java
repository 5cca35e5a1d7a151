package epsilon.foreign.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import epsilon.foreign.CFunction;
import epsilon.foreign.Encoding;
import epsilon.foreign.Errno;
import epsilon.foreign.Library;
import epsilon.foreign.NativeType;
import epsilon.foreign.Variadic;
import epsilon.foreign.internal.LibraryRegistry;
import epsilon.foreign.internal.binding.InterfaceBinder;
import epsilon.foreign.marshalling.ArgumentTypeError;
import epsilon.foreign.marshalling.ForeignError;
import epsilon.foreign.marshalling.UnknownSymbolError;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Every mistake in a bound interface is reported when it is bound, naming the method and what to change. */
class BindErrorsTest {
    private static final Library LIBC = LibraryRegistry.global().open("c");

    private static <E extends ForeignError> E bindFails(Class<E> error, Class<?> type, String... fragments) {
        E thrown = assertThrows(error, () -> InterfaceBinder.bind(type, LIBC));
        for (String fragment : fragments) {
            assertTrue(thrown.getMessage().contains(fragment),
                    () -> "'" + fragment + "' not in: " + thrown.getMessage());
        }
        return thrown;
    }

    public interface UnknownFunction {
        int epsilon_no_such_function(int x);
    }

    @Test
    void shouldRejectAnUnknownSymbol() {
        UnknownSymbolError error = bindFails(UnknownSymbolError.class, UnknownFunction.class,
                "cannot bind UnknownFunction.epsilon_no_such_function(int)", "'epsilon_no_such_function' not found",
                "@CFunction");
        assertEquals("epsilon_no_such_function", error.functionName().orElseThrow());
    }

    public interface RenamedToNothing {
        @CFunction("epsilon_missing")
        int strlen(String s);
    }

    @Test
    void shouldNameTheSymbolOfARenamedMethod() {
        bindFails(UnknownSymbolError.class, RenamedToNothing.class, "RenamedToNothing.strlen(String)",
                "'epsilon_missing' not found");
    }

    public interface BlankName {
        @CFunction(" ")
        int strlen(String s);
    }

    @Test
    void shouldRejectABlankFunctionName() {
        bindFails(ForeignError.class, BlankName.class, "BlankName.strlen(String)", "@CFunction names no symbol");
    }

    @Test
    void shouldRejectAClass() {
        bindFails(ForeignError.class, Object.class, "cannot bind java.lang.Object: it is a class, not an interface");
    }

    @Test
    void shouldRejectAnAnnotationType() {
        bindFails(ForeignError.class, NativeType.class, "it is an annotation type");
    }

    interface Hidden {
        int abs(int x);
    }

    @Test
    void shouldRejectANonPublicInterface() {
        bindFails(ForeignError.class, Hidden.class, "BindErrorsTest$Hidden: it is not public");
    }

    public sealed interface Sealed permits SealedImpl {
        int abs(int x);
    }

    /** The only permitted implementation of {@link Sealed}. */
    public record SealedImpl() implements Sealed {
        @Override
        public int abs(int x) {
            return Math.abs(x);
        }
    }

    @Test
    void shouldRejectASealedInterface() {
        bindFails(ForeignError.class, Sealed.class, "it is sealed");
    }

    public interface Generic {
        <T> T identity(T value);
    }

    @Test
    void shouldRejectAGenericMethod() {
        bindFails(ForeignError.class, Generic.class, "Generic.identity(Object)", "generic method");
    }

    public interface JavaVarargs {
        int printf(String format, Object... arguments);
    }

    @Test
    void shouldRejectJavaVarargs() {
        bindFails(ForeignError.class, JavaVarargs.class, "JavaVarargs.printf(String, Object[])",
                "@Variadic(fixed = n)");
    }

    public interface UnmappedParameter {
        int abs(Integer boxed);
    }

    @Test
    void shouldRejectAParameterTypeWithoutCMapping() {
        ArgumentTypeError error = bindFails(ArgumentTypeError.class, UnmappedParameter.class,
                "UnmappedParameter.abs(Integer)", "parameter 0", "java.lang.Integer, which has no C mapping");
        assertEquals(0, error.index());
        assertEquals("abs", error.functionName().orElseThrow());
    }

    public interface UnmappedReturn {
        Object getpid();
    }

    @Test
    void shouldRejectAReturnTypeWithoutCMapping() {
        bindFails(ForeignError.class, UnmappedReturn.class, "UnmappedReturn.getpid()",
                "return type java.lang.Object has no C mapping");
    }

    public interface ArrayReturn {
        int[] getpid();
    }

    @Test
    void shouldRejectAnArrayReturnType() {
        bindFails(ForeignError.class, ArrayReturn.class, "return type [I has no C mapping", "MemorySegment");
    }

    public interface MisfitParameter {
        int abs(@NativeType("double") int x);
    }

    @Test
    void shouldRejectANativeTypeThatDoesNotFitTheParameter() {
        bindFails(ArgumentTypeError.class, MisfitParameter.class, "MisfitParameter.abs(int)",
                "@NativeType(\"double\"), which does not fit its Java type int", "declare it as double");
    }

    public interface NarrowJavaType {
        @NativeType("size_t")
        int strlen(String s);
    }

    @Test
    void shouldRejectAJavaTypeNarrowerThanTheCType() {
        bindFails(ForeignError.class, NarrowJavaType.class, "does not fit the Java return type int",
                "declare it as long");
    }

    public interface UnsignedHint {
        int sleep(@NativeType("unsigned int") short seconds);
    }

    @Test
    void shouldSuggestBothJavaTypesOfAnUnsignedType() {
        bindFails(ArgumentTypeError.class, UnsignedHint.class, "declare it as int (the raw bits) or long");
    }

    public interface CharTooWide {
        int abs(@NativeType("int") char c);
    }

    @Test
    void shouldRejectACharForAWiderIntegerType() {
        bindFails(ArgumentTypeError.class, CharTooWide.class, "does not fit its Java type char");
    }

    public interface MisfitReturn {
        @NativeType("double")
        int abs(int x);
    }

    @Test
    void shouldRejectANativeTypeThatDoesNotFitTheReturn() {
        bindFails(ForeignError.class, MisfitReturn.class, "MisfitReturn.abs(int)",
                "return value is declared @NativeType(\"double\"), which does not fit the Java return type int");
    }

    public interface VoidWithType {
        @NativeType("int")
        void srand(@NativeType("unsigned int") int seed);
    }

    @Test
    void shouldRejectANativeTypeOnAVoidMethod() {
        bindFails(ForeignError.class, VoidWithType.class, "returns void but is declared @NativeType(\"int\")");
    }

    public interface NotAType {
        int abs(@NativeType("int int int") int x);
    }

    @Test
    void shouldRejectANativeTypeThatIsNotC() {
        ForeignError error = bindFails(ForeignError.class, NotAType.class, "NotAType.abs(int)",
                "@NativeType(\"int int int\") on parameter 0 is not a C type");
        assertTrue(error.getCause() instanceof ForeignError, "the parser's error is the cause");
    }

    public interface PointerAsString {
        @NativeType("size_t")
        long strlen(@NativeType("void *") String s);
    }

    @Test
    void shouldRejectAStringDeclaredAsAnotherPointer() {
        bindFails(ArgumentTypeError.class, PointerAsString.class, "is a String, so its C type is a char pointer");
    }

    public interface StringReturnAsInt {
        @NativeType("int")
        String getenv(String name);
    }

    @Test
    void shouldRejectAStringReturnDeclaredAsAnInteger() {
        bindFails(ForeignError.class, StringReturnAsInt.class, "the return value is a String");
    }

    public interface SegmentAsInt {
        long strlen(@NativeType("int") MemorySegment s);
    }

    @Test
    void shouldRejectASegmentDeclaredAsAnInteger() {
        bindFails(ArgumentTypeError.class, SegmentAsInt.class, "is a MemorySegment, which is a pointer",
                "declare it as int");
    }

    public interface WrongElementSize {
        MemorySegment memset(@NativeType("long *") int[] values, int c, @NativeType("size_t") long n);
    }

    @Test
    void shouldRejectAnArrayDeclaredWithAnotherElementSize() {
        bindFails(ArgumentTypeError.class, WrongElementSize.class, "is an int[] but is declared @NativeType(\"long *\")",
                "pointer to elements of 4 bytes");
    }

    public interface EncodedInt {
        int abs(@Encoding("UTF-16LE") int x);
    }

    @Test
    void shouldRejectAnEncodingOnANonString() {
        bindFails(ArgumentTypeError.class, EncodedInt.class, "@Encoding is on parameter 0, a int",
                "only String parameters and return values");
    }

    public interface EncodedReturn {
        @Encoding("UTF-16LE")
        int abs(int x);
    }

    @Test
    void shouldRejectAnEncodingOnANonStringReturn() {
        bindFails(ForeignError.class, EncodedReturn.class, "return type int is not a String");
    }

    public interface UnknownCharset {
        long strlen(@Encoding("EPSILON-9") String s);
    }

    @Test
    void shouldRejectAnUnknownCharset() {
        bindFails(ForeignError.class, UnknownCharset.class, "@Encoding(\"EPSILON-9\") is not a charset");
    }

    public interface ErrnoWithoutFailureValue {
        @Errno
        double cos(double x);
    }

    @Test
    void shouldRejectErrnoOnAResultWithoutFailureValue() {
        bindFails(ForeignError.class, ErrnoWithoutFailureValue.class, "@Errno needs a result that signals failure",
                "returns double");
    }

    public interface ErrnoOnVoid {
        @Errno
        void srand(@NativeType("unsigned int") int seed);
    }

    @Test
    void shouldRejectErrnoOnVoid() {
        bindFails(ForeignError.class, ErrnoOnVoid.class, "returns void");
    }

    public interface TooManyFixed {
        @Variadic(fixed = 3)
        int printf(String format, int value);
    }

    @Test
    void shouldRejectAVariadicFixedCountBeyondTheParameters() {
        bindFails(ForeignError.class, TooManyFixed.class, "@Variadic(fixed = 3) must be between 0 and the method's 2");
    }

    public interface First {
        int abs(int x);
    }

    @Test
    void shouldRejectAnUnknownBindMode() {
        String before = System.getProperty("epsilon.bind.mode");
        System.setProperty("epsilon.bind.mode", "jit");
        try {
            bindFails(ForeignError.class, First.class, "epsilon.bind.mode is 'jit'", "'generated' or 'proxy'");
        } finally {
            if (before == null) {
                System.clearProperty("epsilon.bind.mode");
            } else {
                System.setProperty("epsilon.bind.mode", before);
            }
        }
    }
}
