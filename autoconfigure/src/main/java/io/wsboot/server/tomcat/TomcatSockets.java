package io.wsboot.server.tomcat;

import java.lang.reflect.Field;

import jakarta.servlet.ServletOutputStream;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Closes the socket of a connection Tomcat upgraded. Closing a {@link jakarta.servlet.http.WebConnection}
 * there only marks its streams closed: Tomcat closes the socket at the next event on it,
 * which a peer that sends nothing never causes. Tomcat's own WebSocket implementation
 * closes the socket wrapper directly; so does this, through the output stream's field.
 * <p>
 * SPI for the engine's Servlet adapter, not for applications.
 *
 * @since 0.1.0
 */
public final class TomcatSockets {

	private static final Log logger = LogFactory.getLog(TomcatSockets.class);

	private static final String OUTPUT_STREAM = "org.apache.coyote.http11.upgrade.UpgradeServletOutputStream";

	private static final @Nullable Field SOCKET_WRAPPER = socketWrapperField();

	private TomcatSockets() {
	}

	private static @Nullable Field socketWrapperField() {
		if (!ClassUtils.isPresent(OUTPUT_STREAM, TomcatSockets.class.getClassLoader())) {
			return null;
		}
		try {
			Class<?> type = ClassUtils.forName(OUTPUT_STREAM, TomcatSockets.class.getClassLoader());
			Field field = ReflectionUtils.findField(type, "socketWrapper");
			if (field != null) {
				ReflectionUtils.makeAccessible(field);
			}
			return field;
		}
		catch (ClassNotFoundException | LinkageError | RuntimeException ex) {
			logger.debug("Tomcat's upgraded socket cannot be reached; sockets close at their next event", ex);
			return null;
		}
	}

	/**
	 * Close the socket under the given output stream, if Tomcat's.
	 * @param output the upgraded connection's output stream
	 * @return whether it was
	 */
	public static boolean close(ServletOutputStream output) {
		Field field = SOCKET_WRAPPER;
		if (field == null || !field.getDeclaringClass().isInstance(output)) {
			return false;
		}
		Object wrapper = ReflectionUtils.getField(field, output);
		if (wrapper instanceof org.apache.tomcat.util.net.SocketWrapperBase<?> socket) {
			socket.close();
			return true;
		}
		return false;
	}

}
