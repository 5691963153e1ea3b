/**
 * RFC 6455 conformance, in the case families of the Autobahn testsuite: what a client
 * sends, well-formed or not, and what the server answers. Some of these cases are the
 * container's job; they are tested because they are what wsboot promises its users.
 */
package io.wsboot.it.protocol;
