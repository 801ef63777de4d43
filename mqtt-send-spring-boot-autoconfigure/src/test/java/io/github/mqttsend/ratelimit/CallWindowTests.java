package io.github.mqttsend.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The {@link CallWindow}'s bookkeeping, step by step in given nanosecond times. */
class CallWindowTests {

	private static final long SECOND = CallWindow.WIDTH_NANOS;

	@Test
	void admitsUpToItsCapacityAndHoldsCallsInFlight() {
		CallWindow window = new CallWindow(2);
		assertThat(window.tryAdmit(0)).isTrue();
		assertThat(window.tryAdmit(0)).isTrue();
		assertThat(window.tryAdmit(0)).isFalse();
		// in flight for ten seconds: still held
		assertThat(window.tryAdmit(10 * SECOND)).isFalse();
		assertThat(window.held()).isEqualTo(2);
		assertThat(window.nanosUntilRoom(10 * SECOND)).as("all in flight: a second at the soonest").isEqualTo(SECOND);
	}

	@Test
	void aFinishedCallLeavesOneSecondAfterItFinishedNotBefore() {
		CallWindow window = new CallWindow(1);
		assertThat(window.tryAdmit(0)).isTrue();
		window.finish(300);
		assertThat(window.nanosUntilRoom(100)).isEqualTo(SECOND + 200);
		assertThat(window.tryAdmit(SECOND + 299)).isFalse();
		assertThat(window.tryAdmit(SECOND + 300)).isTrue();
		assertThat(window.held()).isEqualTo(1);
	}

	@Test
	void cancelGivesThePlaceBack() {
		CallWindow window = new CallWindow(1);
		assertThat(window.tryAdmit(0)).isTrue();
		window.cancel();
		assertThat(window.held()).isZero();
		assertThat(window.tryAdmit(0)).isTrue();
	}

	@Test
	void finishesNotedOutOfOrderLeaveLateNeverEarly() {
		CallWindow window = new CallWindow(2);
		window.tryAdmit(0);
		window.tryAdmit(0);
		window.finish(500);
		window.finish(200);
		// the call that finished at 200 is behind the one at 500: both leave when the one at 500 may
		assertThat(window.tryAdmit(SECOND + 200)).isFalse();
		assertThat(window.held()).isEqualTo(2);
		assertThat(window.tryAdmit(SECOND + 500)).isTrue();
		assertThat(window.held()).isEqualTo(1);
	}

	@Test
	void worksAcrossTheWrapOfNanoTime() {
		CallWindow window = new CallWindow(1);
		long beforeWrap = Long.MAX_VALUE - SECOND / 2;
		assertThat(window.tryAdmit(beforeWrap)).isTrue();
		window.finish(beforeWrap);
		assertThat(window.tryAdmit(beforeWrap + SECOND - 1)).isFalse();
		assertThat(window.tryAdmit(beforeWrap + SECOND)).isTrue();
	}

	@Test
	void needsRoomForOneCall() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CallWindow(0)).withMessageContaining("at least one");
	}

}
