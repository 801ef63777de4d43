package io.github.mqttsend.sample;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.github.mqttsend.MqttSendException;
import io.github.mqttsend.MqttSendTemplate;
import io.github.mqttsend.SendResult;
import io.github.mqttsend.autoconfigure.MqttSendConnectionDetails;
import io.github.mqttsend.credentials.CredentialsProvider;
import io.github.mqttsend.credentials.CredentialsUnavailableException;
import io.github.mqttsend.emulator.MqttSendEmulator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Subscribes an MQTT client to the topics it sends to, sends text, JSON and bytes, and prints each {@code MsgId}
 * next to what the subscriber received, then a line of the meters. The same code against the emulator and against
 * Alibaba Cloud: the subscriber signs in with the AccessKey the starter signs with. Its exit code is 0 only if every
 * message was received, byte for byte.
 */
@Component
class SendSampleRunner implements ApplicationRunner, ExitCodeGenerator {

	private final MqttSendTemplate mqtt;

	private final MqttSendConnectionDetails connection;

	private final CredentialsProvider credentials;

	private final @Nullable MqttSendEmulator emulator;

	private final @Nullable MeterRegistry meters;

	private final SampleProperties properties;

	private final JsonMapper jsonMapper;

	private final PrintStream out = System.out;

	private int exitCode = 1;

	SendSampleRunner(MqttSendTemplate mqtt, MqttSendConnectionDetails connection, CredentialsProvider credentials,
			ObjectProvider<MqttSendEmulator> emulator, ObjectProvider<MeterRegistry> meters, SampleProperties properties,
			ObjectProvider<JsonMapper> jsonMapper) {
		this.mqtt = mqtt;
		this.connection = connection;
		this.credentials = credentials;
		this.emulator = emulator.getIfAvailable();
		this.meters = meters.getIfUnique();
		this.properties = properties;
		this.jsonMapper = jsonMapper.getIfAvailable(JsonMapper::shared);
	}

	/** A device reading, sent as JSON. */
	record Reading(String device, double celsius, boolean alarm) {

	}

	/** One message: what is sent, and the bytes a subscriber should get. */
	private record Message(String kind, String topic, Object payload, byte[] expected) {

	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		String parent = this.properties.parentTopic();
		Reading reading = new Reading("pump-7", 21.5, false);
		byte[] bytes = { 0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF, 0x4D, 0x51 };
		List<Message> messages = List.of(
				new Message("text", parent + "/text", "Hello from mqtt-send",
						"Hello from mqtt-send".getBytes(StandardCharsets.UTF_8)),
				new Message("json", parent + "/json", reading, this.jsonMapper.writeValueAsBytes(reading)),
				new Message("bytes", parent + "/bytes", bytes,
						Base64.getEncoder().encodeToString(bytes).getBytes(StandardCharsets.US_ASCII)));

		String instanceId = this.connection.getInstanceId();
		String brokerUrl = brokerUrl(instanceId);
		if (this.emulator != null) {
			this.out.println("mqtt-send sample: no apsaramq.mqtt.instance-id set, so sending to the local emulator at "
					+ this.emulator.endpoint() + " (instance " + instanceId + "), which publishes to its embedded MQTT "
					+ "broker " + this.emulator.brokerUrl() + " (signature authentication required, as on Alibaba Cloud)");
		}
		else {
			this.out.println("mqtt-send sample: using the configured instance " + instanceId + ": sending through "
					+ this.connection.getEndpoint() + ", receiving from its MQTT broker " + brokerUrl);
		}

