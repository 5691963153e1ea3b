/**
 * The raw Spring WebSocket app that wsboot's benchmarks compare against.
 */
package io.wsboot.bench.rawspring;
