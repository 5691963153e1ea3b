package io.wsboot.it.obs;

import jakarta.validation.constraints.NotBlank;

/**
 * A typed message in.
 *
 * @param name who to greet
 */
public record Hello(@NotBlank String name) {

}
