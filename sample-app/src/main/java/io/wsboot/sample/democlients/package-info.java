/**
 * Demo clients: with {@code --sample.demo-clients=true}, the sample connects to its own
 * {@code /foo} and {@code /bar} with the starter's WebSocket client.
 */
package io.wsboot.sample.democlients;
