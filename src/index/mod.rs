//! The workspace index: what syntax alone does not say about a file.
//!
//! Each file contributes a [`FileIndex`] (its types and their bases, its methods with their
//! signatures, its call sites), extracted once per parse; the [`WorkspaceIndex`] merges them and
//! answers questions across files. Names are simple names: what cannot be resolved stays unknown,
//! and no fix is based on a guess.
//!
//! A file with nothing to check is not parsed at load ([`IndexSource::Deferred`]): the first
//! question whose answer it could change parses it (see [`triggers`]), and every answer is the one
//! an index of every file would give, in the same order.

mod async_disposable;
mod extract;
mod frameworks;
mod knowledge;
mod members;
mod token_apis;
pub mod triggers;
mod twins;
mod type_facts;
mod uses;

use foldhash::{HashMap, HashSet, HashSetExt};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

pub use async_disposable::{major_version, AsyncDisposable, AsyncDisposables};
pub use extract::{
    imported_namespace, is_task_type, Access, CallSite, EventTarget, FileIndex, GroupContext, LocalVar, MemberEntry,
    MemberUse, MethodEntry, MethodGroup, Param, Receiver, Stability, TypeEntry,
};
pub use frameworks::{Framework, FrameworkFamily};
pub use knowledge::{ExtraKnowledge, Knowledge};
pub use token_apis::{TokenApis, TokenOverload, TokenPosition};
pub use twins::{AsyncTwins, Availability, Twin};
pub use type_facts::{MemberType, TypeFacts};
pub use uses::is_value_position;

use crate::source::FileId;
use crate::syntax::{parse_file, ErrorRegions, Masks, Node, Parents, Parsed};
use triggers::{Place, Postings, Triggers};

/// A method of the workspace: the file that declares it and its position in that file's index.
pub type MethodRef = (FileId, usize);

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

/// Where the index of one file comes from.
pub enum IndexSource {
    /// Extracted at load (a file with a `global using`, and every file of a test's index).
    Extracted(Box<FileIndex>),
    /// Not parsed at load: its text, and what the text says about the entries it can hold. Its
    /// entries come from the first parse of it: its check's, or a question's.
    Deferred(Arc<str>, Triggers),
}

/// A deferred file once parsed: its entries, and its syntax errors and masked bytes (which its
/// check and a fix editing it need).
#[derive(Debug)]
pub struct DeferredFile {
    /// Its index entries.
    pub index: FileIndex,
    /// Its syntax-error regions.
    pub regions: ErrorRegions,
    /// What its tree was parsed from a masked view of.
    pub masks: Masks,
    /// Its entries by name (a question must not scan a file of a hundred thousand classes).
    maps: Maps,
}

impl DeferredFile {
    /// The entries of file `file`, parsed (`masks`: what it was parsed from a masked view of).
    pub fn of_root(file: FileId, root: Node<'_>, masks: Masks) -> Self {
        let mut index = FileIndex::extract(root);
        let regions = ErrorRegions::find(root);
        index.hide(root.source(), masks.ranges().iter().chain(regions.ranges()));
        let mut maps = Maps::default();
        maps.add(file, &index);
        DeferredFile { index, regions, masks, maps }
    }

    /// The entries of file `file`, parsed as `parsed` from `text`.
    pub fn of_parsed(file: FileId, parsed: &Parsed, text: &str) -> Self {
        let parents = Parents::of(&parsed.tree);
        Self::of_root(file, Node::root_with(&parsed.tree, text, &parents), parsed.masks.clone())
    }

    /// For a text the parser gave up on: no entries, all of it an error.
    pub fn unparsable(text: &str) -> Self {
        DeferredFile {
            index: FileIndex::default(),
            regions: ErrorRegions::whole(text.len()),
            masks: Masks::default(),
            maps: Maps::default(),
        }
    }
}

#[derive(Debug)]
enum Slot {
    Extracted(Box<FileIndex>),
    Deferred { text: Arc<str>, parsed: OnceLock<Box<DeferredFile>> },
}

