//! Answers computed once per file and key, shared by every question that needs them.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::hash::Hash;
use std::ops::Range;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

/// Facts about a file's text that would otherwise be recomputed for each node (a scan of the
/// whole text per method is quadratic in a big file).
#[derive(Default)]
pub struct Memo {
    directive_lines: OnceLock<Vec<Range<usize>>>,
    /// One map per key and value type, see [`Memo::memoized`].
    facts: Mutex<HashMap<TypeId, Box<dyn Any + Send>>>,
}

impl Memo {
    /// The lines of `text` (this file's) that start with `#` (after indentation), without their
    /// line break, in order.
    pub fn directive_lines(&self, text: &str) -> &[Range<usize>] {
        self.directive_lines.get_or_init(|| directive_lines(text))
    }

    /// The fact `compute` gives for `key`, computed on the first request of this file and shared
    /// by the later ones: what a question needs of a whole function for each node in it (a walk
    /// per node is quadratic in a big function). Keys and values are owned (node ids, offsets,
    /// `String`s); one map per pair of key and value types. `compute` may ask for other facts.
    pub fn memoized<K, V>(&self, key: K, compute: impl FnOnce() -> V) -> Arc<V>
    where
        K: Hash + Eq + Send + 'static,
        V: Send + Sync + 'static,
    {
        let slot = TypeId::of::<(K, V)>();
        let lookup = |facts: &mut HashMap<TypeId, Box<dyn Any + Send>>, key: &K| {
            let map = facts.get_mut(&slot)?.downcast_mut::<HashMap<K, Arc<V>>>()?;
            map.get(key).cloned()
        };
        if let Some(found) = lookup(&mut self.facts(), &key) {
            return found;
        }
        // Computed without the lock held: `compute` may ask for other facts.
        let value = Arc::new(compute());
        let mut facts = self.facts();
        let map = facts.entry(slot).or_insert_with(|| Box::new(HashMap::<K, Arc<V>>::new()));
        match map.downcast_mut::<HashMap<K, Arc<V>>>() {
            Some(map) => Arc::clone(map.entry(key).or_insert(value)),
            None => value,
        }
    }

    fn facts(&self) -> MutexGuard<'_, HashMap<TypeId, Box<dyn Any + Send>>> {
        self.facts.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The lines of `text` that start with `#` after indentation, without their line break.
pub fn directive_lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_start_matches([' ', '\t']).starts_with('#') {
            out.push(start..start + content.len());
        }
        start += line.len();
    }
    out
}
