package io.github.mqttsend.emulator.junit;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.jspecify.annotations.Nullable;

import io.github.mqttsend.emulator.FaultInjector;
import io.github.mqttsend.emulator.MqttSendEmulator;
import io.github.mqttsend.emulator.ReceivedMessage;

/**
 * Runs a {@link MqttSendEmulator} for JUnit Jupiter tests.
 * <p>
 * In a {@code static} field it starts once before all tests of the class and stops after them, and is
 * {@linkplain MqttSendEmulator#reset() reset} before each test (received messages, call count and faults); in an
 * instance field each test gets its own. Test and lifecycle methods can also take a {@code MqttSendEmulator}
 * parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * static MqttSendEmulatorExtension emulator = MqttSendEmulatorExtension.create();
 *
 * @Test
 * void alertsReachTheDevice() {
 *     // point the client at emulator.endpoint(), emulator.instanceId(), emulator.accessKeyId()/accessKeySecret()
 *     assertThat(emulator.receivedMessages()).extracting(ReceivedMessage::payload).containsExactly("pump 7 stopped");
 * }
 * }</pre>
 */
public final class MqttSendEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
		AfterEachCallback, ParameterResolver {

	private final MqttSendEmulator emulator;

	private @Nullable String startedBy;

	private MqttSendEmulatorExtension(MqttSendEmulator emulator) {
		this.emulator = emulator;
	}

	/** An emulator with the defaults: any free port, embedded broker, the default key pair and instance. */
	public static MqttSendEmulatorExtension create() {
		return of(MqttSendEmulator.builder());
	}

	/** An emulator configured by {@code builder}, e.g. {@code MqttSendEmulator.builder().brokerUrl(…)}. */
	public static MqttSendEmulatorExtension of(MqttSendEmulator.Builder builder) {
		return new MqttSendEmulatorExtension(builder.build());
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		startIfStopped(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stopIfStartedBy(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (!startIfStopped(context)) {
			this.emulator.reset();
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		stopIfStartedBy(context);
	}

	private synchronized boolean startIfStopped(ExtensionContext context) {
		if (this.emulator.isRunning()) {
			return false;
		}
		this.emulator.start();
		this.startedBy = context.getUniqueId();
		return true;
	}

	private synchronized void stopIfStartedBy(ExtensionContext context) {
		if (context.getUniqueId().equals(this.startedBy)) {
			this.emulator.stop();
			this.startedBy = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == MqttSendEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return this.emulator;
	}

	/** The emulator itself. */
	public MqttSendEmulator emulator() {
		return this.emulator;
	}

	public URI endpoint() {
		return this.emulator.endpoint();
	}

	public String instanceId() {
		return this.emulator.instanceId();
	}

	public String accessKeyId() {
		return this.emulator.accessKeyId();
	}

	public String accessKeySecret() {
		return this.emulator.accessKeySecret();
	}

	/** The broker accepted messages are published to; subscribe here. */
	public String brokerUrl() {
		return this.emulator.brokerUrl();
	}

	/** The messages accepted in this test (or since the emulator started, for an instance field). */
	public List<ReceivedMessage> receivedMessages() {
		return this.emulator.receivedMessages();
	}

	public FaultInjector faults() {
		return this.emulator.faults();
	}

}
