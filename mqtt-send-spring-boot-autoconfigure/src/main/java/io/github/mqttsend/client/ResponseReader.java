package io.github.mqttsend.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendUnexpectedResponseException;
import io.github.mqttsend.SendResult;

import org.springframework.http.HttpHeaders;

/**
 * Reads one HTTP answer: a {@link SendResult} for a 2xx with a {@code MsgId}, otherwise the matching
 * {@link MqttSendException}. Whatever comes back — HTML from a proxy, an empty or truncated body — ends as a
 * result or an exception that says what came back, never as a parser's exception or a {@code null}.
 */
final class ResponseReader {

	/** Answers are small JSON; read no more than this of anything else. */
	static final int MAX_BODY_BYTES = 64 * 1024;

	static final int EXCERPT_CHARS = 300;

	static final String RETRY_AFTER_HEADER = "x-acs-retry-after";

	static final String REQUEST_ID_HEADER = "x-acs-request-id";

	private final ObjectReader answerReader;

	ResponseReader(JsonMapper jsonMapper) {
		this.answerReader = jsonMapper.readerFor(ServiceAnswer.class);
	}

	SendResult read(int status, HttpHeaders headers, InputStream body) throws IOException {
		byte[] bytes = readBody(body, headers.getContentLength());
		ServiceAnswer answer = parse(bytes);
		String requestId = (answer != null && answer.requestId() != null) ? answer.requestId()
				: headers.getFirst(REQUEST_ID_HEADER);
		if (status >= 200 && status < 300) {
			if (answer != null && answer.msgId() != null && !answer.msgId().isBlank()) {
				return new SendResult(answer.msgId(), (requestId != null) ? requestId : "");
			}
			throw unexpected(status, bytes, requestId, "a 2xx answer without a MsgId");
		}
		if (answer != null && answer.code() != null && !answer.code().isBlank()) {
			throw ServiceErrors.toException(status, answer.code(), answer.message(), requestId, retryAfter(headers));
		}
		throw unexpected(status, bytes, requestId, "an error answer that is not the service's JSON");
	}

	/**
	 * At most {@link #MAX_BODY_BYTES} of the body. With a {@code Content-Length} the buffer is sized once and
	 * the body read to that length; without one it starts small and doubles. (Unlike
	 * {@code InputStream.readNBytes}, which reads in 8 KB chunks and copies them: that was most of a send's
	 * allocation.)
	 */
	static byte[] readBody(InputStream body, long contentLength) throws IOException {
		if (contentLength >= 0) {
			byte[] bytes = new byte[(int) Math.min(contentLength, MAX_BODY_BYTES)];
			int n = body.readNBytes(bytes, 0, bytes.length);
			return (n == bytes.length) ? bytes : Arrays.copyOf(bytes, n);
		}
		byte[] buffer = new byte[512];
		int n = 0;
		while (true) {
			if (n == buffer.length) {
				if (n == MAX_BODY_BYTES) {
					return buffer;
				}
				buffer = Arrays.copyOf(buffer, Math.min(n * 2, MAX_BODY_BYTES));
			}
			int read = body.read(buffer, n, buffer.length - n);
			if (read < 0) {
				return (n == buffer.length) ? buffer : Arrays.copyOf(buffer, n);
			}
			n += read;
		}
	}

	private @Nullable ServiceAnswer parse(byte[] bytes) {
		if (bytes.length == 0) {
			return null;
		}
		try {
			return this.answerReader.readValue(bytes);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static MqttSendUnexpectedResponseException unexpected(int status, byte[] bytes,
			@Nullable String requestId, String what) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		String excerpt = (text.length() > EXCERPT_CHARS) ? text.substring(0, EXCERPT_CHARS) + "…" : text;
		String shown = excerpt.isEmpty() ? "an empty body" : "'" + excerpt.replace("\r", "\\r").replace("\n", "\\n") + "'";
		return new MqttSendUnexpectedResponseException(
				"SendMessage got " + what + ": HTTP " + status + " with " + shown
						+ ((requestId != null) ? " (RequestId " + requestId + ")" : ""),
				status, requestId, ServiceErrors.isGatewayFailure(status), excerpt);
	}

	private static @Nullable Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(RETRY_AFTER_HEADER);
		if (value == null) {
			return null;
		}
		try {
			long millis = Long.parseLong(value.trim());
			return (millis >= 0) ? Duration.ofMillis(millis) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
