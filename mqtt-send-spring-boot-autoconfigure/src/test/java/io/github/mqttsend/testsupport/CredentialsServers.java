package io.github.mqttsend.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.mockserver.integration.ClientAndServer;
import org.mockserver.model.HttpResponse;

import static org.mockserver.model.HttpResponse.response;

/**
 * Answers of the services the credentials chain talks to (the ECS metadata service, STS), for MockServer to
 * give, and local addresses that do not answer.
 */
public final class CredentialsServers {

	public static final String METADATA_TOKEN = "AQAEAImdsV2-test-token==";

	private CredentialsServers() {
	}

	public static URI endpoint(ClientAndServer server) {
		return URI.create("http://127.0.0.1:" + server.getPort());
	}

	/** What the metadata service answers for a role's credentials. */
	public static HttpResponse metadataCredentials(String accessKeyId, String secret, String token, Instant expiration) {
		return json(200, "{\"AccessKeyId\":\"" + accessKeyId + "\",\"AccessKeySecret\":\"" + secret
				+ "\",\"Expiration\":\"" + expiration + "\",\"SecurityToken\":\"" + token
				+ "\",\"LastUpdated\":\"2024-01-01T00:00:00Z\",\"Code\":\"Success\"}");
	}

	/** What STS answers to AssumeRole and AssumeRoleWithOIDC. */
	public static HttpResponse stsCredentials(String accessKeyId, String secret, String token, Instant expiration) {
		return json(200, "{\"RequestId\":\"sts-req-1\",\"AssumedRoleUser\":{\"Arn\":\"acs:ram::1:role/r/s\","
				+ "\"AssumedRoleId\":\"3:s\"},\"Credentials\":{\"AccessKeyId\":\"" + accessKeyId
				+ "\",\"AccessKeySecret\":\"" + secret + "\",\"SecurityToken\":\"" + token + "\",\"Expiration\":\""
				+ expiration + "\"}}");
	}

	public static HttpResponse stsError(int status, String code) {
		return json(status, "{\"RequestId\":\"sts-req-err\",\"HostId\":\"sts.aliyuncs.com\",\"Code\":\"" + code
				+ "\",\"Message\":\"message for " + code + "\"}");
	}

	public static HttpResponse json(int status, String body) {
		return response().withStatusCode(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	/** A JWT (unsigned; only its claims matter here) whose {@code exp} is {@code expiration}. */
	public static String jwt(String subject, Instant expiration) {
		Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String claims = encoder.encodeToString(("{\"iss\":\"https://oidc-ack-cn-hangzhou.oss-cn-hangzhou.aliyuncs.com/c1\","
				+ "\"sub\":\"" + subject + "\",\"aud\":[\"sts.aliyuncs.com\"],\"exp\":" + expiration.getEpochSecond() + "}")
			.getBytes(StandardCharsets.UTF_8));
		return header + "." + claims + ".c2lnbmF0dXJlLW9mLXRoZS1vaWRjLXRva2Vu";
	}

	/** A loopback port nothing listens on: connections are refused at once. */
	public static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A loopback server that accepts connections (the kernel does) and never answers, standing in for a metadata
	 * address that swallows requests. Close it after the test.
	 */
	public static ServerSocket silentServer() {
		try {
			return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