		SignatureLogin login;
		try {
			login = SignatureLogin.of(this.credentials.getCredentials(), instanceId, this.properties.clientId());
		}
		catch (IllegalStateException | CredentialsUnavailableException ex) {
			fail(ex.getMessage());
			return;
		}
		this.out.println("  subscriber " + login.clientId() + " (username " + login.shownUsername() + ") on "
				+ brokerUrl + ", to " + parent + "/#");
		boolean allGood;
		try (SampleSubscriber subscriber = SampleSubscriber.subscribe(brokerUrl, login, parent + "/#")) {
			List<@Nullable SendResult> results = sendAll(messages);
			// wait for what was sent; what was not is reported as such, without waiting for it in vain
			List<String> sentTopics = new ArrayList<>();
			for (int i = 0; i < messages.size(); i++) {
				if (results.get(i) != null) {
					sentTopics.add(messages.get(i).topic());
				}
			}
			allGood = subscriber.awaitAll(sentTopics, this.properties.receiveTimeout());
			for (int i = 0; i < messages.size(); i++) {
				allGood &= report(messages.get(i), results.get(i), subscriber.receivedOn(messages.get(i).topic()));
			}
		}
		catch (SubscriberNotConnectedException ex) {
			fail(ex.getMessage());
			return;
		}
		this.out.println("meters: " + meters());
		this.exitCode = allGood ? 0 : 1;
		this.out.println(allGood ? "all " + messages.size() + " messages received" : "FAILED: not every message arrived");
	}

	/** {@code sample.broker-url}, else the emulator's broker, else the instance's public endpoint. */
	private String brokerUrl(String instanceId) {
		String configured = this.properties.brokerUrl();
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		return (this.emulator != null) ? this.emulator.brokerUrl() : "tcp://" + instanceId + ".mqtt.aliyuncs.com:1883";
	}

	private void fail(@Nullable String reason) {
		this.exitCode = 1;
		this.out.println("FAILED: " + reason);
	}

	private List<@Nullable SendResult> sendAll(List<Message> messages) {
		List<@Nullable SendResult> results = new ArrayList<>();
		for (Message message : messages) {
			try {
				results.add(switch (message.kind()) {
					case "text" -> this.mqtt.send(message.topic(), (String) message.payload());
					case "bytes" -> this.mqtt.send(message.topic(), (byte[]) message.payload());
					default -> this.mqtt.convertAndSend(message.topic(), message.payload());
				});
			}
			catch (MqttSendException ex) {
				this.out.println("  " + message.kind() + " -> " + message.topic() + ": not sent: " + ex.getMessage());
				results.add(null);
			}
		}
		return results;
	}

	/** Prints one line; {@code true} if the subscriber got exactly the expected bytes. */
	private boolean report(Message message, @Nullable SendResult result, byte @Nullable [] received) {
		String msgId = (result != null) ? "MsgId " + result.msgId() : "NOT SENT";
		boolean ok = result != null && received != null && Arrays.equals(received, message.expected());
		String shown;
		if (received == null) {
			shown = "nothing received";
		}
		else if (message.kind().equals("bytes")) {
			String text = new String(received, StandardCharsets.US_ASCII);
			shown = text + " (Base64 of " + HexFormat.ofDelimiter(" ").formatHex(Base64.getDecoder().decode(text)) + ")";
		}
		else {
			shown = new String(received, StandardCharsets.UTF_8);
		}
		this.out.printf("  %s  %-5s %-14s received: %s%s%n", msgId, message.kind(), message.topic(), shown,
				ok ? "" : "   <- NOT what was sent");
		return ok;
	}

	private String meters() {
		if (this.meters == null) {
			return "(no MeterRegistry)";
		}
		double requests = this.meters.find("apsaramq.mqtt.send.requests").counters().stream().mapToDouble(Counter::count).sum();
		double billed = this.meters.find("apsaramq.mqtt.send.billed").counters().stream().mapToDouble(Counter::count).sum();
		Map<String, Double> byOutcome = new java.util.TreeMap<>();
		this.meters.find("apsaramq.mqtt.send.requests")
			.counters()
			.forEach((counter) -> byOutcome.merge(counter.getId().getTag("outcome"), counter.count(), Double::sum));
		return "apsaramq.mqtt.send.requests=" + (long) requests + " " + format(byOutcome) + ", apsaramq.mqtt.send.billed="
				+ (long) billed;
	}

	private static String format(Map<String, Double> byOutcome) {
		StringBuilder text = new StringBuilder("(");
		byOutcome.forEach((outcome, count) -> text.append((text.length() > 1) ? ", " : "").append(outcome).append(' ')
			.append(count.longValue()));
		return text.append(')').toString();
	}

	@Override
	public int getExitCode() {
		return this.exitCode;
	}

}