/// Entries by name, as (file, position in that file's list): of all extracted files together, and
/// of each parsed deferred file on its own.
#[derive(Debug, Default)]
struct Maps {
    /// Type entries by type name.
    types: HashMap<String, Vec<(FileId, usize)>>,
    /// Type entries by the simple name of one of their bases.
    derived: HashMap<String, Vec<(FileId, usize)>>,
    /// Methods by owner type, then by name.
    methods: HashMap<String, HashMap<String, Vec<MethodRef>>>,
    /// Methods by name, on any type.
    methods_by_name: HashMap<String, Vec<MethodRef>>,
    /// Field and property entries by owner type, then by name: the last one.
    members: HashMap<String, HashMap<String, (FileId, usize)>>,
    calls: HashMap<Arc<str>, Vec<(FileId, usize)>>,
    /// Method groups by name.
    groups: HashMap<Arc<str>, Vec<(FileId, usize)>>,
    /// Names subscribed to an event somewhere.
    subscriptions: HashSet<Arc<str>>,
    opaque_calls: HashMap<String, Vec<usize>>,
    nameofs: HashSet<String>,
    hidden_names: HashSet<Arc<str>>,
    route_handlers: HashMap<String, usize>,
    global_usings: HashSet<String>,
}

impl Maps {
    /// Adds the entries of file `file`.
    fn add(&mut self, file: FileId, entry: &FileIndex) {
        for (i, ty) in entry.types.iter().enumerate() {
            self.types.entry(ty.name.clone()).or_default().push((file, i));
            for base in &ty.bases {
                self.derived.entry(base.clone()).or_default().push((file, i));
            }
        }
        for (i, m) in entry.members.iter().enumerate() {
            self.members.entry(m.owner.clone()).or_default().insert(m.name.clone(), (file, i));
        }
        for (i, m) in entry.methods.iter().enumerate() {
            let by_owner = self.methods.entry(m.owner.clone()).or_default();
            by_owner.entry(m.name.clone()).or_default().push((file, i));
            self.methods_by_name.entry(m.name.clone()).or_default().push((file, i));
        }
        for (i, c) in entry.calls.iter().enumerate() {
            self.calls.entry(c.name.clone()).or_default().push((file, i));
        }
        for (i, group) in entry.groups.iter().enumerate() {
            self.groups.entry(group.name.clone()).or_default().push((file, i));
            if matches!(group.context, GroupContext::Subscription { .. }) {
                self.subscriptions.insert(group.name.clone());
            }
        }
        for (name, args) in &entry.opaque_calls {
            self.opaque_calls.entry(name.clone()).or_default().push(*args);
        }
        self.nameofs.extend(entry.nameofs.iter().cloned());
        self.hidden_names.extend(entry.hidden_names.iter().cloned());
        for name in &entry.route_handlers {
            *self.route_handlers.entry(name.clone()).or_insert(0) += 1;
        }
        self.global_usings.extend(entry.global_usings.iter().cloned());
    }
}

/// The merged index of the whole workspace.
#[derive(Debug, Default)]
pub struct WorkspaceIndex {
    slots: Vec<Slot>,
    maps: Maps,
    deferred: Postings,
    parser: Option<Arc<dyn DeferredParse>>,
}

/// How the index gets the entries of a deferred file the first time a question needs them: the
/// index decides *when* a file is parsed (a question may need it), the session *how* (and whether
/// the tree is kept for the file's check: see `fix::shelf`).
pub trait DeferredParse: Send + Sync + std::fmt::Debug {
    /// The entries of file `file`, whose text is `text`.
    fn parse(&self, file: FileId, text: &str) -> DeferredFile;
}

/// Parses a deferred file and keeps nothing but its entries.
#[derive(Debug, Default)]
pub struct PlainParse;

impl DeferredParse for PlainParse {
    fn parse(&self, file: FileId, text: &str) -> DeferredFile {
        match parse_file(text) {
            Some(tree) => DeferredFile::of_parsed(file, &tree, text),
            None => DeferredFile::unparsable(text),
        }
    }
}

impl WorkspaceIndex {
    /// Merges the per-file indexes; `files[i]` is the index of file `i`.
    pub fn build(files: Vec<FileIndex>) -> Self {
        Self::build_from(files.into_iter().map(|f| IndexSource::Extracted(Box::new(f))).collect())
    }

