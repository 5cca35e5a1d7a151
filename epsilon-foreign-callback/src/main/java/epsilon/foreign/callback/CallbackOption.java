package epsilon.foreign.callback;

import java.util.Objects;

/**
 * Optional settings of one callback, passed to the {@link Callbacks} factories.
 *
 * {@snippet :
 * Callback cmp = Callbacks.of(Comparator.class, order, signature,
 *         CallbackOption.name("by-key"),               // findable with Callbacks.registry().byName("by-key")
 *         CallbackOption.defaultResult(0),             // what C gets if the comparator throws
 *         CallbackOption.onFailure(f -> log(f.error())));
 * }
 */
public sealed interface CallbackOption {
    /** Registers the callback under {@code name} as well as by id and address; names are unique among live ones. */
    static CallbackOption name(String name) {
        return new Name(name);
    }

    /**
     * The value C receives when the Java function throws, instead of 0, 0.0, {@code false} or NULL. It must fit
     * the result type (an {@code Integer} for {@code int}, a constant for an enum, a segment for a pointer).
     */
    static CallbackOption defaultResult(Object value) {
        return new DefaultResult(value);
    }

    /** Hands this callback's failures to {@code handler} instead of the {@link CallbackFailures global} routing. */
    static CallbackOption onFailure(CallbackFailureHandler handler) {
        return new OnFailure(handler);
    }

    /** See {@link #name(String)}. */
    record Name(String name) implements CallbackOption {
        public Name {
            if (name == null || name.isBlank()) {
                throw new CallbackSignatureError("a callback name must not be blank: '" + name + "'");
            }
        }
    }

    /** See {@link #defaultResult(Object)}. */
    record DefaultResult(Object value) implements CallbackOption {}

    /** See {@link #onFailure(CallbackFailureHandler)}. */
    record OnFailure(CallbackFailureHandler handler) implements CallbackOption {
        public OnFailure {
            Objects.requireNonNull(handler, "handler");
        }
    }
}
