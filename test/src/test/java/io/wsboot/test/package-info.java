/**
 * Tests of the shipped test client.
 */
package io.wsboot.test;
