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
    /**
     * Registers the callback under {@code name} as well as by id and address, for
     * {@link CallbackRegistry#byName(String)} and {@link CallbackRegistry#unregister(String)}.
     *
     * @param name unique among live callbacks: making a second live callback with it throws
     *             {@link CallbackRegistryError}; free again once its callback is closed
     * @return the option, for a {@link Callbacks} or {@link CallbackScope} factory
     * @throws CallbackSignatureError if {@code name} is {@code null} or blank
     */
    static CallbackOption name(String name) {
        return new Name(name);
    }

    /**
     * The value C receives when the Java function throws, instead of 0, 0.0, {@code false} or NULL (a zeroed struct
     * for a struct by value). It is converted when the callback is made, which throws
     * {@link CallbackSignatureError} if it does not fit the result type or the result is {@code void}.
     *
     * @param value of the result's Java type (an {@code Integer} for {@code int}, a constant for an enum, a segment
     *              for a pointer); {@code null} is NULL for a pointer and refused for any other type
     * @return the option, for a {@link Callbacks} or {@link CallbackScope} factory
     */
    static CallbackOption defaultResult(Object value) {
        return new DefaultResult(value);
    }

    /**
     * Hands this callback's failures to {@code handler} instead of the {@link CallbackFailures#setHandler global
     * handler} and the default routing {@link CallbackFailures} describes: they are then never pending, so neither
     * {@link CallbackFailures#rethrowIfPending()} nor {@code withCallback} rethrows them.
     *
     * @param handler runs on the thread the callback ran on, while C waits for the result
     * @return the option, for a {@link Callbacks} or {@link CallbackScope} factory
     * @throws NullPointerException if {@code handler} is {@code null}
     */
    static CallbackOption onFailure(CallbackFailureHandler handler) {
        return new OnFailure(handler);
    }

    /**
     * See {@link #name(String)}.
     *
     * @param name the name the callback is registered under
     */
    record Name(String name) implements CallbackOption {
        /**
         * Refuses a blank name.
         *
         * @param name the name, neither {@code null} nor blank
         * @throws CallbackSignatureError if {@code name} is {@code null} or blank
         */
        public Name {
            if (name == null || name.isBlank()) {
                throw new CallbackSignatureError("a callback name must not be blank: '" + name + "'");
            }
        }
    }

    /**
     * See {@link #defaultResult(Object)}.
     *
     * @param value the result C gets when the function throws, not yet checked against a result type
     */
    record DefaultResult(Object value) implements CallbackOption {}

    /**
     * See {@link #onFailure(CallbackFailureHandler)}.
     *
     * @param handler the handler of the callback's failures
     */
    record OnFailure(CallbackFailureHandler handler) implements CallbackOption {
        /**
         * Refuses a {@code null} handler.
         *
         * @param handler the handler, not {@code null}
         * @throws NullPointerException if {@code handler} is {@code null}
         */
        public OnFailure {
            Objects.requireNonNull(handler, "handler");
        }
    }
}
