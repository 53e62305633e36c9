package io.spool.wire.codegen;

/** Accumulates Java source lines with four-space indentation. */
final class CodeBuffer {
    private final StringBuilder text = new StringBuilder();
    private int depth;

    CodeBuffer line(String line) {
        if (!line.isEmpty()) {
            text.append("    ".repeat(depth)).append(line);
        }
        text.append('\n');
        return this;
    }

    CodeBuffer blank() {
        return line("");
    }

    /** Writes {@code header + " {"} and indents. */
    CodeBuffer open(String header) {
        line(header + " {");
        depth++;
        return this;
    }

    /** Outdents and writes the closing brace (with an optional suffix such as ";" or " else {"). */
    CodeBuffer close(String suffix) {
        depth--;
        return line("}" + suffix);
    }

    /** Closes the current block and opens the next on the same line: {@code "} else {"}. */
    CodeBuffer reopen(String header) {
        depth--;
        line("} " + header + " {");
        depth++;
        return this;
    }

    CodeBuffer close() {
        return close("");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
