/**
 * Small, honest in-memory implementations of the container services for the tests of their consumers
 * (shell, REST). Shipped in the API module's test jar only, never in a bundle.
 */
package io.peeros.container.api.testing;
