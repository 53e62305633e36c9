/** Test support shared by the broker's tests: Netty leak checking. Test scope only. */
package io.spool.broker.testing;
