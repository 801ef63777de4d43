package io.github.mqttsend.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import org.jspecify.annotations.Nullable;

/**
 * An in-process MQTT broker (Moquette): in memory, no telemetry, messages up to 1 MB, on a given port of the
 * loopback interface (0: any free port); anonymous, unless started with an authenticator.
 */
public final class EmbeddedBroker implements AutoCloseable {

	private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Server server;

	private final String host;

	private final int port;

	private EmbeddedBroker(Server server, String host, int port) {
		this.server = server;
		this.host = host;
		this.port = port;
	}

	/** Starts a broker on {@code host} and {@code port} (0: any free port); returns once it accepts connections. */
	public static EmbeddedBroker start(String host, int port) {
		return start(host, port, null);
	}

	/**
	 * Starts a broker that lets in only the clients {@code authenticator} accepts (anonymous ones too when it is
	 * {@code null}).
	 */
	static EmbeddedBroker start(String host, int port, @Nullable IAuthenticator authenticator) {
		if (port != 0) {
			return startOn(host, port, authenticator);
		}
		// Moquette fills in a port 0 binding from its Netty thread into a plain HashMap, which reading it while it
		// binds can break: pick a free port here, and try another if someone takes it meanwhile
		IllegalStateException last = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				return startOn(host, freePort(host), authenticator);
			}
			catch (IllegalStateException ex) {
				last = ex;
			}
		}
		throw last;
	}

	private static EmbeddedBroker startOn(String host, int port, @Nullable IAuthenticator authenticator) {
		Properties properties = new Properties();
		properties.setProperty(IConfig.HOST_PROPERTY_NAME, host);
		properties.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
		properties.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, Boolean.toString(authenticator == null));
		properties.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
		properties.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
		properties.setProperty(IConfig.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(1024 * 1024));
		Server server = new Server();
		try {
			server.startServer(new MemoryConfig(properties), List.of(), null, authenticator, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedded MQTT broker did not start on " + host + ":" + port, ex);
		}
		// Netty binds after startServer returns: wait until the port takes connections
		String reachable = host.equals("0.0.0.0") ? "127.0.0.1" : host;
		long deadline = System.nanoTime() + START_TIMEOUT_NANOS;
		while (!accepts(reachable, port)) {
			if (System.nanoTime() > deadline) {
				server.stopServer();
				throw new IllegalStateException("The embedded MQTT broker did not listen on " + host + ":" + port
						+ " within 10 s");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
		return new EmbeddedBroker(server, host, port);
	}

	private static int freePort(String host) {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on " + host, ex);
		}
	}

	private static boolean accepts(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** The port it listens on. */
	public int port() {
		return this.port;
	}

	/** {@code tcp://host:port}. */
	public String url() {
		return "tcp://" + this.host + ":" + this.port;
	}

	/** Stops the broker (Moquette takes about two seconds). */
	public void stop() {
		this.server.stopServer();
	}

	@Override
	public void close() {
		stop();
	}

}
