package io.spool.coordinator;

/**
 * What the coordinator needs to know about a request besides its body.
 *
 * @param version the API version the request was sent with
 * @param clientId the client id of the request header
 * @param clientHost the client's address as Kafka shows it ("/127.0.0.1")
 */
public record RequestInfo(short version, String clientId, String clientHost) {
}
