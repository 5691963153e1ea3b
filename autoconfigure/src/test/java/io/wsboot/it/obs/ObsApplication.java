package io.wsboot.it.obs;

import io.wsboot.it.app.Events;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;

/**
 * The application of the observability and typed message tests: the endpoints of this
 * package, with Actuator, Micrometer, Jackson and Bean Validation on the class path.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@ComponentScan
@Import(Events.class)
public class ObsApplication {

}
