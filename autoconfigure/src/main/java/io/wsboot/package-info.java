/**
 * The wsboot API: {@link io.wsboot.WsEndpoint} and its callback annotations, the
 * {@link io.wsboot.WsConnection} and the {@link io.wsboot.ConnectionRegistry}; and the
 * client: {@link io.wsboot.WsClient}, its {@link io.wsboot.WsClientListener} and the
 * {@link io.wsboot.WsStream} adapter.
 */
@NullMarked
package io.wsboot;

import org.jspecify.annotations.NullMarked;
