/**
 * Producer identity: InitProducerId for idempotent producers. Transactions are not here yet; no
 * log or network code.
 */
package io.spool.broker.api.producer;
