/**
 * Faults under load: peers that vanish, stall or race the server, and a shutdown with
 * many clients; each must leave the server with its registry, threads, descriptors and
 * heap as they were.
 */
package io.wsboot.it.faults;
