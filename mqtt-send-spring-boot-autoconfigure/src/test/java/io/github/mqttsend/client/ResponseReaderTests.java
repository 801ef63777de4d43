package io.github.mqttsend.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendUnexpectedResponseException;
import io.github.mqttsend.SendResult;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * How much of an answer the reader takes: the whole of a {@code Content-Length} body in one buffer, never more
 * than 64 KB, and a body without a length read to its end.
 */
class ResponseReaderTests {

	private static final String SUCCESS = "{\"RequestId\":\"req-1\",\"MsgId\":\"msg-1\"}";

	private final ResponseReader reader = new ResponseReader(JsonMapper.shared());

	@Test
	void aBodyWithItsContentLengthIsReadWhole() throws IOException {
		SendResult result = this.reader.read(200, contentLength(SUCCESS.length()), stream(SUCCESS));
		assertThat(result).isEqualTo(new SendResult("msg-1", "req-1"));
	}

	@Test
	void aBodyWithoutContentLengthIsReadToItsEnd() throws IOException {
		// longer than the first buffer, so that it has to grow
		String padded = "{\"RequestId\":\"req-1\",\"Note\":\"" + "n".repeat(5000) + "\",\"MsgId\":\"msg-1\"}";
		SendResult result = this.reader.read(200, new HttpHeaders(), stream(padded));
		assertThat(result).isEqualTo(new SendResult("msg-1", "req-1"));
	}

	@Test
	void aBodyShorterThanItsContentLengthIsReadAsFarAsItGoes() throws IOException {
		byte[] read = ResponseReader.readBody(stream(SUCCESS), SUCCESS.length() + 100);
		assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo(SUCCESS);
	}

	@Test
	void aContentLengthOver64KbIsReadOnlyTo64Kb() throws IOException {
		EndlessStream endless = new EndlessStream();
		byte[] read = ResponseReader.readBody(endless, 10L * 1024 * 1024);
		assertThat(read).hasSize(ResponseReader.MAX_BODY_BYTES);
		assertThat(endless.count).isEqualTo(ResponseReader.MAX_BODY_BYTES);
	}

	@Test
	void bytesAfterTheContentLengthAreNotRead() throws IOException {
		EndlessStream endless = new EndlessStream();
		assertThat(ResponseReader.readBody(endless, 10)).hasSize(10);
		assertThat(endless.count).isEqualTo(10);
	}

	@Test
	void aTruncatedAnswerIsUnexpectedNotAParserError() {
		String truncated = SUCCESS.substring(0, 20);
		Throwable thrown = catchThrowable(
				() -> this.reader.read(200, contentLength(SUCCESS.length()), stream(truncated)));
		assertThat(thrown).isExactlyInstanceOf(MqttSendUnexpectedResponseException.class);
		assertThat(((MqttSendUnexpectedResponseException) thrown).getBodyExcerpt()).isEqualTo(truncated);
	}

	private static HttpHeaders contentLength(long length) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentLength(length);
		return headers;
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

}
