package io.customerinsight.shadow;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.alerts.RiskThresholds;
import io.customerinsight.scoring.ChurnScorer;

/**
 * Scores a batch of snapshots with the challenger after the champion has decided on them. The challenger
 * never decides anything: its scores go to the shadow topic and the comparison metrics only, and a
 * challenger that fails costs nothing but its own results.
 */
public final class ShadowScoring {
    private final ChurnScorer champion;
    private final RiskThresholds championThresholds;
    private final Challenger challenger;
    private final RiskLevel alertingLevel;

    /** The challenger with its own thresholds (from its card) and the comparison shared by an instance's tasks. */
    public record Challenger(ChurnScorer scorer, RiskThresholds thresholds, ShadowComparison comparison) {
    }

    public ShadowScoring(ChurnScorer champion, RiskThresholds championThresholds, Challenger challenger,
                         RiskLevel alertingLevel) {
        this.champion = champion;
        this.championThresholds = championThresholds;
        this.challenger = challenger;
        this.alertingLevel = alertingLevel;
    }

    /**
     * The challenger's scores for the rows the champion scored; throws if the challenger fails (the caller
     * counts it and goes on).
     */
    public double[] score(float[][] rows) {
        return challenger.scorer().score(rows);
    }

    /** The shadow record of one row, counted into the comparison. */
    public ShadowScore compare(String customerId, long asOf, double championScore, double challengerScore) {
        RiskLevel a = championThresholds.levelFor(championScore, RiskLevel.LOW);
        RiskLevel b = challenger.thresholds().levelFor(challengerScore, RiskLevel.LOW);
        challenger.comparison().count(championScore, a, challengerScore, b, alertingLevel);
        return new ShadowScore(customerId, asOf,
                new ShadowScore.Verdict(champion.name(), champion.version(), round(championScore), a),
                new ShadowScore.Verdict(challenger.scorer().name(), challenger.scorer().version(),
                        round(challengerScore), b), a == b);
    }

    private static double round(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }
}
