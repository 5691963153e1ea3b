/**
 * Auto-configuration of the relay that carries broadcasts, publishes and sends to the
 * other instances of the application: {@code ws.relay.*}.
 */
@NullMarked
package io.wsboot.autoconfigure.relay;

import org.jspecify.annotations.NullMarked;
