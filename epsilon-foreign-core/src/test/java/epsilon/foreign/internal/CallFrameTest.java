package epsilon.foreign.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class CallFrameTest {

    @Test
    void aFrameReusesTheMemoryOfTheFrameBeforeIt() {
        CallFrame.Stack stack = CallFrame.stack();
        long mark = stack.mark();
        long first = stack.allocate(16, 8).address();
        stack.release(mark);
        mark = stack.mark();
        assertEquals(first, stack.allocate(16, 8).address());
        stack.release(mark);
    }

    @Test
    void nestedOverflowsAreFreedEachWithItsOwnFrame() {
        CallFrame.Stack stack = CallFrame.stack();
        long outer = stack.mark();
        MemorySegment outerBig = stack.allocate(100_000, 8);
        long inner = stack.mark();
        MemorySegment innerBig = stack.allocate(100_000, 8);
        MemorySegment innerSecond = stack.allocate(100_000, 8);
        stack.release(inner);
        assertFalse(innerBig.scope().isAlive());
        assertFalse(innerSecond.scope().isAlive());
        assertTrue(outerBig.scope().isAlive(), "the outer frame's overflow outlives the inner frame");
        outerBig.set(ValueLayout.JAVA_LONG, 99_992, 7L);
        stack.release(outer);
        assertFalse(outerBig.scope().isAlive());
    }

    @Test
    void theFirstStringOfAFrameOnAnEmptyStackIsTheBlockItself() {
        CallFrame.Stack stack = CallFrame.stack();
        long mark = stack.mark();
        MemorySegment first = stack.allocateFrom("héllo");
        MemorySegment second = stack.allocateFrom("world");
        assertEquals("héllo", first.getString(0));
        assertEquals("world", second.getString(0));
        assertTrue(second.address() > first.address() + "héllo".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        stack.release(mark);
        long again = stack.mark();
        assertSame(first, epsilon.foreign.marshalling.NativeStrings.toNative("x", stack),
                "no segment object for the common case, through marshalling's conversion too");
        stack.release(again);
    }

    @Test
    void aStringLandsAfterTheFramesOtherTemporariesAndOneTooLargeForTheBlockOverflows() {
        CallFrame.Stack stack = CallFrame.stack();
        long mark = stack.mark();
        MemorySegment cell = stack.allocate(8, 8);
        cell.set(ValueLayout.JAVA_LONG, 0, -1L);
        MemorySegment text = stack.allocateFrom("after a cell");
        assertEquals(-1L, cell.get(ValueLayout.JAVA_LONG, 0), "the string must not overwrite the cell before it");
        assertTrue(text.address() >= cell.address() + 8, "at " + text.address() + ", cell at " + cell.address());
        assertEquals("after a cell", text.getString(0));
        String large = "\u00e9".repeat(40_000); // 80,000 bytes of UTF-8: more than the 64 KiB block holds
        MemorySegment overflowed = stack.allocateFrom(large);
        assertEquals(large, overflowed.getString(0));
        assertEquals("after a cell", text.getString(0), "the overflow must not touch the block");
        stack.release(mark);
        assertFalse(overflowed.scope().isAlive(), "the overflow is freed with its frame");
    }

    @Test
    void carriersAreCopiedIntoAnArrayOfTheFrameAndCleared() {
        CallFrame.Stack stack = CallFrame.stack();
        Object[] arguments = {1L, "two"};
        long outer = stack.mark();
        Object[] outerCarriers = stack.carriers(arguments);
        assertNotSame(arguments, outerCarriers);
        assertArrayEquals(arguments, outerCarriers);
        long inner = stack.mark();
        Object[] innerCarriers = stack.carriers(arguments);
        assertNotSame(outerCarriers, innerCarriers, "a nested call must not overwrite its caller's carriers");
        CallFrame.Stack.clearCarriers(innerCarriers);
        stack.release(inner);
        assertArrayEquals(arguments, outerCarriers);
        CallFrame.Stack.clearCarriers(outerCarriers);
        assertArrayEquals(new Object[2], outerCarriers);
        stack.release(outer);
        assertArrayEquals(new Object[] {1L, "two"}, arguments, "the caller's array is never written");
    }
}
