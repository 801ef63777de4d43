package io.github.mqttsend.ratelimit;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls that the service may still count in some one-second window: those in flight and those that finished
 * less than a second ago. It admits a call only while fewer than its capacity are there.
 * <p>
 * Why this bounds what the service sees: a call reaches the service after it was admitted and before its answer
 * came back. Take any second {@code [w, w + 1 s)} at the service and the last admitted call that arrived in it,
 * admitted at {@code g < w + 1 s}. Every other call that arrived in that second was admitted before {@code g} and
 * finished at or after {@code w > g - 1 s}: when {@code g} was admitted, each was still here. So no second at the
 * service, however placed, holds more calls than the capacity, whatever the network, the service's own threads or
 * a loaded CPU on either side do to the calls' timing. The price is that a call holds its place for its latency
 * plus a second: at a latency of {@code l} seconds the window admits {@code capacity / (1 + l)} calls/s.
 * <p>
 * Lock-free: admitting is a compare-and-set, finishing appends to a queue, and whoever finds no other thread
 * doing it drops the calls that finished a second ago.
 */
final class CallWindow {

	static final long WIDTH_NANOS = 1_000_000_000L;

	private final int capacity;

	/** Calls admitted and not yet dropped: in flight, or finished less than {@link #WIDTH_NANOS} ago. */
	private final AtomicInteger held = new AtomicInteger();

	/** When each finished call finished ({@link System#nanoTime()}), in about that order. */
	private final Queue<Long> finished = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean dropping = new AtomicBoolean();

	/**
	 * @param capacity the most calls any one-second window may hold
	 */
	CallWindow(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("A call window must hold at least one call, not " + capacity);
		}
		this.capacity = capacity;
	}

	/**
	 * Admits one call if the window has room at {@code now}.
	 * @param now {@link System#nanoTime()}, read before the call
	 * @return {@code true} if the call was admitted; it must then {@link #finish} exactly once
	 */
	boolean tryAdmit(long now) {
		dropFinishedBefore(now - WIDTH_NANOS);
		int current;
		do {
			current = this.held.get();
			if (current >= this.capacity) {
				return false;
			}
		}
		while (!this.held.compareAndSet(current, current + 1));
		return true;
	}

	/** Gives back a place that {@link #tryAdmit} gave, for a call that was never made. */
	void cancel() {
		this.held.decrementAndGet();
	}

	/** Notes that an admitted call finished (answered or failed) at {@code now}. */
	void finish(long now) {
		this.finished.add(now);
	}

	/**
	 * How long after {@code now} a place frees up at the soonest: when the oldest finished call leaves, or, with
	 * every call held still in flight, a second from now (if one finished at once).
	 */
	long nanosUntilRoom(long now) {
		Long oldest = this.finished.peek();
		return (oldest != null) ? Math.max(0, oldest + WIDTH_NANOS - now) : WIDTH_NANOS;
	}

	/** Calls held now: in flight, or finished within the last second (as of the last drop). */
	int held() {
		return this.held.get();
	}

	private void dropFinishedBefore(long cutoff) {
		Long oldest = this.finished.peek();
		if (oldest == null || oldest - cutoff > 0 || !this.dropping.compareAndSet(false, true)) {
			return;
		}
		try {
			// the only thread removing: what it peeked is what it polls. Calls that finish at about the same time
			// may queue slightly out of order, and then leave a little late, never early.
			while ((oldest = this.finished.peek()) != null && oldest - cutoff <= 0) {
				this.finished.poll();
				this.held.decrementAndGet();
			}
		}
		finally {
			this.dropping.set(false);
		}
	}

}
