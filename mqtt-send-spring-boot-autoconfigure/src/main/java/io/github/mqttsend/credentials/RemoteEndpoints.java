package io.github.mqttsend.credentials;

import java.net.URI;
import java.util.Locale;

import io.github.mqttsend.client.Endpoints;

/**
 * The rule that keeps TLS on for credentials too: STS only over {@code https://} (plain {@code http://} to a
 * loopback host, for tests and emulators); the ECS metadata service at {@code http://100.100.100.200}, the one
 * non-TLS, non-loopback address allowed, because the service is link-local HTTP by design and reachable only
 * from the instance itself.
 */
final class RemoteEndpoints {

	/** The ECS instance metadata service. */
	static final URI METADATA = URI.create("http://100.100.100.200");

	/** STS, the global endpoint. */
	static final URI STS = URI.create("https://sts.aliyuncs.com");

	private static final String METADATA_HOST = "100.100.100.200";

	private RemoteEndpoints() {
	}

	/**
	 * Checks an STS endpoint: {@code https}, or {@code http} to loopback; scheme and authority only.
	 * @throws IllegalArgumentException if it is anything else
	 */
	static URI checkSts(URI endpoint) {
		return check(endpoint, "STS endpoint", false);
	}

	/**
	 * Checks a metadata endpoint: {@code http://100.100.100.200}, {@code https}, or {@code http} to loopback.
	 * @throws IllegalArgumentException if it is anything else
	 */
	static URI checkMetadata(URI endpoint) {
		return check(endpoint, "ECS metadata endpoint", true);
	}

	/** The regional STS endpoint, {@code https://sts[-vpc].<region>.aliyuncs.com}. */
	static URI sts(String regionId, boolean vpc) {
		if (!regionId.matches("[a-z]{2}(-[a-z0-9]+)+")) {
			throw new IllegalArgumentException("Not a region ID: '" + regionId + "' (expected e.g. cn-hangzhou)");
		}
		return URI.create("https://sts" + (vpc ? "-vpc" : "") + "." + regionId + ".aliyuncs.com");
	}

	private static URI check(URI endpoint, String what, boolean metadata) {
		String scheme = (endpoint.getScheme() != null) ? endpoint.getScheme().toLowerCase(Locale.ROOT) : "";
		String host = endpoint.getHost();
		if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new IllegalArgumentException(what + " must be an absolute https:// URI");
		}
		boolean plainAllowed = Endpoints.isLoopback(host) || (metadata && host.equals(METADATA_HOST));
		if (scheme.equals("http") && !plainAllowed) {
			throw new IllegalArgumentException(what + " " + scheme + "://" + host + " must use https://: plain http:// "
					+ "is accepted only for a loopback host" + (metadata ? " and the metadata service 100.100.100.200" : ""));
		}
		if (endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null
				|| (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() && !endpoint.getRawPath().equals("/"))) {
			throw new IllegalArgumentException(what + " " + scheme + "://" + host + " must be a scheme and host (and port) only");
		}
		return URI.create(scheme + "://" + endpoint.getRawAuthority());
	}

}
