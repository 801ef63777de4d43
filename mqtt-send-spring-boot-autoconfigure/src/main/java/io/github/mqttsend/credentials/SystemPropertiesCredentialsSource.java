package io.github.mqttsend.credentials;

import org.jspecify.annotations.Nullable;

/**
 * AccessKeys from the system properties {@code alibabacloud.accessKeyId}, {@code alibabacloud.accessKeySecret}
 * (or the older {@code alibabacloud.accessKeyIdSecret}) and optionally {@code alibabacloud.sessionToken}, as
 * Alibaba Cloud's SDKs read them.
 */
public final class SystemPropertiesCredentialsSource implements CredentialsSource {

	public static final String NAME = "system-properties";

	static final String ACCESS_KEY_ID = "alibabacloud.accessKeyId";

	static final String ACCESS_KEY_SECRET = "alibabacloud.accessKeySecret";

	static final String LEGACY_ACCESS_KEY_SECRET = "alibabacloud.accessKeyIdSecret";

	static final String SESSION_TOKEN = "alibabacloud.sessionToken";

	private final HostEnvironment environment;

	public SystemPropertiesCredentialsSource(HostEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CredentialsProvider resolve() {
		String accessKeyId = this.environment.systemProperty(ACCESS_KEY_ID);
		String accessKeySecret = this.environment.systemProperty(ACCESS_KEY_SECRET);
		if (accessKeySecret == null) {
			accessKeySecret = this.environment.systemProperty(LEGACY_ACCESS_KEY_SECRET);
		}
		return new StaticCredentialsProvider(of("system property", ACCESS_KEY_ID, accessKeyId, ACCESS_KEY_SECRET,
				accessKeySecret, this.environment.systemProperty(SESSION_TOKEN)));
	}

	/** Credentials from a pair of named settings, or why not: never quotes a value. */
	static Credentials of(String kind, String idName, @Nullable String accessKeyId, String secretName,
			@Nullable String accessKeySecret, @Nullable String securityToken) {
		if (accessKeyId == null) {
			throw new CredentialsUnavailableException(kind + " " + idName + " is not set");
		}
		if (accessKeySecret == null) {
			throw new CredentialsUnavailableException(kind + " " + idName + " is set but " + secretName + " is not");
		}
		return Credentials.of(accessKeyId, accessKeySecret, securityToken);
	}

	@Override
	public String toString() {
		return "SystemPropertiesCredentialsSource";
	}

}
