//! `references`: every use of a workspace method, and whether a change of its signature would
//! break one.
//!
//! Uses are found by name, whatever its case or naming style (`OnClick`, `manager_Deleted`): the
//! calls that bind to the method, calls of the name that cannot be resolved (which may be calls of
//! it), conditional calls `x?.M()`, method groups (event subscriptions, delegate creations,
//! arguments, initializers, assignments, returns), `nameof(M)`, the name in code asyncfix cannot
//! read (a syntax error, an inactive `#if` branch), and the other members of its
//! family (the interface members it implements, the members it overrides, and theirs), with the
//! contract of a family that reaches outside the workspace.

use std::ops::Range;

use super::callees::{ArgShape, Callees};
use super::Semantics;
use crate::index::{EventTarget, GroupContext, MethodRef};
use crate::source::FileId;
use crate::syntax::{simple_name, Type};

/// A change of a method's signature that its uses must be able to take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureChange {
    /// `void` → `Task`: a delegate the method converts to no longer matches; a call left as it is
    /// still compiles (it drops the task).
    VoidToTask,
    /// `T` → `Task<T>`: a delegate no longer matches, and a call that uses the value and is left
    /// as it is no longer compiles.
    ValueToTask,
    /// A new optional parameter: a delegate's parameter list no longer matches; calls compile.
    AddOptionalParameter,
    /// A new required parameter: a delegate no longer matches, and a call left as it is no
    /// longer compiles.
    AddRequiredParameter,
    /// A new name: method groups, `nameof` and calls left as they are would keep the old one.
    Rename,
}

impl SignatureChange {
    /// Whether a call of the method that is not changed with it (one the index cannot resolve)
    /// stops compiling.
    fn breaks_unchanged_calls(self) -> bool {
        matches!(self, SignatureChange::ValueToTask | SignatureChange::AddRequiredParameter | SignatureChange::Rename)
    }
}

/// One use of a method.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Use {
    /// The file it is in.
    pub file: FileId,
    /// Where (the call, or the name).
    pub range: Range<usize>,
    /// What it is.
    pub kind: UseKind,
}

/// What a use of a method is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UseKind {
    /// A call that binds to it: the call site's position in its file's index.
    Call {
        /// The position in [`crate::index::FileIndex::calls`].
        site: usize,
    },
    /// A call of the name that cannot be resolved (a receiver of unknown type): it may call the
    /// method, and a change would leave it behind.
    UnresolvedCall {
        /// The position in [`crate::index::FileIndex::calls`].
        site: usize,
    },
    /// `x?.M(…)`: the index cannot say what it calls, and `await` in front would throw where it
    /// gives `null`.
    ConditionalCall,
    /// The name used as a value that may be this method converted to a delegate.
    MethodGroup {
        /// Where it is converted.
        context: GroupContext,
        /// The type around the use.
        owner: Option<String>,
    },
    /// `nameof(M)`.
    NameOf,
    /// The name in code asyncfix cannot read (a syntax error, a member set aside around one, an
    /// inactive `#if` branch): it may be a call of the method, which a change would leave behind.
    Hidden,
    /// Another member of its family: changed together with it.
    Family(MethodRef),
    /// The family reaches outside the workspace: the contract it must keep, for messages.
    OutsideContract(String),
}

/// Every use of a method.
#[derive(Clone, Debug, Default)]
pub struct References {
    /// The method.
    pub method: Option<MethodRef>,
    /// Its name.
    pub name: String,
    /// The uses, calls first.
    pub uses: Vec<Use>,
}

impl References {
    /// The calls that bind to the method: (file, position in that file's calls).
    pub fn calls(&self) -> impl Iterator<Item = (FileId, usize)> + '_ {
        self.uses.iter().filter_map(|u| match u.kind {
            UseKind::Call { site } => Some((u.file, site)),
            _ => None,
        })
    }

    /// The method groups, with the context of each.
    pub fn method_groups(&self) -> impl Iterator<Item = &Use> + '_ {
        self.uses.iter().filter(|u| matches!(u.kind, UseKind::MethodGroup { .. }))
    }

    /// The other members of the family.
    pub fn family(&self) -> impl Iterator<Item = MethodRef> + '_ {
        self.uses.iter().filter_map(|u| match u.kind {
            UseKind::Family(m) => Some(m),
            _ => None,
        })
    }
}

