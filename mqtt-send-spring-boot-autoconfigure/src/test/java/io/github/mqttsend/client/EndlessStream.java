package io.github.mqttsend.client;

import java.io.InputStream;
import java.util.Arrays;

/** An answer body that never ends: endless {@code x}s, counting how many were read. */
final class EndlessStream extends InputStream {

	long count;

	@Override
	public int read() {
		this.count++;
		return 'x';
	}

	@Override
	public int read(byte[] b, int off, int len) {
		Arrays.fill(b, off, off + len, (byte) 'x');
		this.count += len;
		return len;
	}

}
