package dev.tarjama.translation;

import dev.tarjama.glossary.ArticleConsistency;
import dev.tarjama.glossary.Glossary;
import dev.tarjama.glossary.GlossaryMasker;
import dev.tarjama.glossary.MaskedSentence;
import dev.tarjama.glossary.RestoredTranslation;
import dev.tarjama.language.LanguageIdentifier;
import dev.tarjama.review.Reason;
import dev.tarjama.review.ReasonCode;
import dev.tarjama.review.Review;
import dev.tarjama.review.ReviewAssessor;
import dev.tarjama.review.ReviewInput;
import dev.tarjama.review.ReviewPolicy;
import dev.tarjama.text.ArabicScript;
import dev.tarjama.text.LongSentenceSplitter;
import dev.tarjama.text.Paragraph;
import dev.tarjama.text.Segmenter;
import dev.tarjama.text.Sentence;
import dev.tarjama.text.SourceNormalizer;
import dev.tarjama.text.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.time.Duration;

/**
 * The translation use case: articles in, {@link TranslatedDocument}s out. Segments each article
 * into paragraphs and sentences, normalizes each sentence for the model, splits sentences over the
 * token budget into pieces (translated separately, joined by a space, marked {@code split}),
 * translates every distinct piece of a request once, from the cache when possible, and sends the
 * misses to the shared {@link Batcher}, queued under the request's {@link Caller} so that clients
 * and their requests take turns in the engine batches. A request costing more than its caller's cap
 * is refused before anything is queued ({@link RequestTooCostlyException}).
 *
 * <p>Rules: an empty or whitespace-only article gives zero paragraphs. A sentence whose normalized
 * text is empty (only format characters) gets an empty translation and score 0 without reaching the
 * engine. {@code cached} is true when every piece of the sentence was already in the cache when the
 * request arrived; a sentence repeated inside one request is translated once and both occurrences
 * are reported as not cached. A split sentence's score is the token-weighted mean of its pieces'.
 * A paragraph's translation is its non-empty sentence translations joined by single spaces.
 * A sentence without any Arabic letter (an English quote, a URL, a number table) is copied unchanged,
 * marked {@code passthrough}, and never reaches the engine. Each paragraph's language is identified
 * ({@link LanguageIdentifier}); the translated sentences of a paragraph in another language (Persian,
 * Urdu in Arabic script) are flagged {@code not_arabic}.
 *
 * <p>Thread-safe; one instance serves all requests. Close it to stop the batch workers.
 */
public final class TranslationService implements AutoCloseable {

    private final TranslationEngine engine;
    private final ServiceConfig config;
    private final SentenceCache cache;
    private final Batcher batcher;
    private final LongSentenceSplitter splitter;
    private final ArticleHistory history;
    private final SharedSentenceCache shared;
    private final ReviewAssessor reviewer;

    public TranslationService(TranslationEngine engine, ServiceConfig config) {
        this(engine, config, ReviewPolicy.defaults());
    }

    /** A service whose review flags follow {@code reviewPolicy} (calibrate it per model). */
    public TranslationService(TranslationEngine engine, ServiceConfig config, ReviewPolicy reviewPolicy) {
        this(engine, config, reviewPolicy, new LocalRevisions(10_000), SharedSentenceCache.NONE);
    }

    /**
     * A service whose article revisions live in {@code revisions} and whose sentence cache has
     * {@code shared} as second level (both shared by replicas when they are).
     */
    public TranslationService(TranslationEngine engine, ServiceConfig config, ReviewPolicy reviewPolicy,
            RevisionStore revisions, SharedSentenceCache shared) {
        this.history = new ArticleHistory(revisions);
        this.shared = Objects.requireNonNull(shared, "shared");
        this.reviewer = new ReviewAssessor(reviewPolicy);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.config = Objects.requireNonNull(config, "config");
        this.cache = new SentenceCache(config.cacheMaxChars());
        this.splitter = new LongSentenceSplitter(engine::tokenCount, config.tokenBudget());
        this.batcher = new Batcher(engine, config);
    }

    public TranslationService(TranslationEngine engine) {
        this(engine, ServiceConfig.DEFAULTS);
    }

    /** The model this service translates with. */
    public TranslatedDocument.ModelRef model() {
        return engine.model();
    }

    public ServiceConfig config() {
        return config;
    }

    public CacheStats cacheStats() {
        return cache.stats();
    }

