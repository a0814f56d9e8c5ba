package dev.tarjama.document;

import dev.tarjama.text.ArabicScript;
import dev.tarjama.translation.DecodeOptions;
import dev.tarjama.translation.TranslatedDocument;
import dev.tarjama.translation.TranslatedParagraph;
import dev.tarjama.translation.TranslatedSentence;
import dev.tarjama.translation.TranslationService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Translates an HTML article keeping its markup (see docs/documents.md). Parsed with jsoup; every
 * block's inline content is one line of the text sent to {@link TranslationService} (so sentences
 * are batched and cached as for plain articles), and so is every {@code alt}/{@code title} value with
 * Arabic in it. Scripts, styles, {@code code}/{@code pre} and elements marked {@code translate="no"}
 * or class {@code notranslate} are left as they are. Inline elements are carried onto the
 * translation by {@link MarkupPlacer}; one that cannot be placed is kept at its sentence's end and
 * the sentence is flagged {@code markup_moved}. {@code lang="ar…"} becomes {@code en} and
 * {@code dir="rtl"} {@code ltr}.
 */
public final class HtmlTranslator {
    private final TranslationService service;

    public HtmlTranslator(TranslationService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    /** One line of the translated text: a block's inline run, or an attribute value. */
    private record Unit(InlineRun run, Element element, String attribute, String text, String path) {}

    /**
     * @param timeout null for no limit
     */
    public HtmlTranslation translate(String html, DecodeOptions options, Duration timeout) {
        Document doc = Jsoup.parse(html);
        doc.outputSettings().prettyPrint(false);
        boolean fragment = !html.toLowerCase(Locale.ROOT).contains("<html");
        List<Unit> units = new ArrayList<>();
        collect(doc, units);
        for (Element e : doc.getAllElements()) {
            if (!insideUntouched(e)) {
                for (String attribute : List.of("alt", "title")) {
                    String value = e.attr(attribute);
                    if (ArabicScript.hasLetter(value)) {
                        units.add(new Unit(null, e, attribute, oneLine(value), e.cssSelector() + "@" + attribute));
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder();
        int[] starts = new int[units.size()];
        for (int i = 0; i < units.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            starts[i] = text.length();
            text.append(units.get(i).text());
        }
        TranslatedDocument translated = service.translate(text.toString(), options, null, timeout);
        List<String> paths = new ArrayList<>();
        List<TranslatedParagraph> paragraphs = new ArrayList<>();
        List<Runnable> writes = new ArrayList<>();
        List<InlineRun.Mark> allMoved = new ArrayList<>();
        Map<Node, String> movedTexts = new IdentityHashMap<>();
        List<PlannedRun> plannedRuns = new ArrayList<>();
        for (TranslatedParagraph p : translated.paragraphs()) {
            int u = unitAt(starts, p.start());
            Unit unit = units.get(u);
            paths.add(unit.path());
            if (unit.run() == null) {
                paragraphs.add(p);
                writes.add(() -> unit.element().attr(unit.attribute(), p.translation()));
                continue;
            }
            PlannedRun planned = plan(unit.run(), p, starts[u]);
            plannedRuns.add(planned);
            allMoved.addAll(planned.moved());
            paragraphs.add(planned.flagged());
        }
        translateMoved(allMoved, plannedRuns, movedTexts, options, timeout);
        writes.forEach(Runnable::run); // attributes first: rewriting a run clones its elements
        for (PlannedRun planned : plannedRuns) {
            planned.write(movedTexts);
        }
        switchLanguage(doc);
        TranslatedDocument document = new TranslatedDocument(translated.model(), paragraphs, translated.stats(),
                null, translated.consistency());
        String out = fragment ? doc.body().html() : doc.outerHtml();
        return new HtmlTranslation(out, text.toString(), document, paths);
    }

    /** Walks {@code container}'s children: blocks recursively, runs of inline content as units. */
    private static void collect(Element container, List<Unit> units) {
        InlineRun run = null;
        for (Node child : new ArrayList<>(container.childNodes())) {
            if (child instanceof Element e && (Markup.block(e) || blockLevelUntouched(e, run))) {
                addRun(run, units);
                run = null;
                if (!Markup.untouched(e)) {
                    collect(e, units);
                }
                continue;
            }
            if (run == null) {
                run = new InlineRun(container);
            }
            run.add(child);
        }
        addRun(run, units);
    }

    /**
     * Scripts, styles and the like, and {@code pre}, stand apart like blocks (left untouched);
     * {@code code} or {@code translate="no"} inside text are part of its sentence, kept verbatim.
     */
    private static boolean blockLevelUntouched(Element e, InlineRun run) {
        return Markup.untouched(e) && (!Markup.verbatim(e) || Markup.tag(e).equals("pre"));
    }

    /** Keeps a run that has text of its own (outside verbatim elements). */
    private static void addRun(InlineRun run, List<Unit> units) {
        if (run == null || run.text().isBlank()) {
            return;
        }
        StringBuilder own = new StringBuilder(run.text());
        for (InlineRun.Mark m : run.marks()) {
            if (m.kind() == InlineRun.Kind.VERBATIM) {
                for (int i = m.start(); i < m.end(); i++) {
                    own.setCharAt(i, ' ');
                }
            }
        }
        if (own.toString().isBlank()) {
            return;
        }
        String path = run.container instanceof Document ? "html" : run.container.cssSelector();
        units.add(new Unit(run, null, null, run.text(), path));
    }

    private static int unitAt(int[] starts, int offset) {
        int u = 0;
        while (u + 1 < starts.length && starts[u + 1] <= offset) {
            u++;
        }
        return u;
    }

    /** A run's sentences with their marks placed, ready to be written into the tree. */
    private record PlannedRun(InlineRun run, TranslatedParagraph flagged, List<String> translations,
            List<MarkupPlacer.Result> results, List<InlineRun.Mark> moved) {
        void write(Map<Node, String> movedTexts) {
            List<Node> out = new ArrayList<>();
            String text = run.text();
            if (!text.isEmpty() && Character.isWhitespace(text.charAt(0))) {
                out.add(new org.jsoup.nodes.TextNode(" "));
            }
            for (int i = 0; i < results.size(); i++) {
                if (i > 0) {
                    out.add(new org.jsoup.nodes.TextNode(" "));
                }
                out.addAll(SentenceRenderer.render(translations.get(i), results.get(i).placed(), results.get(i).moved(),
                        movedTexts));
            }
            if (text.length() > 1 && Character.isWhitespace(text.charAt(text.length() - 1))) {
                out.add(new org.jsoup.nodes.TextNode(" "));
            }
            Node first = run.nodes.get(0);
            for (Node n : out) {
                first.before(n);
            }
            for (Node n : run.nodes) {
                n.remove();
            }
        }
    }

    private PlannedRun plan(InlineRun run, TranslatedParagraph p, int lineStart) {
        List<TranslatedSentence> sentences = p.sentences();
        List<List<InlineRun.Mark>> perSentence = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            perSentence.add(new ArrayList<>());
        }
        for (InlineRun.Mark m : run.marks()) {
            boolean assigned = false;
            if (m.kind() != InlineRun.Kind.ATOM) {
                for (int i = 0; i < sentences.size(); i++) {
                    int ss = sentences.get(i).start() - lineStart;
                    int se = sentences.get(i).end() - lineStart;
                    if (m.end() > ss && m.start() < se) {
                        perSentence.get(i).add(m);
                        assigned = true;
                    }
                }
            }
            if (!assigned && !sentences.isEmpty()) {
                int target = 0;
                for (int i = 0; i < sentences.size(); i++) {
                    if (sentences.get(i).start() - lineStart <= m.start()) {
                        target = i;
                    }
                }
                InlineRun.Mark point = m.kind() == InlineRun.Kind.ATOM ? m
                        : new InlineRun.Mark(m.node(), m.start(), m.start(), m.depth(), InlineRun.Kind.ATOM);
                perSentence.get(target).add(point);
            }
        }
        List<MarkupPlacer.Result> results = new ArrayList<>();
        List<String> translations = new ArrayList<>();
        List<InlineRun.Mark> moved = new ArrayList<>();
        List<TranslatedSentence> flagged = new ArrayList<>();
        for (int i = 0; i < sentences.size(); i++) {
            TranslatedSentence s = sentences.get(i);
            MarkupPlacer.Result r = MarkupPlacer.place(s.source(), s.start() - lineStart, s.translation(), s.passthrough(),
                    perSentence.get(i), () -> service.align(s.source(), s.translation())
                            .flatMap(a -> WordAlignment.of(s.source(), s.translation(), a)));
            results.add(r);
            translations.add(s.translation());
            moved.addAll(r.moved());
            flagged.add(r.moved().isEmpty() ? s : DocumentReview.markupMoved(s, r.moved()));
        }
        TranslatedParagraph flaggedParagraph = new TranslatedParagraph(p.index(), p.start(), p.end(), p.source(),
                p.translation(), flagged, p.sourceLanguage());
        return new PlannedRun(run, flaggedParagraph, translations, results, moved);
    }

    /** Translates the own text of every moved inline element (so a moved link still reads in English). */
    private void translateMoved(List<InlineRun.Mark> moved, List<PlannedRun> runs, Map<Node, String> out,
            DecodeOptions options, Duration timeout) {
        List<InlineRun.Mark> wraps = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Map<InlineRun.Mark, InlineRun> owner = new HashMap<>();
        for (PlannedRun r : runs) {
            for (InlineRun.Mark m : r.moved()) {
                owner.put(m, r.run());
            }
        }
        for (InlineRun.Mark m : moved) {
            if (m.kind() == InlineRun.Kind.WRAP && !out.containsKey(m.node())) {
                wraps.add(m);
                texts.add(owner.get(m).text().substring(m.start(), m.end()));
            }
        }
        if (wraps.isEmpty()) {
            return;
        }
        List<TranslatedDocument> docs = service.translateAll(texts, options, null, timeout);
        for (int i = 0; i < wraps.size(); i++) {
            out.put(wraps.get(i).node(), docs.get(i).paragraphs().stream().map(TranslatedParagraph::translation)
                    .reduce((a, b) -> a + " " + b).orElse(""));
        }
    }

    /** {@code lang="ar…"} → {@code en}, {@code dir="rtl"} → {@code ltr}, outside untouched elements. */
    private static void switchLanguage(Document doc) {
        for (Element e : doc.getAllElements()) {
            if (insideUntouched(e)) {
                continue;
            }
            for (String attribute : List.of("lang", "xml:lang")) {
                if (e.attr(attribute).toLowerCase(Locale.ROOT).matches("ar([-_].*)?")) {
                    e.attr(attribute, "en");
                }
            }
            if (e.attr("dir").equalsIgnoreCase("rtl")) {
                e.attr("dir", "ltr");
            }
        }
    }

    private static boolean insideUntouched(Element e) {
        for (Element at = e; at != null && !(at instanceof Document); at = at.parent()) {
            if (Markup.untouched(at)) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\n\\r\\u2028\\u2029\\u0085\\u000B\\f]", " ");
    }

}