impl<'a> Semantics<'a> {
    /// The uses of the workspace method `m` as a method group only: the part of
    /// [`Semantics::references`] that asks only the files that may hold one, for a question such
    /// as "is it subscribed to an event?".
    pub fn method_group_references(&self, m: MethodRef) -> References {
        let name = self.index.method(m).name.clone();
        References { method: Some(m), uses: self.group_uses(&name), name }
    }

    fn group_uses(&self, name: &str) -> Vec<Use> {
        let groups = self.index.method_groups(name);
        let uses = groups.into_iter().map(|(file, group)| Use {
            file,
            range: group.range.clone(),
            kind: UseKind::MethodGroup {
                context: group.context.clone(),
                owner: group.owner.as_deref().map(str::to_owned),
            },
        });
        uses.collect()
    }

    /// Every use of the workspace method `m`.
    pub fn references(&self, m: MethodRef) -> References {
        let index = self.index;
        let entry = index.method(m);
        let name = entry.name.clone();
        let mut uses = Vec::new();
        for (file, site) in index.call_ids(&name) {
            let call = &index.file(file).calls[site];
            let kind = match self.site_callees(file, call) {
                Callees::Workspace(methods) if methods.contains(&m) => UseKind::Call { site },
                Callees::Unknown if ArgShape::of_site(call).fits(entry, false) => UseKind::UnresolvedCall { site },
                _ => continue,
            };
            uses.push(Use { file, range: call.range.clone(), kind });
        }
        if index.opaque_calls_named(&name).iter().any(|&args| entry.accepts_arg_count(args)) {
            uses.push(Use { file: m.0, range: entry.name_range.clone(), kind: UseKind::ConditionalCall });
        }
        uses.extend(self.group_uses(&name));
        if index.is_hidden_name(&name) {
            uses.push(Use { file: m.0, range: entry.name_range.clone(), kind: UseKind::Hidden });
        }
        if index.is_named_by_nameof(&name) {
            uses.push(Use { file: m.0, range: entry.name_range.clone(), kind: UseKind::NameOf });
        }
        let family = index.family(m);
        for &f in family.methods.iter().filter(|&&f| f != m) {
            uses.push(Use { file: f.0, range: index.method(f).name_range.clone(), kind: UseKind::Family(f) });
        }
        if let Some(outside) = family.outside {
            uses.push(Use { file: m.0, range: entry.name_range.clone(), kind: UseKind::OutsideContract(outside) });
        }
        References { method: Some(m), name, uses }
    }

    /// Why `change` would break a use of the method, naming the first use that cannot take it;
    /// `None` when every use is known and can. The other members of the family are not uses that
    /// block: a fix changes them together.
    pub fn signature_blocker(&self, references: &References, change: SignatureChange) -> Option<String> {
        let name = &references.name;
        for used in &references.uses {
            let why = match &used.kind {
                UseKind::Call { .. } | UseKind::Family(_) => continue,
                UseKind::OutsideContract(why) => why.clone(),
                UseKind::UnresolvedCall { .. } if change.breaks_unchanged_calls() => {
                    format!("a call of `{name}` on a receiver of unknown type may call it, and would be left as it is")
                }
                UseKind::ConditionalCall if change.breaks_unchanged_calls() => {
                    format!("a call `?.{name}(…)` may call it, and `await` would throw where it gives `null`")
                }
                UseKind::Hidden if change.breaks_unchanged_calls() => format!(
                    "`{name}` is named in code asyncfix cannot read (a syntax error or an inactive `#if` branch), which the change would leave behind"
                ),
                UseKind::UnresolvedCall { .. } | UseKind::ConditionalCall | UseKind::Hidden => continue,
                UseKind::NameOf if change == SignatureChange::Rename => {
                    format!("`nameof({name})` would be left behind")
                }
                UseKind::NameOf => continue,
                UseKind::MethodGroup { context, owner } => {
                    if change != SignatureChange::Rename && self.is_route_argument(used.file, context) {
                        // ASP.NET Core binds a minimal-API handler's parameters (a token to the
                        // request) and awaits what it returns.
                        continue;
                    }
                    self.describe_group(used.file, name, context, owner.as_deref(), change)
                }
            };
            return Some(why);
        }
        None
    }

