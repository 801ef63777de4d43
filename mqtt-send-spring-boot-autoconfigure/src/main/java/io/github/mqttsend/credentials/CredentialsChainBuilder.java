package io.github.mqttsend.credentials;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link CredentialsChain} that Alibaba Cloud's SDKs use ({@link CredentialsChain#builder()}) from a
 * few settings: the sources (all of them, in Alibaba's order, by default), the ECS RAM role name, the STS
 * endpoint, the session duration of assumed roles, the profile of the credentials file, and how far ahead
 * temporary credentials are refreshed.
 */
public final class CredentialsChainBuilder {

	/** The sources, in the order the chain asks them. */
	public enum Source {

		/** {@code alibabacloud.accessKeyId} / {@code alibabacloud.accessKeySecret} / {@code alibabacloud.sessionToken}. */
		SYSTEM_PROPERTIES,

		/** {@code ALIBABA_CLOUD_ACCESS_KEY_ID} / {@code _SECRET} / {@code ALIBABA_CLOUD_SECURITY_TOKEN}. */
		ENVIRONMENT,

		/** RRSA: {@code ALIBABA_CLOUD_ROLE_ARN}, {@code _OIDC_PROVIDER_ARN}, {@code _OIDC_TOKEN_FILE}, STS AssumeRoleWithOIDC. */
		OIDC,

		/** The credentials file, {@code ~/.alibabacloud/credentials.ini}. */
		PROFILE,

		/** The ECS instance's RAM role, from the metadata service. */
		ECS_RAM_ROLE

	}

	static final String STS_ENDPOINT = "ALIBABA_CLOUD_STS_ENDPOINT";

	static final String STS_REGION = "ALIBABA_CLOUD_STS_REGION";

	static final String VPC_ENDPOINT_ENABLED = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED";

	static final String ROLE_SESSION_NAME = "ALIBABA_CLOUD_ROLE_SESSION_NAME";

	/** STS's shortest session. */
	static final Duration MIN_SESSION_DURATION = Duration.ofMinutes(15);

	private Set<Source> sources = EnumSet.allOf(Source.class);

	private HostEnvironment environment = HostEnvironment.system();

	private Clock clock = Clock.systemUTC();

	private URI metadataEndpoint = RemoteEndpoints.METADATA;

	private @Nullable URI stsEndpoint;

	private @Nullable String roleName;

	private @Nullable String roleSessionName;

	private Duration sessionDuration = Duration.ofHours(1);

	private @Nullable String profile;

	private RefreshPolicy refreshPolicy = RefreshPolicy.DEFAULTS;

	CredentialsChainBuilder() {
	}

	/** Only these sources, still in Alibaba's order. */
	public CredentialsChainBuilder sources(Set<Source> sources) {
		if (sources.isEmpty()) {
			throw new IllegalArgumentException("at least one source is needed");
		}
		this.sources = EnumSet.copyOf(sources);
		return this;
	}

	/** Where environment variables, system properties and {@code ~} come from. */
	public CredentialsChainBuilder environment(HostEnvironment environment) {
		this.environment = Objects.requireNonNull(environment);
		return this;
	}

	public CredentialsChainBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock);
		return this;
	}

	/** The ECS metadata service: {@code http://100.100.100.200} unless a test or emulator stands in. */
	public CredentialsChainBuilder metadataEndpoint(URI metadataEndpoint) {
		this.metadataEndpoint = RemoteEndpoints.checkMetadata(metadataEndpoint);
		return this;
	}

	/**
	 * The STS endpoint; {@code null} for {@code ALIBABA_CLOUD_STS_ENDPOINT} (which ACK's pod identity webhook
	 * sets), else {@code ALIBABA_CLOUD_STS_REGION}'s regional endpoint (the VPC one with
	 * {@code ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true}), else {@code https://sts.aliyuncs.com}.
	 */
	public CredentialsChainBuilder stsEndpoint(@Nullable URI stsEndpoint) {
		this.stsEndpoint = (stsEndpoint != null) ? RemoteEndpoints.checkSts(stsEndpoint) : null;
		return this;
	}

	/** The ECS RAM role; {@code null} for {@code ALIBABA_CLOUD_ECS_METADATA}, else the one the service lists. */
	public CredentialsChainBuilder roleName(@Nullable String roleName) {
		this.roleName = roleName;
		return this;
	}

	/** The session name of assumed roles; {@code null} for {@code ALIBABA_CLOUD_ROLE_SESSION_NAME}, else one made up. */
	public CredentialsChainBuilder roleSessionName(@Nullable String roleSessionName) {
		this.roleSessionName = roleSessionName;
		return this;
	}

	/** How long assumed-role credentials live (STS {@code DurationSeconds}), at least 15 minutes. */
	public CredentialsChainBuilder sessionDuration(Duration sessionDuration) {
		if (sessionDuration.compareTo(MIN_SESSION_DURATION) < 0) {
			throw new IllegalArgumentException("session duration must be at least 15 minutes (STS's shortest), not "
					+ sessionDuration.toSeconds() + " s");
		}
		this.sessionDuration = sessionDuration;
		return this;
	}

	/** The profile of the credentials file; {@code null} for {@code ALIBABA_CLOUD_PROFILE}, else {@code default}. */
	public CredentialsChainBuilder profile(@Nullable String profile) {
		this.profile = profile;
		return this;
	}

	public CredentialsChainBuilder refreshPolicy(RefreshPolicy refreshPolicy) {
		this.refreshPolicy = Objects.requireNonNull(refreshPolicy);
		return this;
	}

	/** The sources, configured, in the order the chain asks them. */
	public List<CredentialsSource> sourcesInOrder() {
		StsClient sts = new StsClient(effectiveStsEndpoint(), this.clock);
		EcsMetadataClient metadata = new EcsMetadataClient(this.metadataEndpoint, this.clock);
		String sessionName = effectiveRoleSessionName();
		List<CredentialsSource> out = new ArrayList<>();
		for (Source source : this.sources) {
			out.add(switch (source) {
				case SYSTEM_PROPERTIES -> new SystemPropertiesCredentialsSource(this.environment);
				case ENVIRONMENT -> new EnvironmentVariablesCredentialsSource(this.environment);
				case OIDC -> new OidcRoleCredentialsSource(this.environment, sts, sessionName, this.sessionDuration,
						this.clock, this.refreshPolicy);
				case PROFILE -> new CredentialsFileSource(this.environment, this.profile, sts, metadata, sessionName,
						this.sessionDuration, this.clock, this.refreshPolicy);
				case ECS_RAM_ROLE -> new EcsRamRoleCredentialsSource(this.environment, metadata, this.roleName,
						this.clock, this.refreshPolicy);
			});
		}
		return out;
	}

	/**
	 * Asks the sources in turn.
	 * @throws NoCredentialsFoundException listing each source and why it had no credentials
	 */
	public CredentialsChain resolve() {
		return CredentialsChain.resolve(sourcesInOrder());
	}

	URI effectiveStsEndpoint() {
		if (this.stsEndpoint != null) {
			return this.stsEndpoint;
		}
		String endpoint = this.environment.environmentVariable(STS_ENDPOINT);
		if (endpoint != null) {
			return RemoteEndpoints.checkSts(URI.create(endpoint.contains("://") ? endpoint : "https://" + endpoint));
		}
		String region = this.environment.environmentVariable(STS_REGION);
		if (region != null) {
			return RemoteEndpoints.sts(region,
					"true".equalsIgnoreCase(this.environment.environmentVariable(VPC_ENDPOINT_ENABLED)));
		}
		return RemoteEndpoints.STS;
	}

	private String effectiveRoleSessionName() {
		if (this.roleSessionName != null && !this.roleSessionName.isBlank()) {
			return this.roleSessionName;
		}
		String fromEnvironment = this.environment.environmentVariable(ROLE_SESSION_NAME);
		return (fromEnvironment != null) ? fromEnvironment : "mqtt-send-" + this.clock.millis();
	}

}
