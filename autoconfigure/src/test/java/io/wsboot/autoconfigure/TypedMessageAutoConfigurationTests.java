package io.wsboot.autoconfigure;

import io.wsboot.MessageCodec;
import io.wsboot.OnTextMessage;
import io.wsboot.WsEndpoint;
import io.wsboot.server.WsServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the typed messages of {@link WsAutoConfiguration}: the default JSON codec,
 * named codecs, and the start's failures when a method needs a codec there is not.
 */
class TypedMessageAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsAutoConfiguration.class, JacksonAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class));

	@Test
	void recordParameterStartsWithJacksonThroughTheApplicationsJsonMapper() {
		this.contextRunner.withUserConfiguration(RecordEndpointConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean("wsMessageCodec").isInstanceOf(JsonMessageCodec.class);
			assertThat(context).hasSingleBean(JsonMapper.class);
			assertThat(context).hasBean("wsHandlerMapping");
			context.getBean("wsHandlerMapping");
		});
	}

	@Test
	void userCodecNamedWsMessageCodecReplacesJson() {
		this.contextRunner.withUserConfiguration(RecordEndpointConfiguration.class, UserCodecConfiguration.class)
			.run((context) -> assertThat(context).getBean("wsMessageCodec").isSameAs(UserCodecConfiguration.CODEC));
	}

	@Test
	void recordParameterWithoutACodecFailsTheStartNamingTheMethod() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.withUserConfiguration(RecordEndpointConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Method RecordEndpoint.onText(Hello)")
				.hasMessageContaining("needs a MessageCodec"));
	}

	@Test
	void recordReturnValueWithoutACodecFailsTheStartNamingTheMethod() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JsonMapper.class))
			.withUserConfiguration(ReturnsRecordConfiguration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Method ReturnsRecord.onText(String)")
				.hasMessageContaining("returns Hello, which needs a MessageCodec"));
	}

	@Test
	void codecPropertyNamingNoBeanFailsTheStart() {
		this.contextRunner.withUserConfiguration(RecordEndpointConfiguration.class)
			.withPropertyValues("ws.endpoints.records.codec=missingCodec")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("names codec bean 'missingCodec' but no such bean exists"));
	}

	@Test
	void serverDescribesItsEndpoints() {
		this.contextRunner.withUserConfiguration(RecordEndpointConfiguration.class)
			.run((context) -> assertThat(context.getBean(WsServer.class).endpoints()).singleElement()
				.satisfies((endpoint) -> {
					assertThat(endpoint.id()).isEqualTo("records");
					assertThat(endpoint.beanName()).isEqualTo("recordEndpoint");
					assertThat(endpoint.paths()).containsExactly("/records");
				}));
	}

	record Hello(String name) {

	}

	@WsEndpoint(value = "/records", id = "records")
	static class RecordEndpoint {

		@OnTextMessage
		void onText(Hello hello) {
		}

	}

	@WsEndpoint("/returns")
	static class ReturnsRecord {

		@OnTextMessage
		Hello onText(String name) {
			return new Hello(name);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RecordEndpointConfiguration {

		@Bean
		RecordEndpoint recordEndpoint() {
			return new RecordEndpoint();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReturnsRecordConfiguration {

		@Bean
		ReturnsRecord returnsRecord() {
			return new ReturnsRecord();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserCodecConfiguration {

		static final MessageCodec CODEC = new MessageCodec() {

			@Override
			public Object decode(String text, java.lang.reflect.Type type) {
				return new Hello(text);
			}

			@Override
			public String encode(Object value) {
				return value.toString();
			}

		};

		@Bean
		MessageCodec wsMessageCodec() {
			return CODEC;
		}

	}

}
