//! The workspace index: what syntax alone does not say about a file.
//!
//! Each file contributes a [`FileIndex`] (its types and their bases, its methods with their
//! signatures, its call sites), extracted once per parse; the [`WorkspaceIndex`] merges them and
//! answers questions across files. Names are simple names: what cannot be resolved stays unknown,
//! and no fix is based on a guess.

mod extract;
mod frameworks;
mod knowledge;
mod members;
mod token_apis;
mod twins;
mod types;
mod uses;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::Range;

pub use extract::{
    imported_namespace, is_task_type, CallSite, FileIndex, LocalVar, MemberEntry, MemberUse, MethodEntry, Param,
    Receiver, TypeEntry,
};
pub use frameworks::{Framework, FrameworkFamily};
pub use knowledge::{ExtraKnowledge, Knowledge};
pub use token_apis::{TokenApis, TokenOverload, TokenPosition};
pub use twins::{AsyncTwins, Availability, Twin};
pub use types::{Types, Variable};
pub use uses::is_value_position;

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

/// Methods that must change together: an interface member and its implementations, a virtual
/// member and its overrides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Family {
    /// Every member of the family, the one asked about included.
    pub methods: Vec<MethodRef>,
    /// Why the family reaches outside the workspace, where its other members cannot be changed:
    /// an `override` of an outside member, or a public method of a type with outside bases that
    /// may implement an outside interface.
    pub outside: Option<String>,
}

