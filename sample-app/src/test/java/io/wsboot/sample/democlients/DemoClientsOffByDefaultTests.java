package io.wsboot.sample.democlients;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code sample.demo-clients}, the sample opens no client.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoClientsOffByDefaultTests {

	@Test
	void noDemoClientsUnlessAskedFor(@Autowired ApplicationContext context) {
		assertThat(context.getBeanNamesForType(DemoClients.class)).isEmpty();
	}

}
