package io.github.mqttsend.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpRequest;
import org.mockserver.model.HttpResponse;

import io.github.mqttsend.client.SendMessageClient;
import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.credentials.StaticCredentialsProvider;
import io.github.mqttsend.retry.RetrySettings;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * An in-process MockServer on a free loopback port standing in for the SendMessage endpoint, and clients
 * pointed at it. Close it after the test.
 */
public final class SendMessageServer implements AutoCloseable {

	public static final String ACCESS_KEY_ID = "testid";

	public static final String ACCESS_KEY_SECRET = "testsecret";

	private final ClientAndServer server;

	public SendMessageServer() {
		this.server = ClientAndServer.startClientAndServer(0);
	}

	public ClientAndServer mock() {
		return this.server;
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getPort());
	}

	/** Answers every SendMessage call with success. */
	public SendMessageServer acceptAll() {
		this.server.when(request().withMethod("POST").withPath("/"))
			.respond(success("msg-1", "req-1"));
		return this;
	}

	public static HttpResponse success(String msgId, String requestId) {
		return response().withStatusCode(200)
			.withHeader("Content-Type", "application/json;charset=utf-8")
			.withBody("{\"RequestId\":\"" + requestId + "\",\"MsgId\":\"" + msgId + "\"}");
	}

	public static HttpResponse error(int status, String code, String requestId) {
		return response().withStatusCode(status)
			.withHeader("Content-Type", "application/json;charset=utf-8")
			.withBody("{\"RequestId\":\"" + requestId + "\",\"HostId\":\"onsmqtt.cn-hangzhou.aliyuncs.com\",\"Code\":\""
					+ code + "\",\"Message\":\"message for " + code + "\"}");
	}

	/** The requests the server received, in order. */
	public List<HttpRequest> received() {
		return List.of(this.server.retrieveRecordedRequests(request().withPath("/")));
	}

	/**
	 * A RestClient on Apache HttpClient 5, as the starter uses by default, with short timeouts and, like the
	 * starter's, without HttpClient's own retries (which would resend a 503 or 429 with the same nonce).
	 */
	public static RestClient restClient(Duration readTimeout) {
		return restClient(readTimeout, 0);
	}

	/**
	 * Like {@link #restClient(Duration)} with a 5 s read timeout, and a connection pool of
	 * {@code maxConnections}, as the starter sizes its pool larger than the number of sending threads.
	 */
	public static RestClient pooledRestClient(int maxConnections) {
		return restClient(Duration.ofSeconds(5), maxConnections);
	}

	private static RestClient restClient(Duration readTimeout, int maxConnections) {
		HttpClientSettings settings = HttpClientSettings.defaults()
			.withTimeouts(Duration.ofSeconds(2), readTimeout);
		HttpComponentsClientHttpRequestFactoryBuilder factory = ClientHttpRequestFactoryBuilder.httpComponents()
			.withHttpClientCustomizer(HttpClientBuilder::disableAutomaticRetries);
		if (maxConnections > 0) {
			factory = factory.withConnectionManagerCustomizer((connectionManager) -> connectionManager
				.setMaxConnPerRoute(maxConnections)
				.setMaxConnTotal(maxConnections));
		}
		return RestClient.builder().requestFactory(factory.build(settings)).build();
	}

	/** A client builder aimed at this server: V3, the test key pair, no retries, no rate limit. */
	public SendMessageClient.Builder clientBuilder() {
		return SendMessageClient.builder()
			.endpoint(endpoint())
			.restClient(restClient(Duration.ofSeconds(5)))
			.credentialsProvider(new StaticCredentialsProvider(Credentials.of(ACCESS_KEY_ID, ACCESS_KEY_SECRET)))
			.retrySettings(RetrySettings.NONE);
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
