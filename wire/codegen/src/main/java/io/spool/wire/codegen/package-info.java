/**
 * Build-time generator of the protocol message classes: a JSON reader, the spec model and the
 * Java source writers. Depends on nothing but the JDK; nothing at runtime depends on it.
 */
package io.spool.wire.codegen;
