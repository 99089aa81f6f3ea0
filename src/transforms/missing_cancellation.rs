//! `missing-cancellation`: a method that awaits work a CancellationToken could stop, with no token
//! to give it. The fix adds a token parameter and threads it up the call chain, across files, to
//! the callers that have a token to give.
//!
//! The user documentation is `transforms/missing-cancellation/README.md`.
//!
//! The chain is planned from the workspace index alone, in two steps. First it is explored: from
//! the method, through the callers of each method that needs a token, each caller classified as
//! having one to give (a token parameter, a token reachable through members, a parameter the
//! framework binds, the public API of a library), being unable to give one (an entry point, a
//! handler, a test, a caller whose signature cannot change), or needing one in turn. Then only the
//! methods a real token can reach from one of the givers get the parameter: a chain whose every
//! root has no token is reported without a fix.

use std::collections::{HashMap, HashSet, VecDeque};

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::chain::Graph as ChainGraph;
use crate::fix::{Applicability, Edit, FileId, Fix};
use crate::index::{CallSite, MethodRef};
use crate::semantic::{MemberTokens, Reach, ScopeChoice, SignatureChange, UseKind};
use crate::syntax::{is_function, Node};
use crate::transforms::cancellation::{quoted_list, token_slot, tokens_at, Call, TokenSlot};
use crate::transforms::chain::{
    add_argument, add_parameter, describe, fresh_name, is_public_api, names_in, role, signature_blocker, site,
    token_binder, token_params_of, Imports, Role, Site,
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

/// The most methods one chain explores: callers beyond are not followed.
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
        if !entry.has_body || !awaits || !token_params_of(&cx.sem(), seed).is_empty() {
            return;
        }
        let starved = starved_calls(node, cx);
        let Some(name_node) = node.field("name") else { return };
        // A token given to `Task.Run` only stops a delegate that has not started yet: not a reason
        // to change a chain of signatures (task-run-io may remove the `Task.Run` anyway).
        if starved.iter().all(|(call, _)| matches!(call.name, "Run" | "StartNew")) {
            return;
        }
        // The role asks who uses the method, in the whole workspace: only once there is something
        // to report.
        let role = role(&cx.sem(), seed);
        if !matches!(role, Role::Ordinary | Role::ControllerAction) {
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
        let no_fix = |reason: String| {
            Diagnostic::new(&META, cx.file, range.clone(), format!("{message} (no automatic fix: {reason})"))
        };
        if let Some(reason) = blocker(cx, seed) {
            out.push(no_fix(reason));
            return;
        }
        let plan = Plan::explore(cx, seed);
        let diagnostic = match plan.unreached_reason() {
            Some(reason) => no_fix(reason),
            None => Diagnostic::new(&META, cx.file, range, message.clone()).with_fix(plan.fix(&starved)),
        };
        out.push(diagnostic);
    }
}

