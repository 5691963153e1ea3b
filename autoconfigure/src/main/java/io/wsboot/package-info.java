/**
 * The wsboot API: {@link io.wsboot.WsEndpoint} and its callback annotations, the
 * {@link io.wsboot.WsConnection} and the {@link io.wsboot.ConnectionRegistry}.
 */
@NullMarked
package io.wsboot;

import org.jspecify.annotations.NullMarked;