    /** Adds an observer told about every engine call (for metrics). */
    public void observe(BatchObserver observer) {
        batcher.observe(observer);
    }

    /** Sentences waiting for a batch worker right now. */
    public int queuedSentences() {
        return batcher.queued();
    }

    /**
     * Translates one article.
     *
     * @throws ServiceOverloadedException when the batch queue cannot take this request's misses
     * @throws TranslationFailedException when the engine failed on a batch holding its sentences
     */
    public TranslatedDocument translate(String text, DecodeOptions options) {
        return translate(text, options, null, null);
    }

    /** Translates one article following {@code glossary} and within {@code timeout} (null for none). */
    public TranslatedDocument translate(String text, DecodeOptions options, Glossary glossary, Duration timeout) {
        return translateAll(List.of(text), options, glossary, timeout).get(0);
    }

    /**
     * Translates one revision of an article and reports which paragraphs changed since the previous
     * revision of the same {@code articleId} the service saw (unchanged sentences come from the cache).
     */
    public TranslatedDocument translateRevision(String text, DecodeOptions options, Glossary glossary,
            Duration timeout, String articleId, String revision) {
        return translateRevision(text, options, glossary, timeout, articleId, revision, Caller.ANONYMOUS);
    }

    /** As {@link #translateRevision(String, DecodeOptions, Glossary, Duration, String, String)}, for {@code caller}. */
    public TranslatedDocument translateRevision(String text, DecodeOptions options, Glossary glossary,
            Duration timeout, String articleId, String revision, Caller caller) {
        TranslatedDocument doc = translateAll(List.of(text), options, glossary, timeout, caller).get(0);
        List<String> paragraphs = doc.paragraphs().stream().map(TranslatedParagraph::source).toList();
        return doc.withUpdate(history.observe(articleId, revision, paragraphs));
    }

    /**
     * Translates several articles as one request: their sentences share deduplication, the cache
     * lookup and the queue admission (all or nothing). Every document's {@code elapsedMs} is the
     * time of the whole call.
     */
    public List<TranslatedDocument> translateAll(List<String> texts, DecodeOptions options) {
        return translateAll(texts, options, null, null);
    }

    /**
     * Like {@link #translateAll(List, DecodeOptions)}, following {@code glossary} (null for none) and
     * within a time limit counted from this call (null for none). Glossary terms are masked with
     * placeholders before translation and restored after; a term that does not come back is reported
     * in the sentence's review, never silently lost. When the time limit passes, the request's
     * sentences still waiting in the queue are withdrawn (so they do not occupy the engine) and the
     * call fails; sentences already on the engine finish and are cached.
     *
     * @throws DeadlineExceededException when the time limit passed
     */
    public List<TranslatedDocument> translateAll(
            List<String> texts, DecodeOptions options, Glossary glossary, Duration timeout) {
        return translateAll(texts, options, glossary, timeout, Caller.ANONYMOUS);
    }

