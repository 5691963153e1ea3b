package io.wsboot.it.obs;

/**
 * A typed message out.
 *
 * @param greeting the greeting
 */
public record Greeting(String greeting) {

}
