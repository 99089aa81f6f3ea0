//! What an awaited call may touch, as far as syntax and the workspace index can tell, and when two
//! such calls may interfere if they run at the same time.
//!
//! A call is described by its [`Effects`]: the families of non-concurrent types it uses (a
//! `DbContext`, a stream), the fields it reads and writes, the mutable collections it is given,
//! whether it runs a command or reaches code asyncfix cannot see. Workspace methods are looked
//! into through the index, in any file; anything else is judged by declared types and names.

use std::collections::{BTreeSet, HashSet};

use crate::check::FileContext;
use crate::index::{is_value_position, MethodEntry, MethodRef, Receiver};
use crate::syntax::{enclosing_types, local_type, member_type, simple_name, DeclaredType, Node};

/// How many workspace methods one awaited call may lead the analysis through before its effects
/// count as unknown.
const METHOD_BUDGET: usize = 64;

/// Static types whose calls are about timing or scheduling (`Task.Delay`, `Task.Run`).
pub(super) const TIMING_TYPES: &[&str] = &["Task", "ValueTask", "TaskEx", "TaskFactory"];

/// The name that stands for every member of the object in [`Effects::writes`] (`this` given
/// away).
const ANY_MEMBER: &str = "*";

/// What an awaited call may touch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Effects {
    /// It reaches code or objects whose behaviour is not known (an outside service, an
    /// unresolved call): it may use whatever another unknown or non-concurrent thing uses.
    pub unknown: bool,
    /// Families of non-concurrent types it uses (`database`, `stream`, `lock`, `channel`).
    pub families: BTreeSet<String>,
    /// Fields and properties (by name) it reads.
    pub reads: BTreeSet<String>,
    /// Fields and properties (by name) it writes.
    pub writes: BTreeSet<String>,
    /// Mutable collections and arrays (by name) it is given: two calls given the same one may
    /// both change it.
    pub shared: BTreeSet<String>,
    /// It runs code that calls a command (`_repo.CreateAsync(…)`, `conn.ExecuteAsync(…)`): its
    /// order against any other call matters.
    pub command: bool,
}

impl Effects {
    fn unknown() -> Self {
        Effects { unknown: true, ..Effects::default() }
    }

    fn family(family: String) -> Self {
        Effects { families: [family].into(), ..Effects::default() }
    }

    fn merge(&mut self, other: Effects) {
        self.unknown |= other.unknown;
        self.families.extend(other.families);
        self.reads.extend(other.reads);
        self.writes.extend(other.writes);
        self.shared.extend(other.shared);
        self.command |= other.command;
    }

    /// Whether two calls with these effects may interfere when they run at the same time: either
    /// runs a command; both reach unknown code, or one does and the other uses a non-concurrent
    /// type or writes a field; both use the same family of non-concurrent types; one writes what
    /// the other reads or writes; both are given the same mutable collection.
    pub fn conflicts_with(&self, other: &Effects) -> bool {
        let touches = |e: &Effects| !e.families.is_empty() || !e.writes.is_empty();
        self.command
            || other.command
            || (self.unknown && (other.unknown || touches(other)))
            || (other.unknown && touches(self))
            || self.families.intersection(&other.families).next().is_some()
            || self.shared.intersection(&other.shared).next().is_some()
            || writes_what_is_used(self, other)
            || writes_what_is_used(other, self)
    }
}

/// Whether `a` writes a field or property that `b` reads or writes.
fn writes_what_is_used(a: &Effects, b: &Effects) -> bool {
    let used = |name: &String| b.reads.contains(name) || b.writes.contains(name);
    a.writes.iter().any(used) || (a.writes.contains(ANY_MEMBER) && !(b.reads.is_empty() && b.writes.is_empty()))
}

/// What kind of thing a declared type is, for concurrency.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Class {
    /// Must not be used by two operations at once; the family.
    NonConcurrent(String),
    /// Made for concurrent use (`HttpClient`, `File`).
    Safe,
    /// A value or collection holding its object's own state, tracked by name.
    State,
    /// A workspace type whose methods the index can look into.
    Workspace(String),
    /// An outside type asyncfix knows nothing about.
    Other,
}

