package dev.tarjama.document;

import dev.tarjama.review.Reason;
import dev.tarjama.review.ReasonCode;
import dev.tarjama.review.Review;
import dev.tarjama.translation.TranslatedSentence;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;

/** Review reasons that only documents with markup produce. */
final class DocumentReview {
    private DocumentReview() {}

    /** {@code s} flagged {@code markup_moved} for the inline elements in {@code moved}. */
    static TranslatedSentence markupMoved(TranslatedSentence s, List<InlineRun.Mark> moved) {
        Set<String> tags = new LinkedHashSet<>();
        for (InlineRun.Mark m : moved) {
            tags.add(m.node() instanceof Element e ? "<" + Markup.tag(e) + ">" : m.node().nodeName());
        }
        List<String> items = List.copyOf(tags);
        List<Reason> reasons = new ArrayList<>(s.review() == null ? List.of() : s.review().reasons());
        reasons.add(new Reason(ReasonCode.MARKUP_MOVED, "inline markup could not be placed on the translation and was"
                + " kept at the sentence's end: " + String.join(", ", items), items));
        return new TranslatedSentence(s.index(), s.start(), s.end(), s.source(), s.translation(), s.score(), s.cached(),
                s.split(), s.passthrough(), Review.of(reasons), s.alternatives());
    }
}
