package io.github.mqttsend.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.github.mqttsend.PayloadEncoding;
import io.github.mqttsend.signing.SignatureVersion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsProperties;

/**
 * Configuration of the ApsaraMQ for MQTT {@code SendMessage} client, under {@code apsaramq.mqtt}.
 */
@ConfigurationProperties("apsaramq.mqtt")
public class MqttSendProperties {

	/**
	 * Whether to auto-configure the MqttSendTemplate.
	 */
	private boolean enabled = true;

	/**
	 * ID of the ApsaraMQ for MQTT instance messages are sent to, e.g. 'mqtt-cn-0pp12gl0000'.
	 */
	private @Nullable String instanceId;

	/**
	 * Region of the instance, e.g. 'cn-hangzhou'. Gives the endpoint
	 * 'https://onsmqtt.<region-id>.aliyuncs.com'.
	 */
	private @Nullable String regionId;

	/**
	 * Whether to call the VPC endpoint 'https://onsmqtt-vpc.<region-id>.aliyuncs.com', for applications that run
	 * inside an Alibaba Cloud VPC.
	 */
	private boolean vpc = false;

	/**
	 * Full endpoint URI that overrides region-id and vpc. Must be https, except for a loopback host.
	 */
	private @Nullable URI endpoint;

	/**
	 * AccessKey ID of the RAM user or STS credentials that sign requests. When unset, credentials come from
	 * Alibaba Cloud's credentials chain (see apsaramq.mqtt.credentials.*).
	 */
	private @Nullable String accessKeyId;

	/**
	 * AccessKey secret that signs requests. Never logged nor shown by actuator endpoints.
	 */
	private @Nullable String accessKeySecret;

	/**
	 * STS security token, for temporary credentials. Never logged nor shown by actuator endpoints.
	 */
	private @Nullable String securityToken;

	/**
	 * Signature version: 'v3' (ACS3-HMAC-SHA256) or 'v1' (HMAC-SHA1 RPC).
	 */
	private SignatureVersion signatureVersion = SignatureVersion.V3;

	/**
	 * How String payloads travel: 'raw' (exactly as given) or 'base64' (their UTF-8 bytes, Base64-encoded).
	 * byte[] payloads always travel Base64-encoded.
	 */
	private PayloadEncoding payloadEncoding = PayloadEncoding.RAW;

	private final CredentialsSettings credentials = new CredentialsSettings();

	@NestedConfigurationProperty
	private final Http http = new Http();

	private final Retry retry = new Retry();

	private final RateLimit rateLimit = new RateLimit();

	private final Async async = new Async();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public @Nullable String getRegionId() {
		return this.regionId;
	}

	public void setRegionId(@Nullable String regionId) {
		this.regionId = regionId;
	}

	public boolean isVpc() {
		return this.vpc;
	}

	public void setVpc(boolean vpc) {
		this.vpc = vpc;
	}

