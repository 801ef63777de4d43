package io.github.mqttsend.credentials;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The HTTP exchanges of the remote credentials sources: a {@link RestClient} of its own on the JDK's
 * {@link HttpClient}, with bounded connect and read timeouts, redirects never followed, HTTP/1.1, and answers
 * read up to 64 KB. It is deliberately not built from the application's {@code RestClient.Builder}: no
 * customizer, interceptor or request log of the application sees the answers, which hold secrets. Failures say
 * what failed and why, never the request URI (a signed STS URI holds the signature) nor the answer.
 */
final class RemoteCredentialsHttp {

	/** Answers hold a few credentials: read no more than this. */
	static final int MAX_ANSWER_BYTES = 64 * 1024;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final boolean proxied;

	/** Built on first use: a chain that never reaches a remote source starts no HTTP client threads. */
	private volatile @Nullable RestClient restClient;

	/**
	 * @param connectTimeout longest wait for a connection
	 * @param readTimeout longest wait for the answer
	 * @param proxied whether the JVM's proxy settings apply ({@code false} for the link-local metadata service)
	 */
	RemoteCredentialsHttp(Duration connectTimeout, Duration readTimeout, boolean proxied) {
		this.connectTimeout = connectTimeout;
		this.readTimeout = readTimeout;
		this.proxied = proxied;
	}

	private RestClient restClient() {
		RestClient client = this.restClient;
		if (client == null) {
			synchronized (this) {
				client = this.restClient;
				if (client == null) {
					client = build(this.connectTimeout, this.readTimeout, this.proxied);
					this.restClient = client;
				}
			}
		}
		return client;
	}

	private static RestClient build(Duration connectTimeout, Duration readTimeout, boolean proxied) {
		HttpClient.Builder httpClient = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1);
		if (!proxied) {
			httpClient.proxy(HttpClient.Builder.NO_PROXY);
		}
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient.build());
		requestFactory.setReadTimeout(readTimeout);
		return RestClient.builder().requestFactory(requestFactory).build();
	}

	/**
	 * Makes one exchange.
	 * @param what what the exchange is for, in failure messages, e.g. "STS AssumeRole at https://sts.aliyuncs.com"
	 * @throws CredentialsUnavailableException when no answer came
	 */
	Answer exchange(HttpMethod method, URI uri, Map<String, String> headers, byte[] body, String what) {
		try {
			RestClient.RequestBodySpec request = restClient().method(method)
				.uri(uri)
				.headers((httpHeaders) -> headers.forEach(httpHeaders::set));
			if (body.length > 0) {
				request.body(body);
			}
			return request.exchange((httpRequest, response) -> new Answer(response.getStatusCode().value(),
					response.getBody().readNBytes(MAX_ANSWER_BYTES)), true);
		}
		catch (RestClientException ex) {
			// RestClient's own message holds the full URI: say only what went wrong underneath
			throw new CredentialsUnavailableException(what + " failed: " + cause(ex));
		}
	}

	private static String cause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && !(cause instanceof IOException)) {
			cause = cause.getCause();
		}
		if (cause instanceof IOException) {
			String message = cause.getMessage();
			return cause.getClass().getSimpleName() + ((message != null && !message.contains("://")) ? " (" + message + ")" : "");
		}
		return ex.getClass().getSimpleName();
	}

	/**
	 * An answer: the status and up to {@link #MAX_ANSWER_BYTES} of the body. Deliberately without
	 * {@code toString()} of the body, which may hold secrets.
	 */
	static final class Answer {

		private final int status;

		private final byte[] body;

		Answer(int status, byte[] body) {
			this.status = status;
			this.body = body;
		}

		int status() {
			return this.status;
		}

		byte[] body() {
			return this.body;
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		boolean isSuccess() {
			return this.status >= 200 && this.status < 300;
		}

		@Override
		public String toString() {
			return "Answer[HTTP " + this.status + ", " + this.body.length + " bytes]";
		}

	}

}
