//! `missing-cancellation`: a method that awaits work a CancellationToken could stop, with no token
//! to give it. The fix adds a token parameter and threads it up the call chain, across files.
//!
//! The user documentation is `transforms/missing-cancellation/README.md`.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::chain::Graph as ChainGraph;
use crate::fix::{Applicability, Edit, FileId, Fix};
use crate::index::{CallSite, MethodRef};
use crate::semantic::{SignatureChange, UseKind};
use crate::syntax::{is_function, tokens_in_scope, Node, TokenChoice};
use crate::transforms::cancellation::{quoted_list, token_slot, Call, TokenSlot};
use crate::transforms::chain::{
    add_argument, add_parameter, describe, fresh_name, names_in, role, signature_blocker, site, token_params, Imports,
    Role, Site,
};
use crate::transforms::{Meta, Transform};
use crate::workspace::ProjectKind;

static META: Meta = Meta {
    name: "missing-cancellation",
    code: "AF012",
    summary: "Method awaits cancellable work but accepts no `CancellationToken`",
    default_enabled: true,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/missing-cancellation/README.md"),
    words: &["async", "Task", "ValueTask"],
};

/// The most methods one fix changes: a chain longer than that stops there.
const MAX_CHAIN: usize = 200;

/// The name the new parameter takes (unless taken).
const TOKEN_NAME: &str = "cancellationToken";

/// Adds a token parameter to methods that need one and passes it from their callers, up to the
/// methods that have a token or are called by the framework.
pub struct MissingCancellation;

impl Transform for MissingCancellation {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["method_declaration"]
    }

    fn applies_to(&self, cx: &FileContext<'_>) -> bool {
        // Tests are called by the test runner, and their helpers by tests: no token comes down.
        cx.project.kind != ProjectKind::Test
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(seed) = cx.method_declared_by(node) else { return };
        let entry = cx.index.method(seed);
        let awaits = entry.has_modifier("async") || entry.returns_task();
        let role = role(&cx.sem(), seed);
        let has_token = !token_params(entry).is_empty();
        if !entry.has_body || !awaits || has_token || !matches!(role, Role::Ordinary | Role::ControllerAction) {
            return;
        }
        let starved = starved_calls(node, cx);
        let Some(name_node) = node.field("name") else { return };
        // A token given to `Task.Run` only stops a delegate that has not started yet: not a reason
        // to change a chain of signatures (task-run-io may remove the `Task.Run` anyway).
        if starved.iter().all(|(call, _)| matches!(call.name, "Run" | "StartNew")) {
            return;
        }
        let mut names: Vec<&str> = Vec::new();
        for (call, _) in &starved {
            if !names.contains(&call.name) && names.len() < 3 {
                names.push(call.name);
            }
        }
        let message = format!(
            "`{}` calls {} that could take a CancellationToken, but has none to pass",
            entry.name,
            quoted_list(&names)
        );
        let range = name_node.range();
        let diagnostic = match blocker(cx, seed) {
            Some(reason) => Diagnostic::new(&META, cx.file, range, format!("{message} (no automatic fix: {reason})")),
            None => Diagnostic::new(&META, cx.file, range, message).with_fix(thread_token(cx, seed, role, &starved)),
        };
        out.push(diagnostic);
    }
}

/// The calls in `method`'s own body (not in its lambdas) that could take a token and have none in
/// scope, with the argument that would pass it (given the token's name).
fn starved_calls<'a>(method: Node<'a>, cx: &FileContext<'a>) -> Vec<(Call<'a>, TokenSlot)> {
    let mut out = Vec::new();
    let Some(body) = method.field("body").or_else(|| method.child_of_kind("arrow_expression_clause")) else {
        return out;
    };
    body.walk(|n| {
        if n.kind() != "invocation_expression" {
            return;
        }
        let own = n.scope_ancestors().find(|a| is_function(a.kind())).is_some_and(|f| f.is(&method));
        if !own || !matches!(tokens_in_scope(n).choice, TokenChoice::None) {
            return;
        }
        let Some(call) = Call::parse(n) else { return };
        if let Some(slot) = token_slot(&call, &call.args, cx) {
            out.push((call, slot));
        }
    });
    out
}

