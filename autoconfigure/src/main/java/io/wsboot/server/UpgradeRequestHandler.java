package io.wsboot.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.wsboot.HandshakeRequest;
import io.wsboot.server.jetty.JettyConnection;
import io.wsboot.server.tomcat.TomcatUpgradeHandler;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Takes the upgrade requests of one endpoint (RFC 6455 section 4.2): checks the request,
 * runs the endpoint's {@link HandshakePolicy}, selects the subprotocol, negotiates
 * permessage-deflate, answers 101 and hands the socket to the container's adapter
 * ({@link TomcatUpgradeHandler}, {@link JettyConnection}).
 */
final class UpgradeRequestHandler implements HttpRequestHandler {

	private static final Log logger = LogFactory.getLog(UpgradeRequestHandler.class);

	// JettyConnection is loaded only behind this check: the default build has no Jetty
	private static final boolean JETTY = ClassUtils.isPresent("org.eclipse.jetty.ee11.servlet.ServletContextRequest",
			UpgradeRequestHandler.class.getClassLoader());

	// TomcatUpgradeHandler likewise: a Jetty build has no Tomcat
	private static final boolean TOMCAT = ClassUtils.isPresent(
			"org.apache.coyote.http11.upgrade.InternalHttpUpgradeHandler", UpgradeRequestHandler.class.getClassLoader());

	// the interceptors' API names a handler; the engine has none to give them
	private static final WebSocketHandler NO_HANDLER = new AbstractWebSocketHandler() {
	};

	private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final EndpointDispatcher dispatcher;

	private final HandshakeCapture capture;

	private final HandshakePolicy policy;

	// the application's, around the handshake (an Observation of each upgrade, for instance)
	private final List<HandshakeInterceptor> interceptors;

	UpgradeRequestHandler(EndpointDispatcher dispatcher, HandshakeCapture capture, HandshakePolicy policy,
			List<HandshakeInterceptor> interceptors) {
		this.dispatcher = dispatcher;
		this.capture = capture;
		this.policy = policy;
		this.interceptors = List.copyOf(interceptors);
	}

	@Override
	public void handleRequest(HttpServletRequest servletRequest, HttpServletResponse servletResponse)
			throws IOException, ServletException {
		String key = servletRequest.getHeader("Sec-WebSocket-Key");
		if (!"GET".equals(servletRequest.getMethod())) {
			servletResponse.setHeader(HttpHeaders.ALLOW, "GET");
			refuse(servletResponse, HttpStatus.METHOD_NOT_ALLOWED, "method " + servletRequest.getMethod());
			return;
		}
		if (!hasToken(servletRequest, HttpHeaders.CONNECTION, "upgrade")) {
			refuse(servletResponse, HttpStatus.BAD_REQUEST, "no 'Connection: Upgrade' header");
			return;
		}
		if (!"13".equals(servletRequest.getHeader("Sec-WebSocket-Version"))) {
			servletResponse.setHeader("Sec-WebSocket-Version", "13");
			refuse(servletResponse, HttpStatus.UPGRADE_REQUIRED,
					"version " + servletRequest.getHeader("Sec-WebSocket-Version"));
			return;
		}
		if (!isValidKey(key)) {
			refuse(servletResponse, HttpStatus.BAD_REQUEST, "invalid Sec-WebSocket-Key");
			return;
		}
		ServletServerHttpRequest request = new ServletServerHttpRequest(servletRequest);
		ServletServerHttpResponse response = new ServletServerHttpResponse(servletResponse);
		Map<String, Object> attributes = new HashMap<>();
		int before = 0;
		Exception failure = null;
		try {
			for (HandshakeInterceptor interceptor : this.interceptors) {
				if (!before(interceptor, request, response, attributes)) {
					copyHeaders(response, servletResponse);
					return;
				}
				before++;
			}
			this.capture.beforeHandshake(request, response, attributes);
			if (!this.policy.beforeHandshake(request, response, attributes)) {
				copyHeaders(response, servletResponse);
				return;
			}
			Exception upgradeFailure = null;
			try {
				upgrade(servletRequest, servletResponse, response, key, attributes);
			}
			catch (IOException | ServletException | RuntimeException ex) {
				upgradeFailure = ex;
				throw ex;
			}
			finally {
				this.policy.afterHandshake(request, response, upgradeFailure);
			}
		}
		catch (IOException | ServletException | RuntimeException ex) {
			failure = ex;
			throw ex;
		}
		finally {
			for (int i = before - 1; i >= 0; i--) {
				this.interceptors.get(i).afterHandshake(request, response, NO_HANDLER, failure);
			}
		}
	}

