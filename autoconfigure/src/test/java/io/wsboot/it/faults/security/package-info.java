/**
 * Upgrades through Spring Security's filter chain.
 */
package io.wsboot.it.faults.security;
