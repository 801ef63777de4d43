package io.github.mqttsend.ratelimit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link CallWindow}'s promise, in simulated time against generated schedules: however late calls arrive at
 * the service between being admitted and finishing, and however out of order their finishes are noted, no second
 * at the service, wherever it starts, holds more calls than the window's capacity.
 */
class CallWindowProperties {

	private static final long MS = 1_000_000L;

	/** One attempt: when, after the one before; how long its call takes; where in that time it reaches the service. */
	record Attempt(long gapNanos, long latencyNanos, double arrivalPoint, long noteDelayNanos) {

	}

	@Provide
	Arbitrary<List<Attempt>> schedules() {
		Arbitrary<Long> gap = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.longs().between(0, 2 * MS)),
				Tuple.of(1, Arbitraries.longs().between(0, 400 * MS)));
		// mostly quick answers, some slow, a few stalled for seconds
		Arbitrary<Long> latency = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.longs().between(0, 5 * MS)),
				Tuple.of(3, Arbitraries.longs().between(0, 200 * MS)),
				Tuple.of(1, Arbitraries.longs().between(0, 2500 * MS)));
		Arbitrary<Double> point = Arbitraries.doubles().between(0, 1);
		Arbitrary<Long> noteDelay = Arbitraries.longs().between(0, 5 * MS);
		return Combinators.combine(gap, latency, point, noteDelay).as(Attempt::new).list().ofMinSize(1).ofMaxSize(3000);
	}

	@Property(tries = 200)
	void noSecondAtTheServiceHoldsMoreThanTheCapacity(@ForAll @IntRange(min = 1, max = 60) int capacity,
			@ForAll("schedules") List<Attempt> schedule) {
		CallWindow window = new CallWindow(capacity);
		// finishes waiting to be noted: {when noted, when finished}
		PriorityQueue<long[]> toNote = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
		List<Long> arrivals = new ArrayList<>();
		long now = 0;
		for (Attempt attempt : schedule) {
			now += attempt.gapNanos();
			while (!toNote.isEmpty() && toNote.peek()[0] <= now) {
				window.finish(toNote.poll()[1]);
			}
			if (window.tryAdmit(now)) {
				long finished = now + attempt.latencyNanos();
				arrivals.add(now + (long) (attempt.arrivalPoint() * attempt.latencyNanos()));
				toNote.add(new long[] { finished + attempt.noteDelayNanos(), finished });
			}
		}
		assertThat(mostInAnySecond(arrivals)).isLessThanOrEqualTo(capacity);
	}

	@Property(tries = 50)
	void aWindowKeptBusyAdmitsItsCapacityEverySecondPlusLatency(@ForAll @IntRange(min = 1, max = 300) int capacity,
			@ForAll @IntRange(min = 0, max = 50) int latencyMillis) {
		CallWindow window = new CallWindow(capacity);
		PriorityQueue<Long> finishes = new PriorityQueue<>();
		long latency = latencyMillis * MS;
		int admitted = 0;
		long end = 10_000 * MS;
		// a caller trying every 100 µs for 10 s
		for (long now = 0; now < end; now += MS / 10) {
			while (!finishes.isEmpty() && finishes.peek() <= now) {
				window.finish(finishes.poll());
			}
			if (window.tryAdmit(now)) {
				admitted++;
				finishes.add(now + latency);
			}
		}
		// each call holds its place for its latency plus a second (and up to one 100 µs step more); ten whole
		// seconds hold at most ten capacities
		double perSecond = admitted / 10.0;
		double expected = capacity / (1.0 + (latencyMillis + 0.1) / 1000.0);
		assertThat(perSecond).isBetween(0.9 * expected, (double) capacity);
	}

	private static int mostInAnySecond(List<Long> arrivals) {
		long[] sorted = arrivals.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(sorted);
		int most = 0;
		for (int i = 0, j = 0; i < sorted.length; i++) {
			while (j < sorted.length && sorted[j] - sorted[i] < CallWindow.WIDTH_NANOS) {
				j++;
			}
			most = Math.max(most, j - i);
		}
		return most;
	}

}
