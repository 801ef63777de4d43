package io.github.mqttsend.credentials;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A profile of Alibaba Cloud's credentials file: {@code ALIBABA_CLOUD_CREDENTIALS_FILE}, else
 * {@code ~/.alibabacloud/credentials.ini}; the profile configured, else {@code ALIBABA_CLOUD_PROFILE}, else
 * {@code [default]}. Profile types:
 * <ul>
 * <li>{@code access_key}: {@code access_key_id}, {@code access_key_secret};</li>
 * <li>{@code ecs_ram_role}: {@code role_name} (optional: discovered), from the ECS metadata service;</li>
 * <li>{@code ram_role_arn}: {@code access_key_id}, {@code access_key_secret}, {@code role_arn} and optionally
 * {@code role_session_name}: STS {@code AssumeRole}, signed with that AccessKey.</li>
 * </ul>
 * A profile with {@code enable = false} is skipped.
 */
public final class CredentialsFileSource implements CredentialsSource {

	public static final String NAME = "profile";

	static final String FILE = "ALIBABA_CLOUD_CREDENTIALS_FILE";

	static final String PROFILE = "ALIBABA_CLOUD_PROFILE";

	static final String DEFAULT_PROFILE = "default";

	private final HostEnvironment environment;

	private final @Nullable String profileName;

	private final StsClient sts;

	private final EcsMetadataClient metadata;

	private final String roleSessionName;

	private final Duration sessionDuration;

	private final Clock clock;

	private final RefreshPolicy refreshPolicy;

	/**
	 * @param profileName the profile, or {@code null} for {@code ALIBABA_CLOUD_PROFILE} or {@code default}
	 * @param roleSessionName the session name of {@code ram_role_arn} profiles without {@code role_session_name}
	 */
	public CredentialsFileSource(HostEnvironment environment, @Nullable String profileName, StsClient sts,
			EcsMetadataClient metadata, String roleSessionName, Duration sessionDuration, Clock clock,
			RefreshPolicy refreshPolicy) {
		this.environment = environment;
		this.profileName = profileName;
		this.sts = sts;
		this.metadata = metadata;
		this.roleSessionName = roleSessionName;
		this.sessionDuration = sessionDuration;
		this.clock = clock;
		this.refreshPolicy = refreshPolicy;
	}

	@Override
	public String name() {
		return NAME;
	}

	/** The file this source reads. */
	public Path path() {
		String configured = this.environment.environmentVariable(FILE);
		return (configured != null) ? Path.of(configured)
				: this.environment.userHome().resolve(".alibabacloud").resolve("credentials.ini");
	}

	@Override
	public CredentialsProvider resolve() {
		CredentialsFile file = CredentialsFile.read(path());
		String name = this.profileName;
		if (name == null) {
			String fromEnvironment = this.environment.environmentVariable(PROFILE);
			name = (fromEnvironment != null) ? fromEnvironment : DEFAULT_PROFILE;
		}
		Map<String, String> profile = file.profile(name);
		String where = "profile [" + name + "] of " + file.path();
		if (profile == null) {
			throw new CredentialsUnavailableException("no profile [" + name + "] in " + file.path());
		}
		if ("false".equalsIgnoreCase(profile.get("enable"))) {
			throw new CredentialsUnavailableException(where + " is turned off (enable = false)");
		}
		String type = profile.getOrDefault("type", "access_key");
		return switch (type) {
			case "access_key" -> new StaticCredentialsProvider(accessKey(profile, where));
			case "ecs_ram_role" -> EcsRamRoleCredentialsSource.forRole(this.metadata, this.clock, this.refreshPolicy,
					blankToNull(profile.get("role_name")));
			case "ram_role_arn" -> ramRoleArn(profile, where);
			default -> throw new CredentialsUnavailableException(where + " has type '" + type
					+ "', which is not supported (access_key, ecs_ram_role, ram_role_arn)");
		};
	}

	private CredentialsProvider ramRoleArn(Map<String, String> profile, String where) {
		Credentials caller = accessKey(profile, where);
		String roleArn = blankToNull(profile.get("role_arn"));
		if (roleArn == null) {
			throw new CredentialsUnavailableException(where + " is of type ram_role_arn but has no role_arn");
		}
		String configuredSessionName = blankToNull(profile.get("role_session_name"));
		String sessionName = (configuredSessionName != null) ? configuredSessionName : this.roleSessionName;
		CredentialsFetcher fetcher = () -> this.sts.assumeRole(caller, roleArn, sessionName, this.sessionDuration);
		return new RefreshingCredentialsProvider(NAME, fetcher, this.clock, this.refreshPolicy).fetchNow();
	}

	private static Credentials accessKey(Map<String, String> profile, String where) {
		String accessKeyId = blankToNull(profile.get("access_key_id"));
		String accessKeySecret = blankToNull(profile.get("access_key_secret"));
		if (accessKeyId == null || accessKeySecret == null) {
			throw new CredentialsUnavailableException(where + " lacks access_key_id or access_key_secret");
		}
		return Credentials.of(accessKeyId, accessKeySecret);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	@Override
	public String toString() {
		return "CredentialsFileSource[" + path() + "]";
	}

}
