package io.github.mqttsend.signing;

import java.net.URI;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An RPC-style Alibaba Cloud OpenAPI call before it is signed: where it goes, which action, its business
 * parameters, and whether they travel in the query string or in a form body.
 *
 * @param endpoint scheme and authority of the service, e.g. {@code https://onsmqtt.cn-hangzhou.aliyuncs.com}
 * @param action the API action, e.g. {@code SendMessage}
 * @param version the API version, e.g. {@code 2020-04-20}
 * @param parameters the business parameters, sorted by name
 * @param placement where the business parameters travel
 */
public record OpenApiRequest(URI endpoint, String action, String version, SortedMap<String, String> parameters,
		ParameterPlacement placement) {

	public OpenApiRequest {
		parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
	}

	/** Where the business parameters of a request travel. */
	public enum ParameterPlacement {

		/** In the query string of a POST with an empty body, as the official SDKs send them. */
		QUERY,

		/** In an {@code application/x-www-form-urlencoded} body, for requests too large for a URL. */
		FORM_BODY

	}

}
