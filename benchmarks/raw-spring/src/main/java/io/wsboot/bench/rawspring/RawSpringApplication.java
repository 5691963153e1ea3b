package io.wsboot.bench.rawspring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * What a Spring developer writes by hand without wsboot: {@code /echo} and a broadcast on
 * {@code /chat}, registered with {@code @EnableWebSocket} on the same Tomcat.
 */
@SpringBootApplication
public class RawSpringApplication {

	public static void main(String[] args) {
		SpringApplication.run(RawSpringApplication.class, args);
	}

}
