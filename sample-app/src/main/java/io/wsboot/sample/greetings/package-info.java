/**
 * A typed JSON endpoint: records in and out through the application's JsonMapper.
 */
package io.wsboot.sample.greetings;
