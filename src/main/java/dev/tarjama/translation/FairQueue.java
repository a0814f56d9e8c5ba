package dev.tarjama.translation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The sentences waiting for the engine, one queue per client and inside it one per request, so that
 * no client (and no request of a client) waits behind another's backlog. Policy of {@link #take}:
 *
 * <ul>
 *   <li>Clients with waiting sentences form a rotation. The client at its head <em>leads</em> the
 *       next batch: the batch uses the decoding options of the lead's next sentence. The lead then
 *       goes to the back. A client that arrives with new work is put before the client that led the
 *       last batch, so it leads one of the next batches however long the others' backlogs are.
 *   <li>The batch is filled one sentence per client in turn (lead first, then rotation order), as
 *       long as a client has a sentence with the batch's options that fits the sentence and token
 *       limits; so clients with the same options share batches.
 *   <li>Inside a client, its requests take turns the same way (one sentence each), so a small request
 *       does not wait for a big one the same client sent before it. A request's own sentences keep
 *       their order.
 * </ul>
 *
 * With beam search every sentence occupies {@code beams} decoder rows, so a batch holds at most
 * {@code maxBatchSentences / beams} sentences: decoder work and memory per call stay those of
 * {@code maxBatchSentences} rows (measured: beam 4 with 32 sentences = 128 rows peaked at 1.7 GB RSS
 * on the opus-mt-sized model; 8 sentences = 32 rows stay under 1 GB), and a lead with wide beams
 * gives up the engine after one call like any other. Not thread-safe: {@link Batcher} uses it under
 * its lock.
 */
final class FairQueue {

    private record Request(long enqueuedNanos, ArrayDeque<Batcher.Job> jobs) {}

    private static final class Client {
        final String id;
        final ArrayDeque<Request> requests = new ArrayDeque<>();

        Client(String id) {
            this.id = id;
        }

        /** The next sentence with these options (requests in turn), or null; taken when it fits {@code tokenRoom}. */
        Batcher.Job take(DecodeOptions options, long tokenRoom, boolean first) {
            for (Iterator<Request> rit = requests.iterator(); rit.hasNext(); ) {
                Request r = rit.next();
                for (Iterator<Batcher.Job> jit = r.jobs().iterator(); jit.hasNext(); ) {
                    Batcher.Job job = jit.next();
                    if (!job.item().options().equals(options)) {
                        continue;
                    }
                    if (!first && job.item().tokens() > tokenRoom) {
                        return null;
                    }
                    jit.remove();
                    rit.remove();
                    if (!r.jobs().isEmpty()) {
                        requests.addLast(r); // this request had its turn
                    }
                    return job;
                }
            }
            return null;
        }
    }

    private final Map<String, Client> clients = new HashMap<>();
    /** Clients with waiting sentences; the head leads the next batch. */
    private final ArrayDeque<Client> rotation = new ArrayDeque<>();
    private Client lastLead;
    private int size;
    private long tokens;

    /** Queues one request's sentences (all with the same enqueue time) for {@code clientId}. */
    void add(String clientId, List<Batcher.Job> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        Client c = clients.get(clientId);
        if (c == null) {
            c = new Client(clientId);
            clients.put(clientId, c);
            if (lastLead != null && rotation.peekLast() == lastLead) {
                rotation.pollLast();
                rotation.addLast(c);
                rotation.addLast(lastLead);
            } else {
                rotation.addLast(c);
            }
        }
        c.requests.addLast(new Request(jobs.get(0).enqueuedNanos(), new ArrayDeque<>(jobs)));
        size += jobs.size();
        for (Batcher.Job j : jobs) {
            tokens += j.item().tokens();
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Sentences waiting. */
    int size() {
        return size;
    }

    /** Sentences {@code clientId} has waiting. */
    int waiting(String clientId) {
        Client c = clients.get(clientId);
        int n = 0;
        if (c != null) {
            for (Request r : c.requests) {
                n += r.jobs().size();
            }
        }
        return n;
    }

    /** Source tokens waiting. */
    long tokens() {
        return tokens;
    }

    /** When the longest-waiting request was queued ({@link System#nanoTime()}); queue must not be empty. */
    long oldestNanos() {
        long oldest = Long.MAX_VALUE;
        boolean any = false;
        for (Client c : rotation) {
            for (Request r : c.requests) {
                if (!any || r.enqueuedNanos() - oldest < 0) {
                    oldest = r.enqueuedNanos();
                    any = true;
                }
            }
        }
        return oldest;
    }

    /**
     * The next batch, following the policy above: at least one sentence, at most
     * {@code maxBatchSentences / beams} sentences and {@code maxBatchTokens} tokens (a single longer
     * sentence still goes alone). The queue must not be empty.
     */
    List<Batcher.Job> take(int maxBatchSentences, int maxBatchTokens) {
        Client lead = rotation.pollFirst();
        DecodeOptions options = lead.requests.peekFirst().jobs().peekFirst().item().options();
        int maxSentences = Math.max(1, maxBatchSentences / options.beams());
        List<Client> order = new ArrayList<>(rotation.size() + 1);
        order.add(lead);
        order.addAll(rotation);
        Set<Client> finished = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Batcher.Job> batch = new ArrayList<>();
        long batchTokens = 0;
        boolean progress = true;
        while (progress && batch.size() < maxSentences) {
            progress = false;
            for (Client c : order) {
                if (batch.size() >= maxSentences) {
                    break;
                }
                if (finished.contains(c)) {
                    continue;
                }
                Batcher.Job job = c.take(options, maxBatchTokens - batchTokens, batch.isEmpty());
                if (job == null) {
                    finished.add(c);
                    continue;
                }
                batch.add(job);
                batchTokens += job.item().tokens();
                progress = true;
            }
        }
        size -= batch.size();
        tokens -= batchTokens;
        dropEmpty();
        if (!lead.requests.isEmpty()) {
            rotation.addLast(lead);
        } else {
            clients.remove(lead.id);
        }
        lastLead = lead;
        return batch;
    }

    /** Takes every waiting sentence that {@code wanted} accepts off the queue. */
    List<Batcher.Job> remove(Predicate<Batcher.Job> wanted) {
        List<Batcher.Job> removed = new ArrayList<>();
        for (Client c : rotation) {
            for (Iterator<Request> rit = c.requests.iterator(); rit.hasNext(); ) {
                Request r = rit.next();
                for (Iterator<Batcher.Job> jit = r.jobs().iterator(); jit.hasNext(); ) {
                    Batcher.Job job = jit.next();
                    if (wanted.test(job)) {
                        jit.remove();
                        removed.add(job);
                        size--;
                        tokens -= job.item().tokens();
                    }
                }
                if (r.jobs().isEmpty()) {
                    rit.remove();
                }
            }
        }
        dropEmpty();
        return removed;
    }

    /** Empties the queue; returns what was waiting. */
    List<Batcher.Job> clear() {
        List<Batcher.Job> all = remove(j -> true);
        rotation.clear();
        clients.clear();
        return all;
    }

    private void dropEmpty() {
        for (Iterator<Client> it = rotation.iterator(); it.hasNext(); ) {
            Client c = it.next();
            if (c.requests.isEmpty()) {
                it.remove();
                clients.remove(c.id);
            }
        }
    }
}