/// What a call runs, as far as its receiver says.
enum Callee {
    /// These workspace methods (every implementation that may run).
    Methods(Vec<MethodRef>),
    /// A method of an object of this class that is not a workspace method.
    Outside(Class),
    /// Nothing asyncfix can tell.
    Unknown,
}

/// Works out the effects of awaited calls in one file.
pub(super) struct Analyzer<'c, 'a> {
    cx: &'c FileContext<'a>,
    budget: usize,
    visited: HashSet<MethodRef>,
}

impl<'c, 'a> Analyzer<'c, 'a> {
    pub fn new(cx: &'c FileContext<'a>) -> Self {
        Analyzer { cx, budget: METHOD_BUDGET, visited: HashSet::new() }
    }

    /// The effects of starting one awaited call: what its own text mentions, plus what the method
    /// it calls does.
    pub fn call_effects(&mut self, call: Node<'_>) -> Effects {
        self.budget = METHOD_BUDGET;
        self.visited.clear();
        let mut fx = self.mentioned_effects(call);
        match self.callee(call) {
            Callee::Methods(methods) => {
                for m in methods {
                    let effects = self.method_effects(m);
                    fx.merge(effects);
                }
            }
            Callee::Outside(Class::NonConcurrent(family)) => fx.merge(Effects::family(family)),
            Callee::Outside(Class::Safe) => {}
            Callee::Outside(_) | Callee::Unknown => fx.unknown = true,
        }
        fx
    }

    /// The declared return type of the workspace methods a call runs, when they agree.
    pub fn returns_of(&self, call: Node<'_>) -> Option<String> {
        let Callee::Methods(methods) = self.callee(call) else { return None };
        let index = self.cx.index;
        let mut returns = methods.iter().map(|&m| index.method(m).returns.as_str());
        let first = returns.next()?;
        returns.all(|r| r == first).then(|| first.to_owned())
    }

    /// What a call in the checked file runs: `M()` and `this.M()` (the enclosing type and the
    /// types deriving from it), `base.M()`, `Type.M()`, `x.M()` and `x.P.Q.M()` by the declared
    /// types of `x`, `P` and `Q`; for a longer chain (`_db.Users.Where(…).ToListAsync()`), what its
    /// root's type says.
    fn callee(&self, call: Node<'_>) -> Callee {
        let index = self.cx.index;
        let (Some(function), Some(method)) = (call.field("function"), invoked_name(call)) else {
            return Callee::Unknown;
        };
        let args = argument_count(call);
        let enclosing = enclosing_types(call).next().and_then(|t| t.field("name")).map(|n| n.text());
        let receiver = match function.kind() {
            "identifier" | "generic_name" => None,
            "member_access_expression" => function.field("expression").map(|r| this_member(r).unwrap_or(r)),
            _ => return Callee::Unknown,
        };
        let methods = |owner: &str| {
            let found = index.implementations(owner, method, args);
            if found.is_empty() {
                Callee::Unknown
            } else {
                Callee::Methods(found)
            }
        };
        let Some(receiver) = receiver else { return enclosing.map_or(Callee::Unknown, methods) };
        match receiver.kind() {
            "this" => enclosing.map_or(Callee::Unknown, methods),
            "base" => {
                let base = enclosing.and_then(|e| index.type_and_bases(e).get(1).copied());
                base.map_or(Callee::Unknown, methods)
            }
            "identifier" => match self.type_of(receiver) {
                Some(Some(t)) => match self.classify(t) {
                    Class::Workspace(name) => methods(&name),
                    class => Callee::Outside(class),
                },
                Some(None) => Callee::Unknown,
                None if index.is_workspace_type(receiver.text()) => methods(receiver.text()),
                None if self.cx.knowledge.concurrency_safe_types.contains(receiver.text()) => {
                    Callee::Outside(Class::Safe)
                }
                None => Callee::Unknown,
            },
            _ => match self.member_chain_type(receiver) {
                Some(Class::Workspace(name)) => methods(&name),
                Some(class) => Callee::Outside(class),
                None => match chain_root(receiver).map(|root| (root, self.type_of(root))) {
                    Some((_, Some(Some(t)))) => match self.classify(t) {
                        class @ (Class::NonConcurrent(_) | Class::Safe) => Callee::Outside(class),
                        _ => Callee::Unknown,
                    },
                    Some((root, None)) if self.cx.knowledge.concurrency_safe_types.contains(root.text()) => {
                        Callee::Outside(Class::Safe)
                    }
                    _ => Callee::Unknown,
                },
            },
        }
    }

