package io.github.mqttsend.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockserver.model.ConnectionOptions;
import org.mockserver.model.HttpError;
import org.mockserver.model.HttpResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendAuthenticationException;
import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendInvalidParameterException;
import io.github.mqttsend.MqttSendPermissionException;
import io.github.mqttsend.MqttSendThrottledException;
import io.github.mqttsend.MqttSendTransportException;
import io.github.mqttsend.MqttSendUnexpectedResponseException;
import io.github.mqttsend.credentials.Credentials;
import io.github.mqttsend.credentials.StaticCredentialsProvider;
import io.github.mqttsend.signing.SignatureVersion;
import io.github.mqttsend.testsupport.CredentialsServers;
import io.github.mqttsend.testsupport.SendMessageServer;
import io.github.mqttsend.testsupport.SignatureVerifier;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockserver.model.HttpRequest.request;
import static org.mockserver.model.HttpResponse.response;

/**
 * How every answer SendMessage can get — the documented error codes, the gateway's, non-JSON pages from a proxy,
 * and no answer at all — turns into an exception: its kind, code, status, RequestId, whether to retry, and a
 * message that helps without leaking the secret, the STS token or the signed URI.
 */
class ErrorMappingTests {

	static final String SECRET = SendMessageServer.ACCESS_KEY_SECRET;

	static final String TOKEN = "CAIS+sts/Token+Value==";

	static SendMessageServer server;

