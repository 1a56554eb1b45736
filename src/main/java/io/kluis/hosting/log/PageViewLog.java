package io.kluis.hosting.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The appender of the page-view log (RET-4, HST-1): serving code calls {@link #append} on the request
 * path; a background writer stores the page views in batches (COPY on PostgreSQL, batched inserts on
 * H2), so a request never waits for the database (P2).
 *
 * <p><b>Overload</b>: the buffer is bounded ({@code kluis.hosting.log.buffer-size}). When it is full
 * the page view is dropped, counted ({@link #dropped()}, metric {@code kluis.hosting.page-views.dropped}
 * with {@code reason=buffer-full}) and the request goes on: sites must not slow down because the log
 * cannot keep up.
 *
 * <p><b>Guarantee</b>: at most once. A batch is written in one transaction, stored whole or not at
 * all, and never retried, so no page view is ever written twice (not after a crash either: nothing
 * is replayed). A clean shutdown stops accepting, then writes everything still buffered before the
 * database goes away. What is lost: page views still in the buffer when the process crashes or is
 * killed (at most {@code buffer-size}, normally about one flush interval's worth), and a batch whose
 * write fails (database down: counted with {@code reason=write-failed}, logged without content).
 * Retrying a failed batch could write it twice, because a commit whose answer was lost looks like a
 * failure.
 */
@Component
public class PageViewLog implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PageViewLog.class);

	private final PageViewStore store;

	private final PageViewLogProperties properties;

	private final BlockingQueue<PageView> buffer;

	private final Counter written;

	private final Counter bufferFull;

	private final Counter writeFailed;

	private final Counter stopped;

	private volatile boolean running;

	private @Nullable Thread writer;

	/** Page views buffered, and page views written or lost, so far (for {@link #awaitWritten}). */
	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong processed = new AtomicLong();

	PageViewLog(PageViewStore store, PageViewLogProperties properties, MeterRegistry meters) {
		this.store = store;
		this.properties = properties;
		this.buffer = new ArrayBlockingQueue<>(properties.bufferSize());
		this.written = Counter.builder("kluis.hosting.page-views.written").register(meters);
		this.bufferFull = dropped(meters, "buffer-full");
		this.writeFailed = dropped(meters, "write-failed");
		this.stopped = dropped(meters, "stopped");
		Gauge.builder("kluis.hosting.page-views.buffered", buffer, BlockingQueue::size).register(meters);
	}

	private static Counter dropped(MeterRegistry meters, String reason) {
		return Counter.builder("kluis.hosting.page-views.dropped").tag("reason", reason).register(meters);
	}

	/**
	 * Buffers a page view for writing; never blocks.
	 *
	 * @param keepQuery whether the site's owner turned on keeping query strings; without it the query
	 *        is removed here, before the view is buffered
	 * @return false when it was dropped (buffer full, or the log is stopped)
	 */
	public boolean append(PageView view, boolean keepQuery) {
		if (!running) {
			stopped.increment();
			return false;
		}
		if (!buffer.offer(keepQuery ? view : view.withoutQuery())) {
			bufferFull.increment();
			return false;
		}
		accepted.incrementAndGet();
		return true;
	}

	/** Page views dropped so far, for any reason. */
	public long dropped() {
		return (long) (bufferFull.count() + writeFailed.count() + stopped.count());
	}

	/** Page views written so far. */
	public long written() {
		return (long) written.count();
	}

	/** Waits until everything appended so far is written (or dropped); false on timeout. For tests and tools. */
	boolean awaitWritten(Duration timeout) throws InterruptedException {
		long target = accepted.get();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (processed.get() < target) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(5);
		}
		return true;
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		Thread thread = new Thread(this::writeUntilStopped, "page-view-writer");
		thread.setDaemon(true);
		thread.start();
		writer = thread;
	}

	/** Stops accepting, writes what is buffered, and returns when it is written (or after 60 s). */
	@Override
	public synchronized void stop() {
		running = false;
		Thread thread = writer;
		writer = null;
		if (thread == null) {
			return;
		}
		try {
			thread.join(Duration.ofSeconds(60).toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		if (!buffer.isEmpty()) {
			log.warn("event=hosting.page-views.unflushed count={}", buffer.size());
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** After the web server (lower phases stop later): requests served while it drains are logged too. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 4096;
	}

	private void writeUntilStopped() {
		var batch = new ArrayList<PageView>(properties.batchSize());
		while (running || !buffer.isEmpty()) {
			try {
				fill(batch);
			}
			catch (InterruptedException e) {
				// Nobody interrupts the writer but the JVM going down; write what was taken and stop.
				running = false;
			}
			if (!batch.isEmpty()) {
				write(batch);
				processed.addAndGet(batch.size());
				batch.clear();
			}
		}
	}

	/** Takes up to a batch: waits for the first view, then up to the flush interval for the batch to fill. */
	private void fill(List<PageView> batch) throws InterruptedException {
		PageView first = buffer.poll(100, TimeUnit.MILLISECONDS);
		if (first == null) {
			return;
		}
		batch.add(first);
		long deadline = System.nanoTime() + properties.flushInterval().toNanos();
		while (batch.size() < properties.batchSize()) {
			buffer.drainTo(batch, properties.batchSize() - batch.size());
			long left = deadline - System.nanoTime();
			if (batch.size() >= properties.batchSize() || left <= 0 || !running) {
				return;
			}
			PageView next = buffer.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
			if (next != null) {
				batch.add(next);
			}
		}
	}

	private void write(List<PageView> batch) {
		try {
			store.write(batch);
			written.increment(batch.size());
		}
		catch (RuntimeException e) {
			writeFailed.increment(batch.size());
			log.warn("event=hosting.page-views.write-failed count={} error={}", batch.size(),
					e.getClass().getSimpleName());
		}
	}
}
