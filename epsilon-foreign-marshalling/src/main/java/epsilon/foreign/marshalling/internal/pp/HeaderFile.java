package epsilon.foreign.marshalling.internal.pp;

import epsilon.foreign.marshalling.internal.source.SourcePosition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A header found by the search: a file, or one of the library's built-in headers.
 *
 * @param name     the name positions use: the directory joined with the name as written
 *                 ({@code /usr/include/stdio.h}, {@code <built-in>/stddef.h}), as gcc names files
 * @param identity what tells two names of one file apart from two files ({@code #pragma once}, include guards):
 *                 the real path, or the built-in name
 * @param path     the file, or null for a built-in header
 * @param index    the index in the search chain of the directory it was found in, or -1 when it was not found
 *                 through the chain (the main file, or the including file's own directory)
 */
record HeaderFile(String name, String identity, Path path, int index) {

    /** A file on disk, named {@code name} in positions. */
    static HeaderFile onDisk(Path path, String name, int index) {
        String identity;
        try {
            identity = path.toRealPath().toString();
        } catch (IOException | SecurityException e) {
            identity = path.toAbsolutePath().normalize().toString();
        }
        return new HeaderFile(name, identity, path, index);
    }

    /**
     * The text, decoded as UTF-8 (bytes that are not UTF-8, as in some headers' comments, become U+FFFD).
     *
     * @param maxSize the largest size allowed, in bytes
     * @param at      where the file is included from, for errors
     */
    String read(long maxSize, SourcePosition at) {
        if (path == null) {
            return BuiltInHeaders.text(name.substring(BuiltInHeaders.PREFIX.length()));
        }
        try {
            long size = Files.size(path);
            if (size > maxSize) {
                throw Errors.at(at, "file " + name + " is " + size + " bytes, more than the limit of " + maxSize
                        + " (limit maxFileSize)");
            }
            return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Errors.at(at, "cannot read " + name + ": " + e);
        }
    }
}
