//! A genre tree for partial genre matches: "indie rock" is partly "rock", "deep house" partly
//! "tech house".
//!
//! The tree is beets' `genres-tree.yaml` (MIT, about 700 genres in 16 families; see
//! `core/data/genres-tree.LICENSE`), compiled into the crate and read once. Similarity is
//! Wu-Palmer on the tree, scaled by [`TREE_WEIGHT`] so that a tree neighbour never counts as much
//! as the genre itself: `0.8 × 2·depth(lca) / (depth(a) + depth(b))`, families at depth 1.
//!
//! ```
//! use gigradar_core::taxonomy::tree_similarity;
//! assert!(tree_similarity("indie rock", "rock") > 0.0);
//! assert!(tree_similarity("deep house", "tech house") > tree_similarity("deep house", "techno"));
//! assert_eq!(tree_similarity("deep house", "indie rock"), 0.0);
//! ```

use crate::profile::genre_key;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How much the closest possible tree neighbour counts, relative to the genre itself.
pub const TREE_WEIGHT: f64 = 0.8;

/// Names the tree lacks that providers and Spotify send, and the tree genres they stand for
/// (genre keys). Ticketmaster's and Eventbrite's classifications and Spotify's short forms.
const ALIASES: &[(&str, &[&str])] = &[
    ("edm", &["electronic dance music"]),
    ("dance", &["electronic dance music"]),
    ("rap", &["hip hop"]),
    ("rnb", &["r&b"]),
    ("rhythm and blues", &["r&b"]),
    ("indie", &["indie rock"]),
    ("alternative", &["alternative rock"]),
    ("metal", &["heavy metal"]),
    ("top 40", &["pop"]),
];

/// Endings Spotify adds to genre names in some locales ("r&b en espanol", "pop nacional").
const LANGUAGE_TAGS: &[&str] = &[
    " en espanol",
    " en español",
    " espanol",
    " español",
    " nacional",
];

const TREE_YAML: &str = include_str!("../data/genres-tree.yaml");

/// The parsed tree: nodes with parent and depth, and the nodes of each genre key (a name can
/// appear under several parents).
pub struct Tree {
    parent: Vec<u32>,
    depth: Vec<u8>,
    by_key: HashMap<String, Vec<u32>>,
}

const ROOT: u32 = u32::MAX;

impl Tree {
    /// Parse the subset of YAML the file uses: `- name` and `- name:` at four spaces per level.
    fn parse(text: &str) -> Tree {
        let mut t = Tree {
            parent: Vec::new(),
            depth: Vec::new(),
            by_key: HashMap::new(),
        };
        let mut stack: Vec<u32> = Vec::new();
        for line in text.lines() {
            let trimmed = line.trim_start();
            let Some(item) = trimmed.strip_prefix("- ") else {
                continue;
            };
            let level = (line.len() - trimmed.len()) / 4;
            let name = item.trim().trim_end_matches(':').trim();
            if name.is_empty() {
                continue;
            }
            stack.truncate(level);
            let id = t.parent.len() as u32;
            t.parent.push(stack.last().copied().unwrap_or(ROOT));
            t.depth
                .push(u8::try_from(stack.len() + 1).unwrap_or(u8::MAX));
            t.by_key.entry(genre_key(name)).or_default().push(id);
            stack.push(id);
        }
        t
    }

    /// The tree's nodes for a genre key (empty when the genre is not in the tree).
    pub fn nodes(&self, key: &str) -> &[u32] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// The nodes a genre key stands for: its own; else those of the genre it is another name
    /// for ([`ALIASES`]); else, for a name Spotify localized with a language tag ("rock en
    /// espanol", "pop nacional"), those of the name without it; else, for a provider's combined
    /// classification ("dance/electronic", "hip hop/rap", "blues & jazz"), those of its parts.
    pub fn resolve(&self, key: &str) -> Vec<u32> {
        let one = |k: &str| -> Vec<u32> {
            let k = k.trim();
            let own = self.nodes(k);
            if !own.is_empty() {
                return own.to_vec();
            }
            if let Some((_, to)) = ALIASES.iter().find(|(from, _)| *from == k) {
                return to.iter().flat_map(|t| self.nodes(t)).copied().collect();
            }
            LANGUAGE_TAGS
                .iter()
                .find_map(|tag| k.strip_suffix(tag))
                .map_or_else(Vec::new, |base| self.nodes(base.trim()).to_vec())
        };
        let whole = one(key);
        if !whole.is_empty() || !(key.contains('/') || key.contains(" & ")) {
            return whole;
        }
        let mut parts: Vec<u32> = key
            .split('/')
            .flat_map(|p| p.split(" & "))
            .flat_map(one)
            .collect();
        parts.sort_unstable();
        parts.dedup();
        parts
    }

