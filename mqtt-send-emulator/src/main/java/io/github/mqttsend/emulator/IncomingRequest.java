package io.github.mqttsend.emulator;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as it reached the emulator: method, raw (still encoded) path and query, headers with lower-case
 * names, and the body bytes.
 */
record IncomingRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
		byte[] body) {

	IncomingRequest {
		TreeMap<String, List<String>> lowerCase = new TreeMap<>();
		headers.forEach((name, values) -> lowerCase.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
				(a, b) -> Stream.concat(a.stream(), b.stream()).toList()));
		headers = Collections.unmodifiableMap(lowerCase);
	}

	/** The first value of header {@code name} (lower case), or {@code null}. */
	@Nullable String header(String name) {
		List<String> values = this.headers.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	/** Whether the body is a form: {@code Content-Type: application/x-www-form-urlencoded}. */
	boolean hasFormBody() {
		String contentType = header("content-type");
		return this.body.length > 0 && contentType != null
				&& contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
	}

}
