//! Pairwise quality of a clustering against ground truth.

use crate::generator::Truth;
use std::collections::HashMap;

/// Pairwise counts and the hard-negative merges.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Quality {
    pub true_pairs: u64,
    pub predicted_pairs: u64,
    pub correct_pairs: u64,
    /// Predicted pairs joining two performances made as hard negatives of each other, by kind.
    pub hard_negative_merges: HashMap<&'static str, u64>,
}

impl Quality {
    pub fn precision(&self) -> f64 {
        if self.predicted_pairs == 0 {
            1.0
        } else {
            self.correct_pairs as f64 / self.predicted_pairs as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.true_pairs == 0 {
            1.0
        } else {
            self.correct_pairs as f64 / self.true_pairs as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn hard_negatives(&self) -> u64 {
        self.hard_negative_merges.values().sum()
    }
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// `clusters[i]` is the predicted cluster of listing `i`; `truth[i]` its ground truth.
pub fn quality(clusters: &[u32], truth: &[Truth]) -> Quality {
    let mut q = Quality::default();
    let mut per_truth: HashMap<u32, u64> = HashMap::new();
    for t in truth {
        *per_truth.entry(t.performance).or_default() += 1;
    }
    q.true_pairs = per_truth.values().map(|&n| pairs(n)).sum();
    let mut members: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, &c) in clusters.iter().enumerate() {
        members.entry(c).or_default().push(i);
    }
    for m in members.values() {
        q.predicted_pairs += pairs(m.len() as u64);
        let mut by_perf: HashMap<u32, u64> = HashMap::new();
        for &i in m {
            *by_perf.entry(truth[i].performance).or_default() += 1;
        }
        q.correct_pairs += by_perf.values().map(|&n| pairs(n)).sum::<u64>();
        if by_perf.len() > 1 {
            for (x, &i) in m.iter().enumerate() {
                for &j in &m[x + 1..] {
                    let (a, b) = (&truth[i], &truth[j]);
                    if a.performance != b.performance && a.family != 0 && a.family == b.family {
                        *q.hard_negative_merges.entry(a.kind).or_default() += 1;
                    }
                }
            }
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(performance: u32, family: u32) -> Truth {
        Truth {
            performance,
            family,
            kind: "early_late",
        }
    }

    #[test]
    fn counts_pairs() {
        let truth = [t(1, 0), t(1, 0), t(2, 5), t(3, 5)];
        let q = quality(&[0, 0, 1, 1], &truth);
        assert_eq!(
            (q.true_pairs, q.predicted_pairs, q.correct_pairs),
            (1, 2, 1)
        );
        assert_eq!(q.hard_negatives(), 1);
        assert_eq!(q.precision(), 0.5);
        assert_eq!(q.recall(), 1.0);
    }
}
