//! The shape of a call-chain fix: the methods it changes, as a tree from the method where the
//! finding is (the origin) up to the roots where the chain ends, and the places where it stops.
//!
//! A chain is data for the reviewer: the prompt, the `--dry-run` summary and the JSON fix show it
//! so that a fix spanning many files can be understood before its diff is read. It changes
//! nothing about how the fix is applied (the edits do that).
//!
//! ```text
//! Store.LoadAsync (Lib/Store.cs)
//! ← Service.CountAsync (Lib/Service.cs)
//!   ← Api.GetAsync (Web/Api.cs): controller action, ASP.NET Core passes the request's token
//! stops where: a call is in a lambda of `Worker`
//! ```

use std::collections::VecDeque;

use crate::fix::FileId;

/// One method a chain changes (or reaches).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainMethod {
    /// `Owner.Name`, as messages name methods.
    pub name: String,
    /// The file that declares it.
    pub file: FileId,
    /// The index (in [`Chain::methods`]) of the method this one calls, the one nearer the
    /// origin; `None` for the origin (and for a method changed with another of its family, such
    /// as an interface member and its implementations, which hangs off the method it is changed
    /// with).
    pub calls: Option<usize>,
    /// What this method is to the chain when that is worth saying: why the chain ends here (a
    /// root: "controller action", "`Main`", "already has a token"), or what happens to it
    /// ("stays `void`: event handler").
    pub note: Option<String>,
}

/// The methods of a call-chain fix, origin first, and where the chain stops.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Chain {
    /// The methods, origin first; each one's `calls` points at an earlier entry.
    pub methods: Vec<ChainMethod>,
    /// Where the chain could not go further, and why (callers left as they are).
    pub stops: Vec<String>,
}

impl Chain {
    /// Whether there is no chain (a fix of one site or one method).
    pub fn is_empty(&self) -> bool {
        self.methods.is_empty() && self.stops.is_empty()
    }

    /// Adds a method reached from the one at index `calls` (`None` for the origin) and returns
    /// its index. A method already in the chain is not added twice: its index is returned.
    pub fn add(&mut self, name: impl Into<String>, file: FileId, calls: Option<usize>) -> usize {
        let name = name.into();
        if let Some(i) = self.methods.iter().position(|m| m.name == name && m.file == file) {
            return i;
        }
        self.methods.push(ChainMethod { name, file, calls, note: None });
        self.methods.len() - 1
    }

    /// Sets the note of the method at `index` (a root says why the chain ends there).
    pub fn note(&mut self, index: usize, note: impl Into<String>) {
        if let Some(m) = self.methods.get_mut(index) {
            m.note = Some(note.into());
        }
    }

    /// Records where the chain stops.
    pub fn stop(&mut self, why: impl Into<String>) {
        let why = why.into();
        if !self.stops.contains(&why) {
            self.stops.push(why);
        }
    }

    /// The indexes of the methods that call the one at `index`, in order.
    pub fn callers_of(&self, index: usize) -> Vec<usize> {
        (0..self.methods.len()).filter(|&i| i != index && self.methods[i].calls == Some(index)).collect()
    }

    /// The files of the chain's methods, origin first, each once: the order in which a review
    /// shows the fix's diffs.
    pub fn files(&self) -> Vec<FileId> {
        let mut files = Vec::new();
        for m in &self.methods {
            if !files.contains(&m.file) {
                files.push(m.file);
            }
        }
        files
    }
}

/// What [`tree`] needs to know of the methods of a workspace, asked by the transform that built
/// the chain (it knows how calls resolve and what each method is to the program).
pub struct Graph<'a, M> {
    /// A method's name (`Owner.Name`) and the file declaring it.
    pub name: &'a dyn Fn(M) -> (String, FileId),
    /// The workspace methods whose own bodies call `m`.
    pub callers: &'a dyn Fn(M) -> Vec<M>,
    /// The methods changed together with `m` (an interface member and its implementations, a
    /// virtual member and its overrides), `m` included.
    pub family: &'a dyn Fn(M) -> Vec<M>,
    /// What to say of a method of the chain (a root: why the chain ends there), or of a caller
    /// outside it worth showing (one that passes its own token, one that is async already).
    /// A caller outside the chain with no note is left out of the tree.
    pub note: &'a dyn Fn(M) -> Option<String>,
}

