/**
 * The {@link io.wsboot.relay.MessageRelay} on Redis pub/sub, through Lettuce, and the
 * cluster-wide counts kept in Redis.
 */
@NullMarked
package io.wsboot.relay.redis;

import org.jspecify.annotations.NullMarked;
