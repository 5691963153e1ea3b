/**
 * The engine's adapter to the Servlet 6.1 HTTP upgrade ({@code HttpServletRequest.upgrade}):
 * an {@code HttpUpgradeHandler} over the container's non-blocking streams. Tomcat runs
 * every connection through it; Jetty has an adapter of its own. SPI of the engine, not
 * for applications.
 */
@NullMarked
package io.wsboot.server.servlet;

import org.jspecify.annotations.NullMarked;
