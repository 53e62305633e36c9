package io.spool.wire.protocol;

/** A request or response body of one API. */
public interface ApiMessage extends Message {
    short apiKey();
}
