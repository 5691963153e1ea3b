/**
 * Chat rooms on topics: {@code /rooms/{room}}.
 */
package io.wsboot.sample.rooms;
