//! The workspace index: what syntax alone does not say about a file.
//!
//! Each file contributes a [`FileIndex`] (its types and their bases, its methods with their
//! signatures, its call sites), extracted once per parse; the [`WorkspaceIndex`] merges them and
//! answers questions across files. Names are simple names: what cannot be resolved stays unknown,
//! and no fix is based on a guess.

mod extract;
mod frameworks;
mod knowledge;
mod token_apis;

use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub use extract::{imported_namespace, is_task_type, CallSite, FileIndex, MethodEntry, Param, Receiver, TypeEntry};
pub use frameworks::{Availability, Family, Framework};
pub use knowledge::Knowledge;
pub use token_apis::{TokenApis, TokenOverload, TokenPosition};

use crate::fix::FileId;

/// A method of the workspace: the file that declares it and its position in that file's index.
pub type MethodRef = (FileId, usize);

/// What a call site binds to, as far as the index can tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// These workspace methods (overloads with a compatible argument count).
    Methods(Vec<MethodRef>),
    /// The call cannot be resolved from syntax (a receiver of unknown type, an outside API).
    Unknown,
}

/// The merged index of the whole workspace.
#[derive(Debug, Default)]
pub struct WorkspaceIndex {
    files: Vec<FileIndex>,
    bases: HashMap<String, Vec<String>>,
    kinds: HashMap<String, &'static str>,
    methods: HashMap<(String, String), Vec<MethodRef>>,
    calls: HashMap<String, Vec<(FileId, usize)>>,
    references: HashMap<String, Vec<(FileId, Range<usize>)>>,
}

impl WorkspaceIndex {
    /// Merges the per-file indexes; `files[i]` is the index of file `i`.
    pub fn build(files: Vec<FileIndex>) -> Self {
        let mut index = WorkspaceIndex { files, ..WorkspaceIndex::default() };
        index.rebuild_maps();
        index
    }

    /// Replaces the index of one file (after fixes edited it).
    pub fn update(&mut self, file: FileId, entry: FileIndex) {
        self.files[file] = entry;
    }

    /// Recomputes the merged maps after [`WorkspaceIndex::update`]s.
    pub fn rebuild_maps(&mut self) {
        let (mut bases, mut kinds, mut methods, mut calls, mut references) =
            (HashMap::new(), HashMap::new(), HashMap::new(), HashMap::new(), HashMap::new());
        for (file, entry) in self.files.iter().enumerate() {
            for ty in &entry.types {
                bases.entry(ty.name.clone()).or_insert_with(Vec::new).extend(ty.bases.iter().cloned());
                kinds.insert(ty.name.clone(), ty.kind);
            }
            for (i, m) in entry.methods.iter().enumerate() {
                methods.entry((m.owner.clone(), m.name.clone())).or_insert_with(Vec::new).push((file, i));
            }
            for (i, c) in entry.calls.iter().enumerate() {
                calls.entry(c.name.clone()).or_insert_with(Vec::new).push((file, i));
            }
            for (name, range) in &entry.references {
                references.entry(name.clone()).or_insert_with(Vec::new).push((file, range.clone()));
            }
        }
        // Only names that are workspace methods can be method groups.
        let method_names: HashSet<&String> = methods.keys().map(|(_, name)| name).collect();
        references.retain(|name, _| method_names.contains(name));
        (self.bases, self.kinds, self.methods, self.calls, self.references) =
            (bases, kinds, methods, calls, references);
    }

    /// The index of one file.
    pub fn file(&self, file: FileId) -> &FileIndex {
        &self.files[file]
    }

    /// A method by reference.
    pub fn method(&self, (file, i): MethodRef) -> &MethodEntry {
        &self.files[file].methods[i]
    }

    /// Whether a type of this simple name is declared in the workspace.
    pub fn is_workspace_type(&self, name: &str) -> bool {
        self.kinds.contains_key(name)
    }

