package io.github.mqttsend.signing;

import java.net.URI;
import java.util.Map;

/**
 * A signed request, ready to send as it is: a finished, percent-encoded URI, the headers to set, and the body.
 *
 * @param uri the complete request URI, query string included
 * @param headers the headers to send, names in lower case, in the order they were signed
 * @param body the body bytes; empty when the parameters travel in the query string
 */
public record SignedRequest(URI uri, Map<String, String> headers, byte[] body) {

	@Override
	public String toString() {
		// headers may hold a security token and the Authorization header: never print them
		return "SignedRequest[POST " + this.uri.getScheme() + "://" + this.uri.getRawAuthority() + "/, "
				+ this.body.length + " body bytes]";
	}

}
