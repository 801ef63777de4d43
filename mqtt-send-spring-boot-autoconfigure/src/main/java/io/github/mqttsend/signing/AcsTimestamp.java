package io.github.mqttsend.signing;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The {@code yyyy-MM-dd'T'HH:mm:ss'Z'} UTC timestamps that both signature versions carry. */
final class AcsTimestamp {

	private AcsTimestamp() {
	}

	static String format(Instant instant) {
		LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
		char[] out = new char[20];
		digits(out, 0, t.getYear(), 4);
		out[4] = '-';
		digits(out, 5, t.getMonthValue(), 2);
		out[7] = '-';
		digits(out, 8, t.getDayOfMonth(), 2);
		out[10] = 'T';
		digits(out, 11, t.getHour(), 2);
		out[13] = ':';
		digits(out, 14, t.getMinute(), 2);
		out[16] = ':';
		digits(out, 17, t.getSecond(), 2);
		out[19] = 'Z';
		return new String(out);
	}

	private static void digits(char[] out, int offset, int value, int width) {
		for (int i = offset + width - 1; i >= offset; i--) {
			out[i] = (char) ('0' + value % 10);
			value /= 10;
		}
	}

}
