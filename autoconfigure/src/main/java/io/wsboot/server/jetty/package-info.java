/**
 * The engine's adapter to Jetty 12.1: a Jetty core {@code Connection} that takes over the
 * upgraded socket. Loaded only when Jetty is on the classpath. SPI of the engine, not for
 * applications.
 */
@NullMarked
package io.wsboot.server.jetty;

import org.jspecify.annotations.NullMarked;
