package io.github.mqttsend.client;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the SendMessage OpenAPI is reached, and the rule that keeps TLS on: {@code https://} everywhere,
 * {@code http://} only to a loopback host (a local emulator or test server).
 */
public final class Endpoints {

	private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+");

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

	private Endpoints() {
	}

	/**
	 * The endpoint of a region: {@code https://onsmqtt.<region>.aliyuncs.com}, or from inside a VPC
	 * {@code https://onsmqtt-vpc.<region>.aliyuncs.com}.
	 */
	public static URI forRegion(String regionId, boolean vpc) {
		if (regionId == null || !REGION.matcher(regionId).matches()) {
			throw new IllegalArgumentException("Not a region ID: '" + regionId + "' (expected e.g. cn-hangzhou)");
		}
		return URI.create("https://onsmqtt" + (vpc ? "-vpc" : "") + "." + regionId + ".aliyuncs.com");
	}

	/**
	 * Checks that {@code endpoint} is an absolute {@code https} URI, or {@code http} to a loopback host, with
	 * no path, query or user info, and returns its scheme and authority.
	 * @throws IllegalArgumentException if it is not
	 */
	public static URI check(URI endpoint) {
		String scheme = (endpoint.getScheme() != null) ? endpoint.getScheme().toLowerCase(Locale.ROOT) : null;
		if (scheme == null || endpoint.getHost() == null) {
			throw new IllegalArgumentException("Endpoint '" + shown(endpoint) + "' must be an absolute https:// URI");
		}
		if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(endpoint.getHost()))) {
			throw new IllegalArgumentException("Endpoint '" + shown(endpoint) + "' must use https://: plain http:// is "
					+ "accepted only for a loopback host (localhost, 127.0.0.0/8, ::1)");
		}
		if (endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null
				|| (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty()
						&& !endpoint.getRawPath().equals("/"))) {
			throw new IllegalArgumentException("Endpoint '" + scheme + "://" + endpoint.getHost()
					+ "' must be a scheme and host (and port) only: SendMessage is always POST /");
		}
		return URI.create(scheme + "://" + endpoint.getRawAuthority());
	}

	/** The endpoint as it may be printed: any user info (a password, perhaps) masked. */
	private static String shown(URI endpoint) {
		String text = endpoint.toString();
		String userInfo = endpoint.getRawUserInfo();
		return (userInfo != null) ? text.replace(userInfo + "@", "****@") : text;
	}

	/** Whether {@code host} names the loopback interface, without asking DNS. */
	public static boolean isLoopback(String host) {
		String h = host.toLowerCase(Locale.ROOT);
		if (h.startsWith("[") && h.endsWith("]")) {
			h = h.substring(1, h.length() - 1);
		}
		return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
				|| IPV4_LOOPBACK.matcher(h).matches();
	}

}
