package io.github.mqttsend.credentials;

import java.time.Clock;

import org.jspecify.annotations.Nullable;

/**
 * The RAM role attached to the ECS instance, from the instance metadata service (IMDSv2). The role name is the
 * one configured, else {@code ALIBABA_CLOUD_ECS_METADATA}, else the one the service lists. Turned off by
 * {@code ALIBABA_CLOUD_ECS_METADATA_DISABLED=true}.
 */
public final class EcsRamRoleCredentialsSource implements CredentialsSource {

	public static final String NAME = "ecs-ram-role";

	static final String DISABLED = "ALIBABA_CLOUD_ECS_METADATA_DISABLED";

	static final String ROLE_NAME = "ALIBABA_CLOUD_ECS_METADATA";

	private final HostEnvironment environment;

	private final EcsMetadataClient metadata;

	private final @Nullable String roleName;

	private final Clock clock;

	private final RefreshPolicy refreshPolicy;

	/**
	 * @param roleName the RAM role's name, or {@code null} to take it from the environment or the service
	 */
	public EcsRamRoleCredentialsSource(HostEnvironment environment, EcsMetadataClient metadata,
			@Nullable String roleName, Clock clock, RefreshPolicy refreshPolicy) {
		this.environment = environment;
		this.metadata = metadata;
		this.roleName = roleName;
		this.clock = clock;
		this.refreshPolicy = refreshPolicy;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public CredentialsProvider resolve() {
		if ("true".equalsIgnoreCase(this.environment.environmentVariable(DISABLED))) {
			throw new CredentialsUnavailableException("turned off by " + DISABLED + "=true");
		}
		return forRole(this.metadata, this.clock, this.refreshPolicy, (this.roleName != null) ? this.roleName
				: this.environment.environmentVariable(ROLE_NAME));
	}

	/** A refreshing provider of the role's credentials, the role discovered when {@code roleName} is null. */
	static RefreshingCredentialsProvider forRole(EcsMetadataClient metadata, Clock clock, RefreshPolicy policy,
			@Nullable String roleName) {
		String role = (roleName != null) ? roleName : metadata.roleName();
		return new RefreshingCredentialsProvider(NAME, () -> metadata.credentials(role), clock, policy).fetchNow();
	}

	@Override
	public String toString() {
		return "EcsRamRoleCredentialsSource[" + this.metadata + "]";
	}

}
