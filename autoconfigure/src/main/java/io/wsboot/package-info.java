/**
 * The wsboot server API: {@link io.wsboot.WsEndpoint} and its callback annotations, the
 * {@link io.wsboot.WsConnection}, the {@link io.wsboot.ConnectionRegistry} and the
 * handshake's guards and customizers.
 */
@NullMarked
package io.wsboot;

import org.jspecify.annotations.NullMarked;