    fn classify(&self, type_text: &str) -> Class {
        let text = type_text.trim().trim_end_matches('?');
        if text.ends_with(']') {
            return Class::Other;
        }
        let name = simple_name(text);
        let (index, knowledge) = (self.cx.index, self.cx.knowledge);
        if let Some(family) = index.type_and_bases(name).iter().find_map(|t| knowledge.non_concurrent_types.get(*t)) {
            return Class::NonConcurrent(family.clone());
        }
        if knowledge.concurrency_safe_types.contains(name) {
            Class::Safe
        } else if knowledge.local_state_types.contains(name) {
            Class::State
        } else if index.is_workspace_type(name) {
            Class::Workspace(name.to_owned())
        } else {
            Class::Other
        }
    }

    /// The declared type of a name: `Some(Some(t))` for a local, parameter, field or property
    /// declared with a type, `Some(None)` for one whose type is not written (`var x = F();`) or
    /// that asyncfix cannot find although it is lower case (an outside base's member), `None`
    /// otherwise (a type name).
    fn type_of<'n>(&self, name_node: Node<'n>) -> Option<Option<&'n str>>
    where
        'a: 'n,
    {
        let name = name_node.text();
        for declared in [local_type(name, name_node), member_type(name, name_node)] {
            match declared {
                DeclaredType::Type(t) => return Some(Some(t)),
                DeclaredType::Unknown => return Some(None),
                DeclaredType::NotFound => {}
            }
        }
        let owner = enclosing_types(name_node).next().and_then(|t| t.field("name"))?;
        match self.cx.index.member_type(owner.text(), name) {
            Some(t) => Some(Some(t)),
            None => (!name.starts_with(|c: char| c.is_ascii_uppercase())).then_some(None),
        }
    }

    /// The class of `a.B.C` when `a` is declared with a type and each of `B`, `C` is a field or
    /// property the index finds on the type before it; the first non-concurrent type on the way
    /// wins.
    fn member_chain_type(&self, receiver: Node<'_>) -> Option<Class> {
        let mut names = Vec::new();
        let mut node = receiver;
        while node.kind() == "member_access_expression" && this_member(node).is_none() {
            names.push(node.field("name").filter(|n| n.kind() == "identifier")?.text());
            node = node.field("expression")?;
        }
        let root = this_member(node).unwrap_or(node);
        if names.is_empty() || root.kind() != "identifier" {
            return None;
        }
        let mut ty = self.type_of(root)??.to_owned();
        for name in names.into_iter().rev() {
            if let class @ Class::NonConcurrent(_) = self.classify(&ty) {
                return Some(class);
            }
            ty = self.cx.index.member_type(simple_name(ty.trim_end_matches('?')), name)?.to_owned();
        }
        Some(self.classify(&ty))
    }

    /// The non-concurrent objects, the mutable collections and the fields and properties that a
    /// call's own text mentions (its receiver, its arguments, the lambdas it passes). `this` given
    /// as an argument lets the callee change any member.
    fn mentioned_effects(&self, call: Node<'_>) -> Effects {
        let mut fx = Effects::default();
        let mut names: Vec<Node<'_>> = Vec::new();
        call.walk(|n| {
            if n.kind() == "identifier" && is_value_position(n) {
                names.push(n);
            } else if let Some(member) = this_member(n) {
                names.push(member);
            } else if n.kind() == "argument" && n.children().any(|c| c.kind() == "this") {
                fx.unknown = true;
                fx.writes.insert(ANY_MEMBER.to_owned());
            }
        });
        for id in names {
            let name = id.text();
            if matches!(local_type(name, id), DeclaredType::NotFound) {
                fx.reads.insert(name.to_owned());
            }
            if let Some(Some(t)) = self.type_of(id) {
                match self.classify(t) {
                    Class::NonConcurrent(family) => {
                        fx.families.insert(family);
                    }
                    _ if is_mutable_collection(t) => {
                        fx.shared.insert(name.to_owned());
                    }
                    _ => {}
                }
            }
        }
        fx
    }

    /// What running a workspace method may touch: the non-concurrent types of its type, its
    /// parameters and the fields and properties it uses; the fields it reads and writes; and,
    /// through the index, the same of the workspace methods it calls. A call is judged by its
    /// name (`command-verbs.txt`) only where its body cannot be seen.
    fn method_effects(&mut self, m: MethodRef) -> Effects {
        if !self.visited.insert(m) {
            return Effects::default();
        }
        if self.budget == 0 {
            return Effects::unknown();
        }
        self.budget -= 1;
        let index = self.cx.index;
        let entry = index.method(m);
        let owner = entry.owner.as_str();
        let mut fx = Effects::default();
        if let Class::NonConcurrent(family) = self.classify(owner) {
            fx.families.insert(family);
        }
        for p in &entry.params {
            if let Class::NonConcurrent(family) = self.classify(&p.type_text) {
                fx.families.insert(family);
            }
        }
        let outside_bases = index.type_and_bases(owner).iter().skip(1).any(|t| !index.is_workspace_type(t));
        self.member_effects(entry, outside_bases, &mut fx);
        let (file, _) = m;
        let range = &entry.range;
        let calls = index.file(file).calls_within(range);
        for call in calls {
            let command = self.cx.knowledge.command_word(&call.name).is_some();
            let receiver = match &call.receiver {
                Receiver::Expression(text) => &**text,
                _ if &*call.name == "nameof" => continue,
                _ => {
                    let found = index.implementations(owner, &call.name, call.args);
                    if found.is_empty() {
                        // Declared nowhere in the workspace: a local function (its body is part
                        // of this one), or an outside base's method.
                        let local = entry.locals.iter().any(|l| *l.name == *call.name);
                        if !local {
                            fx.unknown |= outside_bases;
                            fx.command |= command;
                        }
                    }
                    for callee in found {
                        let effects = self.method_effects(callee);
                        fx.merge(effects);
                    }
                    continue;
                }
            };
            // `(a ?? b).M()`, `((T)x).M()`: made from what the method uses, seen through that.
            let Some((root, direct)) = receiver_root(receiver) else { continue };
            let param = entry.params.iter().find(|p| p.name == root);
            let local = entry.locals.iter().rev().find(|l| l.name == root);
            let declared = match (param, local) {
                (Some(p), _) => Some(Some(p.type_text.as_str())),
                (None, Some(l)) => Some(l.type_text.as_deref()),
                (None, None) => None,
            };
            let member = declared.is_none();
            if member && !entry.uses.iter().any(|u| u.name == root) {
                continue;
            }
            let Some(ty) = declared.unwrap_or_else(|| index.member_type(owner, root)) else {
                if !member {
                    // A local whose type is not written (`var c = Make();`): what it was made
                    // from is seen; a command on it is a command.
                    fx.command |= command;
                } else if index.is_workspace_type(root) {
                    match index.implementations(root, &call.name, call.args) {
                        found if found.is_empty() => fx.unknown = true,
                        found => {
                            for callee in found {
                                let effects = self.method_effects(callee);
                                fx.merge(effects);
                            }
                        }
                    }
                } else if !TIMING_TYPES.contains(&root) && !self.cx.knowledge.local_state_types.contains(root) {
                    // `File.WriteAllTextAsync`, `Console.WriteLine`, the result of a call, a
                    // member the index cannot see: a command when its name says so.
                    // (`Task.Delay(…)` and `DateTime.UtcNow.AddDays(…)` are not.)
                    fx.command |= command;
                }
                continue;
            };
            let created = local.is_some_and(|l| l.created);
            match self.classify(ty) {
                // A call that changes a value or a collection of a field: a write of that field,
                // tracked by name. The method's own objects and its parameters are its own
                // business (what it was given is seen at the call).
                Class::State => {
                    if command && member {
                        fx.writes.insert(root.to_owned());
                    }
                }
                // Made for concurrent use (`_cache.Set(…)`, `_factory.CreateClient()`).
                Class::Safe => {}
                // A connection or context the method creates is its own, a new one on each call.
                Class::NonConcurrent(family) => {
                    if !created {
                        fx.families.insert(family);
                    }
                    fx.command |= command;
                }
                Class::Workspace(name) if direct => {
                    let found = index.implementations(&name, &call.name, call.args);
                    fx.unknown |= found.is_empty();
                    for callee in found {
                        let effects = self.method_effects(callee);
                        fx.merge(effects);
                    }
                }
                // An outside object (or a chain from a workspace one): made here it is the
                // method's own, unless a command is called on it; reached through a field or a
                // parameter it is unknown.
                Class::Workspace(_) | Class::Other => {
                    fx.unknown |= !created;
                    fx.command |= command;
                }
            }
        }
        fx
    }

    /// The fields and properties a workspace method uses: read, written, and of which types.
    fn member_effects(&self, entry: &MethodEntry, outside_bases: bool, fx: &mut Effects) {
        let index = self.cx.index;
        let knowledge = self.cx.knowledge;
        for u in &entry.uses {
            let name = u.name.as_str();
            let record = |fx: &mut Effects| {
                fx.reads.insert(u.name.clone());
                if u.written {
                    fx.writes.insert(u.name.clone());
                }
            };
            match index.member_type(&entry.owner, name) {
                Some(t) => {
                    record(fx);
                    match self.classify(t) {
                        Class::NonConcurrent(family) => {
                            fx.families.insert(family);
                        }
                        Class::Other => fx.unknown = true,
                        Class::Safe | Class::State | Class::Workspace(_) => {}
                    }
                }
                // A static member of a workspace type (`Counters.Total++`).
                None if index.is_workspace_type(name) => record(fx),
                None => {
                    let static_type =
                        knowledge.concurrency_safe_types.contains(name) || knowledge.local_state_types.contains(name);
                    let upper = name.starts_with(|c: char| c.is_ascii_uppercase());
                    // Upper case: a method of the type or an outside static type. Anything else
                    // (and anything in a type with an outside base) may be an inherited member
                    // asyncfix cannot see.
                    if static_type || (upper && !outside_bases) {
                        continue;
                    }
                    record(fx);
                    fx.unknown |= u.object;
                }
            }
        }
    }
}

