package io.github.mqttsend.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for ApsaraMQ for MQTT's {@code SendMessage} endpoint, as LocalStack is for AWS: it verifies
 * requests like the real gateway ({@link RequestVerifier}: V3 and V1 signatures, the 15-minute clock window,
 * nonces, STS tokens), applies the operation's parameter rules and its calls/s limit, answers the documented
 * JSON, and publishes every accepted message at QoS 1 to a real MQTT broker: an embedded Moquette by default,
 * or any broker by URL. With {@link Builder#requireSignatureAuthentication()} the embedded broker lets MQTT
 * clients in only as ApsaraMQ for MQTT does in Signature mode ({@link MqttSignature}).
 *
 * <pre>{@code
 * try (MqttSendEmulator emulator = MqttSendEmulator.builder().build().start()) {
 *     URI endpoint = emulator.endpoint();          // http://127.0.0.1:<port>
 *     String broker = emulator.brokerUrl();        // tcp://127.0.0.1:<port>, subscribe here
 *     ...                                          // send with instanceId(), accessKeyId(), accessKeySecret()
 *     emulator.receivedMessages();                 // what it accepted, in order
 * }
 * }</pre>
 */
public final class MqttSendEmulator implements AutoCloseable {

	/** The instance ID the emulator answers for, unless configured otherwise. */
	public static final String DEFAULT_INSTANCE_ID = "mqtt-cn-emulator";

	/** The AccessKeyId it accepts, unless configured otherwise. */
	public static final String DEFAULT_ACCESS_KEY_ID = "emulator-access-key-id";

	/** The AccessKeySecret of {@link #DEFAULT_ACCESS_KEY_ID}. */
	public static final String DEFAULT_ACCESS_KEY_SECRET = "emulator-access-key-secret";

	/** SendMessage's documented limit per account. */
	public static final int DEFAULT_CALLS_PER_SECOND = 1000;

	private final String host;

	private final int requestedPort;

	private final String instanceId;

	private final List<AccessKey> accessKeys;

	private final int callsPerSecond;

	private final Clock clock;

	private final @Nullable String externalBrokerUrl;

	private final int embeddedBrokerPort;

	private final boolean signatureAuthentication;

	/** The key pair its own publisher signs in with when the broker requires it: random, never shown. */
	private final AccessKey publisherKey = AccessKey.of("mqtt-send-emulator-" + UUID.randomUUID(),
			UUID.randomUUID().toString());

	private final FaultInjector faults = new FaultInjector();

	private final List<ReceivedMessage> received = new CopyOnWriteArrayList<>();

	private final AtomicInteger calls = new AtomicInteger();

	private @Nullable Running running;

	private MqttSendEmulator(Builder builder) {
		this.host = builder.host;
		this.requestedPort = builder.port;
		this.instanceId = builder.instanceId;
		this.accessKeys = builder.accessKeys.isEmpty()
				? List.of(AccessKey.of(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET)) : List.copyOf(builder.accessKeys);
		this.callsPerSecond = builder.callsPerSecond;
		this.clock = builder.clock;
		this.externalBrokerUrl = builder.brokerUrl;
		this.embeddedBrokerPort = builder.embeddedBrokerPort;
		this.signatureAuthentication = builder.signatureAuthentication;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts the broker (unless an external one is configured), connects the publisher, and opens the HTTP
	 * endpoint. Returns once all three are ready.
	 * @throws IllegalStateException if it is running already, or the broker cannot be reached
	 */
	public synchronized MqttSendEmulator start() {
		if (this.running != null) {
			throw new IllegalStateException("The emulator is running already at " + endpoint());
		}
		EmbeddedBroker broker = (this.externalBrokerUrl != null) ? null
				: EmbeddedBroker.start(this.host, this.embeddedBrokerPort, this.signatureAuthentication
						? new SignatureAuthenticator(this.instanceId, withPublisherKey()) : null);
		MessageDelivery delivery = null;
		ExecutorService executor = null;
		try {
			delivery = connectPublisher((broker != null) ? loopbackUrl(broker) : this.externalBrokerUrl);
			AtomicInteger threads = new AtomicInteger();
			executor = Executors.newCachedThreadPool((task) -> {
				Thread thread = new Thread(task, "mqtt-send-emulator-http-" + threads.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
			HttpServer server = HttpServer.create(new InetSocketAddress(this.host, this.requestedPort), 0);
			server.createContext("/", new SendMessageHandler(new RequestVerifier(this.accessKeys, this.clock),
					new CallRateLimiter(this.callsPerSecond, this.clock), this.faults, delivery, this.instanceId,
					this.clock, this.received, this.calls));
			server.setExecutor(executor);
			server.start();
			this.running = new Running(server, executor, delivery, broker);
			return this;
		}
		catch (IOException | RuntimeException ex) {
			if (executor != null) {
				executor.shutdownNow();
			}
			if (delivery != null) {
				delivery.close();
			}
			if (broker != null) {
				broker.stop();
			}
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("The emulator could not listen on " + this.host + ":" + this.requestedPort,
						io);
			}
			throw (RuntimeException) ex;
		}
	}

	private List<AccessKey> withPublisherKey() {
		List<AccessKey> keys = new ArrayList<>(this.accessKeys);
		keys.add(this.publisherKey);
		return keys;
	}

	private MessageDelivery connectPublisher(String brokerUrl) {
		String device = UUID.randomUUID().toString().substring(0, 8);
		if (!this.signatureAuthentication) {
			return new MessageDelivery(brokerUrl, "mqtt-send-emulator-" + device, null, null);
		}
		String clientId = "GID_mqtt-send-emulator@@@" + device;
		return new MessageDelivery(brokerUrl, clientId, MqttSignature.username(this.publisherKey.id(), this.instanceId),
				MqttSignature.password(clientId, this.publisherKey.secret()));
	}

	/** Closes the endpoint, the publisher and the embedded broker. Does nothing when it is not running. */
	public synchronized void stop() {
		Running stopping = this.running;
		if (stopping == null) {
			return;
		}
		this.running = null;
		stopping.server().stop(0);
		stopping.executor().shutdownNow();
		stopping.delivery().close();
		if (stopping.broker() != null) {
			stopping.broker().stop();
		}
	}

	@Override
	public void close() {
		stop();
	}

	public synchronized boolean isRunning() {
		return this.running != null;
	}

	/** The SendMessage endpoint, {@code http://127.0.0.1:<port>}: scheme and authority, as the starter wants it. */
	public URI endpoint() {
		String shownHost = this.host.equals("0.0.0.0") ? "127.0.0.1" : this.host;
		return URI.create("http://" + (shownHost.contains(":") ? "[" + shownHost + "]" : shownHost) + ":" + port());
	}

	/** The HTTP port it listens on. */
	public int port() {
		return running().server().getAddress().getPort();
	}

	/** The broker messages are published to: {@code tcp://host:port}; subscribe here to see them. */
	public String brokerUrl() {
		Running current = running();
		return current.delivery().brokerUrl();
	}

	/** Whether messages go to the embedded broker (rather than one given by URL). */
	public boolean usesEmbeddedBroker() {
		return this.externalBrokerUrl == null;
	}

	/**
	 * Whether its embedded broker lets MQTT clients in only with Signature authentication (see
	 * {@link Builder#requireSignatureAuthentication()}).
	 */
	public boolean requiresSignatureAuthentication() {
		return this.signatureAuthentication;
	}

	public String instanceId() {
		return this.instanceId;
	}

	/** The AccessKeyId of the first configured key pair. */
	public String accessKeyId() {
		return this.accessKeys.get(0).id();
	}

	/** The AccessKeySecret of the first configured key pair. */
	public String accessKeySecret() {
		return this.accessKeys.get(0).secret();
	}

	/** Every key pair it accepts. */
	public List<AccessKey> accessKeys() {
		return this.accessKeys;
	}

	public int callsPerSecond() {
		return this.callsPerSecond;
	}

	/** The messages accepted (and published) so far, oldest first. */
	public List<ReceivedMessage> receivedMessages() {
		return List.copyOf(this.received);
	}

	/** The messages accepted on {@code topic}, oldest first. */
	public List<ReceivedMessage> receivedMessages(String topic) {
		return this.received.stream().filter((message) -> message.topic().equals(topic)).toList();
	}

	/** HTTP requests received so far, refused ones and retries included. */
	public int calls() {
		return this.calls.get();
	}

	/** Faults to inject into the next calls or the calls on a topic. */
	public FaultInjector faults() {
		return this.faults;
	}

	/** Forgets received messages and the call count, and clears injected faults: a clean slate between tests. */
	public void reset() {
		this.received.clear();
		this.calls.set(0);
		this.faults.clear();
	}

	@Override
	public String toString() {
		Running current = this.running;
		return "MqttSendEmulator[" + ((current != null) ? endpoint() + " -> " + current.delivery().brokerUrl() : "stopped")
				+ ", instance " + this.instanceId + (this.signatureAuthentication ? ", signature authentication" : "") + "]";
	}

	private Running running() {
		Running current = this.running;
		if (current == null) {
			throw new IllegalStateException("The emulator is not running: call start() first");
		}
		return current;
	}

	private static String loopbackUrl(EmbeddedBroker broker) {
		return broker.url().replace("tcp://0.0.0.0:", "tcp://127.0.0.1:");
	}

	private record Running(HttpServer server, ExecutorService executor, MessageDelivery delivery,
			@Nullable EmbeddedBroker broker) {

	}

	/** Configures a {@link MqttSendEmulator}; every setting has a default that works on a developer's machine. */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port;

		private String instanceId = DEFAULT_INSTANCE_ID;

		private final List<AccessKey> accessKeys = new ArrayList<>();

		private int callsPerSecond = DEFAULT_CALLS_PER_SECOND;

		private Clock clock = Clock.systemUTC();

		private @Nullable String brokerUrl;

		private int embeddedBrokerPort;

		private boolean signatureAuthentication;

		private Builder() {
		}

		/** The address to listen on (HTTP and the embedded broker); default {@code 127.0.0.1}. */
		public Builder host(String host) {
			this.host = Objects.requireNonNull(host, "host");
			return this;
		}

		/** The HTTP port; default 0, any free port (see {@link MqttSendEmulator#endpoint()}). */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/** The instance it answers for; default {@value MqttSendEmulator#DEFAULT_INSTANCE_ID}. */
		public Builder instanceId(String instanceId) {
			this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
			return this;
		}

		/** Accept this long-lived key pair (the first one added is the one {@code accessKeyId()} reports). */
		public Builder accessKey(String accessKeyId, String accessKeySecret) {
			return accessKey(AccessKey.of(accessKeyId, accessKeySecret));
		}

		/** Accept this key pair; an STS one only with its token. Without any, the default pair is accepted. */
		public Builder accessKey(AccessKey accessKey) {
			this.accessKeys.add(Objects.requireNonNull(accessKey, "accessKey"));
			return this;
		}

		/** SendMessage calls per second before {@code Throttling.User}; default 1,000 (the documented limit). */
		public Builder callsPerSecond(int callsPerSecond) {
			if (callsPerSecond < 1) {
				throw new IllegalArgumentException("callsPerSecond must be at least 1");
			}
			this.callsPerSecond = callsPerSecond;
			return this;
		}

		/** The clock timestamps are checked against and calls are counted by; default the system's, UTC. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** Publish to this broker, e.g. {@code tcp://127.0.0.1:1883}, instead of starting the embedded one. */
		public Builder brokerUrl(@Nullable String brokerUrl) {
			this.brokerUrl = (brokerUrl == null || brokerUrl.isBlank()) ? null : brokerUrl;
			return this;
		}

		/** The embedded broker's port; default 0, any free port (see {@link MqttSendEmulator#brokerUrl()}). */
		public Builder embeddedBrokerPort(int port) {
			this.embeddedBrokerPort = port;
			return this;
		}

		/**
		 * Make the embedded broker authenticate MQTT clients as ApsaraMQ for MQTT does in Signature mode: client ID
		 * {@code GID_<group>@@@<deviceId>} (or {@code GID-…}), username {@code Signature|<AccessKeyId>|<instanceId>} with one of the
		 * emulator's long-term key pairs and its instance ID, password
		 * {@code Base64(HMAC-SHA1(AccessKey secret, client ID))} ({@link MqttSignature}). Any other client is
		 * refused at CONNECT. Default: anonymous clients are let in. Not with {@link #brokerUrl(String)}: a broker
		 * of your own authenticates its clients itself.
		 */
		public Builder requireSignatureAuthentication() {
			this.signatureAuthentication = true;
			return this;
		}

		/**
		 * @throws IllegalStateException if {@link #requireSignatureAuthentication()} is combined with
		 * {@link #brokerUrl(String)}, or if every key pair given is an STS one (none could sign in)
		 */
		public MqttSendEmulator build() {
			if (this.signatureAuthentication && !this.accessKeys.isEmpty()
					&& this.accessKeys.stream().allMatch((key) -> key.securityToken() != null)) {
				throw new IllegalStateException("requireSignatureAuthentication() lets MQTT clients sign in with a "
						+ "long-term AccessKey only, but every key pair given is an STS one: add a long-term one");
			}
			if (this.signatureAuthentication && this.brokerUrl != null) {
				throw new IllegalStateException("requireSignatureAuthentication() applies to the embedded broker only, "
						+ "but brokerUrl(" + this.brokerUrl + ") names a broker of your own, which authenticates its "
						+ "clients itself: use one or the other");
			}
			return new MqttSendEmulator(this);
		}

	}

}
