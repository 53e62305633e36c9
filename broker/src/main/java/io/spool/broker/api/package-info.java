/**
 * The request dispatch contract: one {@link io.spool.broker.api.ApiHandler} per API, the registry that
 * routes requests to them and advertises exactly the versions they serve. Handlers live in
 * sub-packages per area; nothing here touches Netty channels.
 */
package io.spool.broker.api;
