package io.wsboot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a callback parameter of type {@code String} to a variable of the path template
 * the connection matched, such as {@code room} in {@code /rooms/{room}}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PathParam {

	/**
	 * Name of the template variable.
	 * @return the variable name
	 */
	String value();

}