/// Why a method of the chain cannot get a new parameter: a family reaching outside the workspace,
/// a method group, overloads, a `params` array (a positional token would bind to it), or a public
/// member of a library when public APIs are kept.
fn blocker(cx: &FileContext<'_>, m: MethodRef) -> Option<String> {
    if let Some(reason) = signature_blocker(&cx.sem(), m, SignatureChange::AddOptionalParameter) {
        return Some(reason);
    }
    let family = cx.index.family(m).methods;
    for &f in &family {
        let entry = cx.index.method(f);
        if entry.params.last().is_some_and(|p| p.modifier.as_deref() == Some("params")) {
            return Some(format!("`{}` has a `params` parameter", describe(cx.index, f)));
        }
        let public = entry.has_modifier("public")
            || entry.has_modifier("protected")
            || cx.index.type_kind(&entry.owner) == Some("interface");
        let library = cx.project_of(f.0).is_some_and(|p| p.kind == ProjectKind::Library);
        if cx.settings.keep_public_api && public && library {
            return Some(format!("`{}` is public API of a library (public API is kept)", describe(cx.index, f)));
        }
    }
    None
}

/// The edits of one chain, built method by method.
struct Chain<'a, 'c> {
    cx: &'c FileContext<'a>,
    edits: Vec<Edit>,
    imports: Imports,
    /// Methods that get (or have) the token, and its name there.
    tokens: HashMap<MethodRef, String>,
    /// Methods whose callers are still to visit.
    queue: VecDeque<MethodRef>,
    calls_done: HashSet<(FileId, usize)>,
    /// Where the chain stopped, for the message.
    stops: Vec<String>,
}

/// The fix for `seed`: a parameter on it and its family, the token passed to `starved` calls, and
/// every caller up the chain updated.
fn thread_token(cx: &FileContext<'_>, seed: MethodRef, role: Role, starved: &[(Call<'_>, TokenSlot)]) -> Fix {
    let mut chain = Chain {
        cx,
        edits: Vec::new(),
        imports: Imports::default(),
        tokens: HashMap::new(),
        queue: VecDeque::new(),
        calls_done: HashSet::new(),
        stops: Vec::new(),
    };
    let name =
        if role == Role::ControllerAction { chain.add_root(seed) } else { chain.add_to_family(seed, true, false) };
    for (call, slot) in starved {
        chain.edits.push(call.append_argument(cx.file, &slot.argument(&name)));
    }
    while let Some(m) = chain.queue.pop_front() {
        chain.update_callers(m);
    }
    let files: HashSet<FileId> = chain.edits.iter().map(|e| e.file).collect();
    let mut description = format!("Add a `{name}` parameter to `{}`", describe(cx.index, seed));
    let others = chain.tokens.len().saturating_sub(1);
    if others > 0 {
        description += &format!(
            " and thread it through {} in {}",
            plural(others, "more method", "more methods"),
            plural(files.len(), "file", "files")
        );
    }
    if !chain.stops.is_empty() {
        chain.stops.sort();
        chain.stops.dedup();
        let shown: Vec<&str> = chain.stops.iter().take(3).map(String::as_str).collect();
        description += &format!("; the chain stops where {}", shown.join(", "));
        if chain.stops.len() > 3 {
            description += &format!(" and {} more", chain.stops.len() - 3);
        }
    }
    // The shape shown to the reviewer: the methods that get the token, from `seed` up.
    let changed: Vec<MethodRef> = chain.tokens.keys().copied().collect();
    let sem = cx.sem();
    let callers = |m| {
        let calls: Vec<(FileId, usize)> = sem.references(m).calls().collect();
        let calls = calls.into_iter().map(|(f, i)| site(f, &cx.index.file(f).calls[i]));
        calls.filter_map(|s| if let Site::Method(c) = s { Some(c) } else { None }).collect()
    };
    let note = |m: MethodRef| match (chain.tokens.contains_key(&m), crate::transforms::chain::role(&cx.sem(), m)) {
        (true, Role::ControllerAction) => Some("controller action: ASP.NET Core passes the request's token".into()),
        (false, _) if !token_params(cx.index.method(m)).is_empty() => Some("passes its token".into()),
        _ => None,
    };
    let graph = ChainGraph {
        name: &|m| (describe(cx.index, m), m.0),
        callers: &callers,
        family: &|m| cx.index.family(m).methods,
        note: &note,
    };
    let shape = crate::fix::chain::tree(seed, &changed, &graph, chain.stops.clone());
    Fix::new(description, chain.edits, Applicability::Unsafe).with_chain(shape)
}

