package io.wsboot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import io.wsboot.WsEndpoint;
import io.wsboot.server.EndpointSettings;
import org.junit.jupiter.api.Test;

import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RouteTable}: how {@code @WsEndpoint} beans and {@code ws.endpoints}
 * merge, and the startup errors that name the offender.
 */
class RouteTableTests {

	private final WsProperties properties = new WsProperties();

	private final Map<String, WsEndpoint> annotated = new LinkedHashMap<>();

	@Test
	void servesAnAnnotatedBeanUnderItsBeanNameOnItsPaths() {
		this.annotated.put("echo", annotation(Echo.class));
		RouteTable routes = build("echo");
		assertThat(routes.endpoints()).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.id()).isEqualTo("echo");
			assertThat(endpoint.beanName()).isEqualTo("echo");
			assertThat(endpoint.paths()).containsExactly("/echo", "/echo2");
			assertThat(endpoint.settings()).isEqualTo(RouteTable.settings(this.properties));
		});
	}

	@Test
	void annotationIdNamesTheEndpoint() {
		this.annotated.put("chatEndpoint", annotation(Chat.class));
		assertThat(build("chatEndpoint").endpoints()).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.id()).isEqualTo("chat");
			assertThat(endpoint.beanName()).isEqualTo("chatEndpoint");
		});
	}

	@Test
	void yamlPathsReplaceAnnotationPaths() {
		this.annotated.put("echo", annotation(Echo.class));
		endpoint("echo").setPaths(List.of("/yaml-echo"));
		assertThat(build("echo").endpoints()).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.paths()).containsExactly("/yaml-echo");
			assertThat(endpoint.beanName()).isEqualTo("echo");
		});
	}

	@Test
	void yamlSettingsWithoutPathsKeepAnnotationPaths() {
		this.annotated.put("echo", annotation(Echo.class));
		endpoint("echo").setMaxMessageSize(DataSize.ofBytes(100));
		assertThat(build("echo").endpoints()).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.paths()).containsExactly("/echo", "/echo2");
			assertThat(endpoint.settings().maxMessageSize()).isEqualTo(100);
		});
	}

	@Test
	void oneHandlerServesSeveralEndpointIds() {
		this.annotated.put("echo", annotation(Echo.class));
		WsProperties.Endpoint loud = endpoint("loud");
		loud.setHandler("echo");
		loud.setPaths(List.of("/loud"));
		loud.getHeartbeat().setEnabled(false);
		WsProperties.Endpoint quiet = endpoint("quiet");
		quiet.setHandler("plainHandler");
		quiet.setPaths(List.of("/quiet"));
		RouteTable routes = build("echo", "plainHandler");
		assertThat(routes.endpoints()).extracting(RouteTable.Endpoint::id).containsExactly("echo", "loud", "quiet");
		assertThat(routes.endpoints()).extracting(RouteTable.Endpoint::beanName)
			.containsExactly("echo", "echo", "plainHandler");
		assertThat(routes.endpoints().get(1).settings().heartbeatEnabled()).isFalse();
		assertThat(routes.endpoints().get(0).settings().heartbeatEnabled()).isTrue();
	}

	@Test
	void yamlHandlerReplacesTheBeanOfAnAnnotatedEndpointWithTheSameId() {
		this.annotated.put("echo", annotation(Echo.class));
		endpoint("echo").setHandler("other");
		assertThat(build("echo", "other").endpoints()).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.beanName()).isEqualTo("other");
			assertThat(endpoint.paths()).containsExactly("/echo", "/echo2");
		});
	}

	@Test
	void failsOnTwoAnnotatedBeansClaimingOnePath() {
		this.annotated.put("echo", annotation(Echo.class));
		this.annotated.put("copy", annotation(EchoCopy.class));
		assertThatIllegalStateException().isThrownBy(() -> build("echo", "copy"))
			.withMessageContaining("'/echo'")
			.withMessageContaining("@WsEndpoint bean 'echo'")
			.withMessageContaining("@WsEndpoint bean 'copy'");
	}

	@Test
	void failsOnAYamlEndpointClaimingTheOnePathOfAnAnnotatedBean() {
		this.annotated.put("echo", annotation(Echo.class));
		WsProperties.Endpoint other = endpoint("other");
		other.setHandler("otherBean");
		other.setPaths(List.of("/echo2"));
		assertThatIllegalStateException().isThrownBy(() -> build("echo", "otherBean"))
			.withMessageContaining("'/echo2'")
			.withMessageContaining("@WsEndpoint bean 'echo'")
			.withMessageContaining("'ws.endpoints.other'");
	}

	@Test
	void countsTemplatesThatDifferOnlyInVariableNamesAsTheSamePath() {
		WsProperties.Endpoint a = endpoint("a");
		a.setHandler("bean");
		a.setPaths(List.of("/rooms/{a}"));
		WsProperties.Endpoint b = endpoint("b");
		b.setHandler("bean");
		b.setPaths(List.of("/rooms/{b}"));
		assertThatIllegalStateException().isThrownBy(() -> build("bean"))
			.withMessageContaining("Path '/rooms/{b}' of endpoint 'b'")
			.withMessageContaining("already claimed as '/rooms/{a}' by endpoint 'a'");
	}

	@Test
	void acceptsTemplatesOfDifferentShapes() {
		WsProperties.Endpoint a = endpoint("a");
		a.setHandler("bean");
		a.setPaths(List.of("/rooms/{room}", "/rooms/{room}/users/{user}", "/rooms"));
		assertThat(build("bean").endpoints()).singleElement()
			.satisfies((endpoint) -> assertThat(endpoint.paths()).hasSize(3));
	}

	@Test
	void failsOnAHandlerPropertyNamingAMissingBean() {
		WsProperties.Endpoint x = endpoint("x");
		x.setHandler("missing");
		x.setPaths(List.of("/x"));
		assertThatIllegalStateException().isThrownBy(() -> build())
			.withMessageContaining("'ws.endpoints.x.handler'")
			.withMessageContaining("'missing'");
	}

	@Test
	void failsOnAYamlEndpointWithNeitherHandlerNorAnnotatedBean() {
		endpoint("orphan").setPaths(List.of("/orphan"));
		assertThatIllegalStateException().isThrownBy(() -> build("orphan"))
			.withMessageContaining("'ws.endpoints.orphan'")
			.withMessageContaining("ws.endpoints.orphan.handler");
	}

	@Test
	void failsOnAnEndpointWithoutPaths() {
		this.annotated.put("nowhere", annotation(Nowhere.class));
		assertThatIllegalStateException().isThrownBy(() -> build("nowhere"))
			.withMessageContaining("@WsEndpoint bean 'nowhere' declares no path")
			.withMessageContaining("'ws.endpoints.nowhere.paths'");
	}

	@Test
	void failsOnAPathThatDoesNotStartWithASlash() {
		WsProperties.Endpoint x = endpoint("x");
		x.setHandler("bean");
		x.setPaths(List.of("chat"));
		assertThatIllegalStateException().isThrownBy(() -> build("bean"))
			.withMessageContaining("'ws.endpoints.x' has path 'chat' which does not start with '/'");
	}

	@Test
	void failsOnAnEmptyPath() {
		WsProperties.Endpoint x = endpoint("x");
		x.setHandler("bean");
		x.setPaths(List.of(""));
		assertThatIllegalStateException().isThrownBy(() -> build("bean"))
			.withMessageContaining("'ws.endpoints.x' has path ''");
	}

	@Test
	void failsOnAnInvalidPathPattern() {
		WsProperties.Endpoint x = endpoint("x");
		x.setHandler("bean");
		x.setPaths(List.of("/rooms/{room"));
		assertThatIllegalStateException().isThrownBy(() -> build("bean"))
			.withMessageContaining("'ws.endpoints.x' has invalid path '/rooms/{room'");
	}

	@Test
	void failsOnTwoAnnotatedBeansWithTheSameId() {
		this.annotated.put("chatEndpoint", annotation(Chat.class));
		this.annotated.put("otherChat", annotation(OtherChat.class));
		assertThatIllegalStateException().isThrownBy(() -> build("chatEndpoint", "otherChat"))
			.withMessageContaining("'chatEndpoint' and 'otherChat'")
			.withMessageContaining("'chat'");
	}

	@Test
	void givesEachEndpointItsOwnSettings() {
		this.properties.getHeartbeat().setInterval(Duration.ofSeconds(30));
		this.annotated.put("echo", annotation(Echo.class));
		this.annotated.put("chatEndpoint", annotation(Chat.class));
		endpoint("chat").getHeartbeat().setInterval(Duration.ofSeconds(10));
		RouteTable routes = build("echo", "chatEndpoint");
		assertThat(routes.endpoints()).extracting((endpoint) -> endpoint.settings().heartbeatInterval())
			.containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(10));
	}

	@Test
	void variablesListsTheTemplateVariablesInOrder() {
		assertThat(RouteTable.variables("/rooms/{room}/users/{user}")).containsExactly("room", "user");
		assertThat(RouteTable.variables("/files/{*path}")).containsExactly("path");
		assertThat(RouteTable.variables("/items/{id:\\d+}")).containsExactly("id");
		assertThat(RouteTable.variables("/plain")).isEmpty();
	}

	private RouteTable build(String... beans) {
		Predicate<String> beanExists = Set.of(beans)::contains;
		return RouteTable.build(this.annotated, beanExists, this.properties);
	}

	private WsProperties.Endpoint endpoint(String id) {
		return this.properties.getEndpoints().computeIfAbsent(id, (key) -> new WsProperties.Endpoint());
	}

	private static WsEndpoint annotation(Class<?> type) {
		// synthesized, as the bean factory returns it, so that value and paths are aliases
		WsEndpoint annotation = AnnotationUtils.findAnnotation(type, WsEndpoint.class);
		assertThat(annotation).isNotNull();
		return annotation;
	}

	@WsEndpoint({ "/echo", "/echo2" })
	static class Echo {

	}

	@WsEndpoint(paths = "/echo")
	static class EchoCopy {

	}

	@WsEndpoint(paths = "/chat", id = "chat")
	static class Chat {

	}

	@WsEndpoint(paths = "/other-chat", id = "chat")
	static class OtherChat {

	}

	@WsEndpoint
	static class Nowhere {

	}

}
