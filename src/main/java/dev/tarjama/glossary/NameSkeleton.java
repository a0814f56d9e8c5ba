package dev.tarjama.glossary;

import java.util.Locale;

/**
 * A coarse consonant skeleton shared by Arabic names and their Latin renderings, used to tell which
 * capitalized English word renders which Arabic word: {@code لافروف} and {@code Lavrov} are both
 * {@code LFRF}, {@code بيونغ يانغ} and {@code Pyongyang} both {@code BNKNK}. Vowels, alef, waw, yeh,
 * ta marbuta, hamza and ain are skipped; close consonants share a class (b/p, t/th, d/dh, s/sh/ch,
 * k/q/g/gh, f/v/ph, h/kh); doubled classes collapse.
 */
final class NameSkeleton {
    private NameSkeleton() {
    }

    /** Skeleton of folded Arabic text. */
    static String arabic(String folded) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < folded.length(); i++) {
            char cls = switch (folded.charAt(i)) {
                case 'ب' -> 'B';
                case 'ت', 'ط', 'ث' -> 'T';
                case 'ج' -> 'J';
                case 'ح', 'ه', 'خ' -> 'H';
                case 'د', 'ض', 'ذ', 'ظ' -> 'D';
                case 'ر' -> 'R';
                case 'ز' -> 'Z';
                case 'س', 'ص', 'ش' -> 'S';
                case 'غ', 'ق', 'ك' -> 'K';
                case 'ف' -> 'F';
                case 'ل' -> 'L';
                case 'م' -> 'M';
                case 'ن' -> 'N';
                default -> 0;
            };
            append(sb, cls);
        }
        return sb.toString();
    }

    /** Skeleton of a Latin word or name. */
    static String latin(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            char next = i + 1 < w.length() ? w.charAt(i + 1) : 0;
            char cls;
            if (next == 'h' && "sckgtdp".indexOf(c) >= 0) {
                cls = switch (c) {
                    case 's', 'c' -> 'S';
                    case 'k' -> 'H';
                    case 'g' -> 'K';
                    case 't' -> 'T';
                    case 'd' -> 'D';
                    default -> 'F';
                };
                i++;
            } else {
                cls = switch (c) {
                    case 'b', 'p' -> 'B';
                    case 't' -> 'T';
                    case 'd' -> 'D';
                    case 'j' -> 'J';
                    case 'h' -> 'H';
                    case 'r' -> 'R';
                    case 'z' -> 'Z';
                    case 's' -> 'S';
                    case 'c' -> (next == 'e' || next == 'i') ? 'S' : 'K';
                    case 'k', 'q', 'g' -> 'K';
                    case 'f', 'v' -> 'F';
                    case 'l' -> 'L';
                    case 'm' -> 'M';
                    case 'n' -> 'N';
                    case 'x' -> 'X';
                    default -> 0;
                };
            }
            append(sb, cls);
        }
        return sb.toString();
    }

    /** Same skeleton, or within one edit when both have at least three classes. */
    static boolean similar(String a, String b) {
        if (a.length() < 2 || b.length() < 2) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        return Math.min(a.length(), b.length()) >= 3 && withinOneEdit(a, b);
    }

    private static boolean withinOneEdit(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        int j = 0;
        int edits = 0;
        while (i < a.length() && j < b.length()) {
            if (a.charAt(i) == b.charAt(j)) {
                i++;
                j++;
                continue;
            }
            if (++edits > 1) {
                return false;
            }
            if (a.length() > b.length()) {
                i++;
            } else if (a.length() < b.length()) {
                j++;
            } else {
                i++;
                j++;
            }
        }
        return edits + (a.length() - i) + (b.length() - j) <= 1;
    }

    private static void append(StringBuilder sb, char cls) {
        if (cls != 0 && (sb.length() == 0 || sb.charAt(sb.length() - 1) != cls)) {
            sb.append(cls);
        }
    }
}
