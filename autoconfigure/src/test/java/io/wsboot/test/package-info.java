/**
 * Test clients: the JDK's WebSocket client wrapped to record what it receives, and a raw
 * client written over a socket for peers a real client cannot play.
 */
package io.wsboot.test;
