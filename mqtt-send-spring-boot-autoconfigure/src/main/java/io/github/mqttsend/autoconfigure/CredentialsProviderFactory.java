package io.github.mqttsend.autoconfigure;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.credentials.CredentialsChain;
import io.github.mqttsend.credentials.CredentialsChainBuilder;
import io.github.mqttsend.credentials.CredentialsChainBuilder.Source;
import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.credentials.HostEnvironment;
import io.github.mqttsend.credentials.NoCredentialsFoundException;
import io.github.mqttsend.credentials.RefreshPolicy;
import io.github.mqttsend.credentials.StaticCredentialsProvider;

/**
 * The auto-configured {@link CredentialsProvider}: the configured (or connection details') AccessKey when there
 * is one, else Alibaba Cloud's chain, resolved at start-up. When nothing gives credentials, start-up fails with a
 * report of every source tried and why it gave nothing.
 */
final class CredentialsProviderFactory {

	static final String WHAT_TO_SET = "Give the application credentials in one of these ways:\n"
			+ "  - apsaramq.mqtt.access-key-id and apsaramq.mqtt.access-key-secret (and apsaramq.mqtt.security-token "
			+ "for STS credentials);\n"
			+ "  - the environment variables ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (and "
			+ "ALIBABA_CLOUD_SECURITY_TOKEN), or the system properties alibabacloud.accessKeyId and "
			+ "alibabacloud.accessKeySecret;\n"
			+ "  - on ACK with RRSA: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and "
			+ "ALIBABA_CLOUD_OIDC_TOKEN_FILE (set by the ack-pod-identity-webhook);\n"
			+ "  - a [default] profile (or apsaramq.mqtt.credentials.profile) in ~/.alibabacloud/credentials.ini, or the "
			+ "file named by ALIBABA_CLOUD_CREDENTIALS_FILE;\n"
			+ "  - on ECS: attach a RAM role to the instance (apsaramq.mqtt.credentials.role-name names it);\n"
			+ "  - or define a CredentialsProvider bean.";

	private CredentialsProviderFactory() {
	}

	static CredentialsProvider create(MqttSendProperties properties, MqttSendConnectionDetails connectionDetails,
			HostEnvironment environment) {
		CredentialsProvider provider = resolve(properties, connectionDetails, environment);
		WireLoggingWarning.check(provider.getCredentials());
		return provider;
	}

	private static CredentialsProvider resolve(MqttSendProperties properties,
			MqttSendConnectionDetails connectionDetails, HostEnvironment environment) {
		MqttSendProperties.CredentialsSettings settings = properties.getCredentials();
		MqttSendProperties.CredentialsSettings.Source source = settings.getSource();
		if (source == MqttSendProperties.CredentialsSettings.Source.AUTO
				|| source == MqttSendProperties.CredentialsSettings.Source.STATIC) {
			Credentials configured = connectionDetails.getCredentials();
			if (configured != null) {
				return new StaticCredentialsProvider(configured);
			}
			if (source == MqttSendProperties.CredentialsSettings.Source.STATIC) {
				throw new MqttSendConfigurationException("apsaramq.mqtt.access-key-id",
						"apsaramq.mqtt.credentials.source is static but no AccessKey ID is configured.",
						"Set apsaramq.mqtt.access-key-id and apsaramq.mqtt.access-key-secret, or remove "
								+ "apsaramq.mqtt.credentials.source to let the credentials chain find them.");
			}
		}
		CredentialsChainBuilder chain = chain(settings, environment);
		try {
			return chain.resolve();
		}
		catch (NoCredentialsFoundException ex) {
			String tried = ex.getAttempts()
				.stream()
				.map((attempt) -> "  - " + attempt.source() + ": " + attempt.reason())
				.collect(Collectors.joining("\n"));
			throw new MqttSendConfigurationException("apsaramq.mqtt.access-key-id",
					"no credentials: apsaramq.mqtt.access-key-id is not set and no source of the credentials chain "
							+ "had any. Tried:\n" + tried,
					WHAT_TO_SET);
		}
		catch (IllegalArgumentException ex) {
			throw invalidSettings(ex);
		}
	}

	private static CredentialsChainBuilder chain(MqttSendProperties.CredentialsSettings settings,
			HostEnvironment environment) {
		try {
			return CredentialsChain.builder()
				.environment(environment)
				.sources(sources(settings.getSource()))
				.metadataEndpoint(settings.getMetadataEndpoint())
				.stsEndpoint(settings.getStsEndpoint())
				.roleName(settings.getRoleName())
				.roleSessionName(settings.getRoleSessionName())
				.sessionDuration(settings.getSessionDuration())
				.profile(settings.getProfile())
				.refreshPolicy(RefreshPolicy.DEFAULTS.withRefreshAhead(settings.getRefreshAhead()));
		}
		catch (IllegalArgumentException ex) {
			throw invalidSettings(ex);
		}
	}

	private static MqttSendConfigurationException invalidSettings(IllegalArgumentException ex) {
		return new MqttSendConfigurationException("apsaramq.mqtt.credentials", String.valueOf(ex.getMessage()),
				"Fix the apsaramq.mqtt.credentials.* properties, or ALIBABA_CLOUD_STS_ENDPOINT / ALIBABA_CLOUD_STS_REGION "
						+ "(sts-endpoint and metadata-endpoint must be https, or http to localhost; session-duration at "
						+ "least 15m; refresh-ahead not negative).");
	}

	private static Set<Source> sources(MqttSendProperties.CredentialsSettings.Source source) {
		return switch (source) {
			case AUTO, STATIC -> EnumSet.allOf(Source.class);
			case SYSTEM_PROPERTIES -> EnumSet.of(Source.SYSTEM_PROPERTIES);
			case ENVIRONMENT -> EnumSet.of(Source.ENVIRONMENT);
			case OIDC -> EnumSet.of(Source.OIDC);
			case PROFILE -> EnumSet.of(Source.PROFILE);
			case ECS_RAM_ROLE -> EnumSet.of(Source.ECS_RAM_ROLE);
		};
	}

}
