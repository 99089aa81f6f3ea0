//! The workspace index: what syntax alone does not say about a file.
//!
//! Each file contributes a [`FileIndex`] (its types, their base types and its methods' return
//! types), extracted once per parse; the [`WorkspaceIndex`] merges them. Names are simple names:
//! what cannot be resolved stays unknown, and no fix is based on a guess.

mod knowledge;

use std::collections::{HashMap, HashSet};

pub use knowledge::Knowledge;

use crate::syntax::{simple_name, Node};

/// A type declared in a file.
#[derive(Clone, Debug)]
pub struct TypeEntry {
    /// Simple name.
    pub name: String,
    /// Simple names of base types and implemented interfaces.
    pub bases: Vec<String>,
}

/// A method declared in a file.
#[derive(Clone, Debug)]
pub struct MethodEntry {
    /// Simple name of the declaring type.
    pub owner: String,
    /// Method name.
    pub name: String,
    /// Declared return type, as written.
    pub returns: String,
}

/// What one file declares.
#[derive(Clone, Debug, Default)]
pub struct FileIndex {
    /// Types, partial parts included (merged by the workspace index).
    pub types: Vec<TypeEntry>,
    /// Methods with their declaring type.
    pub methods: Vec<MethodEntry>,
}

impl FileIndex {
    /// Extracts the declarations of one parsed file.
    pub fn extract(root: Node<'_>) -> Self {
        let mut index = FileIndex::default();
        root.walk(|node| match node.kind() {
            "class_declaration" | "struct_declaration" | "record_declaration" | "interface_declaration" => {
                let Some(name) = node.field("name") else { return };
                let bases = node
                    .child_of_kind("base_list")
                    .map(|list| {
                        list.named_children()
                            .filter(|b| b.kind() != "argument_list")
                            .map(|b| simple_name(b.text()).to_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                index.types.push(TypeEntry { name: name.text().to_owned(), bases });
            }
            "method_declaration" => {
                let owner = crate::syntax::enclosing_types(node).next();
                if let (Some(owner), Some(name), Some(returns)) =
                    (owner.and_then(|o| o.field("name")), node.field("name"), node.field("returns"))
                {
                    index.methods.push(MethodEntry {
                        owner: owner.text().to_owned(),
                        name: name.text().to_owned(),
                        returns: returns.text().to_owned(),
                    });
                }
            }
            _ => {}
        });
        index
    }
}

/// The merged index of the whole workspace.
#[derive(Debug, Default)]
pub struct WorkspaceIndex {
    bases: HashMap<String, Vec<String>>,
    returns: HashMap<(String, String), Vec<String>>,
}

impl WorkspaceIndex {
    /// Merges the per-file indexes.
    pub fn build<'a>(files: impl IntoIterator<Item = &'a FileIndex>) -> Self {
        let mut index = WorkspaceIndex::default();
        for file in files {
            for ty in &file.types {
                index.bases.entry(ty.name.clone()).or_default().extend(ty.bases.iter().cloned());
            }
            for m in &file.methods {
                index.returns.entry((m.owner.clone(), m.name.clone())).or_default().push(m.returns.clone());
            }
        }
        index
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

    /// Whether `name`, or any of its workspace base types, is one of `targets` (simple names).
    pub fn derives_from(&self, name: &str, targets: &HashSet<String>) -> bool {
        self.type_and_bases(name).iter().any(|t| targets.contains(*t))
    }

    /// The declared return types of the workspace methods called `method` on `owner` or its
    /// base types. Empty when the method is not declared in the workspace.
    pub fn return_types(&self, owner: &str, method: &str) -> Vec<&str> {
        self.type_and_bases(owner)
            .into_iter()
            .filter_map(|t| self.returns.get(&(t.to_owned(), method.to_owned())))
            .flatten()
            .map(String::as_str)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    #[test]
    fn bases_are_followed_across_files_and_partials() {
        let a = "partial class HomeController : AppController {}";
        let b = "abstract class AppController : Microsoft.AspNetCore.Mvc.ControllerBase, IDisposable { Task<int> Load() => null; } partial class HomeController : IFoo {}";
        let (ta, tb) = (parse(a).unwrap(), parse(b).unwrap());
        let fa = FileIndex::extract(Node::root(&ta, a));
        let fb = FileIndex::extract(Node::root(&tb, b));
        let index = WorkspaceIndex::build([&fa, &fb]);
        let targets: HashSet<String> = ["ControllerBase".to_owned()].into();
        assert!(index.derives_from("HomeController", &targets));
        assert!(!index.derives_from("Other", &targets));
        assert_eq!(
            index.type_and_bases("HomeController"),
            ["HomeController", "AppController", "IFoo", "ControllerBase", "IDisposable"]
        );
        assert_eq!(index.return_types("HomeController", "Load"), ["Task<int>"]);
    }

    #[test]
    fn base_cycles_terminate() {
        let text = "class A : B {} class B : A {}";
        let tree = parse(text).unwrap();
        let index = WorkspaceIndex::build([&FileIndex::extract(Node::root(&tree, text))]);
        assert_eq!(index.type_and_bases("A"), ["A", "B"]);
    }
}
