/**
 * The client-side rate limiter that keeps an application under the service's calls-per-second limits.
 */
@NullMarked
package io.github.mqttsend.ratelimit;

import org.jspecify.annotations.NullMarked;
