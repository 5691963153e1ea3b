/**
 * Checks that the end-to-end tests run here really run on virtual threads.
 */
@NullMarked
package io.wsboot.virtualthreads;

import org.jspecify.annotations.NullMarked;
