package io.wsboot.server;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Maps the endpoints' paths to their {@link UpgradeRequestHandler}s for WebSocket upgrade
 * requests only, so that a controller may serve other requests on the same paths.
 */
final class UpgradeHandlerMapping extends SimpleUrlHandlerMapping {

	UpgradeHandlerMapping(Map<String, ?> urlMap, int order) {
		super(urlMap, order);
	}

	@Override
	protected @Nullable Object getHandlerInternal(HttpServletRequest request) throws Exception {
		String upgrade = request.getHeader("Upgrade");
		if (upgrade == null || !upgrade.trim().equalsIgnoreCase("websocket")) {
			return null;
		}
		return super.getHandlerInternal(request);
	}

}
