/**
 * The wsboot sample application.
 */
package io.wsboot.sample;