	@BeforeAll
	static void startServer() {
		server = new SendMessageServer();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void reset() {
		server.mock().reset();
	}

	static Stream<Arguments> documentedCodes() {
		return Stream.of(
				// the operation's own codes (sendmessage-api.txt)
				Arguments.of(400, "CheckAccountInfoFailed", MqttSendAuthenticationException.class, false),
				Arguments.of(400, "InstancePermissionCheckFailed", MqttSendPermissionException.class, false),
				Arguments.of(400, "ParameterCheckFailed", MqttSendInvalidParameterException.class, false),
				Arguments.of(400, "PermissionCheckFailed", MqttSendPermissionException.class, false),
				Arguments.of(400, "InvalidParameter.MqttTopic", MqttSendInvalidParameterException.class, false),
				Arguments.of(404, "ApiNotSupport", MqttSendException.class, false),
				Arguments.of(500, "InternalError", MqttSendException.class, true),
				Arguments.of(500, "SendMessageFailed", MqttSendException.class, true),
				Arguments.of(500, "SystemOverFlow", MqttSendThrottledException.class, true),
				// the gateway's, for any call: throttling is HTTP 400, not 429
				Arguments.of(400, "Throttling", MqttSendThrottledException.class, true),
				Arguments.of(400, "Throttling.User", MqttSendThrottledException.class, true),
				Arguments.of(400, "Throttling.Api", MqttSendThrottledException.class, true),
				Arguments.of(400, "SignatureDoesNotMatch", MqttSendAuthenticationException.class, false),
				Arguments.of(400, "SignatureNonceUsed", MqttSendAuthenticationException.class, false),
				Arguments.of(400, "InvalidTimeStamp.Expired", MqttSendAuthenticationException.class, false),
				Arguments.of(400, "InvalidAccessKeyId.NotFound", MqttSendAuthenticationException.class, false),
				Arguments.of(404, "InvalidAccessKeyId.NotFound", MqttSendAuthenticationException.class, false),
				// an undocumented 500 is not worth another try; anything behind a 502, 503 or 504 is
				Arguments.of(500, "SomethingUndocumented", MqttSendException.class, false),
				Arguments.of(502, "BadGateway", MqttSendException.class, true),
				Arguments.of(503, "ServiceUnavailable", MqttSendException.class, true),
				Arguments.of(504, "GatewayTimeout", MqttSendException.class, true));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("documentedCodes")
	void mapsEveryDocumentedCode(int status, String code, Class<? extends MqttSendException> type,
			boolean retryable) {
		String requestId = "7F1D5C6B-" + code;
		server.mock().when(request().withPath("/")).respond(SendMessageServer.error(status, code, requestId));

		MqttSendException ex = sendFails(stsClient(SignatureVersion.V1));

		assertThat(ex).isExactlyInstanceOf(type);
		assertThat(ex.getErrorCode()).isEqualTo(code);
		assertThat(ex.getHttpStatus()).isEqualTo(status);
		assertThat(ex.getRequestId()).isEqualTo(requestId);
		assertThat(ex.isRetryable()).isEqualTo(retryable);
		assertThat(ex.isDeliveryUnknown()).isFalse();
		assertThat(ex.getRetryAfter()).isNull();
		assertThat(ex.getAttempts()).isEqualTo(1);
		assertThat(ex.getMessage()).contains(code).contains(requestId).contains(String.valueOf(status));
		assertLeaksNothing(ex);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Throttling", "Throttling.User", "Throttling.Api", "SystemOverFlow" })
	void retryAfterHeaderInMillisecondsBecomesGetRetryAfter(String code) {
		int status = code.equals("SystemOverFlow") ? 500 : 400;
		server.mock()
			.when(request().withPath("/"))
			.respond(SendMessageServer.error(status, code, "req-1").withHeader("x-acs-retry-after", "1500"));

		MqttSendException ex = sendFails(server.clientBuilder().build());

		assertThat(ex).isInstanceOf(MqttSendThrottledException.class);
		assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofMillis(1500));
		assertThat(ex.isRetryable()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "soon", "-5", "", "1.5" })
	void aRetryAfterThatIsNotMillisecondsIsIgnored(String value) {
		server.mock()
			.when(request().withPath("/"))
			.respond(SendMessageServer.error(400, "Throttling.User", "req-1").withHeader("x-acs-retry-after", value));

		MqttSendException ex = sendFails(server.clientBuilder().build());

		assertThat(ex).isInstanceOf(MqttSendThrottledException.class);
		assertThat(ex.getRetryAfter()).isNull();
	}

	@Test
	void requestIdFallsBackToTheHeaderWhenTheBodyHasNone() {
		server.mock()
			.when(request().withPath("/"))
			.respond(json(400, "{\"Code\":\"Throttling.User\",\"Message\":\"Request was denied due to user flow control.\"}")
				.withHeader("x-acs-request-id", "hdr-req-9"));

		MqttSendException ex = sendFails(server.clientBuilder().build());

		assertThat(ex.getErrorCode()).isEqualTo("Throttling.User");
		assertThat(ex.getRequestId()).isEqualTo("hdr-req-9");
		assertThat(ex.getMessage()).contains("hdr-req-9");
	}

	@Test
	void theBodysRequestIdWinsOverTheHeader() {
		server.mock()
			.when(request().withPath("/"))
			.respond(SendMessageServer.error(400, "ParameterCheckFailed", "body-req").withHeader("x-acs-request-id",
					"hdr-req"));

		assertThat(sendFails(server.clientBuilder().build()).getRequestId()).isEqualTo("body-req");
	}

	@Test
	void aSignatureMismatchEchoingTheServersStringToSignLeaksNoToken() {
		// the gateway answers SignatureDoesNotMatch with its own string to sign, which for V1 holds every
		// parameter: the STS token too, percent-encoded twice
		String echoed = "POST&%2F&" + SignatureVerifier.encode("AccessKeyId=STS.testid&Action=SendMessage&SecurityToken="
				+ SignatureVerifier.encode(TOKEN) + "&SignatureMethod=HMAC-SHA1");
		server.mock()
			.when(request().withPath("/"))
			.respond(json(400, "{\"RequestId\":\"req-sig\",\"HostId\":\"onsmqtt.cn-hangzhou.aliyuncs.com\","
					+ "\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"Specified signature is not matched with our "
					+ "calculation. server string to sign is:" + echoed + "\",\"Recommend\":\"https://api.aliyun.com/troubleshoot?q=SignatureDoesNotMatch\"}"));

		MqttSendException ex = sendFails(stsClient(SignatureVersion.V1));

		assertThat(ex).isExactlyInstanceOf(MqttSendAuthenticationException.class);
		assertThat(ex.getMessage()).contains("SignatureDoesNotMatch", "req-sig", "Specified signature is not matched");
		assertLeaksNothing(ex);
	}

	// --- answers that are not the service's JSON ---

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void aProxysHtmlPageIsAnUnexpectedResponseWorthRetrying(int status) {
		String html = "<html>\r\n<head><title>" + status + " Bad Gateway</title></head>\r\n<body>"
				+ "<center><h1>" + status + " Bad Gateway</h1></center>" + "<p>padding</p>".repeat(400)
				+ "</body></html>";
		server.mock()
			.when(request().withPath("/"))
			.respond(response().withStatusCode(status).withHeader("Content-Type", "text/html").withBody(html));

		MqttSendException ex = sendFails(stsClient(SignatureVersion.V1));

		assertThat(ex).isExactlyInstanceOf(MqttSendUnexpectedResponseException.class);
		assertThat(ex.getErrorCode()).isEqualTo("UnexpectedResponse");
		assertThat(ex.getHttpStatus()).isEqualTo(status);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).contains(String.valueOf(status)).contains("<title>" + status + " Bad Gateway");
		String excerpt = ((MqttSendUnexpectedResponseException) ex).getBodyExcerpt();
		assertThat(excerpt).startsWith("<html>").hasSizeLessThanOrEqualTo(ResponseReader.EXCERPT_CHARS + 1);
		assertThat(ex.getMessage()).hasSizeLessThan(html.length()).hasSizeLessThan(800);
		assertLeaksNothing(ex);
	}

	static Stream<Arguments> unreadableAnswers() {
		return Stream.of(Arguments.of(200, "OK", "'OK'"), Arguments.of(200, "", "an empty body"),
				Arguments.of(200, "{\"RequestId\":\"r-1\",\"MsgId\":\"m-", "{\"RequestId\""),
				Arguments.of(200, "{\"RequestId\":\"r-1\"}", "r-1"),
				Arguments.of(200, "{\"RequestId\":\"r-1\",\"MsgId\":\"  \"}", "MsgId"),
				Arguments.of(200, "{\"RequestId\":\"r-1\",\"MsgId\":null}", "MsgId"),
				Arguments.of(200, "{\"MsgId\":{\"nested\":1}}", "nested"), Arguments.of(200, "[]", "[]"),
				Arguments.of(200, "null", "null"), Arguments.of(200, "\"MsgId\"", "MsgId"),
				Arguments.of(200, "[".repeat(5_000), "[[["), Arguments.of(400, "Bad Request", "Bad Request"),
				Arguments.of(500, "{\"RequestId\":\"r-2\",\"Code\":\"\"}", "r-2"),
				Arguments.of(500, "{\"Code\":[1,2]}", "Code"), Arguments.of(404, "<h1>Not Found</h1>", "Not Found"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("unreadableAnswers")
	void anAnswerThatIsNotTheServicesJsonIsAnUnexpectedResponse(int status, String body, String shown) {
		server.mock().when(request().withPath("/")).respond(response().withStatusCode(status).withBody(body));

		MqttSendException ex = sendFails(server.clientBuilder().build());

		assertThat(ex).isExactlyInstanceOf(MqttSendUnexpectedResponseException.class);
		assertThat(ex.getHttpStatus()).isEqualTo(status);
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("HTTP " + status).contains(shown);
		assertThat(ex.getMessage()).hasSizeLessThan(800);
	}

	@Test
	void anUnexpectedAnswerKeepsTheRequestIdItCarried() {
		server.mock()
			.when(request().withPath("/").withQueryStringParameter("Payload", "json-without-msgid"))
			.respond(org.mockserver.model.HttpResponse.response().withStatusCode(200).withBody("{\"RequestId\":\"r-1\"}"));
		server.mock()
			.when(request().withPath("/").withQueryStringParameter("Payload", "html-with-header"))
			.respond(org.mockserver.model.HttpResponse.response()
				.withStatusCode(502)
				.withHeader("x-acs-request-id", "r-2")
				.withBody("<html>bad gateway</html>"));
		SendMessageClient client = server.clientBuilder().build();
		assertThatExceptionOfType(MqttSendUnexpectedResponseException.class)
			.isThrownBy(() -> client.send("mqtt-cn-a", "alerts", "json-without-msgid"))
			.satisfies((ex) -> assertThat(ex.getRequestId()).isEqualTo("r-1"))
			.withMessageContaining("RequestId r-1");
		assertThatExceptionOfType(MqttSendUnexpectedResponseException.class)
			.isThrownBy(() -> client.send("mqtt-cn-a", "alerts", "html-with-header"))
			.satisfies((ex) -> assertThat(ex.getRequestId()).isEqualTo("r-2"));
	}

	@Test
	void aHugeErrorBodyEndsAsABoundedUnexpectedResponse() {
		String huge = "x".repeat(1024 * 1024);
		server.mock().when(request().withPath("/")).respond(response().withStatusCode(500).withBody(huge));

		MqttSendException ex = sendFails(server.clientBuilder().build());

		assertThat(ex).isExactlyInstanceOf(MqttSendUnexpectedResponseException.class);
		assertThat(ex.getHttpStatus()).isEqualTo(500);
		assertThat(ex.isRetryable()).isFalse();
		assertThat(((MqttSendUnexpectedResponseException) ex).getBodyExcerpt())
			.hasSizeLessThanOrEqualTo(ResponseReader.EXCERPT_CHARS + 1);
		assertThat(ex.getMessage()).hasSizeLessThan(800);
	}

	@Test
	void theReaderTakesAtMost64KbOfAnAnswer() throws IOException {
		EndlessStream endless = new EndlessStream();

		Throwable thrown = catchThrowable(
				() -> new ResponseReader(JsonMapper.shared()).read(500, new HttpHeaders(), endless));

		assertThat(thrown).isExactlyInstanceOf(MqttSendUnexpectedResponseException.class);
		assertThat(endless.count).isEqualTo(ResponseReader.MAX_BODY_BYTES);
	}

	@Test
	void theReaderReadsAValidErrorBeyondItsLimitAsUnexpected() throws IOException {
		// an error whose JSON only ends after 64 KB is cut there: unreadable, but never a parser's exception
		String body = "{\"RequestId\":\"r\",\"Code\":\"InternalError\",\"Message\":\"" + "m".repeat(70_000) + "\"}";
		Throwable thrown = catchThrowable(() -> new ResponseReader(JsonMapper.shared()).read(500, new HttpHeaders(),
				new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
		assertThat(thrown).isExactlyInstanceOf(MqttSendUnexpectedResponseException.class);
	}

	// --- no answer at all ---

	@Test
	void aRefusedConnectionIsConnectFailedAndTheMessageWasNotSent() {
		int closedPort = CredentialsServers.closedPort();
		SendMessageClient client = server.clientBuilder()
			.endpoint(URI.create("http://127.0.0.1:" + closedPort))
			.signatureVersion(SignatureVersion.V1)
			.credentialsProvider(new StaticCredentialsProvider(Credentials.of("STS.testid", SECRET, TOKEN)))
			.build();

		MqttSendException ex = sendFails(client);

		assertThat(ex).isExactlyInstanceOf(MqttSendTransportException.class);
		assertThat(ex.getErrorCode()).isEqualTo("Transport.ConnectFailed");
		assertThat(ex.getHttpStatus()).isZero();
		assertThat(ex.getRequestId()).isNull();
		assertThat(ex.isDeliveryUnknown()).isFalse();
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getMessage()).contains("127.0.0.1:" + closedPort).contains("not sent");
		assertLeaksNothing(ex);
	}

	@Test
	void noAnswerWithinTheReadTimeoutIsReadTimeoutWithDeliveryUnknown() {
		server.mock()
			.when(request().withPath("/"))
			.respond(SendMessageServer.success("m", "r").withDelay(TimeUnit.MILLISECONDS, 1_500));
		SendMessageClient client = server.clientBuilder()
			.restClient(SendMessageServer.restClient(Duration.ofMillis(300)))
			.signatureVersion(SignatureVersion.V1)
			.credentialsProvider(new StaticCredentialsProvider(Credentials.of("STS.testid", SECRET, TOKEN)))
			.build();

		MqttSendException ex = sendFails(client);

		assertThat(ex).isExactlyInstanceOf(MqttSendTransportException.class);
		assertThat(ex.getErrorCode()).isEqualTo("Transport.ReadTimeout");
		assertThat(ex.getHttpStatus()).isZero();
		assertThat(ex.isDeliveryUnknown()).isTrue();
		assertThat(ex.isRetryable()).isTrue();
		assertThat(server.received()).as("sent once: no retry without a retry policy").hasSize(1);
		assertLeaksNothing(ex);
	}

	@Test
	void aConnectionDroppedBeforeAnAnswerIsConnectionLostWithDeliveryUnknown() {
		server.mock().when(request().withPath("/")).error(HttpError.error().withDropConnection(true));

		MqttSendException ex = sendFails(stsClient(SignatureVersion.V1));

		assertThat(ex).isExactlyInstanceOf(MqttSendTransportException.class);
		assertThat(ex.getErrorCode()).isEqualTo("Transport.ConnectionLost");
		assertThat(ex.getHttpStatus()).isZero();
		assertThat(ex.isDeliveryUnknown()).isTrue();
		assertThat(server.received()).as("sent once: no retry without a retry policy").hasSize(1);
		assertLeaksNothing(ex);
	}

	@Test
	void aConnectionDroppedInTheMiddleOfTheAnswerIsConnectionLost() {
		server.mock()
			.when(request().withPath("/"))
			.respond(SendMessageServer.success("m", "r")
				.withConnectionOptions(ConnectionOptions.connectionOptions()
					.withContentLengthHeaderOverride(1_000)
					.withCloseSocket(true)));

		MqttSendException ex = sendFails(stsClient(SignatureVersion.V3));

		assertThat(ex).isExactlyInstanceOf(MqttSendTransportException.class);
		assertThat(ex.getErrorCode()).isEqualTo("Transport.ConnectionLost");
		assertThat(ex.isDeliveryUnknown()).isTrue();
		assertLeaksNothing(ex);
	}

	@Test
	void aGarbledAnswerIsAnMqttSendExceptionThatLeaksNothing() {
		server.mock()
			.when(request().withPath("/"))
			.error(HttpError.error().withResponseBytes("NOT-HTTP garbage\r\n\r\n".getBytes()).withDropConnection(true));

		MqttSendException ex = sendFails(stsClient(SignatureVersion.V1));

		assertThat(ex).isInstanceOf(MqttSendTransportException.class);
		assertThat(ex.isDeliveryUnknown()).isTrue();
		assertLeaksNothing(ex);
	}

	// --- helpers ---

	private static SendMessageClient stsClient(SignatureVersion version) {
		return server.clientBuilder()
			.signatureVersion(version)
			.credentialsProvider(new StaticCredentialsProvider(Credentials.of("STS.testid", SECRET, TOKEN)))
			.build();
	}

	private static HttpResponse json(int status, String body) {
		return response().withStatusCode(status)
			.withHeader("Content-Type", "application/json;charset=utf-8")
			.withBody(body);
	}

	/** Sends once and returns what was thrown, which must be an MqttSendException and nothing else. */
	private static MqttSendException sendFails(SendMessageClient client) {
		Throwable thrown = catchThrowable(() -> client.send("mqtt-cn-test", "topic/a", "hello+/="));
		assertThat(thrown).isInstanceOf(MqttSendException.class);
		for (Throwable t : chain(thrown)) {
			assertThat(t).isNotInstanceOf(JacksonException.class).isNotInstanceOf(NullPointerException.class);
		}
		return (MqttSendException) thrown;
	}

	/**
	 * Neither the exception nor anything in its cause chain (suppressed included) may show the secret, the STS
	 * token in any encoding, or the signed URI's query: RestClient's own exceptions quote the full URI.
	 */
	private static void assertLeaksNothing(Throwable thrown) {
		Set<String> forbidden = Set.of(SECRET, TOKEN, SignatureVerifier.encode(TOKEN),
				SignatureVerifier.encode(SignatureVerifier.encode(TOKEN)), "Signature=", "SecurityToken",
				"Signature%3D");
		for (Throwable t : chain(thrown)) {
			String text = t.toString() + " " + t.getMessage() + " " + t.getLocalizedMessage();
			for (String secret : forbidden) {
				assertThat(text).as("%s leaks %s", t.getClass().getName(), secret).doesNotContain(secret);
			}
		}
	}

	private static List<Throwable> chain(Throwable thrown) {
		List<Throwable> out = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Throwable> todo = new ArrayList<>(List.of(thrown));
		while (!todo.isEmpty()) {
			Throwable t = todo.remove(0);
			if (t == null || !seen.add(t)) {
				continue;
			}
			out.add(t);
			todo.add(t.getCause());
			todo.addAll(List.of(t.getSuppressed()));
		}
		return out;
	}

}