/// The calls in `method`'s own body (not in its lambdas) that could take a token and have none in
/// scope, with the argument that would pass it (given the token's name).
fn starved_calls<'a>(method: Node<'a>, cx: &'a FileContext<'a>) -> Vec<(Call<'a>, TokenSlot)> {
    let mut out = Vec::new();
    let Some(body) = method.field("body").or_else(|| method.child_of_kind("arrow_expression_clause")) else {
        return out;
    };
    body.walk(|n| {
        if n.kind() != "invocation_expression" {
            return;
        }
        let own = n.scope_ancestors().find(|a| is_function(a.kind())).is_some_and(|f| f.is(&method));
        if !own || !matches!(tokens_at(n, cx).choice, ScopeChoice::None) {
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
pub(crate) fn blocker(cx: &FileContext<'_>, m: MethodRef) -> Option<String> {
    if let Some(reason) = signature_blocker(&cx.sem(), m, SignatureChange::AddOptionalParameter) {
        return Some(reason);
    }
    let family = cx.index.family(m).methods;
    for &f in &family {
        let entry = cx.index.method(f);
        if entry.params.last().is_some_and(|p| p.modifier.as_deref() == Some("params")) {
            return Some(format!("`{}` has a `params` parameter", describe(cx.index, f)));
        }
        if cx.settings.keep_public_api && is_public_api(cx, f) {
            return Some(format!("`{}` is public API of a library (public API is kept)", describe(cx.index, f)));
        }
    }
    None
}

/// What a method reached by the chain is to it.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Status {
    /// It needs a token from its callers: the origin, or an ordinary caller without one.
    Needs,
    /// It has a token to pass: this expression (its parameter, `context.CancellationToken`).
    Has {
        /// The expression.
        token: String,
        /// Whether it is one of its parameters (rather than reached through members).
        parameter: bool,
    },
    /// It declares a token local: once the callee takes a token, unforwarded-cancellation passes
    /// the one in scope at the call.
    HasLocal,
    /// A framework calls it and binds a token parameter it is given (who, for the note).
    Bound(String),
    /// Public API of a library: callers outside the repository can pass a token to a new
    /// optional parameter.
    PublicApi,
    /// No token can come from it: what it is, for messages (`Program.Main`), and whether the
    /// chain's description should name it as a stop (a signature that cannot change, several
    /// tokens) rather than a root that has none (an entry point, a handler, a test).
    DeadEnd {
        /// What it is, or why it cannot take part.
        what: String,
        /// Named among the stops of the fix.
        stop: bool,
    },
}

impl Status {
    /// Whether a token is given here (the method is a root of the chain).
    fn gives(&self) -> bool {
        matches!(self, Status::Has { .. } | Status::HasLocal | Status::Bound(_) | Status::PublicApi)
    }

    /// Whether the method gets a new token parameter if a token reaches it.
    fn takes_parameter(&self) -> bool {
        matches!(self, Status::Needs | Status::Bound(_) | Status::PublicApi)
    }
}

/// A family of methods the chain reached (changed together when it changes).
struct Member {
    /// The family, the method reached first included.
    methods: Vec<MethodRef>,
    status: Status,
    /// The workspace calls of its methods.
    callers: Vec<Caller>,
    /// Whether a token can reach it: it gives one, or one of its callers is reached.
    reached: bool,
}

/// One call of a method of the chain.
struct Caller {
    /// The call site: its file and position in that file's calls.
    file: FileId,
    call: usize,
    /// The member of the chain the call is in, or what it is in when the chain cannot follow it
    /// (a lambda of `Jobs`).
    from: Result<usize, String>,
}

/// The chain explored from the origin, before any edit.
struct Plan<'c, 'a> {
    cx: &'c FileContext<'a>,
    members: Vec<Member>,
    /// The member each method belongs to.
    of: HashMap<MethodRef, usize>,
    /// Callers beyond [`MAX_CHAIN`] methods, not followed.
    too_long: bool,
    /// The method reported (one of the origin's family, not always the first).
    seed: MethodRef,
}

impl<'c, 'a> Plan<'c, 'a> {
    /// Explores the chain from `seed` through the callers of every member that needs a token,
    /// then marks the members a token can reach.
    fn explore(cx: &'c FileContext<'a>, seed: MethodRef) -> Self {
        let mut plan = Plan { cx, members: Vec::new(), of: HashMap::new(), too_long: false, seed };
        let status = plan.origin_status(seed);
        plan.add(seed, status);
        let mut queue = VecDeque::from([0]);
        let mut seen: HashSet<(FileId, usize)> = HashSet::new();
        while let Some(i) = queue.pop_front() {
            if !matches!(plan.members[i].status, Status::Needs | Status::PublicApi) {
                continue;
            }
            let sem = cx.sem();
            let calls: Vec<(FileId, usize)> = plan.members[i]
                .methods
                .clone()
                .into_iter()
                .flat_map(|m| sem.references(m).calls().collect::<Vec<_>>())
                .collect();
            for (file, call) in calls {
                if !seen.insert((file, call)) {
                    continue;
                }
                let site_entry = &cx.index.file(file).calls[call];
                let from = match site(file, site_entry) {
                    Site::Elsewhere(what) => Err(format!("{what} of `{}`", site_entry.owner.as_deref().unwrap_or("?"))),
                    Site::Method(caller) => match plan.of.get(&caller) {
                        Some(&j) => Ok(j),
                        None if plan.members.len() >= MAX_CHAIN => {
                            plan.too_long = true;
                            Err(format!(
                                "`{}` (the chain is longer than {MAX_CHAIN} methods)",
                                describe(cx.index, caller)
                            ))
                        }
                        None => {
                            let status = plan.caller_status(caller);
                            let j = plan.add(caller, status);
                            queue.push_back(j);
                            Ok(j)
                        }
                    },
                };
                plan.members[i].callers.push(Caller { file, call, from });
            }
        }
        plan.mark_reached();
        plan
    }

    /// Adds the family of `m` as a member with `status`; returns its position.
    fn add(&mut self, m: MethodRef, status: Status) -> usize {
        let methods = self.cx.index.family(m).methods;
        let i = self.members.len();
        for &f in &methods {
            self.of.insert(f, i);
        }
        self.of.insert(m, i);
        self.members.push(Member { methods, reached: status.gives(), status, callers: Vec::new() });
        i
    }

    /// What the origin is: a root a framework gives a token (its own parameter), public API of a
    /// library, or a method that needs a token from its callers.
    fn origin_status(&self, seed: MethodRef) -> Status {
        if let Some(who) = token_binder(&self.cx.sem(), seed) {
            return Status::Bound(who);
        }
        if is_public_api(self.cx, seed) {
            return Status::PublicApi;
        }
        Status::Needs
    }

    /// What a caller of a method of the chain is to it.
    fn caller_status(&self, caller: MethodRef) -> Status {
        let cx = self.cx;
        let (index, sem) = (cx.index, cx.sem());
        let name = describe(index, caller);
        let dead = |what: String, stop: bool| Status::DeadEnd { what, stop };
        if cx.project_of(caller.0).is_some_and(|p| p.kind == ProjectKind::Test) {
            return dead(format!("`{name}` (test code)"), false);
        }
        match token_params_of(&sem, caller).as_slice() {
            [token] => return Status::Has { token: (*token).to_owned(), parameter: true },
            [] => {}
            _ => return dead(format!("`{name}` has several tokens"), true),
        }
        let entry = index.method(caller);
        let types = sem.token_types(caller.0);
        if entry.locals.iter().any(|l| l.type_text.as_deref().is_some_and(|t| types.is_token(t))) {
            return Status::HasLocal;
        }
        let members = sem.method_member_tokens(caller);
        // A parameter the framework binds comes before the tokens of the type's members
        // (`HttpContext.RequestAborted`): the same token, and one that callers and tests can pass.
        let binder = token_binder(&sem, caller).filter(|_| blocker(cx, caller).is_none());
        let nearer_member = match &members {
            MemberTokens::One(t) => t.reach != Reach::MemberOfMember,
            MemberTokens::Ambiguous { reach, .. } => *reach != Reach::MemberOfMember,
            MemberTokens::None => false,
        };
        if let (Some(who), false) = (binder, nearer_member) {
            return Status::Bound(who);
        }
        match members {
            MemberTokens::One(token) => return Status::Has { token: token.text, parameter: false },
            MemberTokens::Ambiguous { names, .. } => {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                return dead(format!("`{name}` has several tokens in scope ({})", quoted_list(&names)), true);
            }
            MemberTokens::None => {}
        }
        match role(&sem, caller) {
            Role::EntryPoint | Role::EventHandler | Role::Test | Role::Invoked | Role::ControllerAction => {
                dead(format!("`{name}`"), false)
            }
            Role::Ordinary => {
                if let Some(reason) = blocker(cx, caller) {
                    return dead(reason, true);
                }
                if is_public_api(cx, caller) {
                    return Status::PublicApi;
                }
                Status::Needs
            }
        }
    }

    /// Marks every member a token reaches: one that gives a token, and every member one of whose
    /// callers is reached.
    fn mark_reached(&mut self) {
        loop {
            let mut changed = false;
            for i in 0..self.members.len() {
                if self.members[i].reached || self.members[i].status != Status::Needs {
                    continue;
                }
                let reached =
                    self.members[i].callers.iter().any(|c| c.from.as_ref().is_ok_and(|&j| self.members[j].reached));
                if reached {
                    self.members[i].reached = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    /// Why no token reaches the origin, when none does: where its chain ends.
    fn unreached_reason(&self) -> Option<String> {
        if self.members[0].reached {
            return None;
        }
        let name = describe(self.cx.index, self.seed);
        // Where the chain ends (`Program.Main`, a lambda of `Jobs`), and why it cannot go on (a
        // caller whose signature cannot change).
        let mut ends: Vec<String> = Vec::new();
        let mut reasons: Vec<String> = Vec::new();
        for member in &self.members {
            match &member.status {
                Status::DeadEnd { what, stop: true } => reasons.push(what.clone()),
                Status::DeadEnd { what, stop: false } => ends.push(what.clone()),
                Status::Needs if member.callers.is_empty() => {
                    ends.push(format!("`{}`", describe(self.cx.index, member.methods_first())))
                }
                _ => {}
            }
            for caller in &member.callers {
                if let Err(what) = &caller.from {
                    ends.push(what.clone());
                }
            }
        }
        ends.dedup();
        reasons.dedup();
        if self.members.len() == 1 && self.members[0].callers.is_empty() {
            return Some(format!("no caller of `{name}` has a token to give: nothing in the workspace calls it"));
        }
        // The origin itself has callers: it is not an end.
        let origin: Vec<String> =
            self.members[0].methods.iter().map(|&m| format!("`{}`", describe(self.cx.index, m))).collect();
        ends.retain(|e| !origin.contains(e));
        let mut text = format!("no caller of `{name}` has a token to give");
        if !ends.is_empty() || reasons.is_empty() {
            text += &format!(": its chain ends at {}", at_most_three(&ends));
        }
        if !reasons.is_empty() {
            let joint = if ends.is_empty() { ": its chain stops where" } else { "; it stops where" };
            text += &format!("{joint} {}", at_most_three(&reasons));
        }
        Some(text)
    }

    /// The fix: a token parameter on every member a token reaches that needs one, the token passed
    /// to the origin's `starved` calls and by every reached caller.
    fn fix(&self, starved: &[(Call<'_>, TokenSlot)]) -> Fix {
        let cx = self.cx;
        let index = cx.index;
        let mut edits: Vec<Edit> = Vec::new();
        let mut imports = Imports::default();
        // The token each member passes, when it passes one.
        let mut tokens: Vec<Option<String>> = vec![None; self.members.len()];
        let mut changed: Vec<MethodRef> = Vec::new();
        for (i, member) in self.members.iter().enumerate() {
            match &member.status {
                Status::Has { token, .. } => tokens[i] = Some(token.clone()),
                status if status.takes_parameter() && member.reached => {
                    let name = fresh_name(TOKEN_NAME, |n| {
                        member.methods.iter().any(|&f| names_in(index.method(f)).contains(n))
                    });
                    let optional = !matches!(status, Status::Bound(_)) || self.called_or_optional(member);
                    for &f in &member.methods {
                        let ty = imports.type_in(cx, f.0, "System.Threading", "CancellationToken", &mut edits);
                        let default = if optional { " = default" } else { "" };
                        edits.push(add_parameter(f.0, index.method(f), &format!("{ty} {name}{default}")));
                        changed.push(f);
                    }
                    tokens[i] = Some(name);
                }
                _ => {}
            }
        }
        let seed_token = tokens[0].clone().expect("the origin is reached, so it gets a token");
        for (call, slot) in starved {
            edits.push(call.append_argument(cx.file, &slot.argument(&seed_token)));
        }
        let mut stops: Vec<String> = Vec::new();
        for (i, member) in self.members.iter().enumerate() {
            let Some(parameter) =
                (member.status.takes_parameter() && member.reached).then(|| tokens[i].clone()).flatten()
            else {
                continue;
            };
            for caller in &member.callers {
                let from = match &caller.from {
                    Ok(j) => *j,
                    Err(what) => {
                        stops.push(format!("a call is in {what}"));
                        continue;
                    }
                };
                let site_entry = &index.file(caller.file).calls[caller.call];
                match (&self.members[from].status, &tokens[from]) {
                    (_, Some(token)) if self.members[from].reached => {
                        let callee = index.method(member.methods_first());
                        edits.push(pass(caller.file, site_entry, callee.params.len(), &parameter, token));
                    }
                    (Status::DeadEnd { what, stop: true }, _) => stops.push(what.clone()),
                    (Status::Needs, _) if !self.members[from].reached => stops
                        .push(format!("no token reaches `{}`", describe(index, self.members[from].methods_first()))),
                    _ => {}
                }
            }
        }
        if self.too_long {
            stops.push(format!("the chain is longer than {MAX_CHAIN} methods"));
        }
        stops.sort();
        stops.dedup();
        let seed = self.seed;
        let files: HashSet<FileId> = edits.iter().map(|e| e.file).collect();
        let mut description = format!("Add a `{seed_token}` parameter to `{}`", describe(index, seed));
        // Every method that gets the parameter: a family counts each of its methods.
        let others = self
            .members
            .iter()
            .skip(1)
            .filter(|m| m.reached && m.status.takes_parameter())
            .map(|m| m.methods.len())
            .sum::<usize>()
            + self.members[0].methods.len().saturating_sub(1);
        if others > 0 {
            description += &format!(
                " and thread it through {} in {}",
                plural(others, "more method", "more methods"),
                plural(files.len(), "file", "files")
            );
        }
        if !stops.is_empty() {
            let shown: Vec<&str> = stops.iter().take(3).map(String::as_str).collect();
            description += &format!("; the chain stops where {}", shown.join(", "));
            if stops.len() > 3 {
                description += &format!(" and {} more", stops.len() - 3);
            }
        }
        let shape = self.shape(seed, &changed, stops);
        Fix::new(description, edits, Applicability::Unsafe).with_chain(shape)
    }

    /// Whether a root the framework calls gets an optional parameter: code in the workspace calls
    /// it, or it has optional parameters already.
    fn called_or_optional(&self, member: &Member) -> bool {
        let sem = self.cx.sem();
        member.methods.iter().any(|&f| {
            let called = sem.references(f).uses.iter().any(|u| {
                matches!(u.kind, UseKind::Call { .. } | UseKind::UnresolvedCall { .. } | UseKind::ConditionalCall)
            });
            called || self.cx.index.method(f).params.iter().any(|p| p.default.is_some())
        })
    }

    /// The shape shown to the reviewer: the methods that get the token, from the origin up, and
    /// the callers that give one.
    fn shape(&self, seed: MethodRef, changed: &[MethodRef], stops: Vec<String>) -> crate::fix::chain::Chain {
        let cx = self.cx;
        let sem = cx.sem();
        let callers = |m: MethodRef| {
            let calls: Vec<(FileId, usize)> = sem.references(m).calls().collect();
            let calls = calls.into_iter().map(|(f, i)| site(f, &cx.index.file(f).calls[i]));
            calls.filter_map(|s| if let Site::Method(c) = s { Some(c) } else { None }).collect()
        };
        let note = |m: MethodRef| {
            let member = &self.members[*self.of.get(&m)?];
            match &member.status {
                Status::Bound(who) if member.reached => Some(who.clone()),
                Status::Has { parameter: true, .. } => Some("passes its token".into()),
                Status::Has { token, parameter: false } => Some(format!("passes `{token}`")),
                Status::HasLocal => Some("has a token local: unforwarded-cancellation passes it".into()),
                Status::PublicApi
                    if !member.callers.iter().any(|c| {
                        c.from.as_ref().is_ok_and(|&j| {
                            self.members[j].status.gives()
                                || self.members[j].reached && j != *self.of.get(&m).unwrap_or(&0)
                        })
                    }) =>
                {
                    Some("public API of a library: its callers can pass a token".into())
                }
                _ => None,
            }
        };
        let graph = ChainGraph {
            name: &|m| (describe(cx.index, m), m.0),
            callers: &callers,
            family: &|m| cx.index.family(m).methods,
            note: &note,
        };
        crate::fix::chain::tree(seed, changed, &graph, stops)
    }
}

impl Member {
    /// The method the chain reached first.
    fn methods_first(&self) -> MethodRef {
        self.methods[0]
    }
}

/// Passes `token` to `call` of a method with `params` parameters whose token parameter is
/// `parameter`: positionally when the call gives every other parameter, else by name.
fn pass(file: FileId, call: &CallSite, params: usize, parameter: &str, token: &str) -> Edit {
    let positional = !call.named_arguments && call.args == params;
    let argument = if positional { token.to_owned() } else { format!("{parameter}: {token}") };
    add_argument(file, call, &argument)
}

/// `` `A` ``, `` `A` and a lambda of `B` ``: ends as [`Plan::unreached_reason`] lists them (each is
/// already quoted where it names a method).
fn quoted_ends(ends: &[String]) -> String {
    match ends.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "callers asyncfix cannot follow".to_owned(),
    }
}

/// [`quoted_ends`] of the first three, and how many more there are.
fn at_most_three(ends: &[String]) -> String {
    let shown = ends.len().min(3);
    let mut list = quoted_ends(&ends[..shown]);
    if ends.len() > shown {
        list += &format!(" and {} more", ends.len() - shown);
    }
    list
}

/// `1 file`, `2 files`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Settings;
    use crate::transforms::testing::{application, assert_fix, assert_fix_in, assert_not_fixed, check};
    use crate::workspace::Project;

    const SERVICE: &str = "class S { public async Task<int> LoadAsync() { await Task.Delay(1); return 1; } }";

    /// The messages of the findings on `text` in an application.
    fn messages(text: &str) -> Vec<String> {
        check(&MissingCancellation, text, application(), &Settings::default()).into_iter().map(|d| d.message).collect()
    }

    fn library() -> Project {
        Project { kind: ProjectKind::Library, ..application() }
    }

    #[test]
    fn a_controller_action_gets_the_token_the_framework_binds() {
        // With `ControllerBase` in the workspace, nothing outside may declare `Get`: the action
        // gets the parameter ASP.NET Core binds (required: nothing in the workspace calls it).
        let stub = "class ControllerBase { }";
        assert_fix(
            &MissingCancellation,
            &format!("{SERVICE} {stub} class C : ControllerBase {{ S _s; public async Task<int> Get() {{ return await _s.LoadAsync(); }} }}"),
            "class S { public async Task<int> LoadAsync(System.Threading.CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); return 1; } } \
             class ControllerBase { } class C : ControllerBase { S _s; public async Task<int> Get(System.Threading.CancellationToken cancellationToken) { return await _s.LoadAsync(cancellationToken); } }",
        );
    }

    #[test]
    fn an_action_whose_signature_cannot_change_passes_the_request_token() {
        // ASP.NET Core's `ControllerBase` is outside the workspace: a public method of a type with
        // outside bases may implement an outside member, so its signature stays, and the request's
        // token is reached through `HttpContext` (types.txt).
        assert_fix(
            &MissingCancellation,
            &format!("{SERVICE} class C : ControllerBase {{ S _s; public async Task<int> Get() {{ return await _s.LoadAsync(); }} }}"),
            "class S { public async Task<int> LoadAsync(System.Threading.CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); return 1; } } \
             class C : ControllerBase { S _s; public async Task<int> Get() { return await _s.LoadAsync(HttpContext.RequestAborted); } }",
        );
    }

    #[test]
    fn a_caller_with_a_token_parameter_passes_it() {
        assert_fix(
            &MissingCancellation,
            &format!("{SERVICE} class W {{ S _s; async Task RunAsync(CancellationToken stopping) {{ await _s.LoadAsync(); }} }}"),
            "class S { public async Task<int> LoadAsync(System.Threading.CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); return 1; } } \
             class W { S _s; async Task RunAsync(CancellationToken stopping) { await _s.LoadAsync(stopping); } }",
        );
    }

    #[test]
    fn a_caller_passes_a_token_reached_through_its_members() {
        let field = format!("{SERVICE} class W {{ S _s; CancellationToken _stopping; async Task TickAsync() {{ await _s.LoadAsync(); }} }}");
        assert_fix(
            &MissingCancellation,
            &field,
            "class S { public async Task<int> LoadAsync(System.Threading.CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); return 1; } } \
             class W { S _s; CancellationToken _stopping; async Task TickAsync() { await _s.LoadAsync(_stopping); } }",
        );
        let grpc = format!(
            "{SERVICE} class G {{ S _s; public async Task<int> Say(Hello request, ServerCallContext context) {{ return await _s.LoadAsync(); }} }}"
        );
        assert_fix(
            &MissingCancellation,
            &grpc,
            "class S { public async Task<int> LoadAsync(System.Threading.CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); return 1; } } \
             class G { S _s; public async Task<int> Say(Hello request, ServerCallContext context) { return await _s.LoadAsync(context.CancellationToken); } }",
        );
    }

    #[test]
    fn a_chain_whose_roots_have_no_token_gets_no_fix() {
        let text = format!(
            "{SERVICE} class MainForm {{ S _s; async void ExportClick(object sender, EventArgs e) {{ await ExportAsync(); }} \
             async Task ExportAsync() {{ await _s.LoadAsync(); }} }}"
        );
        assert_not_fixed(&MissingCancellation, &text);
        let found = messages(&text);
        assert!(
            found.iter().any(|m| m
                .contains("no caller of `S.LoadAsync` has a token to give: its chain ends at `MainForm.ExportClick`")),
            "{found:?}"
        );
    }

    #[test]
    fn a_chain_that_stops_at_a_signature_that_cannot_change_says_why() {
        let text = format!(
            "{SERVICE} class J {{ S _s; async Task TickAsync() {{ await _s.LoadAsync(); }} Func<Task> Tick() {{ return TickAsync; }} }}"
        );
        let found = messages(&text);
        assert!(
            found.iter().any(|m| m.contains("no caller of `S.LoadAsync` has a token to give: its chain stops where `TickAsync` is used as a method group")),
            "{found:?}"
        );
    }

    #[test]
    fn a_method_nothing_calls_gets_no_token_in_an_application() {
        assert_not_fixed(&MissingCancellation, SERVICE);
        let found = messages(SERVICE);
        assert!(
            found[0].contains("no caller of `S.LoadAsync` has a token to give: nothing in the workspace calls it"),
            "{found:?}"
        );
    }

    #[test]
    fn public_api_of_a_library_gets_an_optional_token() {
        let text = "public class S { public async Task<int> LoadAsync() { await Task.Delay(1); return 1; } }";
        assert_fix_in(
            &MissingCancellation,
            library(),
            text,
            "public class S { public async Task<int> LoadAsync(System.Threading.CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); return 1; } }",
        );
        let keep = Settings { keep_public_api: true, ..Settings::default() };
        let found = check(&MissingCancellation, text, library(), &keep);
        assert!(
            found.len() == 1 && found[0].fix.is_none(),
            "public API is kept: {:?}",
            found.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        assert!(found[0].message.contains("is public API of a library (public API is kept)"));
    }

    #[test]
    fn an_internal_method_of_a_library_needs_a_caller_with_a_token() {
        let text = "internal class S { public async Task<int> LoadAsync() { await Task.Delay(1); return 1; } }";
        let found = check(&MissingCancellation, text, library(), &Settings::default());
        assert!(found.len() == 1 && found[0].fix.is_none(), "not public API: no caller outside can pass a token");
    }

    #[test]
    fn an_aliased_token_parameter_is_a_token() {
        let text = "using Ct = System.Threading.CancellationToken;\nclass S { async Task LoadAsync(Ct ct) { await Task.Delay(1); } }";
        assert!(messages(text).is_empty(), "the method has a token: unforwarded-cancellation's business");
        let caller = format!("using Ct = System.Threading.CancellationToken;\n{SERVICE} class W {{ S _s; async Task RunAsync(Ct ct) {{ await _s.LoadAsync(); }} }}");
        assert_fix(
            &MissingCancellation,
            &caller,
            "using Ct = System.Threading.CancellationToken;\nusing System.Threading;\nclass S { public async Task<int> LoadAsync(CancellationToken cancellationToken = default) { await Task.Delay(1, cancellationToken); return 1; } } \
             class W { S _s; async Task RunAsync(Ct ct) { await _s.LoadAsync(ct); } }",
        );
    }

    #[test]
    fn a_synchronous_caller_without_a_token_is_not_given_one() {
        // The demo's `Program.PrintForecast`: only `Main` calls it, and Main has no token.
        let text = format!(
            "{SERVICE} class Program {{ static S _s; static void Main() {{ Print(); }} static void Print() {{ var n = _s.LoadAsync().Result; }} \
             class C : ControllerBase {{ public async Task<int> Get() {{ return await _s.LoadAsync(); }} }} }}"
        );
        let found = check(&MissingCancellation, &text, application(), &Settings::default());
        let edits: Vec<&Edit> = found.iter().filter_map(|d| d.fix.as_ref()).flat_map(|f| &f.edits).collect();
        assert!(!edits.is_empty(), "the controller's chain is fixed");
        let after = crate::transforms::testing::apply(&text, edits.into_iter().cloned());
        assert!(after.contains("static void Print() { var n = _s.LoadAsync().Result; }"), "{after}");
        assert!(after.contains("return await _s.LoadAsync(HttpContext.RequestAborted);"), "{after}");
    }
}