    /// Merges the per-file indexes, some of them deferred; `sources[i]` is file `i`'s. Deferred
    /// files are parsed with [`PlainParse`].
    pub fn build_from(sources: Vec<IndexSource>) -> Self {
        Self::build_with(sources, Arc::new(PlainParse))
    }

    /// [`WorkspaceIndex::build_from`], with deferred files parsed by `parser`.
    pub fn build_with(sources: Vec<IndexSource>, parser: Arc<dyn DeferredParse>) -> Self {
        let mut deferred = Postings::default();
        let slots = sources
            .into_iter()
            .enumerate()
            .map(|(file, source)| match source {
                IndexSource::Extracted(index) => Slot::Extracted(index),
                IndexSource::Deferred(text, triggers) => {
                    deferred.add(file, &triggers);
                    Slot::Deferred { text, parsed: OnceLock::new() }
                }
            })
            .collect();
        deferred.shrink_to_fit();
        let mut index = WorkspaceIndex { slots, maps: Maps::default(), deferred, parser: Some(parser) };
        index.rebuild_maps();
        index
    }

    /// Replaces the index of one file (after fixes edited it).
    pub fn update(&mut self, file: FileId, entry: FileIndex) {
        self.slots[file] = Slot::Extracted(Box::new(entry));
    }

    /// Recomputes the merged maps after [`WorkspaceIndex::update`]s.
    pub fn rebuild_maps(&mut self) {
        let mut maps = Maps::default();
        for (file, slot) in self.slots.iter().enumerate() {
            if let Slot::Extracted(entry) = slot {
                maps.add(file, entry);
            }
        }
        self.maps = maps;
    }

    /// The index of one file (a deferred file is parsed now, once).
    pub fn file(&self, file: FileId) -> &FileIndex {
        match &self.slots[file] {
            Slot::Extracted(index) => index,
            Slot::Deferred { .. } => &self.deferred_file(file).expect("a deferred slot").index,
        }
    }

    /// A deferred file that has not been updated since, parsed (now, if no question needed it
    /// yet); `None` for a file extracted at load or updated.
    pub fn deferred_file(&self, file: FileId) -> Option<&DeferredFile> {
        match &self.slots[file] {
            Slot::Extracted(_) => None,
            Slot::Deferred { text, parsed } => Some(parsed.get_or_init(|| {
                Box::new(match &self.parser {
                    Some(parser) => parser.parse(file, text),
                    None => PlainParse.parse(file, text),
                })
            })),
        }
    }

    /// Gives a deferred file its entries from a parse made for another reason (its check), unless a
    /// question needed them first.
    pub fn provide(&self, file: FileId, entries: impl FnOnce() -> DeferredFile) {
        if let Slot::Deferred { parsed, .. } = &self.slots[file] {
            parsed.get_or_init(|| Box::new(entries()));
        }
    }

    /// Whether file `file` was parsed: extracted at load, or deferred and asked for since.
    #[cfg(test)]
    fn is_parsed(&self, file: FileId) -> bool {
        match &self.slots[file] {
            Slot::Extracted(_) => true,
            Slot::Deferred { parsed, .. } => parsed.get().is_some(),
        }
    }

    /// The entries by name of the deferred files that may hold an entry under `name` in `place`,
    /// parsed.
    fn deferred(&self, place: Place, name: &str) -> impl Iterator<Item = &Maps> {
        self.deferred.files(place, name).filter_map(move |file| self.deferred_file(file).map(|d| &d.maps))
    }

    /// The entries under one name, found by `get` in the maps of the extracted files and of the
    /// deferred files that may hold one: in file order and then in each file's order, as a map of
    /// every file would list them.
    fn merged<'s>(
        &'s self,
        place: Place,
        name: &str,
        get: impl Fn(&'s Maps) -> Option<&'s Vec<(FileId, usize)>>,
    ) -> Vec<(FileId, usize)> {
        let mut out: Vec<(FileId, usize)> = get(&self.maps).cloned().unwrap_or_default();
        let before = out.len();
        for maps in self.deferred(place, name) {
            out.extend(get(maps).into_iter().flatten());
        }
        if out.len() > before {
            out.sort_unstable();
            out.dedup();
        }
        out
    }

