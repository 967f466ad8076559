package dev.panagit.codec;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A lock-free pool of reusable, single-threaded resources (compressors, native codecs): creating
 * one costs more than using it on a small object, so each is taken, used by one thread, and
 * given back. The pool owns what it holds: it keeps at most {@code maxIdle} idle items and
 * disposes of the rest as they come back, and {@link #close} disposes of every idle item (items
 * given back after that are disposed of at once), so native memory has one owner and a bound.
 */
public final class Pool<T> implements AutoCloseable {
    /** Idle items kept by default: one per processor, enough for every thread to find one. */
    public static final int DEFAULT_MAX_IDLE = Math.max(4, Runtime.getRuntime().availableProcessors());

    private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final Supplier<T> factory;
    private final Consumer<T> disposer;
    private final int maxIdle;
    private volatile boolean closed;

    /** A pool whose items need no disposal beyond garbage collection. */
    public Pool(Supplier<T> factory) {
        this(factory, item -> { }, DEFAULT_MAX_IDLE);
    }

    /** A pool that calls {@code disposer} on every item it lets go of. */
    public Pool(Supplier<T> factory, Consumer<T> disposer, int maxIdle) {
        this.factory = factory;
        this.disposer = disposer;
        this.maxIdle = maxIdle;
    }

    /** An idle item, or a new one; throws {@link IllegalStateException} once the pool is closed. */
    public T take() {
        if (closed) {
            throw new IllegalStateException("used after close");
        }
        T item = idle.pollFirst();
        if (item != null) {
            idleCount.decrementAndGet();
            return item;
        }
        return factory.get();
    }

    /** Gives an item back for reuse, or disposes of it when enough are idle or the pool is closed. */
    public void give(T item) {
        if (!closed && idleCount.incrementAndGet() <= maxIdle) {
            idle.offerFirst(item);
            if (closed && idle.remove(item)) {   // closed meanwhile: close() may have missed it
                disposer.accept(item);
            }
            return;
        }
        if (!closed) {
            idleCount.decrementAndGet();
        }
        disposer.accept(item);
    }

    /** How many items are idle now (for tests and diagnostics). */
    public int idle() {
        return idle.size();
    }

    /** Disposes of every idle item; items in use are disposed of when they are given back. */
    @Override
    public void close() {
        closed = true;
        for (T item; (item = idle.pollFirst()) != null; ) {
            disposer.accept(item);
        }
    }
}
