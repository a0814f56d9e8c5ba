package dev.tarjama.glossary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.glossary.ArticleConsistency.Issue;
import dev.tarjama.glossary.ArticleConsistency.Rendering;
import dev.tarjama.glossary.ArticleConsistency.SentencePair;
import dev.tarjama.testutil.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleConsistencyTest {
    private static List<SentencePair> pairs(String... sourceThenTranslation) {
        List<SentencePair> out = new ArrayList<>();
        for (int i = 0; i < sourceThenTranslation.length; i += 2) {
            out.add(new SentencePair(i / 2, sourceThenTranslation[i], sourceThenTranslation[i + 1]));
        }
        return out;
    }

    @Test
    void aNameSpelledTwoWaysIsReportedWithItsSentences() {
        List<Issue> issues = ArticleConsistency.check(pairs(
                "قال لافروف إن المحادثات كانت بناءة.", "Lavrov said the talks were constructive.",
                "أكد لافروف على أهمية التعاون.", "Lavrof stressed the importance of cooperation.",
                "وصل لافروف إلى موسكو.", "Lavrov's plane landed in Moscow."), null);
        assertEquals(1, issues.size(), issues.toString());
        assertEquals("لافروف", issues.get(0).arabic());
        assertEquals(List.of(new Rendering("Lavrov", List.of(0, 2)), new Rendering("Lavrof", List.of(1))), issues.get(0).renderings());
    }

    @Test
    void aTwoWordNameWrittenAsOneWordAndAsTwo() {
        List<Issue> issues = ArticleConsistency.check(pairs(
                "العلاقات بين موسكو وبيونغ يانغ قوية.", "Relations between Moscow and Pyongyang are strong.",
                "زار الوزير بيونغ يانغ أمس.", "The minister visited Pyong Yang yesterday."), null);
        assertEquals(1, issues.size(), issues.toString());
        assertEquals(List.of("Pyongyang", "Pyong Yang"), issues.get(0).renderings().stream().map(Rendering::english).toList());
    }

    @Test
    void glossaryTermsAreAnchorsWithTheirEnglish() {
        Glossary g = new Glossary("g", List.of(new GlossaryEntry("موسكو", "Moscow")));
        List<Issue> issues = ArticleConsistency.check(pairs(
                "وصل الرئيس إلى موسكو.", "The president arrived in Moscow.",
                "غادر الرئيس موسكو.", "The president left Moskva."), g);
        assertEquals(1, issues.size(), issues.toString());
        assertEquals("موسكو", issues.get(0).arabic());
        assertEquals(List.of(new Rendering("Moscow", List.of(0)), new Rendering("Moskva", List.of(1))), issues.get(0).renderings());
    }

    @Test
    void relatedWordsAndConsistentNamesAreNotReported() {
        assertTrue(ArticleConsistency.check(pairs(
                "تدعم روسيا الاتفاق.", "Russia supports the agreement.",
                "قال الجيش روسيا مستعدة.", "The Russian army said Russia is ready.",
                "روسيا وكوريا الشمالية.", "Russia and North Korea."), null).isEmpty());
    }

    @Test
    void theFixtureArticleAndAllTrainingPairsAreConsistent() {
        List<String> ar = Golden.lines("parallel/train.ar");
        List<String> en = Golden.lines("parallel/train.en");
        List<SentencePair> pairs = new ArrayList<>();
        for (int i = 0; i < ar.size(); i++) {
            pairs.add(new SentencePair(i, ar.get(i), en.get(i)));
        }
        assertEquals(List.of(), ArticleConsistency.check(pairs.subList(0, 24), null));
        assertEquals(List.of(), ArticleConsistency.check(pairs, null));
    }

    @Test
    void skeletonsOfNamesAndTheirRenderings() {
        assertEquals(NameSkeleton.arabic("لافروف"), NameSkeleton.latin("Lavrov"));
        assertEquals(NameSkeleton.arabic("بيونغ يانغ"), NameSkeleton.latin("Pyongyang"));
        assertEquals(NameSkeleton.arabic("بوتين"), NameSkeleton.latin("Putin"));
        assertEquals(NameSkeleton.arabic("الكرملين".substring(2)), NameSkeleton.latin("Kremlin"));
        assertTrue(NameSkeleton.similar(NameSkeleton.latin("Lavrov"), NameSkeleton.latin("Lavrof")));
        assertTrue(!NameSkeleton.similar(NameSkeleton.latin("Russia"), NameSkeleton.latin("Russian")));
    }
}
