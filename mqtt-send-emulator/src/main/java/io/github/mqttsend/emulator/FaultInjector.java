package io.github.mqttsend.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Faults for an application's own tests: make the next calls, or the calls on a topic, fail with a code, answer
 * slowly, or lose the connection. Thread-safe.
 *
 * <pre>{@code
 * emulator.faults().next(2, Fault.error("Throttling.User"));   // the next 2 calls: 400 Throttling.User
 * emulator.faults().onTopic("alerts/pump", Fault.dropConnection());  // every call on that topic, until cleared
 * }</pre>
 */
public final class FaultInjector {

	private final Deque<Fault> next = new ArrayDeque<>();

	private final Map<String, Fault> byTopic = new LinkedHashMap<>();

	/** The next {@code calls} calls (any topic) get {@code fault}, after any already queued. */
	public synchronized FaultInjector next(int calls, Fault fault) {
		Objects.requireNonNull(fault, "fault");
		if (calls < 0) {
			throw new IllegalArgumentException("calls must not be negative");
		}
		for (int i = 0; i < calls; i++) {
			this.next.add(fault);
		}
		return this;
	}

	/** Every call on {@code topic} (the exact {@code MqttTopic}) gets {@code fault} until {@link #clear()}. */
	public synchronized FaultInjector onTopic(String topic, Fault fault) {
		this.byTopic.put(Objects.requireNonNull(topic, "topic"), Objects.requireNonNull(fault, "fault"));
		return this;
	}

	/** Removes every fault. */
	public synchronized void clear() {
		this.next.clear();
		this.byTopic.clear();
	}

	/** How many queued "next call" faults are left. */
	public synchronized int pending() {
		return this.next.size();
	}

	/** The fault for a call on {@code topic}, consuming a queued one; a topic's fault comes first. */
	synchronized @Nullable Fault take(String topic) {
		Fault onTopic = this.byTopic.get(topic);
		if (onTopic != null) {
			return onTopic;
		}
		return this.next.poll();
	}

}
