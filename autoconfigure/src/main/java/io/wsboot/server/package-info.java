/**
 * The server engine's own WebSocket protocol handling: the RFC 6455 frame codec, UTF-8
 * validation and the RFC 7692 permessage-deflate extension, used by the Servlet
 * non-blocking I/O integration.
 */
@NullMarked
package io.wsboot.server;

import org.jspecify.annotations.NullMarked;
