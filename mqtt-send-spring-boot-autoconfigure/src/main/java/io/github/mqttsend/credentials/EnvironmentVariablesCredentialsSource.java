package io.github.mqttsend.credentials;

/**
 * AccessKeys from the environment variables {@code ALIBABA_CLOUD_ACCESS_KEY_ID},
 * {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET} and optionally {@code ALIBABA_CLOUD_SECURITY_TOKEN}, as Alibaba
 * Cloud's SDKs and CLI read them.
 */
public final class EnvironmentVariablesCredentialsSource implements CredentialsSource {

	public static final String NAME = "environment";

	static final String ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";

	static final String ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";

	static final String SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

	private final HostEnvironment environment;

	public EnvironmentVariablesCredentialsSource(HostEnvironment environment) {
		this.environment = environment;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CredentialsProvider resolve() {
		return new StaticCredentialsProvider(SystemPropertiesCredentialsSource.of("environment variable",
				ACCESS_KEY_ID, this.environment.environmentVariable(ACCESS_KEY_ID), ACCESS_KEY_SECRET,
				this.environment.environmentVariable(ACCESS_KEY_SECRET),
				this.environment.environmentVariable(SECURITY_TOKEN)));
	}

	@Override
	public String toString() {
		return "EnvironmentVariablesCredentialsSource";
	}

}
