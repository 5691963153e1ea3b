/**
 * Test support for applications that use wsboot: {@link io.wsboot.test.WsTestClient},
 * a WebSocket client that records what it receives and awaits it with Awaitility. Shipped
 * in {@code wsboot-spring-boot-test}, which {@code wsboot-spring-boot-starter-test} brings
 * with Spring Boot's test starter.
 */
@NullMarked
package io.wsboot.test;

import org.jspecify.annotations.NullMarked;
