/**
 * What the engine needs of Tomcat itself, beyond the Servlet API: closing an upgraded
 * socket. Loaded only when Tomcat is on the classpath. SPI of the engine, not for
 * applications.
 */
@NullMarked
package io.wsboot.server.tomcat;

import org.jspecify.annotations.NullMarked;
