package io.wsboot.sample.greetings;

/**
 * What the server answers: {@code {"greeting":"Hello, Ada!"}}.
 *
 * @param greeting the greeting
 */
public record Greeting(String greeting) {

}
