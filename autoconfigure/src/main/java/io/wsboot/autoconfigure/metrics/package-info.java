/**
 * Micrometer meters of the WebSocket server, when the application has a
 * {@code MeterRegistry}.
 */
@NullMarked
package io.wsboot.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
