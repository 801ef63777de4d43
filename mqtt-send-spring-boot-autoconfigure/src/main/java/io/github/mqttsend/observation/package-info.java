/**
 * Micrometer meters, the send Observation and its convention, and the health state derived from real calls.
 */
@NullMarked
package io.github.mqttsend.observation;

import org.jspecify.annotations.NullMarked;
