package io.wsboot.sample.democlients;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link DemoClients} with {@code sample.demo-clients=true}: clients to the sample's own
 * {@code /foo} and {@code /bar}, each echoed its hello.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sample.demo-clients=true")
@ExtendWith(OutputCaptureExtension.class)
class DemoClientsTests {

	@Test
	void eachClientSaysHelloOnOpenAndLogsTheReply(@Autowired DemoClients demoClients, CapturedOutput output) {
		await().untilAsserted(() -> assertThat(demoClients.replies()).containsExactlyInAnyOrder(
				"/foo: Hello from the /foo demo client", "/bar: Hello from the /bar demo client"));
		await().untilAsserted(() -> assertThat(output).contains("Reply on /foo: Hello from the /foo demo client")
			.contains("Reply on /bar: Hello from the /bar demo client"));
	}

}
