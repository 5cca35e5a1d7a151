package epsilon.foreign.marshalling.internal.parse;

import epsilon.foreign.marshalling.internal.source.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * {@code #pragma pack} as GCC and MSVC read it: {@code pack(n)} sets the largest alignment a member may get,
 * {@code pack()} clears it, {@code pack(push[, name][, n])} saves it first and {@code pack(pop[, name | n])}
 * restores it. Other pragmas are ignored.
 */
final class PackStack {
    private record Saved(String label, long value) {}

    private final Deque<Saved> saved = new ArrayDeque<>();
    private long current;

    /** The limit in force: 0 for none. */
    long current() {
        return current;
    }

    /** Applies a pragma token; anything but {@code pack} is ignored. */
    void pragma(Token pragma, TokenCursor cursor) {
        String text = pragma.text().strip();
        if (!text.startsWith("pack")) {
            return;
        }
        String rest = text.substring(4).strip();
        if (!rest.startsWith("(") || !rest.endsWith(")")) {
            throw cursor.error(pragma, "malformed #pragma pack: '" + text + "'");
        }
        List<String> arguments = new ArrayList<>();
        for (String argument : rest.substring(1, rest.length() - 1).split(",")) {
            if (!argument.isBlank()) {
                arguments.add(argument.strip());
            }
        }
        if (arguments.isEmpty()) {
            current = 0;
            return;
        }
        String first = arguments.getFirst();
        switch (first) {
            case "push" -> {
                String label = null;
                Long value = null;
                for (String argument : arguments.subList(1, arguments.size())) {
                    if (Character.isDigit(argument.charAt(0))) {
                        value = alignment(argument, pragma, cursor);
                    } else {
                        label = argument;
                    }
                }
                saved.push(new Saved(label, current));
                if (value != null) {
                    current = value;
                }
            }
            case "pop" -> {
                String label = arguments.size() > 1 && !Character.isDigit(arguments.get(1).charAt(0))
                        ? arguments.get(1) : null;
                if (label != null) {
                    while (!saved.isEmpty() && !label.equals(saved.peek().label())) {
                        saved.pop();
                    }
                }
                if (!saved.isEmpty()) {
                    current = saved.pop().value();
                }
                if (arguments.size() > 1 && Character.isDigit(arguments.get(1).charAt(0))) {
                    current = alignment(arguments.get(1), pragma, cursor);
                }
            }
            case "show" -> { }
            default -> current = alignment(first, pragma, cursor);
        }
    }

    private static long alignment(String text, Token pragma, TokenCursor cursor) {
        long value;
        try {
            value = Long.decode(text);
        } catch (NumberFormatException e) {
            throw cursor.error(pragma, "#pragma pack value '" + text + "' is not a number");
        }
        if (value != 0 && (value < 0 || Long.bitCount(value) != 1 || value > 16)) {
            throw cursor.error(pragma, "#pragma pack value " + value + " is not 0, 1, 2, 4, 8 or 16");
        }
        return value;
    }
}
