/**
 * The chat endpoint; its page is {@code static/index.html}.
 */
package io.wsboot.sample.chat;
