package epsilon.foreign.marshalling.internal.pp;

import java.util.Arrays;

/**
 * The names of the macros a token may no longer expand (Prosser's hide set): a token produced by expanding
 * {@code M} carries {@code M}, so that rescanning does not expand {@code M} again (C17 6.10.3.4p2). Immutable,
 * kept as a sorted array: hide sets are a handful of names.
 */
final class HideSet {
    static final HideSet EMPTY = new HideSet(new String[0]);

    private final String[] names;

    private HideSet(String[] names) {
        this.names = names;
    }

    boolean contains(String name) {
        return names.length > 0 && Arrays.binarySearch(names, name) >= 0;
    }

    HideSet with(String name) {
        int at = Arrays.binarySearch(names, name);
        if (at >= 0) {
            return this;
        }
        int insert = -at - 1;
        String[] more = new String[names.length + 1];
        System.arraycopy(names, 0, more, 0, insert);
        more[insert] = name;
        System.arraycopy(names, insert, more, insert + 1, names.length - insert);
        return new HideSet(more);
    }

    HideSet union(HideSet other) {
        if (other.names.length == 0 || other == this) {
            return this;
        }
        if (names.length == 0) {
            return other;
        }
        HideSet result = this;
        for (String name : other.names) {
            result = result.with(name);
        }
        return result;
    }

    HideSet intersect(HideSet other) {
        if (names.length == 0 || other.names.length == 0) {
            return EMPTY;
        }
        if (other == this) {
            return this;
        }
        return new HideSet(Arrays.stream(names).filter(other::contains).toArray(String[]::new));
    }

    @Override
    public String toString() {
        return Arrays.toString(names);
    }
}
