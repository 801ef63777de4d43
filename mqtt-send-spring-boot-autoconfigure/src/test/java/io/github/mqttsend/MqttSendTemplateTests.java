package io.github.mqttsend;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.testsupport.SendMessageServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MqttSendTemplateTests {

	private final SendMessageServer server = new SendMessageServer().acceptAll();

	private final Executor directExecutor = Runnable::run;

	@AfterEach
	void stop() {
		this.server.close();
	}

	private MqttSendTemplate template(PayloadEncoding encoding, Executor executor) {
		return new MqttSendTemplate(this.server.clientBuilder().build(), "mqtt-cn-default", encoding,
				JsonMapper.shared(), executor);
	}

	private String sentPayload() {
		return this.server.received().get(this.server.received().size() - 1).getFirstQueryStringParameter("Payload");
	}

	@Test
	void textTravelsExactlyAsGivenByDefault() {
		SendResult result = template(PayloadEncoding.RAW, this.directExecutor).send("alerts/pump", "héllo +/=*~%");
		assertThat(result).isEqualTo(new SendResult("msg-1", "req-1"));
		assertThat(sentPayload()).isEqualTo("héllo +/=*~%");
	}

	@Test
	void textTravelsBase64WhenConfigured() {
		template(PayloadEncoding.BASE64, this.directExecutor).send("alerts/pump", "héllo");
		assertThat(sentPayload())
			.isEqualTo(Base64.getEncoder().encodeToString("héllo".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void bytesAlwaysTravelBase64() {
		byte[] bytes = { 0, 1, (byte) 0xFF, 0x7F, '\n' };
		template(PayloadEncoding.RAW, this.directExecutor).send("alerts/pump", bytes);
		assertThat(Base64.getDecoder().decode(sentPayload())).containsExactly(bytes);
	}

	@Test
	void requestOverridesInstanceAndEncoding() {
		template(PayloadEncoding.RAW, this.directExecutor).send(SendRequest.builder("alerts/p2p/GID_pump@@@pump-7")
			.payload("hi")
			.payloadEncoding(PayloadEncoding.BASE64)
			.instanceId("mqtt-cn-other")
			.build());
		var request = this.server.received().get(0);
		assertThat(request.getFirstQueryStringParameter("InstanceId")).isEqualTo("mqtt-cn-other");
		assertThat(request.getFirstQueryStringParameter("MqttTopic")).isEqualTo("alerts/p2p/GID_pump@@@pump-7");
		assertThat(request.getFirstQueryStringParameter("Payload")).isEqualTo("aGk=");
	}

	@Test
	void convertAndSendWritesJson() {
		template(PayloadEncoding.RAW, this.directExecutor).convertAndSend("alerts/pump",
				Map.of("level", 42));
		assertThat(sentPayload()).isEqualTo("{\"level\":42}");
	}

	@Test
	void convertAndSendRefusesWhatJacksonCannotWrite() {
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> template(PayloadEncoding.RAW, this.directExecutor).convertAndSend("alerts/pump",
					new Unwritable()))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("payload"));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void invalidInputIsRefusedBeforeAnyRequest() {
		MqttSendTemplate template = template(PayloadEncoding.RAW, this.directExecutor);
		assertThatExceptionOfType(MqttSendValidationException.class).isThrownBy(() -> template.send("a/+", "x"))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("topic"))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isZero());
		assertThatExceptionOfType(MqttSendValidationException.class).isThrownBy(() -> template.send("alerts", ""))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("payload"));
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> template.send("alerts", (String) null));
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> template.send(null, "x"));
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> template.send("alerts", new byte[48 * 1024 + 1]))
			.withMessageContaining("after Base64");
		assertThatExceptionOfType(MqttSendValidationException.class)
			.isThrownBy(() -> template.send(SendRequest.builder("alerts").payload("x").instanceId("bad id").build()))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("instanceId"));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void missingInstanceIdIsRefusedBeforeAnyRequest() {
		MqttSendTemplate template = new MqttSendTemplate(this.server.clientBuilder().build(), null,
				PayloadEncoding.RAW, JsonMapper.shared(), this.directExecutor);
		assertThatExceptionOfType(MqttSendValidationException.class).isThrownBy(() -> template.send("alerts", "x"))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("InvalidParameter.InstanceId"));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void sendAsyncNeverBlocksTheCaller() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Executor held = (task) -> new Thread(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			task.run();
		}).start();
		CompletableFuture<SendResult> future = template(PayloadEncoding.RAW, held).sendAsync("alerts/pump", "x");
		assertThat(future).isNotDone();
		release.countDown();
		assertThat(future.get(10, TimeUnit.SECONDS).msgId()).isEqualTo("msg-1");
	}

	@Test
	void sendAsyncFailuresCompleteTheFutureExceptionally() {
		CompletableFuture<SendResult> future = template(PayloadEncoding.RAW, this.directExecutor).sendAsync("a/#",
				"x");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(MqttSendValidationException.class);
	}

	@Test
	void aRejectingExecutorFailsTheFutureInsteadOfThrowing() {
		Executor rejecting = (task) -> {
			throw new RejectedExecutionException("queue full");
		};
		CompletableFuture<SendResult> future = template(PayloadEncoding.RAW, rejecting).sendAsync("alerts", "x");
		assertThat(future).isCompletedExceptionally();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(future::get)
			.havingCause()
			.isInstanceOf(MqttSendException.class)
			.withMessageContaining("queue full")
			.satisfies((ex) -> assertThat(((MqttSendException) ex).getErrorCode()).isEqualTo("AsyncRejected"));
	}

	static final class Unwritable {

		public String getValue() {
			throw new IllegalStateException("sensor offline");
		}

	}

	@Test
	void sendRequestToStringHidesThePayload() {
		assertThat(SendRequest.of("alerts", "secret-reading-123")).hasToString("SendRequest[topic=alerts, payload=18 chars]");
		assertThat(SendRequest.of("alerts", new byte[] { 1, 2 })).hasToString("SendRequest[topic=alerts, payload=2 bytes]");
	}

}