	public @Nullable URI getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable URI endpoint) {
		this.endpoint = endpoint;
	}

	public @Nullable String getAccessKeyId() {
		return this.accessKeyId;
	}

	public void setAccessKeyId(@Nullable String accessKeyId) {
		this.accessKeyId = accessKeyId;
	}

	public @Nullable String getAccessKeySecret() {
		return this.accessKeySecret;
	}

	public void setAccessKeySecret(@Nullable String accessKeySecret) {
		this.accessKeySecret = accessKeySecret;
	}

	public @Nullable String getSecurityToken() {
		return this.securityToken;
	}

	public void setSecurityToken(@Nullable String securityToken) {
		this.securityToken = securityToken;
	}

	public SignatureVersion getSignatureVersion() {
		return this.signatureVersion;
	}

	public void setSignatureVersion(SignatureVersion signatureVersion) {
		this.signatureVersion = signatureVersion;
	}

	public PayloadEncoding getPayloadEncoding() {
		return this.payloadEncoding;
	}

	public void setPayloadEncoding(PayloadEncoding payloadEncoding) {
		this.payloadEncoding = payloadEncoding;
	}

	public CredentialsSettings getCredentials() {
		return this.credentials;
	}

	public Http getHttp() {
		return this.http;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public Async getAsync() {
		return this.async;
	}

	/**
	 * HTTP settings of the SendMessage client. Timeouts, redirects and the SSL bundle fall back to
	 * 'spring.http.clients.*'.
	 */
	public static class Http extends HttpClientSettingsProperties {

		/**
		 * Largest number of pooled connections to the endpoint, when Apache HttpClient 5 carries the calls.
		 */
		private int maxConnections = 50;

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

	}

	/**
	 * Where credentials come from when access-key-id is not set: by default Alibaba Cloud's chain (system
	 * properties, environment variables, OIDC/RRSA, the credentials file, the ECS RAM role).
	 */
	public static class CredentialsSettings {

		/**
		 * Source of the credentials: 'auto' (access-key-id if set, else the first source of Alibaba Cloud's chain
		 * that has credentials), or exactly one of 'static' (access-key-id and access-key-secret),
		 * 'system-properties', 'environment', 'oidc', 'profile', 'ecs-ram-role'.
		 */
		private Source source = Source.AUTO;

		/**
		 * Name of the ECS instance's RAM role. Defaults to ALIBABA_CLOUD_ECS_METADATA, else the role the metadata
		 * service lists.
		 */
		private @Nullable String roleName;

		/**
		 * STS endpoint for OIDC (RRSA) and ram_role_arn profiles, e.g. 'https://sts-vpc.cn-hangzhou.aliyuncs.com'.
		 * Defaults to ALIBABA_CLOUD_STS_ENDPOINT, else the regional endpoint of ALIBABA_CLOUD_STS_REGION (the VPC
		 * one with ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true), else 'https://sts.aliyuncs.com'. https only (http to
		 * a loopback host for tests).
		 */
		private @Nullable URI stsEndpoint;

		/**
		 * How long credentials of an assumed role live (STS DurationSeconds); at least 15 minutes, at most the
		 * role's maximum session duration.
		 */
		private Duration sessionDuration = Duration.ofHours(1);

		/**
		 * Session name of assumed roles, shown in ActionTrail. Defaults to ALIBABA_CLOUD_ROLE_SESSION_NAME, else
		 * 'mqtt-send-<start time>'.
		 */
		private @Nullable String roleSessionName;

		/**
		 * Profile of the credentials file (ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials.ini).
		 * Defaults to ALIBABA_CLOUD_PROFILE, else 'default'.
		 */
		private @Nullable String profile;

		/**
		 * How long before they expire temporary credentials are fetched anew; the old ones stay in use meanwhile.
		 */
		private Duration refreshAhead = Duration.ofMinutes(5);

		/**
		 * ECS instance metadata service. Only tests and emulators change it: 'http://100.100.100.200' is the one
		 * plain-http, non-loopback address allowed.
		 */
		private URI metadataEndpoint = URI.create("http://100.100.100.200");

		public Source getSource() {
			return this.source;
		}

		public void setSource(Source source) {
			this.source = source;
		}

		public @Nullable String getRoleName() {
			return this.roleName;
		}

		public void setRoleName(@Nullable String roleName) {
			this.roleName = roleName;
		}

		public @Nullable URI getStsEndpoint() {
			return this.stsEndpoint;
		}

		public void setStsEndpoint(@Nullable URI stsEndpoint) {
			this.stsEndpoint = stsEndpoint;
		}

		public Duration getSessionDuration() {
			return this.sessionDuration;
		}

		public void setSessionDuration(Duration sessionDuration) {
			this.sessionDuration = sessionDuration;
		}

		public @Nullable String getRoleSessionName() {
			return this.roleSessionName;
		}

		public void setRoleSessionName(@Nullable String roleSessionName) {
			this.roleSessionName = roleSessionName;
		}

		public @Nullable String getProfile() {
			return this.profile;
		}

		public void setProfile(@Nullable String profile) {
			this.profile = profile;
		}

		public Duration getRefreshAhead() {
			return this.refreshAhead;
		}

		public void setRefreshAhead(Duration refreshAhead) {
			this.refreshAhead = refreshAhead;
		}

		public URI getMetadataEndpoint() {
			return this.metadataEndpoint;
		}

		public void setMetadataEndpoint(URI metadataEndpoint) {
			this.metadataEndpoint = metadataEndpoint;
		}

		/** Where credentials come from. */
		public enum Source {

			/** access-key-id if set, else the first source of Alibaba Cloud's chain that has credentials. */
			AUTO,

			/** access-key-id and access-key-secret (and security-token), or the MqttSendConnectionDetails' keys. */
			STATIC,

			/** System properties alibabacloud.accessKeyId, alibabacloud.accessKeySecret, alibabacloud.sessionToken. */
			SYSTEM_PROPERTIES,

			/** ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET, ALIBABA_CLOUD_SECURITY_TOKEN. */
			ENVIRONMENT,

			/** OIDC role SSO (RRSA on ACK): STS AssumeRoleWithOIDC with the mounted token. */
			OIDC,

			/** A profile of the credentials file. */
			PROFILE,

			/** The ECS instance's RAM role, from the metadata service. */
			ECS_RAM_ROLE

		}

	}

	public static class Retry {

		/**
		 * Whether to retry failures that another attempt can fix: 500 SendMessageFailed, InternalError and
		 * SystemOverFlow, 400 Throttling*, 502/503/504, refused or lost connections, and read timeouts.
		 */
		private boolean enabled = true;

		/**
		 * Retries after the first attempt.
		 */
		private int maxRetries = 3;

		/**
		 * Wait before the first retry.
		 */
		private Duration initialInterval = Duration.ofMillis(100);

		/**
		 * Factor each wait grows by.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest single wait. A service that asks for a longer pause (x-acs-retry-after) is not retried.
		 */
		private Duration maxInterval = Duration.ofSeconds(2);

		/**
		 * Random amount added to or taken from each wait, so that many senders do not retry in step.
		 */
		private Duration jitter = Duration.ofMillis(50);

		/**
		 * Whether to retry failures after which delivery is unknown (a read timeout, a connection lost after
		 * the request was written): true gives at-least-once delivery (a message may arrive twice), false
		 * at-most-once (such a failure is thrown at once).
		 */
		private boolean retryUnknownDelivery = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			this.maxInterval = maxInterval;
		}

		public Duration getJitter() {
			return this.jitter;
		}

		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

		public boolean isRetryUnknownDelivery() {
			return this.retryUnknownDelivery;
		}

		public void setRetryUnknownDelivery(boolean retryUnknownDelivery) {
			this.retryUnknownDelivery = retryUnknownDelivery;
		}

	}

	public static class RateLimit {

		/**
		 * Whether every HTTP call, retries included, waits for a permit from the client-side limiter.
		 */
		private boolean enabled = true;

		/**
		 * SendMessage calls per second allowed for the whole account (the documented limit is 1,000). Applied
		 * within this application only.
		 */
		private long accountQps = 1000;

		/**
		 * Calls per second from this host: the service blocks any source IP that passes 300 calls/s summed
		 * over all OnsMqtt APIs. Lower it when several applications share one IP.
		 */
		private long hostQps = 300;

		/**
		 * Longest a send waits for a permit before it fails with Throttling.Local and nothing is sent.
		 */
		private Duration maxWait = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public long getAccountQps() {
			return this.accountQps;
		}

		public void setAccountQps(long accountQps) {
			this.accountQps = accountQps;
		}

		public long getHostQps() {
			return this.hostQps;
		}

		public void setHostQps(long hostQps) {
			this.hostQps = hostQps;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
		}

	}

	public static class Async {

		/**
		 * Threads of the executor that runs sendAsync, when no 'mqttSendTaskExecutor' bean is defined.
		 */
		private int poolSize = 8;

		/**
		 * How long shutdown waits for queued sendAsync calls to finish.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(30);

		public int getPoolSize() {
			return this.poolSize;
		}

		public void setPoolSize(int poolSize) {
			this.poolSize = poolSize;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

}
