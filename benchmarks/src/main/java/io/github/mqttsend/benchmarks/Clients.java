package io.github.mqttsend.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teaopenapi.models.Params;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.CommonRequest;
import com.aliyuncs.CommonResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;

import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.signing.SignedRequest;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The contenders, each set up as its own users would set it up, aimed at the same {@link StubServer}, and each
 * sending {@link Fixture}'s SendMessage with a fresh signature per call (the raw-HTTP rows excepted: they send
 * one presigned request).
 */
public final class Clients {

	/** Connections each pooled client may keep: enough for the 8-thread throughput runs. */
	static final int POOL_SIZE = 16;

	private Clients() {
	}

	// ---- the starter ----

	/** An application with nothing but Boot's auto-configuration: what a user of the starter runs. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class StarterApplication {

	}

	/**
	 * The auto-configured {@link MqttSendTemplate} in a Boot application aimed at {@code endpoint}.
	 * @param factory Boot's {@code spring.http.clients.imperative.factory}: {@code http-components} (the starter's
	 * default), {@code jetty}, {@code reactor} or {@code jdk}
	 * @param extra more properties, e.g. the rate limits
	 */
	public static ConfigurableApplicationContext starter(String endpoint, String factory, String signatureVersion,
			Map<String, Object> extra) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("apsaramq.mqtt.instance-id", Fixture.INSTANCE_ID);
		properties.put("apsaramq.mqtt.endpoint", endpoint);
		properties.put("apsaramq.mqtt.access-key-id", Fixture.ACCESS_KEY_ID);
		properties.put("apsaramq.mqtt.access-key-secret", Fixture.ACCESS_KEY_SECRET);
		properties.put("apsaramq.mqtt.signature-version", signatureVersion);
		properties.put("spring.http.clients.imperative.factory", factory);
		properties.put("logging.level.root", "WARN");
		properties.putAll(extra);
		return new SpringApplicationBuilder(StarterApplication.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.run();
	}

	/** The starter with its rate limiter off: what the per-message cost is measured on. */
	public static ConfigurableApplicationContext starterUnlimited(String endpoint, String factory,
			String signatureVersion) {
		return starter(endpoint, factory, signatureVersion, Map.of("apsaramq.mqtt.rate-limit.enabled", "false"));
	}

	public static String send(MqttSendTemplate template) {
		SendResult result = template.send(Fixture.TOPIC, Fixture.PAYLOAD);
		return result.msgId();
	}

	// ---- tea-openapi 0.3.15 (what the generated OnsMqtt SDK calls) ----

	public static com.aliyun.teaopenapi.Client tea(StubServer stub) throws Exception {
		Config config = new Config().setAccessKeyId(Fixture.ACCESS_KEY_ID)
			.setAccessKeySecret(Fixture.ACCESS_KEY_SECRET)
			.setRegionId(Fixture.REGION_ID)
			.setEndpoint("127.0.0.1:" + stub.port())
			.setProtocol("HTTP")
			.setMaxIdleConns(POOL_SIZE);
		return new com.aliyun.teaopenapi.Client(config);
	}

	/** What the generated {@code onsmqtt20200420} SDK's {@code sendMessageWithOptions} does for one message. */
	public static String send(com.aliyun.teaopenapi.Client client) throws Exception {
		Params params = new Params().setAction(Fixture.ACTION)
			.setVersion(Fixture.VERSION)
			.setProtocol("HTTP")
			.setPathname("/")
			.setMethod("POST")
			.setAuthType("AK")
			.setStyle("RPC")
			.setReqBodyType("formData")
			.setBodyType("json");
		com.aliyun.teaopenapi.models.OpenApiRequest request = new com.aliyun.teaopenapi.models.OpenApiRequest()
			.setQuery(com.aliyun.openapiutil.Client.query(Fixture.businessParameters()));
		Map<String, ?> result = client.callApi(params, request, new RuntimeOptions());
		@SuppressWarnings("unchecked")
		Map<String, Object> body = (Map<String, Object>) result.get("body");
		return (String) body.get("MsgId");
	}

	// ---- aliyun-java-sdk-core 4.7.10 ----

	public static DefaultAcsClient aliyunSdkCore() {
		DefaultProfile profile = DefaultProfile.getProfile(Fixture.REGION_ID, Fixture.ACCESS_KEY_ID,
				Fixture.ACCESS_KEY_SECRET);
		HttpClientConfig httpConfig = HttpClientConfig.getDefault();
		httpConfig.setMaxRequests(POOL_SIZE);
		httpConfig.setMaxRequestsPerHost(POOL_SIZE);
		httpConfig.setMaxIdleConnections(POOL_SIZE);
		profile.setHttpClientConfig(httpConfig);
		return new DefaultAcsClient(profile);
	}