    /// `class`, `struct`, `record` or `interface` for a workspace type.
    pub fn type_kind(&self, name: &str) -> Option<&'static str> {
        self.kinds.get(name).copied()
    }

    /// The type and all its workspace base types, nearest first (each once; cycles are cut).
    pub fn type_and_bases<'s>(&'s self, name: &'s str) -> Vec<&'s str> {
        let mut seen = HashSet::new();
        let mut order = vec![name];
        seen.insert(name);
        let mut i = 0;
        while i < order.len() {
            for base in self.bases.get(order[i]).into_iter().flatten() {
                if seen.insert(base.as_str()) {
                    order.push(base.as_str());
                }
            }
            i += 1;
        }
        order
    }

    /// Whether the type, or one of its ancestors, is a base type that is not declared in the
    /// workspace (whose members the index cannot see).
    pub fn has_outside_bases(&self, name: &str) -> bool {
        self.type_and_bases(name).iter().any(|t| !self.is_workspace_type(t))
    }

    /// Whether `name`, or any of its workspace base types, is one of `targets` (simple names).
    pub fn derives_from(&self, name: &str, targets: &HashSet<String>) -> bool {
        self.type_and_bases(name).iter().any(|t| targets.contains(*t))
    }

    /// The workspace methods called `method` declared on `owner` or its base types.
    pub fn methods_named(&self, owner: &str, method: &str) -> Vec<MethodRef> {
        self.type_and_bases(owner)
            .into_iter()
            .filter_map(|t| self.methods.get(&(t.to_owned(), method.to_owned())))
            .flatten()
            .copied()
            .collect()
    }

    /// The declared return types of the workspace methods called `method` on `owner` or its
    /// base types. Empty when the method is not declared in the workspace.
    pub fn return_types(&self, owner: &str, method: &str) -> Vec<&str> {
        self.methods_named(owner, method).into_iter().map(|m| self.method(m).returns.as_str()).collect()
    }

    /// Resolves a call site: `M()`, `this.M()` and `base.M()` against the enclosing type and its
    /// bases, `Type.M()` against a workspace type. Anything else is unknown.
    pub fn resolve(&self, call: &CallSite) -> Resolution {
        let owner = match (&call.receiver, &call.owner) {
            (Receiver::Implicit | Receiver::This, Some(owner)) => owner.as_str(),
            (Receiver::Base, Some(owner)) => match self.bases.get(owner).and_then(|b| b.first()) {
                Some(base) => base.as_str(),
                None => return Resolution::Unknown,
            },
            (Receiver::Expression(text), _) if self.is_workspace_type(crate::syntax::simple_name(text)) => {
                crate::syntax::simple_name(text)
            }
            _ => return Resolution::Unknown,
        };
        let candidates: Vec<MethodRef> = self
            .methods_named(owner, &call.name)
            .into_iter()
            .filter(|&m| self.method(m).accepts_arg_count(call.args))
            .collect();
        // An unqualified name found nowhere in the type may be a local function or an outside
        // base's member: unknown rather than "no method".
        if candidates.is_empty() {
            Resolution::Unknown
        } else {
            Resolution::Methods(candidates)
        }
    }

    /// Whether some file of the workspace imports `namespace` with `global using` (the index does
    /// not know projects: a global using in one project counts for all of them).
    pub fn has_global_using(&self, namespace: &str) -> bool {
        self.files.iter().any(|f| f.global_usings.iter().any(|u| u == namespace))
    }

    /// The workspace methods called `name`, whatever type declares them.
    pub fn methods_called(&self, name: &str) -> Vec<MethodRef> {
        self.methods
            .iter()
            .filter(|((_, method), _)| method == name)
            .flat_map(|(_, refs)| refs.iter().copied())
            .collect()
    }

    /// Every call site of a method called `name`, anywhere in the workspace.
    pub fn calls_named(&self, name: &str) -> impl Iterator<Item = (FileId, &CallSite)> {
        self.calls.get(name).into_iter().flatten().map(|&(file, i)| (file, &self.files[file].calls[i]))
    }

    /// The call sites that resolve to `method`.
    pub fn callers_of(&self, method: MethodRef) -> Vec<(FileId, &CallSite)> {
        let name = &self.method(method).name;
        self.calls_named(name)
            .filter(|(_, call)| matches!(self.resolve(call), Resolution::Methods(ms) if ms.contains(&method)))
            .collect()
    }

    /// Places where a workspace method's name is used as a value (a possible method group).
    pub fn references_to(&self, name: &str) -> &[(FileId, Range<usize>)] {
        self.references.get(name).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse, Node};

    fn build(texts: &[&str]) -> WorkspaceIndex {
        WorkspaceIndex::build(
            texts
                .iter()
                .map(|t| {
                    let tree = parse(t).unwrap();
                    FileIndex::extract(Node::root(&tree, t))
                })
                .collect(),
        )
    }

    #[test]
    fn bases_are_followed_across_files_and_partials() {
        let index = build(&[
            "partial class HomeController : AppController {}",
            "abstract class AppController : Microsoft.AspNetCore.Mvc.ControllerBase, IDisposable { Task<int> Load() => null; } partial class HomeController : IFoo {}",
        ]);
        let targets: HashSet<String> = ["ControllerBase".to_owned()].into();
        assert!(index.derives_from("HomeController", &targets));
        assert!(!index.derives_from("Other", &targets));
        assert_eq!(
            index.type_and_bases("HomeController"),
            ["HomeController", "AppController", "IFoo", "ControllerBase", "IDisposable"]
        );
        assert_eq!(index.return_types("HomeController", "Load"), ["Task<int>"]);
        assert!(index.has_outside_bases("HomeController"));
    }

    #[test]
    fn base_cycles_terminate() {
        let index = build(&["class A : B {} class B : A {}"]);
        assert_eq!(index.type_and_bases("A"), ["A", "B"]);
    }

    #[test]
    fn calls_resolve_through_bases_static_types_and_argument_counts() {
        let index = build(&[
            "class Base { protected void Save(int a) {} protected void Save(int a, int b) {} }",
            "class Repo : Base { async Task F() { Save(1); this.Save(1, 2); Util.Log(); _db.Save(1); Other(); } }",
            "static class Util { public static void Log() {} }",
        ]);
        let saves: Vec<_> = index.calls_named("Save").map(|(_, c)| index.resolve(c)).collect();
        assert_eq!(saves[0], Resolution::Methods(vec![(0, 0)]));
        assert_eq!(saves[1], Resolution::Methods(vec![(0, 1)]));
        assert_eq!(saves[2], Resolution::Unknown, "receiver of unknown type");
        let log: Vec<_> = index.calls_named("Log").map(|(_, c)| index.resolve(c)).collect();
        assert_eq!(log, [Resolution::Methods(vec![(2, 0)])]);
        assert_eq!(index.callers_of((0, 0)).len(), 1);
        assert_eq!(index.calls_named("Other").map(|(_, c)| index.resolve(c)).next(), Some(Resolution::Unknown));
    }

    #[test]
    fn only_workspace_method_names_count_as_method_groups() {
        let index = build(&["class A { void Run() {} void F() { Action a = Run; var b = Console; } }"]);
        assert_eq!(index.references_to("Run").len(), 1);
        assert!(index.references_to("Console").is_empty());
    }
}
