/**
 * Auto-configuration of the wsboot client: a {@link io.wsboot.client.WsClient.Builder}
 * bean from {@code ws.client.*}.
 */
@NullMarked
package io.wsboot.autoconfigure.client;

import org.jspecify.annotations.NullMarked;
