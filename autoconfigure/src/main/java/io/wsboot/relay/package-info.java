/**
 * Delivery across the instances of an application: the {@link io.wsboot.relay.MessageRelay}
 * that the connection registry hands each cross-instance message to, and the
 * {@link io.wsboot.relay.RelayMessage} it carries. The Redis implementation lives in
 * {@code io.wsboot.relay.redis}; another broker needs only another relay.
 */
@NullMarked
package io.wsboot.relay;

import org.jspecify.annotations.NullMarked;
