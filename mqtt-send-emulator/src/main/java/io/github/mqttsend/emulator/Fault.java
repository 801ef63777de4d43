package io.github.mqttsend.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What the emulator does to a call instead of (or before) answering it normally; see {@link FaultInjector}.
 * Faults apply to calls that passed verification, just before delivery.
 */
public sealed interface Fault {

	/** Answer the error {@code code} with its documented HTTP status; nothing is delivered. */
	static Fault error(String code) {
		return new Error(code, ServiceError.statusOf(code), code + " (injected by the emulator)");
	}

	/** Answer the error {@code code} with {@code status}; nothing is delivered. */
	static Fault error(String code, int status) {
		return new Error(code, status, code + " (injected by the emulator)");
	}

	/** Wait {@code delay}, then deliver and answer as usual (a client may time out meanwhile). */
	static Fault delay(Duration delay) {
		return new Delay(delay);
	}

	/** Close the connection without answering; nothing is delivered. */
	static Fault dropConnection() {
		return new DropConnection(false);
	}

	/** Deliver the message, then close the connection without answering: the client cannot know it was sent. */
	static Fault dropConnectionAfterDelivery() {
		return new DropConnection(true);
	}

	/** An error answer. */
	record Error(String code, int status, String message) implements Fault {

		public Error {
			Objects.requireNonNull(code, "code");
			Objects.requireNonNull(message, "message");
		}

	}

	/** A slow answer. */
	record Delay(Duration delay) implements Fault {

		public Delay {
			if (delay.isNegative()) {
				throw new IllegalArgumentException("delay must not be negative");
			}
		}

	}

	/** No answer: the connection is closed. */
	record DropConnection(boolean afterDelivery) implements Fault {

	}

}