	private void upgrade(HttpServletRequest servletRequest, HttpServletResponse servletResponse,
			ServletServerHttpResponse response, String key, Map<String, Object> attributes) throws IOException, ServletException {
		HandshakeRequest handshake = HandshakeCapture.takeRequest(attributes);
		Map<String, String> pathParams = HandshakeCapture.takePathParams(attributes);
		EndpointSettings settings = this.dispatcher.settings();
		String protocol = selectProtocol(handshake.offeredProtocols(), settings.subprotocols());
		PerMessageDeflate.Negotiated deflate = null;
		if (settings.compression()) {
			List<String> offers = handshake.headers().get("Sec-WebSocket-Extensions");
			deflate = (offers != null) ? PerMessageDeflate.negotiate(offers) : null;
		}
		copyHeaders(response, servletResponse);
		servletResponse.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
		servletResponse.setHeader(HttpHeaders.UPGRADE, "websocket");
		servletResponse.setHeader(HttpHeaders.CONNECTION, "Upgrade");
		servletResponse.setHeader("Sec-WebSocket-Accept", accept(key));
		if (!protocol.isEmpty()) {
			servletResponse.setHeader("Sec-WebSocket-Protocol", protocol);
		}
		if (deflate != null) {
			servletResponse.setHeader("Sec-WebSocket-Extensions", deflate.responseHeader());
		}
		List<String> extensions = (deflate != null) ? List.of(PerMessageDeflate.EXTENSION) : List.of();
		Upgrade upgrade = new Upgrade(this.dispatcher, handshake, pathParams, attributes, protocol, extensions, deflate,
				localAddress(servletRequest));
		if (!(TOMCAT && TomcatUpgradeHandler.upgrade(servletRequest, upgrade))
				&& !(JETTY && JettyConnection.upgradeOnCompletion(servletRequest, upgrade))) {
			// before the 101 is written or the connection registered: the request fails
			throw new IllegalStateException("wsboot's engine runs on Tomcat or Jetty 12.1; this request ("
					+ servletRequest.getClass().getName() + ") is neither's");
		}
		// Registered before the 101 goes out, as ws does: whatever a client that has its
		// 101 causes to be sent to the endpoint (another client's broadcast, say) reaches
		// this connection too, queued until the container hands over the socket. From here
		// the connection holds the upgrade's place.
		upgrade.register();
		this.policy.handedOver(servletRequest);
		try {
			// The 101 goes out now rather than when the request ends: if the client is
			// gone, this write fails, the handshake fails, and the connection goes with its
			// place. Failing at the end of the request, it would only make the container
			// close the socket without ever handing it to the engine.
			servletResponse.flushBuffer();
		}
		catch (IOException | RuntimeException ex) {
			upgrade.abandon();
			throw ex;
		}
	}

	private static boolean before(HandshakeInterceptor interceptor, ServletServerHttpRequest request,
			ServletServerHttpResponse response, Map<String, Object> attributes) throws IOException, ServletException {
		try {
			return interceptor.beforeHandshake(request, response, NO_HANDLER, attributes);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ServletException("Handshake interceptor " + interceptor + " failed", ex);
		}
	}

	private static String selectProtocol(List<String> offered, List<String> supported) {
		for (String protocol : offered) {
			if (supported.contains(protocol)) {
				return protocol;
			}
		}
		return "";
	}

	// Spring's wrapper writes its headers only on a flush, which neither an upgrade nor a refusal does
	private static void copyHeaders(ServletServerHttpResponse response, HttpServletResponse servletResponse) {
		response.getHeaders().forEach((name, values) -> {
			for (String value : values) {
				servletResponse.addHeader(name, value);
			}
		});
	}

	private void refuse(HttpServletResponse response, HttpStatus status, String why) throws IOException {
		if (logger.isDebugEnabled()) {
			logger.debug("Refused upgrade to endpoint '" + this.dispatcher.endpointId() + "' with " + status.value()
					+ ": " + why);
		}
		response.setStatus(status.value());
		response.setContentLength(0);
		response.flushBuffer();
	}

	private static boolean hasToken(HttpServletRequest request, String header, String token) {
		var values = request.getHeaders(header);
		while (values.hasMoreElements()) {
			for (String value : StringUtils.tokenizeToStringArray(values.nextElement(), ",")) {
				if (value.equalsIgnoreCase(token)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isValidKey(@Nullable String key) {
		if (key == null) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(key.trim()).length == 16;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static String accept(String key) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			byte[] digest = sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.ISO_8859_1));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required of every JVM", ex);
		}
	}

	private static @Nullable InetSocketAddress localAddress(HttpServletRequest request) {
		try {
			return new InetSocketAddress(request.getLocalAddr(), request.getLocalPort());
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
