package dev.tarjama.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;

/**
 * Articles of mixed lengths cut from real ones (the seed articles): every run of {@link Kind#SHORT}
 * and {@link Kind#MEDIUM} consecutive paragraphs (one per line in the source files), and each whole
 * article as {@link Kind#LONG}. A {@link Picker} draws them for one client, deterministically from a
 * seed: a kind uniformly among those present, then a piece of that kind uniformly.
 */
public final class BenchArticles {

    /** Piece lengths, in paragraphs; {@code LONG} is a whole article. */
    public enum Kind {
        SHORT(2), MEDIUM(6), LONG(Integer.MAX_VALUE);

        private final int paragraphs;

        Kind(int paragraphs) {
            this.paragraphs = paragraphs;
        }

        public int paragraphs() {
            return paragraphs;
        }
    }

    /** One article to post: its kind and its text (paragraphs separated by a line break). */
    public record Piece(Kind kind, String text) {}

    private final Map<Kind, List<Piece>> pieces;
    private final List<String> articles;

    private BenchArticles(Map<Kind, List<Piece>> pieces, List<String> articles) {
        this.pieces = pieces;
        this.articles = articles;
    }

    /** The pieces of every {@code *.txt} file in {@code dir} (files in name order). */
    public static BenchArticles fromDirectory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new IOException("cannot list the articles in " + dir + ": " + e.getMessage(), e);
        }
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            texts.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        if (texts.isEmpty()) {
            throw new IOException("no .txt articles in " + dir);
        }
        return of(texts);
    }

    /** The pieces of the given articles. */
    public static BenchArticles of(List<String> texts) {
        Map<Kind, List<Piece>> pieces = new EnumMap<>(Kind.class);
        List<String> articles = new ArrayList<>();
        for (String text : texts) {
            List<String> paragraphs = text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (paragraphs.isEmpty()) {
                continue;
            }
            articles.add(String.join("\n", paragraphs));
            for (Kind kind : List.of(Kind.SHORT, Kind.MEDIUM)) {
                for (int from = 0; from + kind.paragraphs() <= paragraphs.size(); from++) {
                    pieces.computeIfAbsent(kind, k -> new ArrayList<>())
                            .add(new Piece(kind, String.join("\n", paragraphs.subList(from, from + kind.paragraphs()))));
                }
            }
            pieces.computeIfAbsent(Kind.LONG, k -> new ArrayList<>()).add(new Piece(Kind.LONG, String.join("\n", paragraphs)));
        }
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("the articles have no text");
        }
        pieces.replaceAll((k, v) -> List.copyOf(v));
        return new BenchArticles(pieces, List.copyOf(articles));
    }

    /** How many distinct pieces there are of each kind. */
    public Map<Kind, Integer> counts() {
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        pieces.forEach((k, v) -> counts.put(k, v.size()));
        return counts;
    }

    /**
     * The mean source length, in tokens as {@code tokenCount} counts them, of the sentences of the
     * whole articles, segmented and normalized as the service does.
     */
    public double meanSentenceTokens(ToIntFunction<String> tokenCount) {
        long tokens = 0;
        int sentences = 0;
        for (String article : articles) {
            for (String s : ArticleBench.sentences(article)) {
                tokens += tokenCount.applyAsInt(s);
                sentences++;
            }
        }
        return sentences == 0 ? 0 : (double) tokens / sentences;
    }

    /** The article sequence of client {@code client} for {@code seed}: the same on every call. */
    public Picker picker(long seed, int client) {
        return new Picker(new SplittableRandom(seed * 1_000_003L + client));
    }

    /** Draws pieces for one client. Not thread-safe: one per client. */
    public final class Picker {
        private final SplittableRandom random;
        private final List<Kind> kinds = List.copyOf(pieces.keySet());

        private Picker(SplittableRandom random) {
            this.random = random;
        }

        public Piece next() {
            List<Piece> of = pieces.get(kinds.get(random.nextInt(kinds.size())));
            return of.get(random.nextInt(of.size()));
        }
    }
}