    /// The type entries (every partial part) of a type name.
    fn type_entries(&self, name: &str) -> Vec<&TypeEntry> {
        let refs = self.merged(Place::TypeName, name, |m| m.types.get(name));
        refs.into_iter().map(|(file, i)| &self.file(file).types[i]).collect()
    }

    /// The attributes on a workspace type's declarations (all partial parts).
    pub fn type_attributes(&self, name: &str) -> Vec<&str> {
        self.type_entries(name).into_iter().flat_map(|t| t.attributes.iter().map(String::as_str)).collect()
    }

    /// A method by reference.
    pub fn method(&self, (file, i): MethodRef) -> &MethodEntry {
        &self.file(file).methods[i]
    }

    /// Whether a type of this simple name is declared in the workspace.
    pub fn is_workspace_type(&self, name: &str) -> bool {
        self.maps.types.contains_key(name) || self.deferred(Place::TypeName, name).any(|m| m.types.contains_key(name))
    }

    /// Whether a type of this simple name is declared in the workspace outside the `System` and
    /// `Microsoft` namespaces: the user's own type, not a stand-in for a framework type.
    pub fn is_own_type(&self, name: &str) -> bool {
        self.type_entries(name).iter().any(|t| {
            let n = &t.namespace;
            !(n == "System" || n == "Microsoft" || n.starts_with("System.") || n.starts_with("Microsoft."))
        })
    }

