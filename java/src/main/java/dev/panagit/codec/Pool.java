package dev.panagit.codec;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

/**
 * A lock-free pool of reusable, single-threaded resources (compressors, native codecs): creating
 * one costs more than using it on a small object, so each is taken, used by one thread, and
 * given back. The pool grows to the peak number of concurrent users and never shrinks.
 */
public final class Pool<T> {
    private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>();
    private final Supplier<T> factory;

    public Pool(Supplier<T> factory) {
        this.factory = factory;
    }

    public T take() {
        T item = idle.pollFirst();
        return item != null ? item : factory.get();
    }

    public void give(T item) {
        idle.offerFirst(item);
    }
}
