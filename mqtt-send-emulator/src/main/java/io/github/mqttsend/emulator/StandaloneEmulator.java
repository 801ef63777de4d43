package io.github.mqttsend.emulator;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar mqtt-send-emulator-<version>-standalone.jar [--option=value …]}: runs the emulator until the
 * process is stopped, after printing its endpoint, key pair and broker URL.
 * <p>
 * Options: {@code --host} (default 127.0.0.1), {@code --port} (HTTP, default 9080; 0 for any free port),
 * {@code --broker-url} (publish to this broker instead of the embedded one), {@code --broker-port} (the embedded
 * broker's, default 1884; 0 for any), {@code --instance-id}, {@code --access-key-id},
 * {@code --access-key-secret}, {@code --security-token} (makes the key pair an STS one),
 * {@code --calls-per-second} (default 1000), {@code --require-signature-auth} (the embedded broker lets MQTT clients
 * in only with ApsaraMQ for MQTT's Signature authentication, see {@link MqttSignature}).
 */
public final class StandaloneEmulator {

	static final int DEFAULT_PORT = 9080;

	static final int DEFAULT_BROKER_PORT = 1884;

	private StandaloneEmulator() {
	}

	public static void main(String[] args) throws InterruptedException {
		quietLibraryLogging();
		MqttSendEmulator emulator;
		try {
			emulator = start(args, System.out);
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.stop();
			stopped.countDown();
		}, "mqtt-send-emulator-shutdown"));
		stopped.await();
	}

	/** Starts an emulator configured by {@code args} and prints how to reach it to {@code out}. */
	static MqttSendEmulator start(String[] args, PrintStream out) {
		Map<String, String> options = options(args);
		if (options.containsKey("help")) {
			throw new IllegalArgumentException(usage());
		}
		MqttSendEmulator.Builder builder = MqttSendEmulator.builder()
			.host(options.getOrDefault("host", "127.0.0.1"))
			.port(integer(options, "port", DEFAULT_PORT))
			.embeddedBrokerPort(integer(options, "broker-port", DEFAULT_BROKER_PORT))
			.brokerUrl(options.get("broker-url"))
			.instanceId(options.getOrDefault("instance-id", MqttSendEmulator.DEFAULT_INSTANCE_ID))
			.callsPerSecond(integer(options, "calls-per-second", MqttSendEmulator.DEFAULT_CALLS_PER_SECOND));
		String accessKeyId = options.getOrDefault("access-key-id", MqttSendEmulator.DEFAULT_ACCESS_KEY_ID);
		String accessKeySecret = options.getOrDefault("access-key-secret", MqttSendEmulator.DEFAULT_ACCESS_KEY_SECRET);
		String securityToken = options.get("security-token");
		builder.accessKey(new AccessKey(accessKeyId, accessKeySecret, securityToken));
		if (flag(options, "require-signature-auth")) {
			builder.requireSignatureAuthentication();
		}
		MqttSendEmulator emulator = builder.build().start();
		out.println("mqtt-send emulator: SendMessage (ApsaraMQ for MQTT OpenAPI 2020-04-20), V3 and V1 signatures");
		out.println("  endpoint           " + emulator.endpoint());
		out.println("  instance ID        " + emulator.instanceId());
		out.println("  AccessKey ID       " + emulator.accessKeyId());
		out.println("  AccessKey secret   " + emulator.accessKeySecret());
		if (securityToken != null) {
			out.println("  security token     " + securityToken);
		}
		out.println("  broker             " + emulator.brokerUrl()
				+ (emulator.usesEmbeddedBroker() ? "  (embedded Moquette: subscribe here)" : "  (external)"));
		if (emulator.usesEmbeddedBroker()) {
			out.println("  broker auth        " + (emulator.requiresSignatureAuthentication()
					? "Signature authentication required: client ID GID_<group>@@@<device>, username "
							+ MqttSignature.username(emulator.accessKeyId(), emulator.instanceId())
							+ ", password Base64(HMAC-SHA1(AccessKey secret, client ID))"
					: "none (anonymous clients welcome; --require-signature-auth to require Signature authentication)"));
		}
		out.println("  limit              " + emulator.callsPerSecond() + " calls/s");
		out.println("Point the starter at it:");
		out.println("  APSARAMQ_MQTT_ENDPOINT=" + emulator.endpoint() + " APSARAMQ_MQTT_INSTANCE_ID=" + emulator.instanceId()
				+ " APSARAMQ_MQTT_ACCESS_KEY_ID=" + emulator.accessKeyId() + " APSARAMQ_MQTT_ACCESS_KEY_SECRET="
				+ emulator.accessKeySecret());
		out.println("Ready. Stop with Ctrl+C.");
		out.flush();
		return emulator;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'\n" + usage());
			}
			int equals = arg.indexOf('=');
			options.put((equals < 0) ? arg.substring(2) : arg.substring(2, equals), (equals < 0) ? "" : arg.substring(equals + 1));
		}
		for (String name : options.keySet()) {
			if (!usage().contains("--" + name)) {
				throw new IllegalArgumentException("Unknown option --" + name + "\n" + usage());
			}
		}
		return options;
	}

	private static int integer(Map<String, String> options, String name, int defaultValue) {
		String value = options.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a number, not '" + value + "'");
		}
	}

	/** {@code --name} and {@code --name=true} are on, {@code --name=false} and no {@code --name} off. */
	private static boolean flag(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null || value.equals("false")) {
			return false;
		}
		if (value.isEmpty() || value.equals("true")) {
			return true;
		}
		throw new IllegalArgumentException("--" + name + " takes no value (or true/false), not '" + value + "'");
	}

	private static String usage() {
		return "Usage: java -jar mqtt-send-emulator-<version>-standalone.jar [--host=127.0.0.1] [--port=" + DEFAULT_PORT
				+ "] [--broker-port=" + DEFAULT_BROKER_PORT + " | --broker-url=tcp://host:1883] [--instance-id=...] "
				+ "[--access-key-id=... --access-key-secret=... [--security-token=...]] [--calls-per-second=1000] "
				+ "[--require-signature-auth] [--help]";
	}

	/** The standalone jar has no SLF4J provider: say nothing about it, rather than three lines of warning. */
	private static void quietLibraryLogging() {
		if (System.getProperty("slf4j.provider") == null) {
			System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
			System.setProperty("slf4j.internal.verbosity", "WARN");
		}
	}

}