    /// Whether a method group is an argument of a minimal-API route mapping (`app.MapGet("/",
    /// Handler)`).
    fn is_route_argument(&self, file: FileId, context: &GroupContext) -> bool {
        let GroupContext::Argument { call, .. } = context else { return false };
        self.index.file(file).call_at(call).is_some_and(|c| {
            matches!(
                &*c.name,
                "MapGet" | "MapPost" | "MapPut" | "MapDelete" | "MapPatch" | "MapMethods" | "MapFallback"
            )
        })
    }

    /// The message for a method group that blocks a change.
    fn describe_group(
        &self,
        file: FileId,
        name: &str,
        context: &GroupContext,
        owner: Option<&str>,
        change: SignatureChange,
    ) -> String {
        let consequence = match change {
            SignatureChange::VoidToTask => "a delegate that returns `void` cannot take an `async Task` method",
            SignatureChange::ValueToTask => "the delegate's return type would no longer match",
            SignatureChange::AddOptionalParameter | SignatureChange::AddRequiredParameter => {
                "the delegate's parameters would no longer match"
            }
            SignatureChange::Rename => "the method group would keep the old name",
        };
        match context {
            GroupContext::Subscription { event, target, delegate } => {
                let (event_owner, event_type) = self.event_of(target, event, owner);
                let on = event_owner.map_or_else(|| event.to_string(), |o| format!("{o}.{event}"));
                let what = match (delegate, event_type) {
                    (Some(d), _) => format!(", {}", with_article(simple_name(d))),
                    (None, Some(t)) => format!(", {}", with_article(&t.to_string())),
                    (None, None) => String::new(),
                };
                format!("`{name}` is subscribed to `{on}`{what}: {consequence}")
            }
            GroupContext::DelegateCreation { delegate } => {
                format!("`{name}` is passed to `new {delegate}(…)`: {consequence}")
            }
            GroupContext::Declared { type_text } => format!("`{name}` is converted to `{type_text}`: {consequence}"),
            GroupContext::Argument { call, .. } => {
                let callee = self.index.file(file).call_at(call).map(|c| c.name.to_string());
                match callee {
                    Some(callee) => format!("`{name}` is passed as a delegate to `{callee}`: {consequence}"),
                    None => format!("`{name}` is passed as a delegate: {consequence}"),
                }
            }
            GroupContext::Other => format!("`{name}` is used as a method group: {consequence}"),
        }
    }

    /// The type that declares the event a subscription is to (when the subscription's receiver
    /// has a declared type, or is the type itself) and the event's declared type.
    pub fn event_of(&self, target: &EventTarget, event: &str, owner: Option<&str>) -> (Option<String>, Option<Type>) {
        let owner_type = match target {
            EventTarget::Implicit => owner.map(str::to_owned),
            EventTarget::Expression { declared_type, .. } => {
                declared_type.as_deref().and_then(Type::parse).map(|t| t.name)
            }
        };
        let event_type = owner_type
            .as_deref()
            .and_then(|o| self.index.member_declaration(o, event))
            .and_then(|(file, member)| self.read_type(file, &member.type_text));
        (owner_type, event_type)
    }
}

/// "an `Action<Item[]>`", "a `ColorChangedEventHandler`".
fn with_article(type_text: &str) -> String {
    let article = if type_text.starts_with(['A', 'E', 'I', 'O', 'U']) { "an" } else { "a" };
    format!("{article} `{type_text}`")
}

#[cfg(test)]
mod tests {
    use crate::semantic::testing::Fixture;

    #[test]
    fn method_group_references_are_the_method_groups_of_references() {
        let fixture = Fixture::new(
            "class A { void OnTick(object s, System.EventArgs e) {} void Wire(B b) { b.Tick += OnTick; OnTick(null, null); System.Action<object, System.EventArgs> a = OnTick; } }",
            &["class B { public event System.EventHandler Tick; void F(A a) { } }"],
        );
        fixture.with(|sem, _| {
            let m = (0, 0);
            assert_eq!(sem.index.method(m).name, "OnTick");
            let all = sem.references(m);
            let groups = sem.method_group_references(m);
            let expected: Vec<_> = all.method_groups().map(|u| (u.file, u.range.clone())).collect();
            let got: Vec<_> = groups.uses.iter().map(|u| (u.file, u.range.clone())).collect();
            assert_eq!(expected.len(), 2, "the subscription and the delegate conversion");
            assert_eq!(got, expected);
            assert_eq!(all.calls().count(), 1, "the call is a use of references only");
        });
    }
}
