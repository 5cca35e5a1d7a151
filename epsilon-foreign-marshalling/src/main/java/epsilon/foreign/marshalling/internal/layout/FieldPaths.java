package epsilon.foreign.marshalling.internal.layout;

import epsilon.foreign.marshalling.ArrayType;
import epsilon.foreign.marshalling.CField;
import epsilon.foreign.marshalling.CType;
import epsilon.foreign.marshalling.FieldPathError;
import epsilon.foreign.marshalling.StructType;

/** Resolves a path such as {@code "pos.x"} or {@code "points[2].y"} to the field it ends at, offsets summed. */
public final class FieldPaths {
    private FieldPaths() {}

    /** See {@link StructType#path(String)}. */
    public static CField resolve(StructType owner, String path) {
        if (path.isEmpty()) {
            throw new FieldPathError(owner.name() + ": empty field path");
        }
        CType type = owner;
        long offset = 0;
        long bitOffset = 0;
        int bitWidth = 0;
        int at = 0;
        boolean first = true;
        while (at < path.length()) {
            if (bitWidth > 0) {
                throw new FieldPathError(owner.name() + ": '" + path + "' goes past bit-field "
                        + path.substring(0, at));
            }
            char c = path.charAt(at);
            if (c == '[') {
                int close = path.indexOf(']', at);
                if (!(type instanceof ArrayType array) || close < 0) {
                    throw new FieldPathError(owner.name() + ": '" + path.substring(0, at) + "' in '" + path
                            + "' is " + (close < 0 ? "followed by an unclosed '['" : "a " + type.name()
                            + ", not an array"));
                }
                long index = index(owner, path, path.substring(at + 1, close));
                if (index >= array.count()) {
                    throw new FieldPathError(owner.name() + ": index " + index + " in '" + path + "' is past the end"
                            + " of " + array.name() + " (length " + array.count() + ")");
                }
                type = array.element();
                offset += index * array.element().byteSize();
                bitOffset = offset * 8;
                at = close + 1;
                continue;
            }
            if (!first) {
                if (c != '.') {
                    throw new FieldPathError(owner.name() + ": expected '.' or '[' at " + at + " in '" + path + "'");
                }
                at++;
            }
            if (!(type instanceof StructType struct)) {
                throw new FieldPathError(owner.name() + ": '" + path.substring(0, Math.max(0, at - 1)) + "' in '"
                        + path + "' is a " + type.name() + ", which has no fields");
            }
            int end = at;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            CField field = struct.field(path.substring(at, end));
            type = field.type();
            bitOffset = offset * 8 + field.bitOffset();
            bitWidth = field.bitWidth();
            offset += field.offset();
            at = end;
            first = false;
        }
        if (first) {
            throw new FieldPathError(owner.name() + ": '" + path + "' names no field");
        }
        return new CField(path, type, offset, bitWidth > 0 ? bitOffset : offset * 8, bitWidth);
    }

    private static long index(StructType owner, String path, String text) {
        try {
            long index = Long.parseLong(text.strip());
            if (index >= 0) {
                return index;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new FieldPathError(owner.name() + ": '" + text + "' in '" + path + "' is not an array index");
    }
}
