package io.wsboot.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.wsboot.server.EndpointSettings;
import io.wsboot.server.OverflowPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link EndpointSettings}: the merge of {@code ws.endpoints.<id>} over
 * {@code ws.*}, and the checks that name the offending property.
 */
class EndpointSettingsTests {

	private final WsProperties properties = new WsProperties();

	@Test
	void globalSettingsHaveTheDocumentedDefaults() {
		EndpointSettings settings = RouteTable.settings(this.properties);
		assertThat(settings.maxMessageSize()).isEqualTo(64 * 1024);
		assertThat(settings.sendBufferLimit()).isEqualTo(1024 * 1024);
		assertThat(settings.sendTimeLimit()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.heartbeatEnabled()).isTrue();
		assertThat(settings.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
		assertThat(settings.compression()).isFalse();
		assertThat(settings.overflowPolicy()).isEqualTo(OverflowPolicy.CLOSE);
		assertThat(settings.allowedOrigins()).isEmpty();
		assertThat(settings.maxConnections()).isEqualTo(Integer.MAX_VALUE);
		assertThat(settings.idleTimeoutEnabled()).isFalse();
		assertThat(settings.closeOnError()).isTrue();
		assertThat(settings.subprotocols()).isEmpty();
		assertThat(settings.subprotocolRequired()).isFalse();
	}

	@Test
	void everySettingOfAnEndpointOverridesTheGlobalOne() {
		WsProperties.Endpoint endpoint = new WsProperties.Endpoint();
		endpoint.setMaxMessageSize(DataSize.ofBytes(100));
		endpoint.setSendBufferLimit(DataSize.ofBytes(200));
		endpoint.setSendTimeLimit(Duration.ofSeconds(3));
		endpoint.getHeartbeat().setEnabled(false);
		endpoint.getHeartbeat().setInterval(Duration.ofSeconds(7));
		endpoint.getCompression().setEnabled(true);
		endpoint.setOverflowPolicy(OverflowPolicy.DROP);
		endpoint.setAllowedOrigins(List.of("https://example.com"));
		endpoint.setMaxConnections(5);
		endpoint.setIdleTimeout(Duration.ofMinutes(2));
		endpoint.setCloseOnError(false);
		endpoint.setSubprotocols(List.of("v2.chat"));
		endpoint.setSubprotocolRequired(true);
		assertThat(RouteTable.settings(this.properties, "demo", endpoint))
			.isEqualTo(new EndpointSettings(100, 200, Duration.ofSeconds(3), false, Duration.ofSeconds(7), true,
					OverflowPolicy.DROP, List.of("https://example.com"), 5, Duration.ofMinutes(2), false,
					List.of("v2.chat"), true));
	}

	@Test
	void settingsLeftUnsetInheritTheGlobalOnes() {
		this.properties.setMaxMessageSize(DataSize.ofBytes(1000));
		this.properties.setSendBufferLimit(DataSize.ofBytes(2000));
		this.properties.setSendTimeLimit(Duration.ofSeconds(4));
		this.properties.getHeartbeat().setEnabled(false);
		this.properties.getHeartbeat().setInterval(Duration.ofSeconds(8));
		this.properties.getCompression().setEnabled(true);
		this.properties.setOverflowPolicy(OverflowPolicy.DROP);
		this.properties.setAllowedOrigins(List.of("https://*.example.com"));
		this.properties.setMaxConnections(50);
		this.properties.setIdleTimeout(Duration.ofMinutes(5));
		this.properties.setCloseOnError(false);
		this.properties.setSubprotocols(List.of("v1.chat", "v2.chat"));
		this.properties.setSubprotocolRequired(true);
		EndpointSettings expected = new EndpointSettings(1000, 2000, Duration.ofSeconds(4), false,
				Duration.ofSeconds(8), true, OverflowPolicy.DROP, List.of("https://*.example.com"), 50,
				Duration.ofMinutes(5), false, List.of("v1.chat", "v2.chat"), true);
		assertThat(RouteTable.settings(this.properties, "demo", new WsProperties.Endpoint())).isEqualTo(expected);
		assertThat(RouteTable.settings(this.properties, "demo", null)).isEqualTo(expected);
		assertThat(RouteTable.settings(this.properties)).isEqualTo(expected);
	}

	@Test
	void anEndpointOverridingOneSettingInheritsTheOthers() {
		WsProperties.Endpoint endpoint = new WsProperties.Endpoint();
		endpoint.getHeartbeat().setInterval(Duration.ofSeconds(10));
		EndpointSettings settings = RouteTable.settings(this.properties, "demo", endpoint);
		assertThat(settings).isEqualTo(new EndpointSettings(64 * 1024, 1024 * 1024, Duration.ofSeconds(10), true,
				Duration.ofSeconds(10), false));
	}

	@Test
	void anEndpointMaySwitchOnWhatIsGloballyOff() {
		this.properties.getHeartbeat().setEnabled(false);
		WsProperties.Endpoint endpoint = new WsProperties.Endpoint();
		endpoint.getHeartbeat().setEnabled(true);
		assertThat(RouteTable.settings(this.properties, "demo", endpoint).heartbeatEnabled()).isTrue();
	}

	@Test
	void failsOnANonPositiveGlobalSettingNamingTheGlobalProperty() {
		this.properties.setSendBufferLimit(DataSize.ofBytes(0));
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.settings(this.properties))
			.withMessageContaining("Property 'ws.send-buffer-limit' must be positive");
	}