impl Chain<'_, '_> {
    /// Adds a token parameter to `m` and every member of its family; returns its name. The callers
    /// of an ordinary method are visited next; a root's are not (the framework calls it).
    fn add_to_family(&mut self, m: MethodRef, optional: bool, root: bool) -> String {
        let index = self.cx.index;
        let family = index.family(m).methods;
        let name = fresh_name(TOKEN_NAME, |n| family.iter().any(|&f| names_in(index.method(f)).contains(n)));
        for &f in &family {
            let entry = index.method(f);
            let ty = self.imports.type_in(self.cx, f.0, "System.Threading", "CancellationToken", &mut self.edits);
            let default = if optional { " = default" } else { "" };
            self.edits.push(add_parameter(f.0, entry, &format!("{ty} {name}{default}")));
            self.tokens.insert(f, name.clone());
            if !root {
                self.queue.push_back(f);
            }
        }
        name
    }

    /// A token parameter on a root the framework calls (and its family): required, unless code in
    /// the workspace calls it or it has optional parameters already.
    fn add_root(&mut self, m: MethodRef) -> String {
        let index = self.cx.index;
        let family = index.family(m).methods;
        let sem = self.cx.sem();
        let optional = family.iter().any(|&f| {
            let called = sem.references(f).uses.iter().any(|u| {
                matches!(u.kind, UseKind::Call { .. } | UseKind::UnresolvedCall { .. } | UseKind::ConditionalCall)
            });
            called || index.method(f).params.iter().any(|p| p.default.is_some())
        });
        self.add_to_family(m, optional, true)
    }

    /// Passes the token to every workspace call of `callee`, giving a token to callers that have
    /// none, or stopping where a caller cannot get one.
    fn update_callers(&mut self, callee: MethodRef) {
        let index = self.cx.index;
        let calls: Vec<(FileId, usize)> = self.cx.sem().references(callee).calls().collect();
        for (file, i) in calls {
            if !self.calls_done.insert((file, i)) {
                continue;
            }
            let call = &index.file(file).calls[i];
            let caller = match site(file, call) {
                Site::Method(caller) => caller,
                Site::Elsewhere(what) => {
                    self.stops.push(format!("a call is in {what} of `{}`", call.owner.as_deref().unwrap_or("?")));
                    continue;
                }
            };
            let token = match self.caller_token(caller) {
                Ok(Some(token)) => token,
                Ok(None) => continue,
                Err(stop) => {
                    self.stops.push(stop);
                    continue;
                }
            };
            self.pass(file, call, callee, &token);
        }
    }

    /// The token `caller` passes on: its own, or one the chain gives it. `Ok(None)` where the
    /// call keeps its default (entry points, handlers and tests have no token to give, and a
    /// caller with a token local is left to unforwarded-cancellation).
    fn caller_token(&mut self, caller: MethodRef) -> Result<Option<String>, String> {
        let index = self.cx.index;
        if let Some(token) = self.tokens.get(&caller) {
            return Ok(Some(token.clone()));
        }
        let entry = index.method(caller);
        if self.cx.project_of(caller.0).is_some_and(|p| p.kind == ProjectKind::Test) {
            return Ok(None);
        }
        match token_params(entry).as_slice() {
            [token] => return Ok(Some((*token).to_owned())),
            [] => {}
            _ => return Err(format!("`{}` has several tokens", describe(index, caller))),
        }
        if entry.locals.iter().any(|l| l.type_text.as_deref().is_some_and(crate::syntax::is_token_type)) {
            return Ok(None);
        }
        match role(&self.cx.sem(), caller) {
            Role::EntryPoint | Role::EventHandler | Role::Test | Role::Invoked => Ok(None),
            Role::ControllerAction => {
                if let Some(reason) = blocker(self.cx, caller) {
                    return Err(reason);
                }
                Ok(Some(self.add_root(caller)))
            }
            Role::Ordinary => {
                if self.tokens.len() >= MAX_CHAIN {
                    return Err(format!(
                        "`{}` (the chain is longer than {MAX_CHAIN} methods)",
                        describe(index, caller)
                    ));
                }
                if let Some(reason) = blocker(self.cx, caller) {
                    return Err(reason);
                }
                Ok(Some(self.add_to_family(caller, true, false)))
            }
        }
    }

    /// Passes `token` to `call` of `callee`: positionally when the call gives every other
    /// parameter, else by name.
    fn pass(&mut self, file: FileId, call: &CallSite, callee: MethodRef, token: &str) {
        let entry = self.cx.index.method(callee);
        let parameter = &self.tokens[&callee];
        let positional = !call.named_arguments && call.args == entry.params.len();
        let argument = if positional { token.to_owned() } else { format!("{parameter}: {token}") };
        self.edits.push(add_argument(file, call, &argument));
    }
}

/// `1 file`, `2 files`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