/// The merged index of the whole workspace.
#[derive(Debug, Default)]
pub struct WorkspaceIndex {
    files: Vec<FileIndex>,
    bases: HashMap<String, Vec<String>>,
    kinds: HashMap<String, &'static str>,
    attributes: HashMap<String, Vec<String>>,
    namespaces: HashMap<String, Vec<String>>,
    /// Methods by owner type, then by name.
    methods: HashMap<String, HashMap<String, Vec<MethodRef>>>,
    /// Methods by name, on any type.
    methods_by_name: HashMap<String, Vec<MethodRef>>,
    /// Field and property types by owner type, then by name.
    members: HashMap<String, HashMap<String, String>>,
    derived: HashMap<String, Vec<String>>,
    calls: HashMap<std::sync::Arc<str>, Vec<(FileId, usize)>>,
    references: HashMap<String, Vec<(FileId, Range<usize>)>>,
    subscriptions: HashSet<String>,
    opaque_calls: HashMap<String, Vec<usize>>,
    nameofs: HashSet<String>,
    route_handlers: HashMap<String, usize>,
    global_usings: HashSet<String>,
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
        let mut subscriptions = HashSet::new();
        let (mut opaque_calls, mut nameofs) = (HashMap::<String, Vec<usize>>::new(), HashSet::new());
        let mut route_handlers = HashMap::new();
        let (mut members, mut derived) =
            (HashMap::<String, HashMap<String, String>>::new(), HashMap::<String, Vec<String>>::new());
        let mut methods_by_name = HashMap::<String, Vec<MethodRef>>::new();
        let mut namespaces = HashMap::<String, Vec<String>>::new();
        let mut attributes = HashMap::<String, Vec<String>>::new();
        for (file, entry) in self.files.iter().enumerate() {
            for ty in &entry.types {
                attributes.entry(ty.name.clone()).or_default().extend(ty.attributes.iter().cloned());
                bases.entry(ty.name.clone()).or_insert_with(Vec::new).extend(ty.bases.iter().cloned());
                kinds.insert(ty.name.clone(), ty.kind);
                namespaces.entry(ty.name.clone()).or_default().push(ty.namespace.clone());
                for base in &ty.bases {
                    derived.entry(base.clone()).or_default().push(ty.name.clone());
                }
            }
            for m in &entry.members {
                members.entry(m.owner.clone()).or_default().insert(m.name.clone(), m.type_text.clone());
            }
            for (i, m) in entry.methods.iter().enumerate() {
                let by_owner: &mut HashMap<String, Vec<MethodRef>> = methods.entry(m.owner.clone()).or_default();
                by_owner.entry(m.name.clone()).or_default().push((file, i));
                methods_by_name.entry(m.name.clone()).or_default().push((file, i));
            }
            for (i, c) in entry.calls.iter().enumerate() {
                calls.entry(c.name.clone()).or_insert_with(Vec::new).push((file, i));
            }
            for (name, range) in &entry.references {
                references.entry(name.clone()).or_insert_with(Vec::new).push((file, range.clone()));
            }
            subscriptions.extend(entry.subscriptions.iter().map(|(name, _)| name.clone()));
            for (name, args) in &entry.opaque_calls {
                opaque_calls.entry(name.clone()).or_default().push(*args);
            }
            nameofs.extend(entry.nameofs.iter().cloned());
            for name in &entry.route_handlers {
                *route_handlers.entry(name.clone()).or_insert(0) += 1;
            }
        }
        // Only names that are workspace methods can be method groups.
        references.retain(|name, _| methods_by_name.contains_key(name));
        self.methods_by_name = methods_by_name;
        (self.bases, self.kinds, self.methods, self.calls, self.references, self.subscriptions) =
            (bases, kinds, methods, calls, references, subscriptions);
        (self.members, self.derived, self.namespaces, self.attributes) = (members, derived, namespaces, attributes);
        (self.opaque_calls, self.nameofs) = (opaque_calls, nameofs);
        self.route_handlers = route_handlers;
        self.global_usings = self.files.iter().flat_map(|f| f.global_usings.iter().cloned()).collect();
    }

    /// The attributes on a workspace type's declarations (all partial parts).
    pub fn type_attributes(&self, name: &str) -> &[String] {
        self.attributes.get(name).map_or(&[], Vec::as_slice)
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

    /// Whether a type of this simple name is declared in the workspace outside the `System` and
    /// `Microsoft` namespaces: the user's own type, not a stand-in for a framework type.
    pub fn is_own_type(&self, name: &str) -> bool {
        self.namespaces.get(name).is_some_and(|ns| {
            ns.iter().any(|n| {
                !(n == "System" || n == "Microsoft" || n.starts_with("System.") || n.starts_with("Microsoft."))
            })
        })
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
    pub fn derives_from(&self, name: &str, targets: &std::collections::HashSet<String>) -> bool {
        self.type_and_bases(name).iter().any(|t| targets.contains(*t))
    }

    /// Whether some workspace type declares a method called `name`.
    pub fn declares_method_named(&self, name: &str) -> bool {
        self.methods_by_name.contains_key(name)
    }

    /// The workspace methods called `method` declared on `owner` or its base types.
    pub fn methods_named(&self, owner: &str, method: &str) -> Vec<MethodRef> {
        self.type_and_bases(owner)
            .into_iter()
            .filter_map(|t| self.methods.get(t).and_then(|by_name| by_name.get(method)))
            .flatten()
            .copied()
            .collect()
    }

    /// Every workspace method called `method`, on any type.
    pub fn methods_called(&self, method: &str) -> &[MethodRef] {
        self.methods_by_name.get(method).map_or(&[], Vec::as_slice)
    }

    /// The declared return types of the workspace methods called `method` on `owner` or its
    /// base types. Empty when the method is not declared in the workspace.
    pub fn return_types(&self, owner: &str, method: &str) -> Vec<&str> {
        self.methods_named(owner, method).into_iter().map(|m| self.method(m).returns.as_str()).collect()
    }

    /// The declared type of a field or property `name` of `owner` or its workspace bases.
    pub fn member_type(&self, owner: &str, name: &str) -> Option<&str> {
        self.type_and_bases(owner)
            .into_iter()
            .find_map(|t| self.members.get(t).and_then(|by_name| by_name.get(name)))
            .map(String::as_str)
    }

    /// The workspace types that derive from `name`, directly or not (each once).
    pub fn derived_types<'s>(&'s self, name: &'s str) -> Vec<&'s str> {
        let mut seen = HashSet::new();
        seen.insert(name);
        let mut order = Vec::new();
        let mut queue = vec![name];
        while let Some(t) = queue.pop() {
            for d in self.derived.get(t).into_iter().flatten() {
                if seen.insert(d.as_str()) {
                    order.push(d.as_str());
                    queue.push(d.as_str());
                }
            }
        }
        order
    }

    /// Resolves a call site: `M()`, `this.M()` and `base.M()` against the enclosing type and its
    /// bases; `x.M()` against the declared type of `x` (a local, parameter, field or property);
    /// `Type.M()` against a workspace type. Anything else is unknown.
    pub fn resolve(&self, call: &CallSite) -> Resolution {
        if call.local_callee {
            return Resolution::Unknown;
        }
        let owner = match (&call.receiver, &call.owner) {
            (Receiver::Implicit | Receiver::This, Some(owner)) => &**owner,
            (Receiver::Base, Some(owner)) => match self.bases.get(&**owner).and_then(|b| b.first()) {
                Some(base) => base.as_str(),
                None => return Resolution::Unknown,
            },
            (Receiver::Expression(text), owner) => {
                let declared =
                    call.receiver_type.as_deref().or_else(|| owner.as_deref().and_then(|o| self.member_type(o, text)));
                match declared {
                    Some(t) if self.is_workspace_type(crate::syntax::simple_name(t)) => crate::syntax::simple_name(t),
                    Some(_) => return Resolution::Unknown,
                    None if self.is_workspace_type(crate::syntax::simple_name(text)) => {
                        crate::syntax::simple_name(text)
                    }
                    None => return Resolution::Unknown,
                }
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
        self.global_usings.contains(namespace)
    }

    /// The family of a method: the interface members it implements and their other
    /// implementations, the virtual member it overrides and the other overrides. Members match
    /// by name and parameter count.
    pub fn family(&self, method: MethodRef) -> Family {
        let entry = self.method(method);
        let arity = entry.params.len();
        let same = |m: &MethodEntry| m.name == entry.name && m.params.len() == arity;
        let mut family = Family { methods: vec![method], outside: None };
        let mut owners: Vec<String> = vec![entry.owner.clone()];
        let mut i = 0;
        while i < owners.len() {
            let owner = owners[i].clone();
            // Up: bases that declare the member; down: types deriving from a declaring type.
            let related: Vec<&str> =
                self.type_and_bases(&owner).into_iter().skip(1).chain(self.derived_types(&owner)).collect();
            for t in related {
                for m in self.methods_named(t, &entry.name) {
                    let candidate = self.method(m);
                    if same(candidate) && candidate.owner == t && !family.methods.contains(&m) {
                        family.methods.push(m);
                        if !owners.contains(&candidate.owner) {
                            owners.push(candidate.owner.clone());
                        }
                    }
                }
            }
            i += 1;
        }
        family.methods.sort();
        let members: Vec<&MethodEntry> = family.methods.iter().map(|&m| self.method(m)).collect();
        let declares_root = members.iter().any(|m| {
            !m.has_modifier("override")
                && (self.type_kind(&m.owner) == Some("interface")
                    || m.has_modifier("virtual")
                    || m.has_modifier("abstract"))
        });
        if let Some(m) = members.iter().find(|m| m.has_modifier("override") && !declares_root) {
            family.outside =
                Some(format!("`{}.{}` overrides a member declared outside the workspace", m.owner, m.name));
        } else if let Some(m) = members.iter().find(|m| {
            m.explicit_interface.as_deref().is_some_and(|i| !self.is_workspace_type(i))
                || (self.type_kind(&m.owner) != Some("interface")
                    && !m.has_modifier("private")
                    && !m.has_modifier("static")
                    && self.has_outside_bases(&m.owner)
                    && !declares_root)
        }) {
            family.outside = Some(format!(
                "`{}.{}` may implement a member of a type declared outside the workspace",
                m.owner, m.name
            ));
        }
        family
    }

    /// Every call site of a method called `name`, anywhere in the workspace.
    pub fn calls_named(&self, name: &str) -> impl Iterator<Item = (FileId, &CallSite)> {
        self.calls.get(name).into_iter().flatten().map(|&(file, i)| (file, &self.files[file].calls[i]))
    }

    /// The call sites that resolve to `method`.
    pub fn callers_of(&self, method: MethodRef) -> Vec<(FileId, &CallSite)> {
        self.caller_ids(method).into_iter().map(|(file, i)| (file, &self.files[file].calls[i])).collect()
    }

    /// The call sites that resolve to `method`, as (file, position in that file's calls).
    pub fn caller_ids(&self, method: MethodRef) -> Vec<(FileId, usize)> {
        let name = &self.method(method).name;
        self.calls
            .get(name.as_str())
            .into_iter()
            .flatten()
            .copied()
            .filter(|&(file, i)| {
                matches!(self.resolve(&self.files[file].calls[i]), Resolution::Methods(ms) if ms.contains(&method))
            })
            .collect()
    }

    /// Places where a workspace method's name is used as a value (a possible method group).
    pub fn references_to(&self, name: &str) -> &[(FileId, Range<usize>)] {
        self.references.get(name).map_or(&[], Vec::as_slice)
    }

    /// The argument counts of the calls of `name` that the index records without a receiver it could
    /// resolve or a place to put `await` (conditional access `x?.M()`).
    pub fn opaque_calls_named(&self, name: &str) -> &[usize] {
        self.opaque_calls.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether some `nameof(…)` in the workspace names `name`.
    pub fn is_named_by_nameof(&self, name: &str) -> bool {
        self.nameofs.contains(name)
    }

    /// Whether a method of this name is passed to a minimal-API route mapping (`app.MapGet("/",
    /// GetItems)`) and used as a method group nowhere else: ASP.NET Core calls it.
    pub fn is_route_handler(&self, name: &str) -> bool {
        self.route_handlers.get(name).is_some_and(|&n| n == self.references_to(name).len())
    }

    /// Whether a method of this name is subscribed to (or unsubscribed from) an event somewhere in
    /// the workspace (`x.Click += OnClick;`): then it is an event handler.
    pub fn is_subscribed(&self, name: &str) -> bool {
        self.subscriptions.contains(name)
    }
}

/// The index of a workspace made of these texts, one file each: for the index's unit tests.
#[cfg(test)]
pub(crate) fn build_from_texts(texts: &[&str]) -> WorkspaceIndex {
    use crate::syntax::{parse, Node};
    WorkspaceIndex::build(
        texts
            .iter()
            .map(|t| {
                let tree = parse(t).expect("tree-sitter parses any text");
                FileIndex::extract(Node::root(&tree, t))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(texts: &[&str]) -> WorkspaceIndex {
        build_from_texts(texts)
    }

    #[test]
    fn bases_are_followed_across_files_and_partials() {
        let index = build(&[
            "partial class HomeController : AppController {}",
            "abstract class AppController : Microsoft.AspNetCore.Mvc.ControllerBase, IDisposable { Task<int> Load() => null; } partial class HomeController : IFoo {}",
        ]);
        let targets: std::collections::HashSet<String> = ["ControllerBase".to_owned()].into();
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
    fn a_local_function_shadows_the_method_of_that_name() {
        let index = build(&["class A { void Load() {} void F() { Load(); void Load() {} } void G() { Load(); } }"]);
        let resolved: Vec<_> = index.calls_named("Load").map(|(_, c)| index.resolve(c)).collect();
        assert_eq!(resolved, [Resolution::Unknown, Resolution::Methods(vec![(0, 0)])]);
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
    fn calls_through_typed_fields_and_properties_resolve_across_files() {
        let index = build(&[
            "partial class Service { async Task F(Store local) { await _repo.Load(); await local.Save(); await Db.Save(); } }",
            "partial class Service { private readonly IRepo _repo; Store Db { get; } }",
            "interface IRepo { Task Load(); } class Store { public Task Save() => null; }",
        ]);
        let resolved: Vec<_> =
            index.calls_named("Load").chain(index.calls_named("Save")).map(|(_, c)| index.resolve(c)).collect();
        assert_eq!(
            resolved,
            [Resolution::Methods(vec![(2, 0)]), Resolution::Methods(vec![(2, 1)]), Resolution::Methods(vec![(2, 1)])]
        );
    }

    #[test]
    fn families_join_interfaces_implementations_and_overrides() {
        let index = build(&[
            "interface IStore { Task Save(int id); }",
            "class SqlStore : IStore { public Task Save(int id) => null; public Task Save() => null; }",
            "class MemoryStore : IStore { public Task Save(int id) => null; }",
            "abstract class Job { public abstract Task Run(); } class Backup : Job { public override Task Run() => null; }",
            "class Handler : Outside { public override Task Run() => null; }",
            "class Widget : OutsideInterface { public Task Draw() => null; private Task Hidden() => null; }",
        ]);
        let family = index.family((2, 0));
        assert_eq!(family.methods, [(0, 0), (1, 0), (2, 0)], "interface member and both implementations");
        assert_eq!(family.outside, None);
        assert_eq!(index.family((1, 1)).methods, [(1, 1)], "an overload with another arity is not in the family");
        assert_eq!(index.family((3, 1)).methods, [(3, 0), (3, 1)]);
        assert_eq!(index.family((3, 1)).outside, None);
        assert!(index.family((4, 0)).outside.unwrap().contains("overrides a member declared outside"));
        assert!(index.family((5, 0)).outside.unwrap().contains("may implement"));
        assert_eq!(index.family((5, 1)).outside, None, "private members implement nothing implicitly");
    }

    #[test]
    fn only_workspace_method_names_count_as_method_groups() {
        let index = build(&["class A { void Run() {} void F() { Action a = Run; var b = Console; } }"]);
        assert_eq!(index.references_to("Run").len(), 1);
        assert!(index.references_to("Console").is_empty());
    }
}
