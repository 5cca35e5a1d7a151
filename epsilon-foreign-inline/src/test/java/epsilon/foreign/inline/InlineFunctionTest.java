package epsilon.foreign.inline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlineFunctionTest {
    /** The pattern the javadoc teaches: the handle in a static final field. */
    private static final MethodHandle COS = InlineFunction.define("libm.so.6", "cos",
            FunctionDescriptor.of(ValueLayout.JAVA_DOUBLE, ValueLayout.JAVA_DOUBLE), InlineFunction.LEAF).handle();

    @Test
    void shouldDefineAFunctionFromALibrary() throws Throwable {
        assertEquals(1.0, (double) COS.invokeExact(0.0));
    }

    @Test
    void shouldDefineAFunctionFromTheDefaultLookup() {
        InlineFunction labs = InlineFunction.define("labs",
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), InlineFunction.LEAF);
        assertEquals("labs", labs.name());
        assertEquals(List.of(InlineFunction.LEAF), labs.options());
        assertEquals(5L, labs.call(-5L)); // the one-off boxed form
    }

    @Test
    void shouldRejectAnUnknownSymbol() {
        InlineLinkException e = assertThrows(InlineLinkException.class, () -> InlineFunction.define("epsilon_nope",
                FunctionDescriptor.ofVoid()));
        assertEquals("symbol 'epsilon_nope' not found in the C library or the libraries the JVM has loaded",
                e.getMessage());
        InlineLinkException inLibrary = assertThrows(InlineLinkException.class, () -> InlineFunction.define(
                "libm.so.6", "epsilon_nope", FunctionDescriptor.ofVoid()));
        assertEquals("symbol 'epsilon_nope' not found in library 'libm.so.6'", inLibrary.getMessage());
    }

    @Test
    void shouldRejectAnUnknownLibrary() {
        InlineLinkException e = assertThrows(InlineLinkException.class, () -> InlineFunction.define(
                "libepsilon_nope.so", "f", FunctionDescriptor.ofVoid()));
        assertTrue(e.getMessage().startsWith("library 'libepsilon_nope.so' cannot be loaded"), e.getMessage());
    }

    @Test
    void shouldRethrowUncheckedAsIsAndWrapTheRest() {
        IllegalArgumentException unchecked = new IllegalArgumentException("x");
        assertEquals(unchecked, InlineFunction.rethrow(unchecked));
        RuntimeException wrapped = InlineFunction.rethrow(new Exception("checked"));
        assertEquals("native call failed: java.lang.Exception: checked", wrapped.getMessage());
        assertThrows(StackOverflowError.class, () -> InlineFunction.rethrow(new StackOverflowError()));
    }

    @Test
    void shouldNameEveryNullParameter() {
        FunctionDescriptor labs = FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG);
        assertEquals("name", assertThrows(NullPointerException.class, () -> InlineFunction.define(null, labs))
                .getMessage());
        assertEquals("descriptor", assertThrows(NullPointerException.class, () -> InlineFunction.define("labs",
                null)).getMessage());
        assertEquals("options", assertThrows(NullPointerException.class, () -> InlineFunction.define("labs", labs,
                (Linker.Option[]) null)).getMessage());
        assertEquals("options[1]", assertThrows(NullPointerException.class, () -> InlineFunction.define("labs",
                labs, InlineFunction.LEAF, null)).getMessage());
        assertEquals("library", assertThrows(NullPointerException.class, () -> InlineFunction.define(null, "cos",
                labs)).getMessage());
        assertEquals("name", assertThrows(NullPointerException.class, () -> InlineFunction.define("libm.so.6", null,
                labs)).getMessage());
        InlineFunction defined = InlineFunction.define("labs", labs);
        assertEquals("arguments", assertThrows(NullPointerException.class, () -> defined.call((Object[]) null))
                .getMessage());
        assertEquals("t", assertThrows(NullPointerException.class, () -> InlineFunction.rethrow(null)).getMessage());
        assertEquals("options", assertThrows(NullPointerException.class, () -> new InlineFunction("labs", labs, null,
                defined.handle())).getMessage());
        assertEquals("handle", assertThrows(NullPointerException.class, () -> new InlineFunction("labs", labs,
                List.of(), null)).getMessage());
    }
}
