package io.github.mqttsend.emulator.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a {@link io.github.mqttsend.emulator.MqttSendEmulator} with the test's application context (a bean,
 * stopped with the context) and a {@code MqttSendConnectionDetails} bean for it, so the auto-configured
 * {@code MqttSendTemplate} sends to the emulator with its instance ID and key pair: no
 * {@code apsaramq.mqtt.*} properties to write. The emulator is {@linkplain io.github.mqttsend.emulator.MqttSendEmulator#reset()
 * reset} before each test method; inject it to read {@code receivedMessages()} or inject faults.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureMqttSendEmulator
 * class AlertsTests {
 *     @Autowired MqttSendOperations mqtt;
 *     @Autowired MqttSendEmulator emulator;
 *     ...
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureMqttSendEmulator {

	/**
	 * The MQTT broker to publish to, e.g. {@code tcp://127.0.0.1:1883}; empty (the default) starts an embedded
	 * broker on a free port.
	 */
	String brokerUrl() default "";

}