	/** A {@code CommonRequest} for SendMessage, signed V1 (the SDK's default). */
	public static String send(DefaultAcsClient client, StubServer stub) throws Exception {
		CommonRequest request = new CommonRequest();
		request.setSysMethod(MethodType.POST);
		request.setSysProtocol(ProtocolType.HTTP);
		request.setSysDomain("127.0.0.1:" + stub.port());
		request.setSysProduct("OnsMqtt");
		request.setSysVersion(Fixture.VERSION);
		request.setSysAction(Fixture.ACTION);
		request.putQueryParameter("InstanceId", Fixture.INSTANCE_ID);
		request.putQueryParameter("MqttTopic", Fixture.TOPIC);
		request.putQueryParameter("Payload", Fixture.PAYLOAD);
		CommonResponse response = client.getCommonResponse(request);
		if (response.getHttpStatus() != 200) {
			throw new IllegalStateException("HTTP " + response.getHttpStatus());
		}
		return response.getData();
	}

	// ---- the JDK's HttpClient, one presigned request ----

	public static HttpClient jdkHttpClient() {
		// HTTP/1.1: over http:// the default would offer an h2c upgrade on every request
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
	}

	public static HttpRequest jdkPresignedRequest(StubServer stub) {
		SignedRequest signed = Fixture.presigned(stub.endpoint());
		HttpRequest.Builder builder = HttpRequest.newBuilder(signed.uri()).POST(HttpRequest.BodyPublishers.noBody());
		signed.headers().forEach(builder::header);
		return builder.build();
	}

	/** Sends once more when the JDK's own pool closed the connection under the send (counted in {@code failures}). */
	public static byte[] send(HttpClient client, HttpRequest request, States.JdkFailures failures)
			throws IOException, InterruptedException {
		try {
			return send(client, request);
		}
		catch (IOException ex) {
			failures.jdkResent++;
			return send(client, request);
		}
	}

	public static byte[] send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("HTTP " + response.statusCode());
		}
		return response.body();
	}

	// ---- the floor: presigned bytes on one kept-alive socket ----

	/**
	 * One kept-alive connection that writes the presigned request's bytes and reads the answer back: the least
	 * any HTTP client can do for one SendMessage. Reads the status line, finds {@code Content-Length} and reads
	 * that many bytes; allocates nothing per request. Not thread-safe: one per thread.
	 */
	public static final class RawConnection implements AutoCloseable {

		private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

		private final Socket socket;

		private final InputStream in;

		private final OutputStream out;

		private final byte[] request;

		private final byte[] buffer = new byte[8192];

		public RawConnection(StubServer stub) throws IOException {
			this.request = Fixture.presignedBytes(stub.endpoint());
			this.socket = new Socket();
			this.socket.setTcpNoDelay(true);
			this.socket.connect(new InetSocketAddress("127.0.0.1", stub.port()), 5000);
			this.in = this.socket.getInputStream();
			this.out = this.socket.getOutputStream();
		}

		/** Sends the request; answers the HTTP status. */
		public int send() throws IOException {
			this.out.write(this.request);
			int end = 0;
			int headersEnd = -1;
			while (headersEnd < 0) {
				int n = this.in.read(this.buffer, end, this.buffer.length - end);
				if (n < 0) {
					throw new IOException("connection closed");
				}
				for (int i = Math.max(3, end); i < end + n; i++) {
					if (this.buffer[i] == '\n' && this.buffer[i - 1] == '\r' && this.buffer[i - 2] == '\n'
							&& this.buffer[i - 3] == '\r') {
						headersEnd = i + 1;
						break;
					}
				}
				end += n;
			}
			int status = (this.buffer[9] - '0') * 100 + (this.buffer[10] - '0') * 10 + (this.buffer[11] - '0');
			int remaining = contentLength(headersEnd) - (end - headersEnd);
			while (remaining > 0) {
				int n = this.in.read(this.buffer, 0, Math.min(remaining, this.buffer.length));
				if (n < 0) {
					throw new IOException("connection closed");
				}
				remaining -= n;
			}
			return status;
		}

		private int contentLength(int headersEnd) {
			byte[] name = CONTENT_LENGTH;
			outer: for (int i = 0; i + name.length < headersEnd; i++) {
				if (this.buffer[i] != '\n') {
					continue;
				}
				for (int k = 0; k < name.length; k++) {
					if (Character.toLowerCase((char) this.buffer[i + 1 + k]) != name[k]) {
						continue outer;
					}
				}
				int value = 0;
				for (int j = i + 1 + name.length; this.buffer[j] != '\r'; j++) {
					if (this.buffer[j] >= '0' && this.buffer[j] <= '9') {
						value = value * 10 + (this.buffer[j] - '0');
					}
				}
				return value;
			}
			throw new IllegalStateException("no Content-Length");
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
