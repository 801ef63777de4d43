/**
 * Where the AccessKeys that sign each request come from.
 */
@NullMarked
package io.github.mqttsend.credentials;

import org.jspecify.annotations.NullMarked;
