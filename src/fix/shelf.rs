//! Trees kept between a question and a check: the session's way of parsing deferred files.
//!
//! Most checked files are parsed first for a question about another file (the index parses a
//! deferred file the first time a question may need its entries). The check then takes the tree
//! from this shelf instead of parsing the file again. At most [`SHELF_BUDGET`] bytes of text are
//! kept (a tree takes about 35 times its text); the check's workers take shelved trees before the
//! next file in order, so that few are kept at once.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::index::{DeferredFile, DeferredParse};
use crate::source::FileId;
use crate::syntax::{parse_file, Parsed};

/// The most text, in bytes, whose trees the shelf keeps at once.
pub const SHELF_BUDGET: usize = 2 << 20;

/// Trees that questions parsed for files still to be checked.
#[derive(Debug)]
pub struct Shelf {
    wanted: Vec<AtomicBool>,
    trees: Mutex<Vec<(FileId, Parsed, usize)>>,
    bytes: AtomicUsize,
}

impl Shelf {
    /// A shelf for a workspace of `files` files, wanting none yet.
    pub fn new(files: usize) -> Self {
        Shelf {
            wanted: (0..files).map(|_| AtomicBool::new(false)).collect(),
            trees: Mutex::default(),
            bytes: AtomicUsize::new(0),
        }
    }

    /// Says which files are about to be checked: a question that parses one of them first keeps
    /// its tree for the check ([`Shelf::take_tree`]).
    pub fn want_trees(&self, files: &[FileId]) {
        for wanted in &self.wanted {
            wanted.store(false, Ordering::Relaxed);
        }
        for &file in files {
            if let Some(wanted) = self.wanted.get(file) {
                wanted.store(true, Ordering::Relaxed);
            }
        }
    }

    fn shelve(&self, file: FileId, tree: Parsed, len: usize) {
        let wanted = self.wanted.get(file).is_some_and(|w| w.swap(false, Ordering::Relaxed));
        if wanted && self.bytes.fetch_add(len, Ordering::Relaxed) + len <= SHELF_BUDGET {
            self.trees.lock().expect("shelf lock").push((file, tree, len));
        } else if wanted {
            self.bytes.fetch_sub(len, Ordering::Relaxed);
        }
    }

    /// The tree a question parsed for `file`, if it was kept; no tree is kept for it afterwards.
    pub fn take_tree(&self, file: FileId) -> Option<Parsed> {
        if let Some(wanted) = self.wanted.get(file) {
            wanted.store(false, Ordering::Relaxed);
        }
        let mut trees = self.trees.lock().expect("shelf lock");
        let i = trees.iter().position(|(f, _, _)| *f == file)?;
        let (_, tree, len) = trees.swap_remove(i);
        self.bytes.fetch_sub(len, Ordering::Relaxed);
        Some(tree)
    }

    /// Any kept tree, with its file.
    pub fn take_any_tree(&self) -> Option<(FileId, Parsed)> {
        let (file, tree, len) = self.trees.lock().expect("shelf lock").pop()?;
        self.bytes.fetch_sub(len, Ordering::Relaxed);
        Some((file, tree))
    }
}

impl DeferredParse for Shelf {
    fn parse(&self, file: FileId, text: &str) -> DeferredFile {
        let Some(tree) = parse_file(text) else { return DeferredFile::unparsable(text) };
        let entries = DeferredFile::of_parsed(file, &tree, text);
        self.shelve(file, tree, text.len());
        entries
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::index::triggers::Triggers;
    use crate::index::{IndexSource, WorkspaceIndex};

    #[test]
    fn a_question_keeps_the_tree_of_a_file_still_to_be_checked() {
        let big = format!("class Big {{ {} }}", "int f; ".repeat(SHELF_BUDGET / 7 + 1));
        let texts = ["interface IStore {}", "class Store : IStore {}", "class Other {}", "class Db {}", &big];
        let shelf = Arc::new(Shelf::new(texts.len()));
        let sources = texts.iter().map(|t| IndexSource::Deferred(Arc::from(*t), Triggers::of(t))).collect();
        let index = WorkspaceIndex::build_with(sources, shelf.clone());
        shelf.want_trees(&[1, 3, 4]);
        assert!(index.is_workspace_type("Db") && index.is_workspace_type("Big") && index.is_workspace_type("IStore"));
        assert!(shelf.take_tree(4).is_none(), "beyond the budget");
        assert!(shelf.take_tree(0).is_none(), "not to be checked");
        let kept = shelf.take_tree(3).expect("the tree of Db's file");
        assert_eq!(kept.tree.root_node().end_byte(), texts[3].len());
        assert!(shelf.take_tree(3).is_none(), "taken once");
        assert!(shelf.take_any_tree().is_none());
        assert!(index.derived_types("IStore").contains(&"Store"));
        assert_eq!(shelf.take_any_tree().map(|(file, _)| file), Some(1));
    }
}
