package epsilon.foreign.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import epsilon.foreign.marshalling.ForeignError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** Generated rows through the public entry points: every result is C's, and nothing leaks whatever the values. */
class BatchPropertiesTest {
    private static final BatchPlan PLAN = BatchPlan.builder()
            .call("size_t strlen(const char *s)", "c")
            .call("long labs(long j)", "c")
            .build();

    @Property(tries = 200)
    void everyRowGivesWhatCGives(@ForAll @Size(max = 8) List<@Size(max = 40) String> texts, @ForAll long number) {
        Batch batch = Batch.create().onError(OnError.CONTINUE);
        for (String text : texts) {
            batch.add("size_t strlen(const char *s)", "c", text).add("long labs(long j)", "c", number);
        }
        BatchResults r = batch.run();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int nul = text.indexOf('\0');
            if (r.failure(2 * i).isPresent()) { // text C cannot take (an embedded NUL, say) is refused, not cut
                assertInstanceOf(ForeignError.class, r.failure(2 * i).get());
            } else {
                String seen = nul < 0 ? text : text.substring(0, nul);
                assertEquals(seen.getBytes(StandardCharsets.UTF_8).length, r.getLong(2 * i));
            }
            assertEquals(number == Long.MIN_VALUE ? Long.MIN_VALUE : Math.abs(number), r.getLong(2 * i + 1));
        }
        assertEquals(0, Batch.liveRunMemories());
    }

    @Property(tries = 100)
    void anyRowEitherRunsOrNamesTheCallItStoppedAt(@ForAll("values") Object first, @ForAll("values") Object second) {
        try {
            BatchResults r = PLAN.run(first, second);
            assertEquals(2, r.size());
        } catch (BatchError e) {
            assertEquals(e.index(), e.completed());
            assertEquals(List.of("strlen", "labs").get(e.index()), e.functionName().orElseThrow());
        }
        assertEquals(0, Batch.liveRunMemories());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Object> values() {
        return net.jqwik.api.Arbitraries.oneOf(
                net.jqwik.api.Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                net.jqwik.api.Arbitraries.longs().map(l -> (Object) l),
                net.jqwik.api.Arbitraries.integers().map(i -> (Object) i),
                net.jqwik.api.Arbitraries.doubles().map(d -> (Object) d),
                net.jqwik.api.Arbitraries.just(null));
    }
}
