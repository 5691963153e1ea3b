package io.wsboot.it.relay;

import java.io.IOException;
import java.security.Principal;

import io.wsboot.ConnectionRegistry;
import io.wsboot.OnOpen;
import io.wsboot.OnTextMessage;
import io.wsboot.PathParam;
import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One instance of the application the relay's tests start several of: a room endpoint
 * whose connections join their room's topic and learn their connection id, and a
 * filter that makes {@code ?user=NAME} the request's principal.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class RelayApplication {

	@Bean
	OncePerRequestFilter userFromQuery() {
		return new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				String user = request.getParameter("user");
				if (user == null) {
					chain.doFilter(request, response);
					return;
				}
				Principal principal = () -> user;
				chain.doFilter(new HttpServletRequestWrapper(request) {

					@Override
					public Principal getUserPrincipal() {
						return principal;
					}

				}, response);
			}

		};
	}

	/**
	 * {@code /rooms/{room}}: joins the room on open and says {@code id:<connection id>};
	 * every text message is published to the room, the sender included.
	 */
	@WsEndpoint(value = "/rooms/{room}", id = "rooms")
	static class RoomEndpoint {

		private final ConnectionRegistry registry;

		RoomEndpoint(ConnectionRegistry registry) {
			this.registry = registry;
		}

		@OnOpen
		void onOpen(WsConnection connection, @PathParam("room") String room) {
			connection.join(room);
			connection.send("id:" + connection.id());
		}

		@OnTextMessage
		void onText(@PathParam("room") String room, String message) {
			this.registry.publish(room, message);
		}

	}

}
