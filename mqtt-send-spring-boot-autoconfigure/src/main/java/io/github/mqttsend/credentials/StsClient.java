package io.github.mqttsend.credentials;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.mqttsend.signing.OpenApiRequest;
import io.github.mqttsend.signing.PercentEncoding;
import io.github.mqttsend.signing.RpcHmacSha1Signer;
import io.github.mqttsend.signing.SignedRequest;

import org.springframework.http.HttpMethod;

/**
 * Alibaba Cloud STS (Security Token Service, API version {@code 2015-04-01}): trades an OIDC token or an
 * AccessKey for temporary credentials. Both calls are real HTTP exchanges with bounded timeouts, no redirects,
 * and nothing secret in the URL:
 * <ul>
 * <li>{@code AssumeRoleWithOIDC} is anonymous, as Alibaba's {@code credentials-java} sends it: the OIDC token
 * itself is the proof, so the request carries no AccessKey and no signature. {@code Action}, {@code Format},
 * {@code Version} and {@code Timestamp} travel in the query; the token and the role in a form body.</li>
 * <li>{@code AssumeRole} is signed (V1 HMAC-SHA1 RPC, {@link RpcHmacSha1Signer}) with the caller's AccessKey;
 * its business parameters travel in a form body.</li>
 * </ul>
 */
public final class StsClient {

	static final String VERSION = "2015-04-01";

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String FORM = "application/x-www-form-urlencoded";

	private final URI endpoint;

	private final Clock clock;

	private final RemoteCredentialsHttp http;

	private final RpcHmacSha1Signer signer = new RpcHmacSha1Signer();

	/**
	 * @param endpoint {@code https://sts.aliyuncs.com}, a regional {@code https://sts.<region>.aliyuncs.com}, or
	 * {@code http://} to a loopback host
	 * @param clock the clock that stamps requests and judges expirations
	 */
	public StsClient(URI endpoint, Clock clock) {
		this(endpoint, clock, CONNECT_TIMEOUT, READ_TIMEOUT);
	}

	public StsClient(URI endpoint, Clock clock, Duration connectTimeout, Duration readTimeout) {
		this.endpoint = RemoteEndpoints.checkSts(endpoint);
		this.clock = clock;
		this.http = new RemoteCredentialsHttp(connectTimeout, readTimeout, true);
	}

	/** The endpoint calls go to. */
	public URI getEndpoint() {
		return this.endpoint;
	}

	/**
	 * {@code AssumeRoleWithOIDC}, unsigned: temporary credentials of {@code roleArn} for the bearer of
	 * {@code oidcToken}.
	 */
	public Credentials assumeRoleWithOidc(String roleArn, String oidcProviderArn, String oidcToken,
			String roleSessionName, Duration duration) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("Action", "AssumeRoleWithOIDC");
		query.put("Format", "JSON");
		query.put("Version", VERSION);
		query.put("Timestamp", TIMESTAMP.format(this.clock.instant()));
		Map<String, String> form = new TreeMap<>();
		form.put("DurationSeconds", Long.toString(duration.toSeconds()));
		form.put("OIDCProviderArn", oidcProviderArn);
		form.put("OIDCToken", oidcToken);
		form.put("RoleArn", roleArn);
		form.put("RoleSessionName", roleSessionName);
		URI uri = URI.create(this.endpoint + "/?" + encode(query));
		byte[] body = encode(form).getBytes(StandardCharsets.US_ASCII);
		return call("AssumeRoleWithOIDC", uri, Map.of("content-type", FORM), body);
	}

	/**
	 * {@code AssumeRole}, signed with {@code caller}: temporary credentials of {@code roleArn}.
	 */
	public Credentials assumeRole(Credentials caller, String roleArn, String roleSessionName, Duration duration) {
		TreeMap<String, String> parameters = new TreeMap<>();
		parameters.put("DurationSeconds", Long.toString(duration.toSeconds()));
		parameters.put("RoleArn", roleArn);
		parameters.put("RoleSessionName", roleSessionName);
		OpenApiRequest request = new OpenApiRequest(this.endpoint, "AssumeRole", VERSION, parameters,
				OpenApiRequest.ParameterPlacement.FORM_BODY);
		SignedRequest signed = this.signer.sign(request, caller, this.clock.instant(), UUID.randomUUID().toString());
		return call("AssumeRole", signed.uri(), signed.headers(), signed.body());
	}

	private Credentials call(String action, URI uri, Map<String, String> headers, byte[] body) {
		String what = "STS " + action + " at " + this.endpoint;
		RemoteCredentialsHttp.Answer answer = this.http.exchange(HttpMethod.POST, uri, headers, body, what);
		StsAnswer parsed = TemporaryCredentialsAnswer.parse(answer.body(), StsAnswer.class);
		String requestId = (parsed != null && parsed.requestId() != null) ? " (RequestId " + parsed.requestId() + ")" : "";
		if (!answer.isSuccess()) {
			String code = (parsed != null && parsed.code() != null) ? " " + parsed.code() : "";
			String redirect = (answer.status() >= 300 && answer.status() < 400) ? " (redirects are not followed)" : "";
			throw new CredentialsUnavailableException(what + " answered HTTP " + answer.status() + code + requestId + redirect);
		}
		if (parsed == null || parsed.credentials() == null) {
			throw new CredentialsUnavailableException(what + " answered HTTP " + answer.status()
					+ " without STS's JSON Credentials" + requestId);
		}
		return parsed.credentials().toCredentials(what, this.clock);
	}

	private static String encode(Map<String, String> parameters) {
		StringBuilder out = new StringBuilder();
		parameters.forEach((name, value) -> {
			if (!out.isEmpty()) {
				out.append('&');
			}
			PercentEncoding.encode(name, out);
			out.append('=');
			PercentEncoding.encode(value, out);
		});
		return out.toString();
	}

	@Override
	public String toString() {
		return "StsClient[" + this.endpoint + "]";
	}

	/** STS's answer: {@code {"RequestId", "Credentials": {…}}}, or {@code {"RequestId", "Code", "Message"}}. */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record StsAnswer(@JsonProperty("RequestId") @Nullable String requestId, @JsonProperty("Code") @Nullable String code,
			@JsonProperty("Credentials") @Nullable TemporaryCredentialsAnswer credentials) {

		@Override
		public String toString() {
			return "StsAnswer[requestId=" + this.requestId + ", code=" + this.code + ", " + this.credentials + "]";
		}

	}

}
