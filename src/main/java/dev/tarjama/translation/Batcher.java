package dev.tarjama.translation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Groups the sentences of all concurrent requests into engine batches. Requests put their cache
 * misses on one bounded queue ({@link #submit}, all or nothing), under their client's name; worker
 * threads wait up to {@code batchWaitMillis} after the oldest queued sentence for a batch to fill,
 * take up to {@code maxBatchSentences} sentences and {@code maxBatchTokens} tokens sharing one
 * decoding option set, fairly across clients and requests ({@link FairQueue}), sort them by length
 * and call the engine. When the engine fails on a batch of several
 * sentences, each is retried alone, so a failure fails only the sentences the engine cannot
 * translate (and the requests waiting for them).
 */
public final class Batcher implements AutoCloseable {

    /** One normalized sentence to translate, with its source token count. */
    public record Item(String sentence, int tokens, DecodeOptions options) {
        public Item {
            Objects.requireNonNull(sentence, "sentence");
            Objects.requireNonNull(options, "options");
            if (tokens < 0) {
                throw new IllegalArgumentException("tokens must not be negative, got " + tokens);
            }
        }
    }

    /** A queued sentence and the future its request waits on. */
    record Job(Item item, long enqueuedNanos, CompletableFuture<EngineResult> result) {}

    /**
     * A worker that has had no work for this long after working calls {@link TranslationEngine#idle()}
     * once. Long enough that only real pauses trim: the first batch after a trim faults its memory
     * in again (on the shared development VM a page fault cost ~7 µs, ~0.2–0.5 s for a large batch).
     */
    static final long IDLE_MILLIS = 30_000;

    private final TranslationEngine engine;
    private final long idleMillis;
    private final ServiceConfig config;
    private final FairQueue queue = new FairQueue();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong translated = new AtomicLong();
    private final List<BatchObserver> observers = new CopyOnWriteArrayList<>();
    private boolean closed;

    public Batcher(TranslationEngine engine, ServiceConfig config) {
        this(engine, config, IDLE_MILLIS);
    }

    /** As {@link #Batcher(TranslationEngine, ServiceConfig)} with another pause length (tests). */
    Batcher(TranslationEngine engine, ServiceConfig config, long idleMillis) {
        this.idleMillis = idleMillis;
        this.engine = Objects.requireNonNull(engine, "engine");
        this.config = Objects.requireNonNull(config, "config");
        for (int i = 0; i < config.workers(); i++) {
            Thread t = new Thread(this::work, "tarjama-batch-" + i);
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /** As {@link #submit(String, List)} for one shared, anonymous client. */
    public List<CompletableFuture<EngineResult>> submit(List<Item> items) {
        return submit(Caller.ANONYMOUS.id(), items);
    }

    /**
     * Queues all items or none, as one request of {@code client}. A request larger than the whole
     * queue is still accepted when the queue is empty, so that a long article can always be served on
     * an idle service. A client with nothing waiting may also use a reserve of a quarter of the
     * capacity beyond it, so that one client's backlog filling the queue does not shut others out.
     *
     * @return one future per item, in order
     * @throws ServiceOverloadedException when the items do not fit in the queue
     */
    public List<CompletableFuture<EngineResult>> submit(String client, List<Item> items) {
        Objects.requireNonNull(client, "client");
        List<CompletableFuture<EngineResult>> futures = new ArrayList<>(items.size());
        if (items.isEmpty()) {
            return futures;
        }
        long now = System.nanoTime();
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the translation service is closed");
            }
            if (!queue.isEmpty() && queue.size() + items.size() > capacityFor(client)) {
                throw new ServiceOverloadedException("the translation queue is full (" + queue.size() + " of "
                        + config.queueCapacity() + " sentences waiting); retry later");
            }
            List<Job> jobs = new ArrayList<>(items.size());
            for (Item item : items) {
                CompletableFuture<EngineResult> f = new CompletableFuture<>();
                jobs.add(new Job(item, now, f));
                futures.add(f);
            }
            queue.add(client, jobs);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return futures;
    }

    /** The queue length up to which {@code client}'s request is admitted (with the lock held). */
    private int capacityFor(String client) {
        int capacity = config.queueCapacity();
        return queue.waiting(client) == 0 ? capacity + Math.max(1, capacity / 4) : capacity;
    }

    /** Adds an observer told about every engine call from now on. */
    public void observe(BatchObserver observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /**
     * Takes the given futures' sentences off the queue if no worker has taken them yet, and fails
     * those futures with a {@link WithdrawnException}. Sentences already on the engine are left alone.
     *
     * @return how many sentences were withdrawn
     */
    int withdraw(List<CompletableFuture<EngineResult>> futures) {
        if (futures.isEmpty()) {
            return 0;
        }
        Set<CompletableFuture<EngineResult>> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        wanted.addAll(futures);
        List<Job> removed;
        lock.lock();
        try {
            removed = queue.remove(job -> wanted.contains(job.result()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        WithdrawnException withdrawn = new WithdrawnException();
        removed.forEach(j -> j.result().completeExceptionally(withdrawn));
        if (!removed.isEmpty()) {
            observers.forEach(o -> o.sentencesWithdrawn(removed.size()));
        }
        return removed.size();
    }

    /** Sentences waiting for a worker. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Engine calls made so far. */
    public long batches() {
        return batches.get();
    }

    /** Sentences the engine translated so far. */
    public long translatedSentences() {
        return translated.get();
    }

    private void work() {
        boolean workedSinceIdle = false;
        while (true) {
            List<Job> batch;
            lock.lock();
            try {
                batch = awaitBatch(workedSinceIdle);
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (batch == null) {
                return; // closed
            }
            if (batch.isEmpty()) {
                engine.idle();
                workedSinceIdle = false;
                continue;
            }
            run(batch);
            workedSinceIdle = true;
        }
    }

    /**
     * With the lock held: waits for work and takes a batch (waiting up to the batch wait for it to
     * fill). Returns null once closed, and an empty batch when this worker, having worked since its
     * last pause, found nothing to do for the pause length ({@link #IDLE_MILLIS} unless a test sets another).
     */
    private List<Job> awaitBatch(boolean workedSinceIdle) throws InterruptedException {
        while (true) {
            while (queue.isEmpty() && !closed) {
                if (!workedSinceIdle) {
                    changed.await();
                } else if (!changed.await(idleMillis, TimeUnit.MILLISECONDS) && queue.isEmpty() && !closed) {
                    return List.of();
                }
            }
            if (closed) {
                return null;
            }
            long deadline = queue.oldestNanos() + TimeUnit.MILLISECONDS.toNanos(config.batchWaitMillis());
            while (!closed && !queue.isEmpty() && !full()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
            if (closed) {
                return null;
            }
            if (!queue.isEmpty()) {
                List<Job> batch = queue.take(config.maxBatchSentences(), config.maxBatchTokens());
                changed.signalAll();
                return batch;
            }
        }
    }

    private boolean full() {
        return queue.size() >= config.maxBatchSentences() || queue.tokens() >= config.maxBatchTokens();
    }

    /**
     * Runs a batch; when the engine fails on a batch of several sentences, each of them is tried
     * alone, so that one bad sentence fails only its own request.
     */
    private void run(List<Job> batch) {
        batch.sort(Comparator.comparingInt((Job j) -> j.item().tokens()).reversed());
        Throwable failure = attempt(batch);
        if (failure == null) {
            return;
        }
        if (batch.size() == 1) {
            batch.get(0).result().completeExceptionally(new TranslationFailedException("translation engine failed", failure));
            return;
        }
        for (Job job : batch) {
            Throwable alone = attempt(List.of(job));
            if (alone != null) {
                job.result().completeExceptionally(new TranslationFailedException("translation engine failed", alone));
            }
        }
    }

    /** One engine call; completes the jobs' futures on success, else returns the failure and completes nothing. */
    private Throwable attempt(List<Job> batch) {
        List<String> sentences = batch.stream().map(j -> j.item().sentence()).toList();
        DecodeOptions options = batch.get(0).item().options();
        long sourceTokens = batch.stream().mapToLong(j -> j.item().tokens()).sum();
        long started = System.nanoTime();
        List<EngineResult> results;
        try {
            results = engine.translate(sentences, options);
            if (results == null || results.size() != sentences.size() || results.stream().anyMatch(Objects::isNull)) {
                throw new IllegalStateException("engine returned " + (results == null ? "null" : results.size()
                        + " results (null ones included)") + " for " + sentences.size() + " sentences");
            }
        } catch (Throwable t) {
            batches.incrementAndGet();
            notifyObservers(batch.size(), sourceTokens, 0, System.nanoTime() - started, true);
            return t;
        }
        batches.incrementAndGet();
        long outputTokens = results.stream().mapToLong(EngineResult::outputTokens).sum();
        notifyObservers(batch.size(), sourceTokens, outputTokens, System.nanoTime() - started, false);
        translated.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
        return null;
    }

    private void notifyObservers(int sentences, long sourceTokens, long outputTokens, long nanos, boolean failed) {
        for (BatchObserver o : observers) {
            try {
                o.batchDone(sentences, sourceTokens, outputTokens, nanos, failed);
            } catch (RuntimeException ignored) {
                // an observer must never fail a batch
            }
        }
    }

    /** Stops the workers after their current batch; sentences still queued fail. */
    @Override
    public void close() {
        List<Job> pending;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            pending = queue.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        IllegalStateException stopped = new IllegalStateException("the translation service is closed");
        pending.forEach(j -> j.result().completeExceptionally(stopped));
        for (Thread t : workers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