/// The tree of a chain that changes the methods `changed`, grown from `origin` through their
/// callers: each method hangs off the method it calls, a family member off the member it is
/// changed with, and a caller outside `changed` that has a note is a leaf. `stops` says where
/// the chain could not go on.
pub fn tree<M: Copy + Ord>(origin: M, changed: &[M], graph: &Graph<'_, M>, stops: Vec<String>) -> Chain {
    let mut changed: Vec<M> = changed.to_vec();
    changed.sort();
    changed.dedup();
    let mut chain = Chain::default();
    let mut placed: Vec<(M, usize)> = Vec::new();
    let mut queue = VecDeque::new();
    let place = |chain: &mut Chain, placed: &mut Vec<(M, usize)>, m: M, calls: Option<usize>| -> Option<usize> {
        if placed.iter().any(|(p, _)| *p == m) {
            return None;
        }
        let (name, file) = (graph.name)(m);
        let index = chain.add(name, file, calls);
        if let Some(note) = (graph.note)(m) {
            chain.note(index, note);
        }
        placed.push((m, index));
        Some(index)
    };
    if let Some(i) = place(&mut chain, &mut placed, origin, None) {
        queue.push_back((origin, i));
    }
    loop {
        while let Some((m, at)) = queue.pop_front() {
            for sibling in (graph.family)(m) {
                if changed.binary_search(&sibling).is_ok() {
                    if let Some(i) = place(&mut chain, &mut placed, sibling, Some(at)) {
                        queue.push_back((sibling, i));
                    }
                }
            }
            for caller in (graph.callers)(m) {
                let in_chain = changed.binary_search(&caller).is_ok();
                if !in_chain && (graph.note)(caller).is_none() {
                    continue;
                }
                if let Some(i) = place(&mut chain, &mut placed, caller, Some(at)) {
                    if in_chain {
                        queue.push_back((caller, i));
                    }
                }
            }
        }
        // A changed method no call led to (its family is reached another way): under the origin.
        let Some(&left) = changed.iter().find(|m| !placed.iter().any(|(p, _)| p == *m)) else { break };
        if let Some(i) = place(&mut chain, &mut placed, left, Some(0)) {
            queue.push_back((left, i));
        }
    }
    for why in stops {
        chain.stop(why);
    }
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_added_once_and_callers_are_found_by_index() {
        let mut chain = Chain::default();
        let origin = chain.add("Store.LoadAsync", 2, None);
        let service = chain.add("Service.CountAsync", 1, Some(origin));
        let api = chain.add("Api.GetAsync", 0, Some(service));
        assert_eq!(chain.add("Service.CountAsync", 1, Some(origin)), service, "added once");
        chain.note(api, "controller action");
        chain.stop("a call is in a lambda");
        chain.stop("a call is in a lambda");
        assert_eq!(chain.callers_of(origin), [service]);
        assert_eq!(chain.callers_of(service), [api]);
        assert_eq!(chain.files(), [2, 1, 0], "origin first");
        assert_eq!(chain.stops.len(), 1);
        assert!(!chain.is_empty());
        assert!(Chain::default().is_empty());
    }

    #[test]
    fn a_tree_grows_from_the_origin_through_callers_and_families() {
        // 1 is the origin; 2 calls 1; 3 and 4 call 2; 5 is 2's interface member (same family);
        // 6 calls 3 but is not changed: it passes its own token (a noted leaf); 7 calls 4 and
        // is not changed, with nothing to say: left out.
        let callers = |m: u32| match m {
            1 => vec![2],
            2 => vec![3, 4],
            3 => vec![6],
            4 => vec![7],
            _ => vec![],
        };
        let family = |m: u32| if m == 2 || m == 5 { vec![2, 5] } else { vec![m] };
        let note = |m: u32| match m {
            4 => Some("controller action".to_owned()),
            6 => Some("passes its own token".to_owned()),
            _ => None,
        };
        let graph =
            Graph { name: &|m| (format!("M{m}"), m as FileId), callers: &callers, family: &family, note: &note };
        let chain = tree(1, &[4, 3, 2, 1, 5], &graph, vec!["a call is in a lambda".into()]);
        let shape: Vec<(String, Option<String>, Option<String>)> = chain
            .methods
            .iter()
            .map(|m| (m.name.clone(), m.calls.map(|c| chain.methods[c].name.clone()), m.note.clone()))
            .collect();
        let row = |name: &str, calls: Option<&str>, note: Option<&str>| {
            (name.to_owned(), calls.map(str::to_owned), note.map(str::to_owned))
        };
        assert_eq!(
            shape,
            [
                row("M1", None, None),
                row("M2", Some("M1"), None),
                row("M5", Some("M2"), None),
                row("M3", Some("M2"), None),
                row("M4", Some("M2"), Some("controller action")),
                row("M6", Some("M3"), Some("passes its own token")),
            ]
        );
        assert_eq!(chain.stops, ["a call is in a lambda"]);
    }
}
