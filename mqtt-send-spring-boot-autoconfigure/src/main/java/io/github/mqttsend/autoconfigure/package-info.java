/**
 * Spring Boot auto-configuration: wires the client from the {@code apsaramq.mqtt.*} properties. Holds no
 * client logic of its own.
 */
@NullMarked
package io.github.mqttsend.autoconfigure;

import org.jspecify.annotations.NullMarked;