    /// `class`, `struct`, `record` or `interface` for a workspace type (of its last declaration).
    pub fn type_kind(&self, name: &str) -> Option<&'static str> {
        self.type_entries(name).last().map(|t| t.kind)
    }

    /// The bases a type's declarations list, in order.
    fn bases(&self, name: &str) -> Vec<&str> {
        self.type_entries(name).into_iter().flat_map(|t| t.bases.iter().map(String::as_str)).collect()
    }

    /// The type and all its workspace base types, nearest first (each once; cycles are cut).
    pub fn type_and_bases<'s>(&'s self, name: &'s str) -> Vec<&'s str> {
        let mut seen = HashSet::new();
        let mut order = vec![name];
        seen.insert(name);
        let mut i = 0;
        while i < order.len() {
            for base in self.bases(order[i]) {
                if seen.insert(base) {
                    order.push(base);
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
        self.maps.methods_by_name.contains_key(name)
            || self.deferred(Place::MethodName, name).any(|m| m.methods_by_name.contains_key(name))
    }

    /// The workspace methods called `method` declared on `owner` itself.
    fn declared_methods(&self, owner: &str, method: &str) -> Vec<MethodRef> {
        self.merged(Place::TypeName, owner, |m| m.methods.get(owner).and_then(|by_name| by_name.get(method)))
    }

    /// The workspace methods called `method` declared on `owner` or its base types.
    pub fn methods_named(&self, owner: &str, method: &str) -> Vec<MethodRef> {
        self.type_and_bases(owner).into_iter().flat_map(|t| self.declared_methods(t, method)).collect()
    }

    /// Every workspace method called `method`, on any type.
    pub fn methods_called(&self, method: &str) -> Vec<MethodRef> {
        self.merged(Place::MethodName, method, |m| m.methods_by_name.get(method))
    }

    /// The declared return types of the workspace methods called `method` on `owner` or its
    /// base types. Empty when the method is not declared in the workspace.
    pub fn return_types(&self, owner: &str, method: &str) -> Vec<&str> {
        self.methods_named(owner, method).into_iter().map(|m| self.method(m).returns.as_str()).collect()
    }

    /// The declared type of a field or property `name` of `owner` or its workspace bases (the
    /// last declaration of that name in a type).
    pub fn member_type(&self, owner: &str, name: &str) -> Option<&str> {
        self.member_declaration(owner, name).map(|(_, entry)| entry.type_text.as_str())
    }

    /// The declaration of a field, property or event `name` of `owner` or its workspace bases (the
    /// last one of that name in a type), with the file that declares it.
    pub fn member_declaration(&self, owner: &str, name: &str) -> Option<(FileId, &MemberEntry)> {
        self.type_and_bases(owner).into_iter().find_map(|t| {
            let last = |m: &Maps| m.members.get(t).and_then(|by_name| by_name.get(name)).copied();
            let (file, i) =
                last(&self.maps).into_iter().chain(self.deferred(Place::TypeName, t).filter_map(last)).max()?;
            Some((file, &self.file(file).members[i]))
        })
    }

    /// The fields, properties and events that `owner` declares itself (every partial part), with
    /// the file declaring each; a name declared twice counts once (the last declaration).
    pub fn members_of(&self, owner: &str) -> Vec<(FileId, &MemberEntry)> {
        let mut refs: Vec<(FileId, usize)> = Vec::new();
        let mut add =
            |m: &Maps| refs.extend(m.members.get(owner).into_iter().flat_map(|by_name| by_name.values().copied()));
        add(&self.maps);
        for maps in self.deferred(Place::TypeName, owner) {
            add(maps);
        }
        refs.sort_unstable();
        refs.dedup();
        let mut out: Vec<(FileId, &MemberEntry)> = Vec::new();
        for (file, i) in refs {
            let member = &self.file(file).members[i];
            match out.iter().position(|(_, m)| m.name == member.name) {
                Some(at) => out[at] = (file, member),
                None => out.push((file, member)),
            }
        }
        out
    }

    /// Whether a workspace type is visible outside its assembly (some partial part is declared
    /// `public`, in public types).
    pub fn is_public_type(&self, name: &str) -> bool {
        self.type_entries(name).iter().any(|t| t.public)
    }

    /// The workspace types that derive from `name`, directly or not (each once).
    pub fn derived_types<'s>(&'s self, name: &'s str) -> Vec<&'s str> {
        let mut seen = HashSet::new();
        seen.insert(name);
        let mut order = Vec::new();
        let mut queue = vec![name];
        while let Some(t) = queue.pop() {
            let direct = self.merged(Place::TypeHeader, t, |m| m.derived.get(t));
            for (file, i) in direct {
                let d = self.file(file).types[i].name.as_str();
                if seen.insert(d) {
                    order.push(d);
                    queue.push(d);
                }
            }
        }
        order
    }

    /// Whether some file of the workspace imports `namespace` with `global using` (the index does
    /// not know projects: a global using in one project counts for all of them). Files with a
    /// `global using` are never deferred.
    pub fn has_global_using(&self, namespace: &str) -> bool {
        self.maps.global_usings.contains(namespace)
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

    /// The call sites of a method called `name`, as (file, position in that file's calls).
    pub fn call_ids(&self, name: &str) -> Vec<(FileId, usize)> {
        self.merged(Place::Word, name, |m| m.calls.get(name))
    }

    /// Every call site of a method called `name`, anywhere in the workspace.
    pub fn calls_named(&self, name: &str) -> impl Iterator<Item = (FileId, &CallSite)> {
        self.call_ids(name).into_iter().map(|(file, i)| (file, &self.file(file).calls[i]))
    }

    /// Places where a workspace method's name is used as a value (a possible method group); none
    /// for a name no workspace method has.
    pub fn references_to(&self, name: &str) -> Vec<(FileId, Range<usize>)> {
        self.method_groups(name).into_iter().map(|(file, group)| (file, group.range.clone())).collect()
    }

    /// The uses of `name` as a possible method group, with what each converts it to; none for a
    /// name no workspace method has.
    pub fn method_groups(&self, name: &str) -> Vec<(FileId, &MethodGroup)> {
        if !self.declares_method_named(name) {
            return Vec::new();
        }
        let refs = self.merged(Place::NotCalled, name, |m| m.groups.get(name));
        refs.into_iter().map(|(file, i)| (file, &self.file(file).groups[i])).collect()
    }

    /// The argument counts of the calls of `name` that the index records without a receiver it could
    /// resolve or a place to put `await` (conditional access `x?.M()`).
    pub fn opaque_calls_named(&self, name: &str) -> Vec<usize> {
        let mut out = self.maps.opaque_calls.get(name).cloned().unwrap_or_default();
        for maps in self.deferred(Place::Word, name) {
            out.extend(maps.opaque_calls.get(name).into_iter().flatten());
        }
        out
    }

    /// Whether `name` occurs in code asyncfix cannot read (a syntax error, an inactive `#if`
    /// branch) somewhere in the workspace: it may be a use of a method of that name.
    pub fn is_hidden_name(&self, name: &str) -> bool {
        self.maps.hidden_names.contains(name) || self.deferred(Place::Word, name).any(|m| m.hidden_names.contains(name))
    }

    /// Whether some `nameof(…)` in the workspace names `name`.
    pub fn is_named_by_nameof(&self, name: &str) -> bool {
        self.maps.nameofs.contains(name) || self.deferred(Place::Word, name).any(|m| m.nameofs.contains(name))
    }

    /// Whether a method of this name is passed to a minimal-API route mapping (`app.MapGet("/",
    /// GetItems)`) and used as a method group nowhere else: ASP.NET Core calls it.
    pub fn is_route_handler(&self, name: &str) -> bool {
        let extracted = self.maps.route_handlers.get(name).copied().unwrap_or(0);
        let deferred: usize = self.deferred(Place::RouteMapping, name).filter_map(|m| m.route_handlers.get(name)).sum();
        let count = extracted + deferred;
        count > 0 && count == self.references_to(name).len()
    }

    /// Whether a method of this name is subscribed to (or unsubscribed from) an event somewhere in
    /// the workspace (`x.Click += OnClick;`): then it is an event handler.
    pub fn is_subscribed(&self, name: &str) -> bool {
        self.maps.subscriptions.contains(name)
            || self.deferred(Place::Subscribed, name).any(|m| m.subscriptions.contains(name))
    }

    /// The type entry of a workspace type's last declaration (`None` for an outside type).
    pub fn type_entry(&self, name: &str) -> Option<&TypeEntry> {
        self.type_entries(name).into_iter().last()
    }
}

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
    fn members_of_a_type_are_listed_across_partial_parts() {
        let index = build(&[
            "partial class A { int x; CancellationToken Token { get; } } class B { int y; }",
            "partial class A { string x; } public class P {} internal partial class Q {} public partial class Q {}",
        ]);
        let members: Vec<(FileId, &str, &str)> =
            index.members_of("A").into_iter().map(|(f, m)| (f, m.name.as_str(), m.type_text.as_str())).collect();
        assert_eq!(members, [(0, "Token", "CancellationToken"), (1, "x", "string")], "the last declaration of `x`");
        assert!(index.members_of("Outside").is_empty());
        assert!(index.is_public_type("P") && index.is_public_type("Q") && !index.is_public_type("A"));
    }

    #[test]
    fn only_workspace_method_names_count_as_method_groups() {
        let index = build(&["class A { void Run() {} void F() { Action a = Run; var b = Console; } }"]);
        assert_eq!(index.references_to("Run").len(), 1);
        assert!(index.references_to("Console").is_empty());
    }

    /// The same workspace with files deferred: every answer must be the one the full index gives.
    const WORKSPACE: [&str; 8] = [
        "interface IStore { Task Save(int id); Task<int> Count(); }",
        "namespace App.Data; [Table] public partial class SqlStore : StoreBase, IStore { private readonly Db _db; public Task Save(int id) => _db.Exec(id); public Task<int> Count() => null; void Wire(Button b) { b.Click += OnClick; b.Tick += on_tick; Action a = Reset; var n = nameof(Count); } void OnClick(object s, EventArgs e) {} void on_tick(object s, EventArgs e) {} void Reset() {} public delegate void Changed(object s); }",
        "public partial class SqlStore { public Db Other { get; set; } int Helper() => Other?.Run(1) ?? 0; }",
        "abstract class StoreBase { public virtual Task Save(int id) => null; protected abstract void Reset(); }",
        "class Db { public Task Exec(int id) => null; public int Run(int x) => x; } record struct Point(int X);",
        "static class Routes { static void Map(App app) { app.MapGet(\"/\", GetItems); } static object GetItems() => null; }",
        "class Caller { void F(SqlStore s, IStore i) { s.Save(1); i.Count(); s.Wire(null); new Db().Exec(2); Helper(); } } // class Fake : IStore",
        "class Shapes : IStore { Task IStore.Count() => null; int? Maybe<T>(T x) => default; (int, int) Pair() => (0, 0); int[] Many /* c */ () => null; global::System.Threading.Tasks.Task Save(int id) => null; void Use(Shapes s) { var f = s.Maybe<int>(1); Func<int> g = () => Pair().Item1; s?.Many(); } }",
    ];

    fn deferred(texts: &[&str], extracted: &[usize]) -> WorkspaceIndex {
        let sources = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if extracted.contains(&i) {
                    let tree = crate::syntax::parse(t).unwrap();
                    IndexSource::Extracted(Box::new(FileIndex::extract(crate::syntax::Node::root(&tree, t))))
                } else {
                    IndexSource::Deferred(Arc::from(*t), Triggers::of(t))
                }
            })
            .collect();
        WorkspaceIndex::build_from(sources)
    }

    /// Every question of the index, asked about every word of the workspace, as text.
    fn answers(index: &WorkspaceIndex, words: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        for &w in words {
            out.push(format!(
                "{w}: {} {} {:?} {:?} {:?} {} {:?} {} {:?}",
                index.is_workspace_type(w),
                index.is_own_type(w),
                index.type_kind(w),
                index.type_and_bases(w),
                index.derived_types(w),
                index.has_outside_bases(w),
                index.type_attributes(w),
                index.declares_method_named(w),
                index.methods_called(w),
            ));
            let calls: Vec<_> =
                index.calls_named(w).map(|(f, c)| (f, c.range.clone(), c.receiver_type.clone())).collect();
            out.push(format!(
                "{w}: {calls:?} {:?} {:?} {:?} {} {} {}",
                index.references_to(w),
                index.method_groups(w),
                index.opaque_calls_named(w),
                index.is_named_by_nameof(w),
                index.is_route_handler(w),
                index.is_subscribed(w),
            ));
            for &owner in words {
                out.push(format!(
                    "{owner}.{w}: {:?} {:?} {:?}",
                    index.methods_named(owner, w),
                    index.member_type(owner, w),
                    index.implementations(owner, w, 1)
                ));
            }
        }
        let full = build(&WORKSPACE);
        for (file, f) in (0..WORKSPACE.len()).map(|file| (file, full.file(file))) {
            for i in 0..f.methods.len() {
                out.push(format!(
                    "{:?} {:?} {:?}",
                    index.family((file, i)),
                    index.call_ids(&index.method((file, i)).name),
                    index.method((file, i)).name
                ));
            }
        }
        out
    }

    #[test]
    fn deferred_files_give_the_answers_of_a_full_index() {
        let words: std::collections::BTreeSet<&str> = WORKSPACE
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric() && c != '_'))
            .filter(|w| !w.is_empty())
            .collect();
        let words: Vec<&str> = words.into_iter().collect();
        let expected = answers(&build(&WORKSPACE), &words);
        for extracted in [&[][..], &[0], &[1, 4], &[6]] {
            let index = deferred(&WORKSPACE, extracted);
            let got = answers(&index, &words);
            for (e, g) in expected.iter().zip(&got) {
                assert_eq!(e, g, "with files {extracted:?} extracted");
            }
        }
    }

    #[test]
    fn a_deferred_file_is_parsed_only_when_a_question_may_need_it() {
        let index = deferred(&WORKSPACE, &[]);
        assert!(index.is_workspace_type("Db"));
        assert!(index.is_parsed(4), "declares Db");
        assert!(!index.is_parsed(3) && !index.is_parsed(5), "neither declares nor mentions Db");
        assert!(!index.is_parsed(6), "mentions Db, but only a declaration can answer");
        assert_eq!(index.derived_types("IStore"), ["SqlStore", "Shapes"]);
        assert!(index.is_parsed(1), "its header names IStore");
        assert!(!index.is_parsed(6), "`class Fake : IStore` is in a comment");
        assert_eq!(index.calls_named("Exec").count(), 2);
        assert!(index.is_parsed(6), "calls Exec");
    }
}
