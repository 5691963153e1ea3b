/**
 * The echo endpoint.
 */
package io.wsboot.sample.echo;
