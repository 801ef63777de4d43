/**
 * The service's rules on topics, payloads and instance IDs, checked locally before a request is made.
 */
@NullMarked
package io.github.mqttsend.validation;

import org.jspecify.annotations.NullMarked;
