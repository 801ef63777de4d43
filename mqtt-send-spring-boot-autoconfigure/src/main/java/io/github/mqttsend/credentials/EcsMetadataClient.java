package io.github.mqttsend.credentials;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * The ECS instance metadata service, in its hardened mode (IMDSv2): every read first takes a short-lived
 * token with {@code PUT /latest/api/token} ({@code X-aliyun-ecs-metadata-token-ttl-seconds}) and presents it in
 * {@code X-aliyun-ecs-metadata-token}. Short timeouts (1 s by default, as Alibaba's SDK uses), so that off ECS,
 * where {@code 100.100.100.200} answers nothing, the chain moves on quickly; no proxy; no redirects.
 */
public final class EcsMetadataClient {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

	/** How long a metadata token lives: a fetch uses it at once, so a minute is plenty. */
	static final int TOKEN_TTL_SECONDS = 60;

	static final String TOKEN_TTL_HEADER = "X-aliyun-ecs-metadata-token-ttl-seconds";

	static final String TOKEN_HEADER = "X-aliyun-ecs-metadata-token";

	static final String CREDENTIALS_PATH = "/latest/meta-data/ram/security-credentials/";

	/** RAM role names: letters, digits, '.', '-' and '_', up to 64 (nothing that could change the path). */
	private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	/** Metadata tokens: printable ASCII without spaces. */
	private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,1024}");

	private final URI endpoint;

	private final Clock clock;

	private final RemoteCredentialsHttp http;

	/**
	 * @param endpoint {@code http://100.100.100.200}, or a loopback or https endpoint standing in for it
	 */
	public EcsMetadataClient(URI endpoint, Clock clock) {
		this(endpoint, clock, CONNECT_TIMEOUT, READ_TIMEOUT);
	}

	public EcsMetadataClient(URI endpoint, Clock clock, Duration connectTimeout, Duration readTimeout) {
		this.endpoint = RemoteEndpoints.checkMetadata(endpoint);
		this.clock = clock;
		this.http = new RemoteCredentialsHttp(connectTimeout, readTimeout, false);
	}

	/** The endpoint calls go to. */
	public URI getEndpoint() {
		return this.endpoint;
	}

	/** The name of the RAM role attached to this instance. */
	public String roleName() {
		String token = token();
		String what = "the ECS metadata service at " + this.endpoint + " (role name)";
		RemoteCredentialsHttp.Answer answer = get(CREDENTIALS_PATH, token, what);
		String roleName = answer.text().lines().map(String::trim).filter((line) -> !line.isEmpty()).findFirst().orElse("");
		if (roleName.isEmpty()) {
			throw new CredentialsUnavailableException(what + ": no RAM role is attached to this instance");
		}
		return checkRoleName(roleName, what);
	}

	/** Temporary credentials of the RAM role {@code roleName}. */
	public Credentials credentials(String roleName) {
		String what = "the ECS metadata service at " + this.endpoint + " (role " + checkRoleName(roleName, "role name") + ")";
		String token = token();
		RemoteCredentialsHttp.Answer answer = get(CREDENTIALS_PATH + roleName, token, what);
		TemporaryCredentialsAnswer parsed = TemporaryCredentialsAnswer.parse(answer.body(), TemporaryCredentialsAnswer.class);
		if (parsed == null) {
			throw new CredentialsUnavailableException(what + " answered HTTP " + answer.status() + " with a body that is not JSON");
		}
		if (!"Success".equals(parsed.code())) {
			throw new CredentialsUnavailableException(what + " answered Code " + printable(parsed.code()) + ", not Success");
		}
		return parsed.toCredentials(what, this.clock);
	}

	private String token() {
		String what = "the ECS metadata service at " + this.endpoint + " (IMDSv2 token)";
		RemoteCredentialsHttp.Answer answer = this.http.exchange(HttpMethod.PUT, this.endpoint.resolve("/latest/api/token"),
				Map.of(TOKEN_TTL_HEADER, Integer.toString(TOKEN_TTL_SECONDS)), new byte[0], what);
		check(answer, what);
		String token = new String(answer.body(), StandardCharsets.US_ASCII).trim();
		if (!TOKEN.matcher(token).matches()) {
			throw new CredentialsUnavailableException(what + " answered something that is not a metadata token");
		}
		return token;
	}

	private RemoteCredentialsHttp.Answer get(String path, String token, String what) {
		RemoteCredentialsHttp.Answer answer = this.http.exchange(HttpMethod.GET, this.endpoint.resolve(path),
				Map.of(TOKEN_HEADER, token), new byte[0], what);
		check(answer, what);
		return answer;
	}

	private static void check(RemoteCredentialsHttp.Answer answer, String what) {
		if (answer.status() == 404) {
			throw new CredentialsUnavailableException(what + " answered HTTP 404: no such RAM role on this instance");
		}
		if (!answer.isSuccess()) {
			throw new CredentialsUnavailableException(what + " answered HTTP " + answer.status()
					+ ((answer.status() >= 300 && answer.status() < 400) ? " (redirects are not followed)" : ""));
		}
	}

	private static String checkRoleName(String roleName, String what) {
		if (!ROLE_NAME.matcher(roleName).matches()) {
			throw new CredentialsUnavailableException(what + ": '" + printable(roleName) + "' is not a RAM role name");
		}
		return roleName;
	}

	private static String printable(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		String shown = value.length() > 64 ? value.substring(0, 64) + "…" : value;
		return shown.replaceAll("[^\\x20-\\x7E]", "?");
	}

	@Override
	public String toString() {
		return "EcsMetadataClient[" + this.endpoint + "]";
	}

}