    pub fn depth(&self, node: u32) -> u8 {
        self.depth[node as usize]
    }

    /// The node and its ancestors, deepest first.
    pub fn ancestors(&self, node: u32) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(node), |&n| {
            let p = self.parent[n as usize];
            (p != ROOT).then_some(p)
        })
    }

    /// Number of genres in the tree.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }
}

/// The shipped tree, parsed on first use.
pub fn tree() -> &'static Tree {
    static TREE: OnceLock<Tree> = OnceLock::new();
    TREE.get_or_init(|| Tree::parse(TREE_YAML))
}

/// Similarity of two nodes (Wu-Palmer × [`TREE_WEIGHT`]); 0 across families.
pub fn node_similarity(t: &Tree, a: u32, b: u32) -> f64 {
    let (da, db) = (f64::from(t.depth(a)), f64::from(t.depth(b)));
    for x in t.ancestors(a) {
        if t.ancestors(b).any(|y| y == x) {
            return TREE_WEIGHT * 2.0 * f64::from(t.depth(x)) / (da + db);
        }
    }
    0.0
}

/// Similarity of two genre keys through the tree (best over the places each appears), in
/// 0..=[`TREE_WEIGHT`]; 0 when either is not in the tree or they are in different families.
pub fn tree_similarity(a: &str, b: &str) -> f64 {
    let t = tree();
    let (a, b) = (t.resolve(&genre_key(a)), t.resolve(&genre_key(b)));
    let mut best = 0.0f64;
    for &x in &a {
        for &y in &b {
            best = best.max(node_similarity(t, x, y));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_tree_parses() {
        let t = tree();
        assert!(t.len() > 600, "{}", t.len());
        let deep = t.nodes("deep house")[0];
        let names: Vec<u8> = t.ancestors(deep).map(|n| t.depth(n)).collect();
        assert_eq!(names, vec![3, 2, 1]);
    }

    #[test]
    fn similarity_follows_the_tree() {
        let s = tree_similarity;
        assert!((s("indie rock", "rock") - 0.8 * 2.0 / 4.0).abs() < 1e-12);
        assert!(s("indie rock", "post-punk revival") > s("indie rock", "rock"));
        assert!(s("Deep House", "deep-house") > 0.79);
        assert_eq!(s("deep house", "bluegrass"), 0.0);
        assert_eq!(s("not a genre", "rock"), 0.0);
    }

    #[test]
    fn provider_classifications_and_localized_names_reach_the_tree() {
        let s = tree_similarity;
        // Ticketmaster's and Eventbrite's combined classifications: their parts.
        assert!(
            s("Dance/Electronic", "techno") > 0.5,
            "{}",
            s("Dance/Electronic", "techno")
        );
        assert!(s("Hip-Hop/Rap", "conscious hip hop") > 0.0);
        assert!(s("EDM / Electronic", "deep house") > 0.0);
        assert!(s("Blues & Jazz", "cool jazz") > 0.0);
        // Spotify's short and localized names.
        assert!(s("edm", "house") > 0.0);
        assert!(s("rock en espanol", "indie rock") > 0.0);
        assert!(s("r&b en espanol", "deep funk") > 0.0);
        // Still nothing across families, and "r&b" is one genre, not "r" and "b".
        assert_eq!(s("Dance/Electronic", "bluegrass"), 0.0);
        assert_eq!(tree().resolve("r&b"), tree().nodes("r&b").to_vec());
    }
}