/// The method name an invocation calls (`F`, `x.F`, `x.F<T>`, `x?.F`).
pub(super) fn invoked_name(invocation: Node<'_>) -> Option<&str> {
    let function = invocation.field("function")?;
    let name = match function.kind() {
        "identifier" | "generic_name" => function,
        "member_access_expression" => function.field("name")?,
        "conditional_access_expression" => function.named_children().last()?.field("name")?,
        _ => return None,
    };
    Some(simple_name(name.text()))
}

/// `this.x` → the `x` identifier.
fn this_member(node: Node<'_>) -> Option<Node<'_>> {
    (node.kind() == "member_access_expression")
        .then(|| node.field("expression").filter(|e| e.kind() == "this").and(node.field("name")))
        .flatten()
        .filter(|n| n.kind() == "identifier")
}

/// The identifier at the root of a chain (`_db` in `_db.Users.Where(…)`, in `this._db.Users`).
fn chain_root(expression: Node<'_>) -> Option<Node<'_>> {
    let mut node = expression;
    loop {
        if let Some(member) = this_member(node) {
            return Some(member);
        }
        node = match node.kind() {
            "identifier" => return Some(node),
            "invocation_expression" => node.field("function")?,
            "member_access_expression" | "element_access_expression" => node.field("expression")?,
            "conditional_access_expression" => node.field("condition")?,
            _ => return None,
        };
    }
}

/// The root name of a receiver's text and whether the receiver is that name itself: `_db` →
/// (`_db`, true), `this._db.Users` → (`_db`, false). `None` for other receivers.
fn receiver_root(text: &str) -> Option<(&str, bool)> {
    let text = text.strip_prefix("this.").or_else(|| text.strip_prefix("base.")).unwrap_or(text);
    let end = text.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '@')).unwrap_or(text.len());
    let root = &text[..end];
    let valid = root.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '@');
    valid.then_some((root, end == text.len()))
}

