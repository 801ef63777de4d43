package io.github.mqttsend.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one stand-in for SendMessage that every client in the benchmarks talks to: an HTTP/1.1 server on a free
 * loopback port that answers every request with the same 200 JSON, keeping connections alive.
 * <p>
 * Built to stay out of the measurements: one platform thread per connection (clients keep few connections),
 * the request parsed in place in a per-connection buffer, the answer one precomputed {@code byte[]} written with
 * one call. It allocates nothing per request, so JMH's allocation figures (all threads) are the client's. It
 * reads {@code Content-Length} and chunked bodies (tea-openapi sends an empty chunked body) and bodiless POSTs
 * (aliyun-java-sdk-core sends neither header).
 * <p>
 * While {@link #startRecording recording}, it stores the arrival time ({@link System#nanoTime()}) of every
 * request, which the limiter benchmark counts per one-second window.
 */
public final class StubServer implements AutoCloseable {

	/** The answer's body: what SendMessage answers on success. */
	public static final String BODY = "{\"RequestId\":\"5E5A1B5C-7D2E-4C1A-9E2B-3F4A5B6C7D8E\","
			+ "\"MsgId\":\"AC1F0A6B00002A9F5B1A3C1E00000001\"}";

	static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\n" + "Content-Type: application/json;charset=utf-8\r\n"
			+ "Content-Length: " + BODY.getBytes(StandardCharsets.UTF_8).length + "\r\n"
			+ "x-acs-request-id: 5E5A1B5C-7D2E-4C1A-9E2B-3F4A5B6C7D8E\r\n" + "Connection: keep-alive\r\n" + "\r\n" + BODY)
		.getBytes(StandardCharsets.UTF_8);

	/** The stubs started in this JVM, for {@link CpuProfiler} (which reads them after they close, too). */
	private static final List<StubServer> LIVE = new CopyOnWriteArrayList<>();

	private final ServerSocket serverSocket;

	private final Thread acceptor;

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong connectionsAccepted = new AtomicLong();

	/** CPU time of the stub's threads that have ended. */
	private final AtomicLong finishedCpuNanos = new AtomicLong();

	private volatile long[] arrivals;

	private final AtomicInteger arrivalCount = new AtomicInteger();

	private volatile boolean recording;

	private volatile boolean closed;

	/** The stub's CPU time when it closed: its threads end afterwards, and a dead thread has no CPU time. */
	private long cpuNanosAtClose;

	public StubServer() throws IOException {
		this.serverSocket = new ServerSocket();
		this.serverSocket.setReuseAddress(true);
		this.serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
		this.acceptor = new Thread(this::acceptLoop, "stub-acceptor");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
		LIVE.add(this);
	}

	/** CPU time of the threads of every stub running in this JVM, in nanoseconds. */
	static long liveCpuNanos() {
		long total = 0;
		for (StubServer stub : LIVE) {
			total += stub.cpuNanos();
		}
		return total;
	}

	public int port() {
		return this.serverSocket.getLocalPort();
	}

	/** {@code http://127.0.0.1:<port>}. */
	public String endpoint() {
		return "http://127.0.0.1:" + port();
	}

	/** Requests answered since start. */
	public long requests() {
		return this.requests.get();
	}

	/** Connections accepted since start: a client that keeps its connections alive opens few. */
	public long connectionsAccepted() {
		return this.connectionsAccepted.get();
	}

	/** Starts storing arrival times, room for {@code capacity} requests (later ones are counted, not stored). */
	public void startRecording(int capacity) {
		this.arrivals = new long[capacity];
		this.arrivalCount.set(0);
		this.recording = true;
	}

	/** Stops storing and answers the arrival times stored, sorted. */
	public long[] stopRecording() {
		this.recording = false;
		long[] stored = Arrays.copyOf(this.arrivals, Math.min(this.arrivalCount.get(), this.arrivals.length));
		Arrays.sort(stored);
		return stored;
	}

	/** CPU time the stub's threads (acceptor and connections, ended ones too) have used, in nanoseconds. */
	public long cpuNanos() {
		if (this.closed) {
			return this.cpuNanosAtClose;
		}
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long total = this.finishedCpuNanos.get() + Math.max(0, threads.getThreadCpuTime(this.acceptor.getId()));
		for (Connection connection : this.connections) {
			total += Math.max(0, threads.getThreadCpuTime(connection.thread.getId()));
		}
		return total;
	}

	private void acceptLoop() {
		int n = 0;
		while (!this.closed) {
			try {
				Socket socket = this.serverSocket.accept();
				socket.setTcpNoDelay(true);
				this.connectionsAccepted.incrementAndGet();
				Connection connection = new Connection(socket, "stub-conn-" + (++n));
				this.connections.add(connection);
				connection.thread.start();
			}
			catch (IOException ex) {
				if (!this.closed) {
					System.err.println("stub: accept failed: " + ex);
				}
			}
		}
	}

	private void arrived() {
		if (this.recording) {
			long now = System.nanoTime();
			int i = this.arrivalCount.getAndIncrement();
			long[] stored = this.arrivals;
			if (i < stored.length) {
				stored[i] = now;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.cpuNanosAtClose = cpuNanos();
		this.closed = true;
		this.serverSocket.close();
		for (Connection connection : this.connections) {
			connection.close();
		}
	}

	/** One kept-alive connection: reads requests one after the other, answers each. */
	private final class Connection implements Runnable {

		private final Socket socket;

		private final Thread thread;

		private byte[] buffer = new byte[16 * 1024];

		/** Unconsumed bytes are {@code buffer[start, end)}. */
		private int start;

		private int end;

		Connection(Socket socket, String name) {
			this.socket = socket;
			this.thread = new Thread(this, name);
			this.thread.setDaemon(true);
		}

		@Override
		public void run() {
			try (Socket s = this.socket) {
				InputStream in = s.getInputStream();
				OutputStream out = s.getOutputStream();
				while (true) {
					int headersEnd = awaitHeaders(in);
					if (headersEnd < 0) {
						return;
					}
					long contentLength = 0;
					boolean chunked = false;
					// header lines: after the request line, up to the blank line
					int line = indexOfCrlf(this.start, headersEnd) + 2;
					while (line < headersEnd - 2) {
						int lineEnd = indexOfCrlf(line, headersEnd);
						if (startsWithIgnoreCase(line, lineEnd, "content-length:")) {
							contentLength = parseLong(line + 15, lineEnd);
						}
						else if (startsWithIgnoreCase(line, lineEnd, "transfer-encoding:")) {
							chunked = containsIgnoreCase(line + 18, lineEnd, "chunked");
						}
						line = lineEnd + 2;
					}
					this.start = headersEnd;
					arrived();
					if (chunked) {
						if (!skipChunkedBody(in)) {
							return;
						}
					}
					else if (!skip(in, contentLength)) {
						return;
					}
					out.write(RESPONSE);
					StubServer.this.requests.incrementAndGet();
				}
			}
			catch (IOException ex) {
				// the client closed the connection
			}
			finally {
				StubServer.this.connections.remove(this);
				StubServer.this.finishedCpuNanos
					.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
			}
		}

		/** Reads until a complete header block is buffered; answers the index just after its blank line. */
		private int awaitHeaders(InputStream in) throws IOException {
			int scanned = 0; // bytes after start already searched, relative to start (which fill may move)
			while (true) {
				for (int i = this.start + Math.max(scanned, 3); i < this.end; i++) {
					if (this.buffer[i] == '\n' && this.buffer[i - 1] == '\r' && this.buffer[i - 2] == '\n'
							&& this.buffer[i - 3] == '\r') {
						return i + 1;
					}
				}
				scanned = this.end - this.start;
				if (!fill(in)) {
					return -1;
				}
			}
		}

		/** Reads more bytes, compacting or growing the buffer first; false at end of stream. */
		private boolean fill(InputStream in) throws IOException {
			if (this.end == this.buffer.length) {
				if (this.start > 0) {
					System.arraycopy(this.buffer, this.start, this.buffer, 0, this.end - this.start);
					this.end -= this.start;
					this.start = 0;
				}
				else {
					this.buffer = Arrays.copyOf(this.buffer, this.buffer.length * 2);
				}
			}
			else if (this.start == this.end) {
				this.start = 0;
				this.end = 0;
			}
			int n = in.read(this.buffer, this.end, this.buffer.length - this.end);
			if (n < 0) {
				return false;
			}
			this.end += n;
			return true;
		}

		private boolean skip(InputStream in, long count) throws IOException {
			while (count > 0) {
				if (this.start == this.end && !fill(in)) {
					return false;
				}
				int n = (int) Math.min(count, this.end - this.start);
				this.start += n;
				count -= n;
			}
			return true;
		}

		/** Skips chunks up to the last (size 0) one and the trailer section. */
		private boolean skipChunkedBody(InputStream in) throws IOException {
			while (true) {
				int lineEnd = awaitLine(in);
				if (lineEnd < 0) {
					return false;
				}
				long size = parseHex(this.start, lineEnd);
				this.start = lineEnd + 2;
				if (size == 0) {
					// trailers, then the blank line
					while (true) {
						int trailerEnd = awaitLine(in);
						if (trailerEnd < 0) {
							return false;
						}
						boolean blank = trailerEnd == this.start;
						this.start = trailerEnd + 2;
						if (blank) {
							return true;
						}
					}
				}
				if (!skip(in, size + 2)) {
					return false;
				}
			}
		}

		/** Reads until a CRLF is buffered at or after {@code start}; answers the index of its CR. */
		private int awaitLine(InputStream in) throws IOException {
			while (true) {
				int crlf = indexOfCrlf(this.start, this.end);
				if (crlf >= 0) {
					return crlf;
				}
				if (!fill(in)) {
					return -1;
				}
			}
		}

		private int indexOfCrlf(int from, int to) {
			for (int i = from; i + 1 < to; i++) {
				if (this.buffer[i] == '\r' && this.buffer[i + 1] == '\n') {
					return i;
				}
			}
			return -1;
		}

		private boolean startsWithIgnoreCase(int from, int to, String prefix) {
			if (to - from < prefix.length()) {
				return false;
			}
			for (int i = 0; i < prefix.length(); i++) {
				if (Character.toLowerCase((char) this.buffer[from + i]) != prefix.charAt(i)) {
					return false;
				}
			}
			return true;
		}

		private boolean containsIgnoreCase(int from, int to, String word) {
			for (int i = from; i + word.length() <= to; i++) {
				if (startsWithIgnoreCase(i, to, word)) {
					return true;
				}
			}
			return false;
		}

		private long parseLong(int from, int to) {
			long value = 0;
			for (int i = from; i < to; i++) {
				byte b = this.buffer[i];
				if (b >= '0' && b <= '9') {
					value = value * 10 + (b - '0');
				}
			}
			return value;
		}

		private long parseHex(int from, int to) {
			long value = 0;
			for (int i = from; i < to; i++) {
				int digit = Character.digit((char) this.buffer[i], 16);
				if (digit < 0) {
					break; // chunk extensions
				}
				value = value * 16 + digit;
			}
			return value;
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

	}

}
