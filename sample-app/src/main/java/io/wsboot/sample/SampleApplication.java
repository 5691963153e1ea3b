package io.wsboot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The wsboot sample: {@code /echo}, a browser chat on {@code /chat} with its page at
 * {@code /}, and {@code /foo} and {@code /bar}, declared only in {@code application.yml};
 * with {@code --sample.demo-clients=true}, WebSocket clients to its own {@code /foo} and
 * {@code /bar}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
