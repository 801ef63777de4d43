/**
 * Which failed sends are tried again, and when: a policy on Spring Framework 7's core retry.
 */
@NullMarked
package io.github.mqttsend.retry;

import org.jspecify.annotations.NullMarked;