    /**
     * As {@link #translateAll(List, DecodeOptions, Glossary, Duration)}, for {@code caller}: its
     * sentences are queued under its id (fair scheduling between clients) and the request is refused
     * when it costs more than the caller's cap.
     *
     * @throws RequestTooCostlyException when distinct sentences × beams × maxLength is over {@link Caller#maxCost()}
     */
    public List<TranslatedDocument> translateAll(
            List<String> texts, DecodeOptions options, Glossary glossary, Duration timeout, Caller caller) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(caller, "caller");
        long started = System.nanoTime();
        Deadline deadline = timeout == null ? Deadline.NONE : new Deadline(started + timeout.toNanos(), timeout.toMillis());
        List<List<ParagraphPlan>> plans = new ArrayList<>(texts.size());
        Map<String, Integer> tokens = new LinkedHashMap<>();
        GlossaryMasker masker = glossary == null ? null : new GlossaryMasker(glossary);
        for (String text : texts) {
            List<ParagraphPlan> plan = plan(Objects.requireNonNull(text, "text"), tokens, masker);
            plans.add(plan);
        }
        caller.checkCost(tokens.size(), options);
        deadline.check();
        TranslatedDocument.ModelRef model = engine.model();
        List<Owned> owned = new ArrayList<>();
        Map<String, SentenceCache.Lookup> found = resolve(tokens, options, model.revision(), owned, caller);
        Map<String, EngineResult> results;
        try {
            results = await(found, tokens, options, model.revision(), owned, deadline, caller);
        } catch (DeadlineExceededException e) {
            batcher.withdraw(owned.stream().map(Owned::queued).toList());
            throw e;
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        List<TranslatedDocument> docs = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            docs.add(assemble(model, texts.get(i), plans.get(i), found, results, options, masker, elapsedMs));
        }
        return docs;
    }

    /**
     * The model's token alignment of a source sentence (as submitted; normalized here as for
     * translation) with its translation; empty when the engine cannot align.
     */
    public java.util.Optional<TokenAlignment> align(String source, String translation) {
        return engine.align(SourceNormalizer.normalize(source), translation);
    }

    /** Number of paragraphs the article will have (for progress reports). */
    public int paragraphCount(String text) {
        return new Segmenter().segment(text).size();
    }

    /**
     * Translates one article and hands each paragraph to {@code sink} as soon as it is done, in
     * order; returns the whole document at the end. All of the article's sentences are queued at once
     * (so batching is unchanged); only the waiting is per paragraph. If {@code sink} throws (the
     * client went away), the time limit passes or a batch fails, the request's sentences still waiting
     * in the queue are withdrawn (they never reach the engine) and the exception propagates.
     *
     * @param timeout null for no limit
     */
    public TranslatedDocument translateStream(String text, DecodeOptions options, Glossary glossary, Duration timeout,
            Consumer<TranslatedParagraph> sink) {
        return translateStream(text, options, glossary, timeout, Caller.ANONYMOUS, sink);
    }

    /** As {@link #translateStream(String, DecodeOptions, Glossary, Duration, Consumer)}, for {@code caller}. */
    public TranslatedDocument translateStream(String text, DecodeOptions options, Glossary glossary, Duration timeout,
            Caller caller, Consumer<TranslatedParagraph> sink) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(caller, "caller");
        long started = System.nanoTime();
        Deadline deadline = timeout == null ? Deadline.NONE : new Deadline(started + timeout.toNanos(), timeout.toMillis());
        Map<String, Integer> tokens = new LinkedHashMap<>();
        GlossaryMasker masker = glossary == null ? null : new GlossaryMasker(glossary);
        List<ParagraphPlan> plan = plan(Objects.requireNonNull(text, "text"), tokens, masker);
        caller.checkCost(tokens.size(), options);
        TranslatedDocument.ModelRef model = engine.model();
        List<Owned> owned = new ArrayList<>();
        Map<String, SentenceCache.Lookup> found = resolve(tokens, options, model.revision(), owned, caller);
        Map<String, EngineResult> results = new LinkedHashMap<>();
        try {
            for (ParagraphPlan pp : plan) {
                Map<String, SentenceCache.Lookup> needed = new LinkedHashMap<>();
                for (SentencePlan sp : pp.sentences()) {
                    for (String piece : sp.pieces()) {
                        if (!piece.isEmpty() && !results.containsKey(piece)) {
                            needed.put(piece, found.get(piece));
                        }
                    }
                }
                results.putAll(await(needed, tokens, options, model.revision(), owned, deadline, caller));
                sink.accept(assemble(model, text, List.of(pp), found, results, options, masker, 0).paragraphs().get(0));
            }
        } catch (RuntimeException stopped) {
            batcher.withdraw(owned.stream().map(Owned::queued).toList());
            throw stopped;
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        return assemble(model, text, plan, found, results, options, masker, elapsedMs);
    }

    private record SentencePlan(Sentence sentence, List<String> pieces, List<Integer> pieceTokens, boolean split,
            List<MaskedSentence> masks, boolean passthrough) {
        SentencePlan(Sentence sentence, List<String> pieces, List<Integer> pieceTokens, boolean split,
                List<MaskedSentence> masks) {
            this(sentence, pieces, pieceTokens, split, masks, false);
        }

        /** A sentence without Arabic letters: copied, not translated. */
        static SentencePlan passthrough(Sentence sentence) {
            return new SentencePlan(sentence, List.of(), List.of(), false, List.of(), true);
        }
    }

    private record ParagraphPlan(Paragraph paragraph, List<SentencePlan> sentences, String language) {}

    /**
     * Segments, normalizes and splits one article; adds each distinct non-empty piece to translate to
     * {@code tokens} with its token count (a split sentence adds its pieces, not itself).
     */
    private List<ParagraphPlan> plan(String text, Map<String, Integer> tokens, GlossaryMasker masker) {
        List<ParagraphPlan> paragraphs = new ArrayList<>();
        for (Paragraph p : new Segmenter().segment(text)) {
            List<SentencePlan> sentences = new ArrayList<>(p.sentences().size());
            for (Sentence s : p.sentences()) {
                if (!ArabicScript.hasLetter(text.substring(s.start(), s.end()))) {
                    sentences.add(SentencePlan.passthrough(s));
                    continue;
                }
                String plain = SourceNormalizer.normalize(text.substring(s.start(), s.end()));
                MaskedSentence mask = mask(masker, plain);
                String normalized = mask == null ? plain : mask.text();
                Integer known = tokens.get(normalized);
                int count = known != null ? known : normalized.isEmpty() ? 0 : engine.tokenCount(normalized);
                if (count <= config.tokenBudget()) {
                    if (!normalized.isEmpty()) {
                        tokens.put(normalized, count);
                    }
                    sentences.add(new SentencePlan(s, List.of(normalized), List.of(count), false,
                            java.util.Collections.singletonList(mask)));
                    continue;
                }
                List<String> pieces = new ArrayList<>();
                List<Integer> pieceTokens = new ArrayList<>();
                List<MaskedSentence> masks = new ArrayList<>();
                for (Span span : splitter.split(text, new Span(s.start(), s.end()))) {
                    String plainPiece = SourceNormalizer.normalize(text.substring(span.start(), span.end()));
                    MaskedSentence pieceMask = mask(masker, plainPiece);
                    String piece = pieceMask == null ? plainPiece : pieceMask.text();
                    if (!piece.isEmpty()) {
                        pieces.add(piece);
                        pieceTokens.add(tokens.computeIfAbsent(piece, engine::tokenCount));
                        masks.add(pieceMask);
                    }
                }
                sentences.add(new SentencePlan(s, pieces, pieceTokens, true, masks));
            }
            String language = LanguageIdentifier.shared().detect(text.substring(p.start(), p.end())).language();
            paragraphs.add(new ParagraphPlan(p, sentences, language));
        }
        return paragraphs;
    }

    /** Masks glossary terms in a normalized sentence; null without a glossary. */
    private static MaskedSentence mask(GlossaryMasker masker, String normalized) {
        return masker == null ? null : masker.mask(normalized);
    }

    /** A time limit as a {@link System#nanoTime()} instant; {@link #NONE} never passes. */
    private record Deadline(long atNanos, long timeoutMillis) {
        static final Deadline NONE = new Deadline(Long.MAX_VALUE, 0);

        long remainingNanos() {
            return this == NONE ? Long.MAX_VALUE : atNanos - System.nanoTime();
        }

        void check() {
            if (this != NONE && remainingNanos() <= 0) {
                throw new DeadlineExceededException(timeoutMillis);
            }
        }
    }

    /** A piece this request queued: its cache key, the cache's future and the queue's future. */
    private record Owned(SentenceCache.Key key, CompletableFuture<EngineResult> target,
            CompletableFuture<EngineResult> queued) {}

    /**
     * Looks every distinct piece up in the cache and queues the ones this request owns (added to
     * {@code owned}) under the caller's id.
     */
    private Map<String, SentenceCache.Lookup> resolve(Map<String, Integer> tokens, DecodeOptions options, String revision,
            List<Owned> owned, Caller caller) {
        Map<String, SentenceCache.Lookup> found = new LinkedHashMap<>();
        List<Batcher.Item> items = new ArrayList<>();
        List<SentenceCache.Key> ownedKeys = new ArrayList<>();
        List<CompletableFuture<EngineResult>> targets = new ArrayList<>();
        for (Map.Entry<String, Integer> e : tokens.entrySet()) {
            SentenceCache.Key key = new SentenceCache.Key(revision, options, e.getKey());
            SentenceCache.Lookup lookup = cache.lookup(key);
            found.put(e.getKey(), lookup);
            if (lookup.owner()) {
                items.add(new Batcher.Item(e.getKey(), e.getValue(), options));
                ownedKeys.add(key);
                targets.add(lookup.result());
            }
        }
        fromSecondLevel(found, items, ownedKeys, targets);
        List<CompletableFuture<EngineResult>> queued;
        try {
            queued = batcher.submit(caller.id(), items);
        } catch (RuntimeException refused) {
            for (int i = 0; i < targets.size(); i++) {
                cache.abandon(ownedKeys.get(i), targets.get(i));
            }
            throw refused;
        }
        for (int i = 0; i < queued.size(); i++) {
            CompletableFuture<EngineResult> target = targets.get(i);
            SentenceCache.Key key = ownedKeys.get(i);
            queued.get(i).whenComplete((r, err) -> {
                if (err != null) {
                    target.completeExceptionally(err);
                } else {
                    // sent to the shared level before the answer can go out, so another replica asked next finds it
                    shared.put(SharedSentenceCache.key(key.revision(), key.options(), key.sentence()), r);
                    target.complete(r);
                }
            });
            owned.add(new Owned(ownedKeys.get(i), target, queued.get(i)));
        }
        return found;
    }

    /**
     * Asks the second-level cache for the pieces this request owns: those found complete their
     * first-level entry at once, count as cached and leave {@code items} (nothing is queued for them).
     */
    private void fromSecondLevel(Map<String, SentenceCache.Lookup> found, List<Batcher.Item> items,
            List<SentenceCache.Key> ownedKeys, List<CompletableFuture<EngineResult>> targets) {
        if (shared == SharedSentenceCache.NONE || items.isEmpty()) {
            return;
        }
        List<String> digests = new ArrayList<>(ownedKeys.size());
        for (SentenceCache.Key k : ownedKeys) {
            digests.add(SharedSentenceCache.key(k.revision(), k.options(), k.sentence()));
        }
        Map<String, EngineResult> hits = shared.getAll(digests);
        if (hits.isEmpty()) {
            return;
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            EngineResult r = hits.get(digests.get(i));
            if (r != null) {
                targets.get(i).complete(r);
                found.put(items.get(i).sentence(), new SentenceCache.Lookup(targets.get(i), true, false));
                items.remove(i);
                ownedKeys.remove(i);
                targets.remove(i);
            }
        }
    }

    /**
     * Waits for every piece. A piece another request had queued and then withdrew (its deadline
     * passed) is looked up and queued again by this request.
     */
    private Map<String, EngineResult> await(Map<String, SentenceCache.Lookup> found, Map<String, Integer> tokens,
            DecodeOptions options, String revision, List<Owned> owned, Deadline deadline, Caller caller) {
        Map<String, EngineResult> results = new LinkedHashMap<>();
        for (Map.Entry<String, SentenceCache.Lookup> e : found.entrySet()) {
            SentenceCache.Lookup lookup = e.getValue();
            while (true) {
                try {
                    long left = deadline.remainingNanos();
                    if (left <= 0) {
                        throw new DeadlineExceededException(deadline.timeoutMillis());
                    }
                    results.put(e.getKey(), left == Long.MAX_VALUE ? lookup.result().get()
                            : lookup.result().get(left, TimeUnit.NANOSECONDS));
                    break;
                } catch (TimeoutException te) {
                    throw new DeadlineExceededException(deadline.timeoutMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new TranslationFailedException("interrupted while waiting for the translation", ie);
                } catch (WithdrawnException withdrawn) {
                    // the request that queued this sentence gave up on it: queue it for this one
                    Map<String, Integer> one = Map.of(e.getKey(), tokens.get(e.getKey()));
                    lookup = resolve(one, options, revision, owned, caller).get(e.getKey());
                    e.setValue(lookup);
                } catch (ExecutionException | CompletionException ee) {
                    Throwable cause = ee.getCause() == null ? ee : ee.getCause();
                    if (cause instanceof TranslationFailedException tfe) {
                        throw new TranslationFailedException(tfe.getMessage(), tfe.getCause());
                    }
                    if (cause instanceof ServiceOverloadedException soe) {
                        throw new ServiceOverloadedException(soe.getMessage());
                    }
                    throw new TranslationFailedException("translation failed", cause);
                }
            }
        }
        return results;
    }

    private TranslatedDocument assemble(TranslatedDocument.ModelRef model, String text, List<ParagraphPlan> plan,
            Map<String, SentenceCache.Lookup> found, Map<String, EngineResult> results, DecodeOptions options,
            GlossaryMasker masker, long elapsedMs) {
        List<ArticleConsistency.SentencePair> pairs = new ArrayList<>();
        List<TranslatedParagraph> paragraphs = new ArrayList<>(plan.size());
        int sentenceCount = 0;
        int cachedCount = 0;
        for (ParagraphPlan pp : plan) {
            List<TranslatedSentence> sentences = new ArrayList<>(pp.sentences().size());
            StringBuilder paragraphTranslation = new StringBuilder();
            for (SentencePlan sp : pp.sentences()) {
                if (sp.passthrough()) {
                    Sentence s = sp.sentence();
                    String source = text.substring(s.start(), s.end());
                    sentences.add(new TranslatedSentence(s.index(), s.start(), s.end(), source, source, 0.0, false, false,
                            true, Review.of(List.of()), null));
                    appendWord(paragraphTranslation, source);
                    sentenceCount++;
                    continue;
                }
                StringBuilder translation = new StringBuilder();
                double weightedScore = 0;
                long weight = 0;
                boolean cached = true;
                boolean any = false;
                List<String> missingTerms = new ArrayList<>();
                List<String> keptArabic = new ArrayList<>();
                for (int i = 0; i < sp.pieces().size(); i++) {
                    String piece = sp.pieces().get(i);
                    if (piece.isEmpty()) {
                        continue;
                    }
                    any = true;
                    EngineResult r = results.get(piece);
                    cached &= found.get(piece).hit();
                    MaskedSentence mask = sp.masks().get(i);
                    if (mask == null) {
                        appendWord(translation, r.translation());
                    } else {
                        RestoredTranslation restored = masker.restore(mask, r.translation());
                        appendWord(translation, restored.text());
                        missingTerms.addAll(restored.missingDescriptions());
                        keptArabic.addAll(restored.keptArabic());
                    }
                    int w = Math.max(1, sp.pieceTokens().get(i));
                    weightedScore += r.score() * w;
                    weight += w;
                }
                double score = weight == 0 ? 0.0 : weightedScore / weight;
                cached &= any;
                Sentence s = sp.sentence();
                List<Alternative> alternatives = null;
                if (options.alternatives() > 1 && !sp.split() && any) {
                    alternatives = restoreAlternatives(results.get(sp.pieces().get(0)).alternatives(), sp.masks().get(0), masker);
                }
                String source = text.substring(s.start(), s.end());
                Review review = reviewer.assess(new ReviewInput(source, translation.toString(), any ? score : Double.NaN,
                        sp.split(), missingTerms, keptArabic));
                review = flagLanguage(review, pp.language());
                sentences.add(new TranslatedSentence(s.index(), s.start(), s.end(), source,
                        translation.toString(), score, cached, sp.split(), review, alternatives));
                pairs.add(new ArticleConsistency.SentencePair(pairs.size(), source, translation.toString()));
                appendWord(paragraphTranslation, translation.toString());
                sentenceCount++;
                if (cached) {
                    cachedCount++;
                }
            }
            Paragraph p = pp.paragraph();
            paragraphs.add(new TranslatedParagraph(p.index(), p.start(), p.end(), text.substring(p.start(), p.end()),
                    paragraphTranslation.toString(), sentences, pp.language()));
        }
        return new TranslatedDocument(model, paragraphs,
                new TranslatedDocument.DocumentStats(sentenceCount, cachedCount, elapsedMs), null,
                ArticleConsistency.check(pairs, masker == null ? null : masker.glossary()));
    }

    /** Adds {@code not_arabic} to a translated sentence of a paragraph identified as another language. */
    private static Review flagLanguage(Review review, String language) {
        if (language.equals("ar") || language.equals(LanguageIdentifier.UNDETERMINED)) {
            return review;
        }
        List<Reason> reasons = new ArrayList<>(review.reasons());
        reasons.add(new Reason(ReasonCode.NOT_ARABIC, "the paragraph reads as " + java.util.Locale.forLanguageTag(language)
                .getDisplayLanguage(java.util.Locale.ENGLISH) + ", not Arabic; the Arabic model may mistranslate it",
                List.of(language)));
        return Review.of(reasons);
    }

    /** Alternatives with the glossary terms put back, like the translation itself. */
    private static List<Alternative> restoreAlternatives(List<Alternative> alternatives, MaskedSentence mask,
            GlossaryMasker masker) {
        if (mask == null) {
            return alternatives;
        }
        List<Alternative> out = new ArrayList<>(alternatives.size());
        for (Alternative a : alternatives) {
            out.add(new Alternative(masker.restore(mask, a.translation()).text(), a.score()));
        }
        return out;
    }

    /** Appends {@code part} separated by one space, skipping empty parts. */
    private static void appendWord(StringBuilder sb, String part) {
        if (part.isEmpty()) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(part);
    }

    /** Stops the batch workers; requests still waiting fail. */
    @Override
    public void close() {
        batcher.close();
    }
}
