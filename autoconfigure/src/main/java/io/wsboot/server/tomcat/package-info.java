/**
 * The engine's adapter to Tomcat: an upgrade handler that runs the connection on Tomcat's
 * socket, as Tomcat's own WebSocket implementation does. Loaded only when Tomcat is on the
 * classpath. SPI of the engine, not for applications.
 */
@NullMarked
package io.wsboot.server.tomcat;

import org.jspecify.annotations.NullMarked;
