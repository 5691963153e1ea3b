package io.wsboot.autoconfigure.relay;

import java.time.Clock;

import io.wsboot.ConnectionRegistry;
import io.wsboot.autoconfigure.WsAutoConfiguration;
import io.wsboot.relay.ClusterCounts;
import io.wsboot.relay.MessageRelay;
import io.wsboot.relay.redis.RedisClusterCounts;
import io.wsboot.relay.redis.RedisMessageRelay;
import io.wsboot.server.WsConfigurationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of the relay between the instances of an application:
 * {@code ws.relay.type=redis} makes a {@link RedisMessageRelay}, on the connection of
 * {@code spring.data.redis.*}, and {@link RedisClusterCounts}. An application's own
 * {@link MessageRelay} bean is used in its place.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = WsAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@EnableConfigurationProperties(WsRelayProperties.class)
public final class WsRelayAutoConfiguration {

	static final String TYPE_PROPERTY = "ws.relay.type";

	@Bean
	@ConditionalOnBean(MessageRelay.class)
	RelayLifecycle wsRelayLifecycle(MessageRelay relay) {
		return new RelayLifecycle(relay);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = TYPE_PROPERTY, havingValue = "redis")
	@ConditionalOnClass(name = { "org.springframework.data.redis.connection.RedisConnectionFactory",
			"io.lettuce.core.RedisClient" })
	static class RedisRelayConfiguration {

		@Bean
		@ConditionalOnMissingBean(MessageRelay.class)
		RedisMessageRelay wsRedisRelay(ObjectProvider<RedisConnectionFactory> connectionFactory,
				WsRelayProperties properties) {
			LettuceConnectionFactory lettuce = lettuce(connectionFactory.getIfAvailable());
			WsRelayProperties.Redis redis = properties.getRedis();
			return new RedisMessageRelay(lettuce::getRequiredNativeClient, redis.getChannelPrefix(), redis.isSharded(),
					redis.getQueueCapacity(), redis.getMaxBackoff(), redis.getPublishTimeout());
		}

		@Bean
		@ConditionalOnMissingBean(ClusterCounts.class)
		@ConditionalOnBean(RedisConnectionFactory.class)
		RedisClusterCounts wsClusterCounts(ConnectionRegistry registry, RedisConnectionFactory connectionFactory,
				WsRelayProperties properties) {
			return new RedisClusterCounts(registry, connectionFactory, properties.getRedis().getChannelPrefix(),
					properties.getRedis().getCountsInterval(), Clock.systemUTC());
		}

		private static LettuceConnectionFactory lettuce(RedisConnectionFactory connectionFactory) {
			if (connectionFactory == null) {
				throw new WsConfigurationException(TYPE_PROPERTY + "=redis needs a RedisConnectionFactory bean, "
						+ "which Spring Boot makes from 'spring.data.redis.*' unless DataRedisAutoConfiguration "
						+ "is excluded.", "Define a RedisConnectionFactory bean, or set " + TYPE_PROPERTY + "=none.");
			}
			if (!(connectionFactory instanceof LettuceConnectionFactory lettuce)) {
				throw new WsConfigurationException(TYPE_PROPERTY + "=redis needs Lettuce, but the "
						+ "RedisConnectionFactory is a " + connectionFactory.getClass().getName() + ".",
						"Use the Lettuce client (spring-boot-starter-data-redis's default), or set " + TYPE_PROPERTY
								+ "=none.");
			}
			return lettuce;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = TYPE_PROPERTY, havingValue = "redis")
	@Conditional(RedisClientMissingCondition.class)
	static class RedisClientMissingConfiguration {

		@Bean
		@ConditionalOnMissingBean(MessageRelay.class)
		MessageRelay wsRedisRelay() {
			throw new WsConfigurationException(TYPE_PROPERTY + "=redis needs Spring Data Redis and Lettuce on the "
					+ "classpath, and " + missing() + " missing.",
					"Add the dependency org.springframework.boot:spring-boot-starter-data-redis, or set "
							+ TYPE_PROPERTY + "=none.");
		}

		private static String missing() {
			ClassLoader classLoader = WsRelayAutoConfiguration.class.getClassLoader();
			boolean data = ClassUtils.isPresent("org.springframework.data.redis.connection.RedisConnectionFactory",
					classLoader);
			boolean lettuce = ClassUtils.isPresent("io.lettuce.core.RedisClient", classLoader);
			if (!data && !lettuce) {
				return "both are";
			}
			return (data ? "Lettuce (io.lettuce:lettuce-core)" : "Spring Data Redis") + " is";
		}

	}

	static class RedisClientMissingCondition implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ClassLoader classLoader = context.getClassLoader();
			return !ClassUtils.isPresent("org.springframework.data.redis.connection.RedisConnectionFactory",
					classLoader) || !ClassUtils.isPresent("io.lettuce.core.RedisClient", classLoader);
		}

	}

}
