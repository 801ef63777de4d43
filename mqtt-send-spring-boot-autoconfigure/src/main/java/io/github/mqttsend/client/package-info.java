/**
 * The SendMessage client: the wire format, the HTTP exchange, the error model, retries and rate limits.
 * Plain Java and Spring Web, with no Spring Boot types.
 */
@NullMarked
package io.github.mqttsend.client;

import org.jspecify.annotations.NullMarked;
