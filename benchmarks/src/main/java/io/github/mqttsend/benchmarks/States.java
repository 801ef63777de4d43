package io.github.mqttsend.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;

import com.aliyuncs.DefaultAcsClient;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.mqttsend.MqttSendTemplate;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * JMH states for the send benchmarks: one stub per trial, and each contender set up once per trial against it.
 * Every setup sends once and checks the answer, so a benchmark can never measure a failing call.
 */
public final class States {

	private States() {
	}

	static void check(boolean ok, String what) {
		if (!ok) {
			throw new IllegalStateException("sanity check failed: " + what);
		}
	}

	static final String MSG_ID = "AC1F0A6B00002A9F5B1A3C1E00000001";

	@State(Scope.Benchmark)
	public static class Stub {

		StubServer server;

		@Setup(Level.Trial)
		public void start() throws IOException {
			this.server = new StubServer();
		}

		@TearDown(Level.Trial)
		public void stop() throws IOException {
			this.server.close();
		}

	}

	/** The auto-configured starter, limiter off, on one of Boot's other request factories. */
	@State(Scope.Benchmark)
	public static class Starter {

		@Param({ "jetty", "reactor", "jdk" })
		public String factory;

		ConfigurableApplicationContext context;

		MqttSendTemplate template;

		@Setup(Level.Trial)
		public void start(Stub stub) {
			this.context = Clients.starterUnlimited(stub.server.endpoint(), this.factory, "v3");
			this.template = this.context.getBean(MqttSendTemplate.class);
			check(MSG_ID.equals(Clients.send(this.template)), "starter answer");
		}

		@TearDown(Level.Trial)
		public void stop() {
			Object requestFactory = requestFactory(this.context);
			this.context.close();
			// closing the context destroys the starter's request factory, but Jetty's factory does not stop an
			// HttpClient it was handed (Boot builds it), so its non-daemon threads would keep the forked JVM alive
			Object httpClient = field(requestFactory, "httpClient");
			try {
				if (httpClient instanceof org.eclipse.jetty.util.component.LifeCycle jetty) {
					jetty.stop();
				}
				else if (httpClient instanceof AutoCloseable closeable) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// shutting down anyway
			}
		}

	}

	/** The request factory under the client's RestClient (private fields: for shutting it down only). */
	static Object requestFactory(ConfigurableApplicationContext context) {
		Object client = context.getBean(io.github.mqttsend.client.SendMessageClient.class);
		return field(field(client, "restClient"), "clientRequestFactory");
	}

	private static Object field(Object target, String name) {
		for (Class<?> type = (target != null) ? target.getClass() : null; type != null; type = type.getSuperclass()) {
			try {
				java.lang.reflect.Field field = type.getDeclaredField(name);
				field.setAccessible(true);
				return field.get(target);
			}
			catch (NoSuchFieldException ex) {
				// look in the superclass
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}
		return null;
	}

	/** The starter with its defaults (Apache HttpClient 5, V3), limiter off. */
	@State(Scope.Benchmark)
	public static class StarterDefault {

		String signature = "v3";

		ConfigurableApplicationContext context;

		MqttSendTemplate template;

		@Setup(Level.Trial)
		public void start(Stub stub) {
			this.context = Clients.starterUnlimited(stub.server.endpoint(), "http-components", this.signature);
			this.template = this.context.getBean(MqttSendTemplate.class);
			check(MSG_ID.equals(Clients.send(this.template)), "starter answer");
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.context.close();
		}

	}

	/** The starter signing V1, on its default request factory, limiter off. */
	@State(Scope.Benchmark)
	public static class StarterV1 extends StarterDefault {

		public StarterV1() {
			this.signature = "v1";
		}

	}

	@State(Scope.Benchmark)
	public static class Tea {

		com.aliyun.teaopenapi.Client client;

		@Setup(Level.Trial)
		public void start(Stub stub) throws Exception {
			this.client = Clients.tea(stub.server);
			check(MSG_ID.equals(Clients.send(this.client)), "tea-openapi answer");
		}

	}

	@State(Scope.Benchmark)
	public static class Core {

		DefaultAcsClient client;

		StubServer stub;

		@Setup(Level.Trial)
		public void start(Stub stub) throws Exception {
			this.stub = stub.server;
			this.client = Clients.aliyunSdkCore();
			check(Clients.send(this.client, this.stub).contains(MSG_ID), "aliyun-java-sdk-core answer");
		}

		@TearDown(Level.Trial)
		public void stop() {
			this.client.shutdown();
		}

	}

	@State(Scope.Benchmark)
	public static class Jdk {

		HttpClient client;

		HttpRequest request;

		@Setup(Level.Trial)
		public void start(Stub stub) throws Exception {
			this.client = Clients.jdkHttpClient();
			this.request = Clients.jdkPresignedRequest(stub.server);
			check(new String(Clients.send(this.client, this.request)).contains(MSG_ID), "JDK HttpClient answer");
		}

	}

	/**
	 * Sends of the JDK's HttpClient that failed and were sent again, reported by JMH as {@code jdkResent}. Under
	 * concurrent load JDK 17's connection pool now and then closes a connection it has just handed out again
	 * ("connection closed locally", from {@code ConnectionPool.CleanupTrigger}); the stub never closes one.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class JdkFailures {

		public long jdkResent;

		@Setup(Level.Iteration)
		public void reset() {
			this.jdkResent = 0;
		}

	}

	/** One socket per benchmark thread. */
	@State(Scope.Thread)
	public static class Floor {

		Clients.RawConnection connection;

		@Setup(Level.Trial)
		public void start(Stub stub) throws IOException {
			this.connection = new Clients.RawConnection(stub.server);
			check(this.connection.send() == 200, "raw socket answer");
		}

		@TearDown(Level.Trial)
		public void stop() throws IOException {
			this.connection.close();
		}

	}

}
