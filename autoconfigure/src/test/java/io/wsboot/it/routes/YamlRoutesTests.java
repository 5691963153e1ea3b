package io.wsboot.it.routes;

import io.wsboot.WsConnection;
import io.wsboot.WsEndpoint;
import io.wsboot.it.AbstractEndToEndTests;
import io.wsboot.it.app.ItApplication;
import io.wsboot.testfixture.RecordingClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes declared in YAML alone, {@code ws.endpoints.demo.paths: [/foo, /bar]} with
 * {@code handler: echoEndpoint}, serve that bean on both paths as endpoint {@code demo},
 * beside the bean's own {@code @WsEndpoint} path.
 */
@SpringBootTest(classes = ItApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.config.import=classpath:io/wsboot/it/routes/yaml-routes.yml")
class YamlRoutesTests extends AbstractEndToEndTests {

	@ParameterizedTest
	@ValueSource(strings = { "/foo", "/bar" })
	void yamlPathEchoesAsEndpointDemo(String path) {
		RecordingClient client = connect(path, "yaml" + path);
		client.sendText("hello " + path);
		assertThat(client.nextText()).isEqualTo("hello " + path);
		client.sendBinary(new byte[] { 1, 2, 3 });
		assertThat(client.nextBinary()).containsExactly(1, 2, 3);

		WsConnection connection = serverSide("yaml" + path);
		assertThat(connection.endpointId()).isEqualTo("demo");
		assertThat(connection.path()).isEqualTo(path);
		assertThat(this.registry.count("demo")).isEqualTo(1);
		assertThat(this.registry.count("echo")).isZero();
	}

	@Test
	void bothYamlPathsShareOneEndpoint() {
		RecordingClient foo = connect("/foo", "foo");
		RecordingClient bar = connect("/bar", "bar");
		awaitCount("demo", 2);
		assertThat(this.registry.connections("demo")).extracting(WsConnection::path)
			.containsExactlyInAnyOrder("/foo", "/bar");

		assertThat(this.registry.broadcast("demo", "to both")).isEqualTo(2);
		assertThat(foo.nextText()).isEqualTo("to both");
		assertThat(bar.nextText()).isEqualTo("to both");
	}

	@Test
	void handlerBeanKeepsItsOwnAnnotatedPathAsItsOwnEndpoint() {
		RecordingClient client = connect("/echo", "annotated");
		client.sendText("still here");
		assertThat(client.nextText()).isEqualTo("still here");
		assertThat(serverSide("annotated").endpointId()).isEqualTo("echo");
	}

}