/// Arrays and the collections a callee can change through the reference it is given.
fn is_mutable_collection(type_text: &str) -> bool {
    let text = type_text.trim().trim_end_matches('?');
    text.ends_with(']')
        || matches!(
            simple_name(text),
            "List"
                | "IList"
                | "ICollection"
                | "Dictionary"
                | "IDictionary"
                | "HashSet"
                | "ISet"
                | "SortedSet"
                | "SortedDictionary"
                | "SortedList"
                | "LinkedList"
                | "Queue"
                | "Stack"
                | "StringBuilder"
                | "ConcurrentDictionary"
                | "ConcurrentQueue"
                | "ConcurrentBag"
        )
}

fn argument_count(call: Node<'_>) -> usize {
    call.field("arguments").map_or(0, |a| a.named_children().filter(|c| c.kind() == "argument").count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effects(f: impl FnOnce(&mut Effects)) -> Effects {
        let mut e = Effects::default();
        f(&mut e);
        e
    }

    #[test]
    fn conflicts_follow_the_documented_rules() {
        let http = Effects::default();
        let db = effects(|e| {
            e.families.insert("database".into());
        });
        let unknown = Effects::unknown();
        let writes_token = effects(|e| {
            e.writes.insert("_token".into());
        });
        let reads_token = effects(|e| {
            e.reads.insert("_token".into());
        });
        let command = effects(|e| e.command = true);
        assert!(!http.conflicts_with(&http), "two HttpClient calls");
        assert!(!http.conflicts_with(&db) && !http.conflicts_with(&unknown), "a safe call next to anything");
        assert!(db.conflicts_with(&db), "one family");
        assert!(unknown.conflicts_with(&unknown), "two unknowns");
        assert!(unknown.conflicts_with(&db), "an unknown and a DbContext");
        assert!(writes_token.conflicts_with(&reads_token) && reads_token.conflicts_with(&writes_token));
        assert!(!reads_token.conflicts_with(&reads_token), "two readers");
        assert!(command.conflicts_with(&http), "a command keeps its place");
        let gives_this = effects(|e| {
            e.writes.insert(ANY_MEMBER.into());
        });
        assert!(gives_this.conflicts_with(&reads_token) && !gives_this.conflicts_with(&http));
    }

    #[test]
    fn receiver_roots() {
        assert_eq!(receiver_root("_db"), Some(("_db", true)));
        assert_eq!(receiver_root("this._db"), Some(("_db", true)));
        assert_eq!(receiver_root("_db.Users"), Some(("_db", false)));
        assert_eq!(receiver_root("GetRepo()"), Some(("GetRepo", false)));
        assert_eq!(receiver_root("(a ?? b)"), None);
    }

    #[test]
    fn mutable_collections() {
        assert!(is_mutable_collection("List<string>") && is_mutable_collection("byte[]"));
        assert!(!is_mutable_collection("IReadOnlyList<string>") && !is_mutable_collection("string"));
    }
}
