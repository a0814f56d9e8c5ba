/**
 * Review flags for translated sentences, free of DJL and HTTP: {@link dev.tarjama.review.ReviewAssessor}
 * turns one sentence pair ({@link dev.tarjama.review.ReviewInput}) into a
 * {@link dev.tarjama.review.Review} with stable {@link dev.tarjama.review.ReasonCode reason codes};
 * {@link dev.tarjama.review.NumberGuard} compares the numbers of source and translation. Everything
 * here reports; nothing changes a translation.
 */
package dev.tarjama.review;
