package dev.tarjama.glossary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Arabic names rendered two different ways within one article.
 *
 * <p>Heuristic (kept simple on purpose): every Arabic word and word pair of the article, and every
 * glossary term, that occurs in two or more sentences is a candidate name. In each of those sentences,
 * the capitalized English words and pairs of adjacent capitalized words ({@code 's} stripped) whose
 * consonant skeleton matches the Arabic one ({@link NameSkeleton}: {@code لافروف} ~ Lavrov, Lavrof)
 * are its renderings there; for a glossary term its English counts too when present. The Arabic
 * counts as a name only when one rendering has exactly its skeleton (or is the glossary English); the
 * most used such rendering is the primary one, and a variant must be within one skeleton edit of it and
 * never appear in the same sentence as it (two similar names in one sentence are two names). Two or more different
 * renderings of the same Arabic are reported with the sentences using each. A leading proclitic
 * ({@code و ف ب ل ك}) is also stripped to find more occurrences. Words such as
 * Russia/Russian differ in skeleton length and are not taken for variants of one name.
 */
public final class ArticleConsistency {
    private static final Pattern CAPITALIZED = Pattern.compile("\\p{Lu}[\\p{L}\\p{M}]*(?:['’][\\p{L}]+)?");

    private ArticleConsistency() {
    }

    /** One sentence of the article: its index, Arabic source and English translation. */
    public record SentencePair(int index, String source, String translation) {
        public SentencePair {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(translation, "translation");
        }
    }

    /** One way the name was written, and the sentences (indices) that write it so. */
    public record Rendering(String english, List<Integer> sentences) {
        public Rendering {
            sentences = List.copyOf(sentences);
        }
    }

    /** An Arabic name (as first written in the article) with its different renderings. */
    public record Issue(String arabic, List<Rendering> renderings) {
        public Issue {
            renderings = List.copyOf(renderings);
        }
    }

    private static final class Anchor {
        final String display;
        final Set<String> skeletons;
        final GlossaryEntry entry;
        final TreeSet<Integer> sentences = new TreeSet<>();

        Anchor(String display, Set<String> skeletons, GlossaryEntry entry) {
            this.display = display;
            this.skeletons = skeletons;
            this.entry = entry;
        }
    }

    /** The inconsistencies of an article, in order of first appearance; {@code glossary} may be null. */
    public static List<Issue> check(List<SentencePair> pairs, Glossary glossary) {
        Map<String, Anchor> anchors = new LinkedHashMap<>();
        Map<Integer, String> translations = new LinkedHashMap<>();
        for (SentencePair p : pairs) {
            translations.put(p.index(), p.translation());
            if (glossary != null) {
                for (TermMatch m : glossary.find(p.source())) {
                    String key = "=" + ArabicFolding.foldTerm(m.entry().ar());
                    String folded = ArabicFolding.foldTerm(m.entry().ar());
                    anchors.computeIfAbsent(key, k -> new Anchor(m.entry().ar(), skeletons(folded), m.entry()))
                            .sentences.add(p.index());
                }
            }
            addWordAnchors(p, anchors);
        }
        List<Issue> issues = new ArrayList<>();
        Set<Set<String>> reported = new HashSet<>();
        for (Anchor a : anchors.values()) {
            if (a.sentences.size() < 2) {
                continue;
            }
            Map<String, Rendering> renderings = renderings(a, translations);
            if (renderings.size() < 2) {
                continue;
            }
            if (reported.add(renderings.keySet())) {
                issues.add(new Issue(a.display, new ArrayList<>(renderings.values())));
            }
        }
        return issues;
    }

    private static void addWordAnchors(SentencePair p, Map<String, Anchor> anchors) {
        ArabicFolding.Folded folded = ArabicFolding.fold(p.source());
        String f = folded.text();
        List<int[]> words = new ArrayList<>();
        int i = 0;
        while (i < f.length()) {
            if (!Character.isLetter(f.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            while (i < f.length() && Character.isLetter(f.charAt(i))) {
                i++;
            }
            if (Character.UnicodeScript.of(f.charAt(s)) == Character.UnicodeScript.ARABIC) {
                words.add(new int[] {s, i});
            }
        }
        for (int w = 0; w < words.size(); w++) {
            for (int n = 1; n <= 2 && w + n <= words.size(); n++) {
                int s = words.get(w)[0];
                int e = words.get(w + n - 1)[1];
                String key = f.substring(s, e);
                if (n == 2 && !key.substring(words.get(w)[1] - s, words.get(w + 1)[0] - s).equals(" ")) {
                    continue;
                }
                if (key.length() < 3) {
                    continue;
                }
                String display = p.source().substring(folded.originalStart(s), folded.originalEnd(e));
                anchors.computeIfAbsent(key, k -> new Anchor(display, skeletons(k), null)).sentences.add(p.index());
                if ("وفبلك".indexOf(key.charAt(0)) >= 0 && words.get(w)[1] - s > 3) {
                    // وبيونغ يانغ is also an occurrence of بيونغ يانغ
                    String bare = key.substring(1);
                    String bareDisplay = p.source().substring(folded.originalStart(s + 1), folded.originalEnd(e));
                    anchors.computeIfAbsent(bare, k -> new Anchor(bareDisplay, skeletons(k), null)).sentences.add(p.index());
                }
            }
        }
    }

    /** Skeletons of the Arabic with and without a leading proclitic and article. */
    private static Set<String> skeletons(String folded) {
        Set<String> out = new LinkedHashSet<>();
        out.add(NameSkeleton.arabic(folded));
        for (String prefix : List.of("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")) {
            if (folded.startsWith(prefix) && folded.length() - prefix.length() >= 3) {
                out.add(NameSkeleton.arabic(folded.substring(prefix.length())));
            }
        }
        out.removeIf(s -> s.length() < 2);
        return out;
    }

    private static Map<String, Rendering> renderings(Anchor a, Map<Integer, String> translations) {
        Map<String, String> display = new LinkedHashMap<>();
        Map<String, TreeSet<Integer>> sentences = new LinkedHashMap<>();
        for (int s : a.sentences) {
            String t = translations.get(s);
            List<String> found = new ArrayList<>();
            for (String name : names(t)) {
                String skeleton = NameSkeleton.latin(name);
                if (a.skeletons.stream().anyMatch(k -> NameSkeleton.similar(k, skeleton))) {
                    found.add(name);
                }
            }
            if (a.entry != null && t.contains(a.entry.en())) {
                found.add(a.entry.en());
            }
            for (String name : found) {
                String key = name.toLowerCase(Locale.ROOT);
                display.putIfAbsent(key, name);
                sentences.computeIfAbsent(key, k -> new TreeSet<>()).add(s);
            }
        }
        // a rendering inside a longer one of the same sentences ("Kim" in "Kim Jong") is the same rendering
        sentences.keySet().removeIf(shorter -> sentences.entrySet().stream().anyMatch(longer ->
                longer.getKey().length() > shorter.length() && longer.getKey().contains(shorter)
                        && longer.getValue().containsAll(sentences.get(shorter))));
        // the Arabic is a name only if a rendering has exactly its skeleton (or is the glossary English);
        // the most used such rendering is primary, variants are one skeleton edit from it and never share
        // a sentence with it (two similar names in one sentence are two people, not two spellings)
        String primary = null;
        for (String k : sentences.keySet()) {
            boolean exact = a.skeletons.contains(NameSkeleton.latin(k))
                    || (a.entry != null && k.equals(a.entry.en().toLowerCase(Locale.ROOT)));
            if (exact && (primary == null || sentences.get(k).size() > sentences.get(primary).size())) {
                primary = k;
            }
        }
        if (primary == null) {
            return Map.of();
        }
        String primaryKey = primary;
        String primarySkeleton = NameSkeleton.latin(primary);
        sentences.keySet().removeIf(k -> !k.equals(primaryKey)
                && (!NameSkeleton.similar(primarySkeleton, NameSkeleton.latin(k))
                        || sentences.get(k).stream().anyMatch(sentences.get(primaryKey)::contains)));
        Map<String, Rendering> out = new LinkedHashMap<>();
        sentences.forEach((k, v) -> out.put(k, new Rendering(display.get(k), new ArrayList<>(v))));
        return out;
    }

    /** Capitalized words and pairs of adjacent capitalized words, possessive {@code 's} removed. */
    static List<String> names(String text) {
        List<String> words = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Matcher m = CAPITALIZED.matcher(text);
        while (m.find()) {
            if (m.start() > 0 && Character.isLetterOrDigit(text.charAt(m.start() - 1))) {
                continue;
            }
            String w = m.group().replaceAll("['’]s$", "");
            words.add(w);
            starts.add(m.start());
            ends.add(m.start() + w.length());
        }
        List<String> out = new ArrayList<>(words);
        for (int i = 0; i + 1 < words.size(); i++) {
            if (starts.get(i + 1) == ends.get(i) + 1 && text.charAt(ends.get(i)) == ' ') {
                out.add(words.get(i) + " " + words.get(i + 1));
            }
        }
        return out;
    }
}