	@Test
	void failsOnANonPositiveEndpointSettingNamingTheEndpointProperty() {
		WsProperties.Endpoint endpoint = new WsProperties.Endpoint();
		endpoint.setMaxMessageSize(DataSize.ofBytes(0));
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.settings(this.properties, "x", endpoint))
			.withMessageContaining("Property 'ws.endpoints.x.max-message-size' must be positive");
		WsProperties.Endpoint slow = new WsProperties.Endpoint();
		slow.setSendTimeLimit(Duration.ofSeconds(-1));
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.settings(this.properties, "x", slow))
			.withMessageContaining("Property 'ws.endpoints.x.send-time-limit' must be positive");
	}

	@Test
	void failsOnAnInheritedNonPositiveSettingNamingTheGlobalPropertyThatHoldsIt() {
		this.properties.getHeartbeat().setInterval(Duration.ZERO);
		assertThatIllegalStateException()
			.isThrownBy(() -> RouteTable.settings(this.properties, "demo", new WsProperties.Endpoint()))
			.withMessageContaining("Property 'ws.heartbeat.interval' must be positive");
	}

	@Test
	void failsOnANonPositiveMaxConnectionsOrIdleTimeoutNamingTheProperty() {
		WsProperties.Endpoint endpoint = new WsProperties.Endpoint();
		endpoint.setMaxConnections(0);
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.settings(this.properties, "x", endpoint))
			.withMessageContaining("Property 'ws.endpoints.x.max-connections' must be positive");
		this.properties.setIdleTimeout(Duration.ZERO);
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.settings(this.properties))
			.withMessageContaining("Property 'ws.idle-timeout' must be positive");
	}

	@Test
	void failsOnAnAllowedOriginWithAPathNamingTheProperty() {
		WsProperties.Endpoint endpoint = new WsProperties.Endpoint();
		endpoint.setAllowedOrigins(List.of("https://example.com/"));
		assertThatIllegalStateException().isThrownBy(() -> RouteTable.settings(this.properties, "x", endpoint))
			.withMessageContaining("Property 'ws.endpoints.x.allowed-origins' has 'https://example.com/'");
	}

	@Test
	void acceptsAZeroHeartbeatIntervalWhenTheHeartbeatIsOff() {
		this.properties.getHeartbeat().setEnabled(false);
		this.properties.getHeartbeat().setInterval(Duration.ZERO);
		assertThat(RouteTable.settings(this.properties).heartbeatEnabled()).isFalse();
	}

}
