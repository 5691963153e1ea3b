package io.wsboot.autoconfigure.relay;

import java.time.Duration;
import java.util.function.Consumer;

import io.wsboot.ConnectionRegistry;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.relay.ClusterCounts;
import io.wsboot.relay.MessageRelay;
import io.wsboot.relay.RelayMessage;
import io.wsboot.relay.redis.RedisClusterCounts;
import io.wsboot.relay.redis.RedisMessageRelay;
import io.wsboot.server.WsConfigurationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WsRelayAutoConfiguration}.
 */
class WsRelayAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WsRelayAutoConfiguration.class, WsAutoConfiguration.class,
				DataRedisAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class))
		// nothing listens there: the relay keeps trying in the background
		.withPropertyValues("spring.data.redis.port=1");

	@Test
	void noRelayByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(MessageRelay.class);
			assertThat(context).doesNotHaveBean(ClusterCounts.class);
			assertThat(context).hasSingleBean(ConnectionRegistry.class);
			assertThat(context.getBean(WsRelayProperties.class).getType()).isEqualTo(WsRelayProperties.Type.NONE);
		});
	}

	@Test
	void bindsTheDocumentedDefaults() {
		this.contextRunner.run((context) -> {
			WsRelayProperties.Redis redis = context.getBean(WsRelayProperties.class).getRedis();
			assertThat(redis.getChannelPrefix()).isEqualTo("ws:");
			assertThat(redis.isSharded()).isFalse();
			assertThat(redis.getQueueCapacity()).isEqualTo(10_000);
			assertThat(redis.getMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
			assertThat(redis.getPublishTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(redis.getCountsInterval()).isEqualTo(Duration.ofSeconds(5));
		});
	}

	@Test
	void redisTypeMakesTheRedisRelayAndCountsEvenWithRedisDown() {
		this.contextRunner.withPropertyValues("ws.relay.type=redis", "ws.relay.redis.channel-prefix=app:")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(RedisMessageRelay.class);
				assertThat(context).hasSingleBean(RedisClusterCounts.class);
				assertThat(context).hasSingleBean(RelayLifecycle.class);
				RedisMessageRelay relay = context.getBean(RedisMessageRelay.class);
				assertThat(relay.channel(RelayMessage.Kind.SEND_TO_USER)).isEqualTo("app:send-to-user");
				assertThat(relay.isConnected()).isFalse();
			});
	}

	@Test
	void anApplicationsOwnRelayIsUsedInsteadOfRedis() {
		this.contextRunner.withPropertyValues("ws.relay.type=redis")
			.withUserConfiguration(OwnRelayConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(MessageRelay.class);
				assertThat(context).doesNotHaveBean(RedisMessageRelay.class);
				RecordingRelay relay = context.getBean(RecordingRelay.class);
				assertThat(relay.instanceId).isNotEmpty();
				context.getBean(ConnectionRegistry.class).publish("topic", "hello");
				assertThat(relay.last).isNotNull();
				assertThat(relay.last.kind()).isEqualTo(RelayMessage.Kind.PUBLISH);
				assertThat(relay.last.origin()).isEqualTo(relay.instanceId);
				assertThat(relay.last.text()).isEqualTo("hello");
			});
	}

	@Test
	void redisTypeWithoutSpringDataRedisFailsNamingThePropertyAndTheDependency() {
		this.contextRunner.withPropertyValues("ws.relay.type=redis")
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis", "io.lettuce"))
			.run((context) -> {
				assertThat(context).hasFailed();
				WsConfigurationException failure = findCause(context.getStartupFailure());
				assertThat(failure.getDescription()).contains("ws.relay.type=redis")
					.contains("Spring Data Redis and Lettuce");
				assertThat(failure.getAction()).contains("spring-boot-starter-data-redis")
					.contains("ws.relay.type=none");
			});
	}

	@Test
	void redisTypeWithoutAConnectionFactoryFailsNamingTheProperty() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WsRelayAutoConfiguration.class, WsAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
			.withPropertyValues("ws.relay.type=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(findCause(context.getStartupFailure()).getDescription()).contains("ws.relay.type=redis")
					.contains("RedisConnectionFactory");
			});
	}

	private static WsConfigurationException findCause(Throwable failure) {
		Throwable cause = failure;
		while (cause != null && !(cause instanceof WsConfigurationException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("WsConfigurationException in " + failure).isNotNull();
		return (WsConfigurationException) cause;
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRelayConfiguration {

		@Bean
		RecordingRelay ownRelay() {
			return new RecordingRelay();
		}

	}

	static class RecordingRelay implements MessageRelay {

		volatile String instanceId = "";

		volatile RelayMessage last;

		@Override
		public void start(String instanceId, Consumer<RelayMessage> receiver) {
			this.instanceId = instanceId;
		}

		@Override
		public boolean publish(RelayMessage message) {
			this.last = message;
			return true;
		}

		@Override
		public void stop() {
		}

		@Override
		public long published() {
			return 0;
		}

		@Override
		public long received() {
			return 0;
		}

		@Override
		public long lost() {
			return 0;
		}

		@Override
		public boolean isConnected() {
			return true;
		}

	}

}
