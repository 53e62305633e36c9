package io.spool.wire.codegen;

import java.util.List;

/** A named group of fields: the message's top level, a struct defined inline, or a common struct. */
public record StructSpec(String name, Versions versions, List<FieldSpec> fields) {
}
