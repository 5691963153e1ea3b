/**
 * The application of the end-to-end tests and its endpoints.
 */
package io.wsboot.it.app;
