package io.wsboot.client;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * A test against {@link ClientTestApplication} on a random port. Every test class with
 * this annotation shares one server. {@code /command} pings only when told to: a
 * heartbeat ping at the same moment would take the place of the one a test asked for
 * (the JDK client may answer only the latest of two pings).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = ClientTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.endpoints.silent.paths=/silent", "ws.endpoints.silent.handler=echo",
				"ws.endpoints.silent.heartbeat.enabled=false", "ws.endpoints.pinging.paths=/pinging",
				"ws.endpoints.pinging.handler=echo", "ws.endpoints.pinging.heartbeat.interval=250ms",
				"ws.endpoints.paused.heartbeat.enabled=false", "ws.endpoints.paused.max-message-size=2MB",
				"ws.endpoints.handshake.subprotocols=chat,superchat",
				"ws.endpoints.handshake.allowed-origins=https://app.example", "ws.endpoints.command.heartbeat.enabled=false",
				"ws.max-message-size=2MB" })
@interface ClientServerTest {

}
