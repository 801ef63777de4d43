package io.github.mqttsend.credentials;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * OIDC role SSO, what RRSA gives pods on ACK: {@code ALIBABA_CLOUD_ROLE_ARN},
 * {@code ALIBABA_CLOUD_OIDC_PROVIDER_ARN} and {@code ALIBABA_CLOUD_OIDC_TOKEN_FILE} name the role, the
 * identity provider and the mounted service-account token; STS {@code AssumeRoleWithOIDC} trades the token for
 * temporary credentials, refreshed ahead of their expiration with the token file read anew each time.
 */
public final class OidcRoleCredentialsSource implements CredentialsSource {

	public static final String NAME = "oidc";

	static final String ROLE_ARN = "ALIBABA_CLOUD_ROLE_ARN";

	static final String OIDC_PROVIDER_ARN = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN";

	static final String OIDC_TOKEN_FILE = "ALIBABA_CLOUD_OIDC_TOKEN_FILE";

	private final HostEnvironment environment;

	private final StsClient sts;

	private final String roleSessionName;

	private final Duration sessionDuration;

	private final Clock clock;

	private final RefreshPolicy refreshPolicy;

	public OidcRoleCredentialsSource(HostEnvironment environment, StsClient sts, String roleSessionName,
			Duration sessionDuration, Clock clock, RefreshPolicy refreshPolicy) {
		this.environment = environment;
		this.sts = sts;
		this.roleSessionName = roleSessionName;
		this.sessionDuration = sessionDuration;
		this.clock = clock;
		this.refreshPolicy = refreshPolicy;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CredentialsProvider resolve() {
		String roleArn = this.environment.environmentVariable(ROLE_ARN);
		String providerArn = this.environment.environmentVariable(OIDC_PROVIDER_ARN);
		String tokenFile = this.environment.environmentVariable(OIDC_TOKEN_FILE);
		if (roleArn == null || providerArn == null || tokenFile == null) {
			List<String> missing = new ArrayList<>();
			if (roleArn == null) {
				missing.add(ROLE_ARN);
			}
			if (providerArn == null) {
				missing.add(OIDC_PROVIDER_ARN);
			}
			if (tokenFile == null) {
				missing.add(OIDC_TOKEN_FILE);
			}
			throw new CredentialsUnavailableException("environment variable" + ((missing.size() > 1) ? "s " : " ")
					+ String.join(", ", missing) + ((missing.size() > 1) ? " are" : " is") + " not set");
		}
		OidcTokenFile token = new OidcTokenFile(Path.of(tokenFile), this.clock);
		CredentialsFetcher fetcher = () -> this.sts.assumeRoleWithOidc(roleArn, providerArn, token.read(),
				this.roleSessionName, this.sessionDuration);
		return new RefreshingCredentialsProvider(NAME, fetcher, this.clock, this.refreshPolicy).fetchNow();
	}

	@Override
	public String toString() {
		return "OidcRoleCredentialsSource[" + this.sts + "]";
	}

}
