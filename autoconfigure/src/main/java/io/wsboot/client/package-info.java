/**
 * The wsboot client, with the words of Node's {@code ws}: {@link io.wsboot.client.WsClient},
 * its {@link io.wsboot.client.WsClientListener} and the {@link io.wsboot.client.WsStream}
 * adapter.
 */
@NullMarked
package io.wsboot.client;

import org.jspecify.annotations.NullMarked;
