/**
 * The wsboot client, with the words of Node's {@code ws}. The public API is
 * {@link io.wsboot.client.WsClient} and its {@link io.wsboot.client.WsClient.Builder},
 * {@link io.wsboot.client.WsClientListener}, the {@link io.wsboot.client.WsStream}
 * adapter, {@link io.wsboot.client.WsConnectException} and
 * {@link io.wsboot.client.WsClientCustomizer}; the implementation is package-private
 * beside it.
 */
@NullMarked
package io.wsboot.client;

import org.jspecify.annotations.NullMarked;
