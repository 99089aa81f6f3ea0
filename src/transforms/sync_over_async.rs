//! `sync-over-async`: blocking on a task (`.Result`, `.Wait()`, `.GetAwaiter().GetResult()`,
//! `Task.WaitAll`, `Task.WaitAny`).
//!
//! The user documentation is `transforms/sync-over-async/README.md`. `.Result` and `.Wait()` are
//! common member names, so a site is only considered when there is evidence that the receiver is a
//! task ([`evidence`]); without it nothing is reported.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix, Priority};
use crate::semantic::{AwaitBlocker, Callees, Invocation, TaskKind as SemanticKind};
use crate::syntax::{
    declared_type, enclosing_function, in_async_code, in_postfix_position, invocation_parts, member_type, simple_name,
    DeclaredType, Node,
};
use crate::transforms::async_all_the_way;
use crate::transforms::async_code::{code_at, describe, is_zero_timeout, make_async, Code};
use crate::transforms::blocking_call::made_async_fix;
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "sync-over-async",
    code: "AF003",
    summary: "Blocking on a task with `.Result`, `.Wait()`, `.GetAwaiter().GetResult()` or `Task.WaitAll`",
    default_enabled: true,
    fix: Applicability::Safe,
    documentation: include_str!("../../transforms/sync-over-async/README.md"),
    words: &["Result", "Wait", "GetResult", "WaitAll", "WaitAny"],
};

/// Reports blocking waits on tasks, and replaces them with `await` inside async code.
pub struct SyncOverAsync;

impl Transform for SyncOverAsync {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["member_access_expression", "invocation_expression", "conditional_access_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        if let Some((pattern, receiver)) = blocking_form(node) {
            check_blocking(pattern, node, receiver, cx, out);
        } else if let Some((receiver, name @ ("WaitAll" | "WaitAny"))) = member_call(node) {
            if is_task_type_name(receiver) {
                check_wait_all(node, name, cx, out);
            }
        }
    }
}

/// `t.Result`, `t.Wait(…)` or `t.GetAwaiter().GetResult()` at `node` (and `t?.Result`,
/// `t?.Wait(…)`): the form and `t`.
fn blocking_form(node: Node<'_>) -> Option<(Pattern, Node<'_>)> {
    match node.kind() {
        "member_access_expression" => {
            let (receiver, name) = (node.field("expression")?, node.field("name")?);
            (name.text() == "Result" && !is_invoked(node)).then_some((Pattern::Result, receiver))
        }
        "conditional_access_expression" => {
            let (receiver, name) = conditional_member(node)?;
            (name == "Result" && !is_invoked(node)).then_some((Pattern::Result, receiver))
        }
        "invocation_expression"
            if node.field("function").is_some_and(|f| f.kind() == "conditional_access_expression") =>
        {
            let (receiver, name) = conditional_member(node.field("function")?)?;
            (name == "Wait").then_some((Pattern::Wait, receiver))
        }
        "invocation_expression" => match member_call(node)? {
            (receiver, "Wait") => Some((Pattern::Wait, receiver)),
            (receiver, "GetResult") if argument_count(node) == 0 => match member_call(receiver)? {
                (task, "GetAwaiter") if argument_count(receiver) == 0 => Some((Pattern::GetResult, task)),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// `t?.Name`: `t` and `Name`, for a conditional access of one member.
fn conditional_member(node: Node<'_>) -> Option<(Node<'_>, &str)> {
    let receiver = node.named_children().next()?;
    let binding = node.named_children().last().filter(|b| b.kind() == "member_binding_expression")?;
    let name = binding.field("name").or_else(|| binding.named_children().last())?;
    Some((receiver, name.text()))
}

/// Whether the wait at `node` is `t?.Result` or `t?.Wait()`.
fn is_conditional_form(node: Node<'_>) -> bool {
    node.kind() == "conditional_access_expression"
        || node.field("function").is_some_and(|f| f.kind() == "conditional_access_expression")
}

/// A blocking wait on a task in synchronous code, as async-all-the-way sees it: what it is
/// (`` `.Result` ``) and the edits that put `await` in its place once the code around it is async,
/// or why `await` cannot replace it. `None` when `node` is no such wait (or not known to be one).
pub(super) fn blocking_in_sync_code(
    node: Node<'_>,
    cx: &FileContext<'_>,
) -> Option<(&'static str, Result<Vec<Edit>, &'static str>)> {
    let (pattern, receiver) = blocking_form(node)?;
    if in_async_code(node) {
        return None;
    }
    let analysis = analyse(pattern, node, receiver, cx)?;
    Some((pattern.code(), analysis.rewrite.map(|(edits, _)| edits)))
}

/// The blocking forms that have a receiver: `t.Result`, `t.Wait(…)`, `t.GetAwaiter().GetResult()`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pattern {
    Result,
    Wait,
    GetResult,
}

impl Pattern {
    fn code(self) -> &'static str {
        match self {
            Pattern::Result => "`.Result`",
            Pattern::Wait => "`.Wait()`",
            Pattern::GetResult => "`.GetAwaiter().GetResult()`",
        }
    }
}

/// What is known of a task-like expression's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TaskKind {
    /// `Task` or `Task<T>`: may be awaited any number of times.
    Task,
    /// `ValueTask` or `ValueTask<T>`: must be consumed once.
    ValueTask,
    /// Awaitable, but which kind is unknown (`Task` or `ValueTask`, a configured or custom
    /// awaitable).
    Unknown,
    /// Only its name says it is a task (an `…Async` call the semantic layer cannot resolve): the
    /// finding stands, but `await` in its place is not known to compile.
    Named,
    /// An awaitable that is not a task (`YieldAwaitable`, a workspace type with `GetAwaiter`): what
    /// its `GetResult()` does is its own.
    Custom,
}

const FIX_TITLE: &str = "Replace with `await`";

/// Why a blocking wait in synchronous code at `node` gets no fix here, given why `await` could
/// not replace it even in async code (`rewrite`).
fn no_fix_in_sync_code(node: Node<'_>, rewrite: Option<&'static str>) -> String {
    if let Some(reason) = rewrite {
        return reason.to_owned();
    }
    let Some(function) = enclosing_function(node) else {
        return AwaitBlocker::CannotBeAsync.reason().to_owned();
    };
    match function.kind() {
        "method_declaration" => {
            format!("making {} async changes its callers, which `async-all-the-way` does", describe(function.node))
        }
        "local_function_statement" => format!("making {} async changes its callers", describe(function.node)),
        "lambda_expression" | "anonymous_method_expression" => {
            format!("{} is synchronous, and making it async changes the type of its delegate", describe(function.node))
        }
        _ => AwaitBlocker::CannotBeAsync.reason().to_owned(),
    }
}

/// What is known of a blocking wait: the edits that replace it with `await` and how sure they
/// are, or why that cannot be done.
struct Analysis {
    rewrite: Result<(Vec<Edit>, Applicability), &'static str>,
}

fn check_blocking(
    pattern: Pattern,
    node: Node<'_>,
    receiver: Node<'_>,
    cx: &FileContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(analysis) = analyse(pattern, node, receiver, cx) else { return };
    let code = pattern.code();
    let function = match code_at(node, cx) {
        Code::Sync => {
            // One finding per site: async-all-the-way reports the waits it can make async.
            if async_all_the_way::reports(node, cx) {
                return;
            }
            let why = no_fix_in_sync_code(node, analysis.rewrite.as_ref().err().copied());
            let message = format!("{code} blocks the thread in synchronous code (no automatic fix: {why})");
            out.push(Diagnostic::new(&META, cx.file, node.range(), message));
            return;
        }
        Code::Async => None,
        Code::TaskReturning(function) => Some(function),
    };
    let message = match function {
        Some(f) => format!("{code} blocks in {}, which returns a task", describe(f)),
        None => format!("{code} blocks inside async code"),
    };
    match analysis.rewrite {
        Err(reason) => {
            out.push(Diagnostic::new(&META, cx.file, node.range(), format!("{message} (no automatic fix: {reason})")));
        }
        Ok((edits, applicability)) => {
            let title = match applicability {
                Applicability::DisplayOnly => format!(
                    "{FIX_TITLE} (not applied: only the name says the receiver is a task, so `await` may not compile)"
                ),
                _ => FIX_TITLE.to_owned(),
            };
            let fix = isolated(Fix::new(title, edits, applicability), node, cx);
            out.extend(with_function_made_async(
                Diagnostic::new(&META, cx.file, node.range(), message),
                fix,
                function,
                cx,
            ));
        }
    }
}

/// The fix in its function's isolation group: it makes the function await.
fn isolated(fix: Fix, node: Node<'_>, cx: &FileContext<'_>) -> Fix {
    match enclosing_function(node) {
        Some(function) => fix.isolated((cx.file, function.node.start()), Priority::First),
        None => fix,
    }
}

/// The finding with its fix; in a function that returns a task without `async` (`function`),
/// the fix also makes the function async, or there is none and the message says why.
fn with_function_made_async(
    diagnostic: Diagnostic,
    fix: Fix,
    function: Option<Node<'_>>,
    cx: &FileContext<'_>,
) -> Option<Diagnostic> {
    let Some(function) = function else { return Some(diagnostic.with_fix(fix)) };
    match &*make_async(function, cx) {
        Ok(made) => Some(diagnostic.with_fix(made_async_fix(fix, made))),
        Err(reason) => {
            let message = format!("{} (no automatic fix: {reason})", diagnostic.message);
            Some(Diagnostic { message, ..diagnostic })
        }
    }
}

/// Whether the blocking wait at `node` (on `receiver`) is one to report, and how `await` would
/// replace it. `None` when it is not reported at all: no evidence of a task, or a task known to be
/// complete.
fn analyse(pattern: Pattern, node: Node<'_>, receiver: Node<'_>, cx: &FileContext<'_>) -> Option<Analysis> {
    // `nameof(t.Result)` does not block, and `x.Result = …` is no task.
    if is_in_nameof(node) || is_assigned(node) {
        return None;
    }
    // `a?.FAsync().Result`: tree-sitter's chain is not the compiler's, and `await` would throw on
    // null where the original yields null.
    if receiver.text().contains("?.") || receiver.text().contains("?[") {
        return None;
    }
    let kind = match evidence(receiver, cx) {
        Some(kind) => Some(kind),
        None if pattern == Pattern::GetResult && receiver.kind() == "invocation_expression" => Some(TaskKind::Unknown),
        None if pattern == Pattern::GetResult => None,
        None => return None,
    };
    // A type that may be awaitable (a workspace type with a base asyncfix does not know, such as
    // an `EventArgs` subclass) is no evidence for `.Result` and `.Wait()`, which most such types
    // that have them declare for themselves; `GetAwaiter().GetResult()` exists on awaitables only.
    if kind == Some(TaskKind::Custom) && pattern != Pattern::GetResult {
        return None;
    }
    if is_known_complete(receiver, node, cx) || runs_synchronously(receiver, cx) {
        return None;
    }
    // A zero timeout tests the task and returns at once: nothing blocks.
    if pattern == Pattern::Wait && first_argument(node).is_some_and(is_zero_timeout) {
        return None;
    }
    let reason = if is_conditional_form(node) {
        Some("`?.` gives `null` for a null task, where `await` would throw")
    } else if pattern == Pattern::Wait && argument_count(node) > 0 {
        Some("it has a timeout or a cancellation token")
    } else if pattern == Pattern::Wait && node.parent().is_none_or(|p| p.kind() != "expression_statement") {
        Some("it is not a statement of its own")
    } else if kind.is_none() {
        Some("the receiver is not known to be a task")
    } else if let Some(reason) = no_await_here(node, cx) {
        Some(reason)
    } else if kind != Some(TaskKind::Task) && is_read_twice(receiver, cx) {
        Some("it may be a `ValueTask`, which must not be awaited twice")
    } else if pattern != Pattern::GetResult && catches_aggregate_exception(node) {
        Some("a `catch` around it expects an `AggregateException`, which `await` does not throw")
    } else if has_comment_or_directive(&cx.text[receiver.end()..node.end()]) {
        Some("a comment is in the way")
    } else {
        None
    };
    if let Some(reason) = reason {
        return Some(Analysis { rewrite: Err(reason) });
    }
    let applicability = match pattern {
        // `GetResult()` throws the task's own exception, as `await` does; only the thread the rest
        // of the method runs on changes. `GetAwaiter()` is what `await` calls: it compiles.
        Pattern::GetResult
            if kind != Some(TaskKind::Custom) && !is_configured(receiver) && !has_thread_affinity(node, cx) =>
        {
            Applicability::Safe
        }
        Pattern::GetResult => Applicability::Unsafe,
        // Only the name says it is a task: `await` in its place is not known to compile.
        _ if matches!(kind, Some(TaskKind::Named | TaskKind::Custom)) => Applicability::DisplayOnly,
        // `.Result` and `.Wait()` wrap the exception in an `AggregateException`; `await` does not.
        _ => Applicability::Unsafe,
    };
    let parens = in_postfix_position(node) || is_cast_operand(node);
    let edits = if parens {
        vec![
            Edit::insert(cx.file, receiver.start(), "(await "),
            Edit::replace(cx.file, receiver.end()..node.end(), ")"),
        ]
    } else {
        vec![Edit::insert(cx.file, receiver.start(), "await "), Edit::replace(cx.file, receiver.end()..node.end(), "")]
    };
    Some(Analysis { rewrite: Ok((edits, applicability)) })
}

/// `Task.WaitAll(…)` and `Task.WaitAny(…)`.
fn check_wait_all(node: Node<'_>, name: &str, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(arguments) = node.field("arguments") else { return };
    let args: Vec<Node<'_>> = arguments.named_children().filter(|c| c.kind() == "argument").collect();
    if args.is_empty() || is_in_nameof(node) {
        return;
    }
    // `Task.WaitAll(tasks, 0)` tests the tasks and returns at once: nothing blocks.
    if args.get(1).and_then(|a| a.named_children().last()).is_some_and(is_zero_timeout) {
        return;
    }
    let code = format!("`Task.{name}`");
    let function = match code_at(node, cx) {
        Code::Sync => {
            let why = no_fix_in_sync_code(node, None);
            let message = format!("{code} blocks the thread in synchronous code (no automatic fix: {why})");
            out.push(Diagnostic::new(&META, cx.file, node.range(), message));
            return;
        }
        Code::Async => None,
        Code::TaskReturning(function) => Some(function),
    };
    let message = match function {
        Some(f) => format!("{code} blocks in {}, which returns a task", describe(f)),
        None => format!("{code} blocks inside async code"),
    };
    let when = if name == "WaitAll" { "WhenAll" } else { "WhenAny" };
    // With two or more arguments the last may be a timeout or a token (`WaitAll(tasks, 1000)`):
    // only a list of known tasks is the `params Task[]` overload.
    let all_tasks = args.len() == 1
        || args
            .iter()
            .all(|a| a.field("name").is_none() && a.named_children().next().is_some_and(|e| evidence(e, cx).is_some()));
    let is_statement = node.parent().is_some_and(|p| p.kind() == "expression_statement");
    let reason = if !all_tasks {
        Some("its arguments are not all known to be tasks; a timeout or a token has no `await` equivalent")
    } else if !is_statement && name == "WaitAny" {
        Some("its result is used, and `WhenAny` returns the task rather than its index")
    } else if !is_statement {
        Some("it is not a statement of its own")
    } else if let Some(reason) = no_await_here(node, cx) {
        Some(reason)
    } else if name == "WaitAll" && catches_aggregate_exception(node) {
        Some("a `catch` around it expects an `AggregateException`, which `await` does not throw")
    } else {
        None
    };
    let Some(method) = node.field("function").and_then(|f| f.field("name")) else { return };
    if let Some(reason) = reason {
        out.push(Diagnostic::new(&META, cx.file, node.range(), format!("{message} (no automatic fix: {reason})")));
        return;
    }
    let applicability = if name == "WaitAny" && !has_thread_affinity(node, cx) {
        // Neither `WaitAny` nor `WhenAny` throws the tasks' exceptions.
        Applicability::Safe
    } else {
        // `WaitAll` throws an `AggregateException` of every failure; `await WhenAll` the first one.
        Applicability::Unsafe
    };
    let edits = vec![Edit::insert(cx.file, node.start(), "await "), Edit::replace(cx.file, method.range(), when)];
    let fix = isolated(Fix::new(format!("Replace with `await Task.{when}`"), edits, applicability), node, cx);
    out.extend(with_function_made_async(Diagnostic::new(&META, cx.file, node.range(), message), fix, function, cx));
}

/// `receiver.Name(…)`: the receiver and the simple method name.
fn member_call(node: Node<'_>) -> Option<(Node<'_>, &str)> {
    if node.kind() != "invocation_expression" {
        return None;
    }
    let function = node.field("function").filter(|f| f.kind() == "member_access_expression")?;
    Some((function.field("expression")?, simple_name(function.field("name")?.text())))
}

/// The value of the first argument of a call.
fn first_argument(invocation: Node<'_>) -> Option<Node<'_>> {
    let arguments = invocation.field("arguments")?;
    arguments.named_children().find(|c| c.kind() == "argument")?.named_children().last()
}

fn argument_count(invocation: Node<'_>) -> usize {
    invocation.field("arguments").map_or(0, |a| a.named_children().filter(|c| c.kind() == "argument").count())
}

/// `t.Result(…)`: a delegate-typed member called `Result`, not the property read here.
fn is_invoked(node: Node<'_>) -> bool {
    node.parent()
        .is_some_and(|p| p.kind() == "invocation_expression" && p.field("function").is_some_and(|f| f.is(&node)))
}

/// `Task` or `System.Threading.Tasks.Task` as the receiver of a static call.
fn is_task_type_name(node: Node<'_>) -> bool {
    matches!(node.kind(), "identifier" | "qualified_name" | "member_access_expression")
        && matches!(node.text(), "Task" | "System.Threading.Tasks.Task" | "global::System.Threading.Tasks.Task")
}

fn is_in_nameof(node: Node<'_>) -> bool {
    node.scope_ancestors()
        .take_while(|a| !crate::syntax::is_function(a.kind()))
        .any(|a| a.kind() == "invocation_expression" && a.field("function").is_some_and(|f| f.text() == "nameof"))
}

fn is_assigned(node: Node<'_>) -> bool {
    node.parent().is_some_and(|p| {
        p.kind() == "assignment_expression" && p.field("left").is_some_and(|l| l.is(&node))
            || p.kind() == "argument" && p.children().any(|c| matches!(c.kind(), "ref" | "out"))
    })
}

fn is_cast_operand(node: Node<'_>) -> bool {
    node.parent().is_some_and(|p| p.kind() == "cast_expression" && p.field("value").is_some_and(|v| v.is(&node)))
}

/// `X.ConfigureAwait(…)`: after `await X.ConfigureAwait(false)` the rest of the method no longer
/// runs on the captured context, where the blocking call kept it.
fn is_configured(receiver: Node<'_>) -> bool {
    member_call(receiver).is_some_and(|(_, name)| name == "ConfigureAwait")
}

/// The ancestors of `node` inside its own function body, except those in runs of plain
/// expressions (see [`Node::scope_ancestors`]): statements, lambdas, invocations, clauses.
fn ancestors_in_function<'a>(node: Node<'a>) -> impl Iterator<Item = Node<'a>> {
    node.scope_ancestors().take_while(|a| !crate::syntax::is_function(a.kind()))
}

/// Why `await` cannot be written where `node` is, if it cannot.
/// In async code the semantic layer's rule; in synchronous code the same rule once the function
/// is made async (async-all-the-way's question).
fn no_await_here(node: Node<'_>, cx: &FileContext<'_>) -> Option<&'static str> {
    let sem = cx.sem();
    let allowed = if in_async_code(node) { sem.await_allowed(node) } else { sem.await_allowed_if_async(node) };
    allowed.err().map(|b| b.reason())
}

/// Whether a `try` around `node` (in the same function) has a `catch` that deals with
/// `AggregateException` or looks at `InnerException`: `await` throws the inner exception itself.
fn catches_aggregate_exception(node: Node<'_>) -> bool {
    ancestors_in_function(node).filter(|a| a.kind() == "try_statement").any(|t| {
        t.named_children()
            .filter(|c| c.kind() == "catch_clause")
            .any(|c| c.text().contains("AggregateException") || c.text().contains("InnerException"))
    })
}

/// Code whose meaning depends on staying on one thread: after an `await` the rest of the method
/// may run on another one.
fn has_thread_affinity(node: Node<'_>, cx: &FileContext<'_>) -> bool {
    let Some(function) = enclosing_function(node) else { return true };
    let text = function.node.text();
    *cx.memoized(ThreadAffinity(function.node.id()), || mentions_thread_affinity(text))
}

/// The key of [`has_thread_affinity`]'s answer for a function: its node id.
#[derive(PartialEq, Eq, Hash)]
struct ThreadAffinity(usize);

/// Whether `text` mentions an API whose meaning depends on staying on one thread.
fn mentions_thread_affinity(text: &str) -> bool {
    [
        "Monitor.",
        "Mutex",
        "ReaderWriterLock",
        "SpinLock",
        "ThreadLocal",
        "ThreadStatic",
        "Thread.CurrentThread",
        "ManagedThreadId",
    ]
    .iter()
    .any(|w| text.contains(w))
}

fn has_comment_or_directive(text: &str) -> bool {
    text.contains("//") || text.contains("/*") || text.contains('#')
}

/// Evidence that `expr` is a task, and which kind. `None` when there is none: then nothing is
/// reported for `.Result` and `.Wait()`, which non-task types have too.
///
/// Evidence is: a call of a method whose name ends in `Async`; a call of a workspace method (or
/// local function) declared to return `Task`/`ValueTask`; `Task.Run`, `Task.FromResult`, …; a
/// cast to a task type; a local, parameter, field or property declared as a task, or a `var`
/// initialised with one of the above.
fn evidence(expr: Node<'_>, cx: &FileContext<'_>) -> Option<TaskKind> {
    match cx.sem().task_kind(expr) {
        SemanticKind::Task(_) => Some(TaskKind::Task),
        SemanticKind::ValueTask(_) => Some(TaskKind::ValueTask),
        SemanticKind::TaskOrValueTask(_) | SemanticKind::Configured => Some(TaskKind::Unknown),
        SemanticKind::CustomAwaitable => Some(TaskKind::Custom),
        SemanticKind::NotTaskLike | SemanticKind::AsyncEnumerable => None,
        // What the code's own declarations say (a `var` of every declaration in the member), or
        // the name alone.
        SemanticKind::Unknown => match evidence_within(expr, cx, 0) {
            Some(TaskKind::Unknown) => Some(TaskKind::Named),
            other => other,
        },
    }
}

/// [`evidence`], following `var` initialisers at most a few levels deep (`var a = b; var b = a;`
/// does not compile, but must not recurse forever either).
fn evidence_within(expr: Node<'_>, cx: &FileContext<'_>, depth: usize) -> Option<TaskKind> {
    if depth > 4 {
        return None;
    }
    match expr.kind() {
        "parenthesized_expression" => expr.named_children().next().and_then(|e| evidence_within(e, cx, depth + 1)),
        "invocation_expression" => call_evidence(expr),
        "cast_expression" => expr.field("type").and_then(|t| type_kind(t.text())),
        "conditional_expression" => {
            let branch = |f: &str| expr.field(f).map(|e| evidence_within(e, cx, depth + 1));
            common_kind(&[branch("consequence")?, branch("alternative")?])
        }
        "identifier" => name_evidence(expr.text(), expr, true, cx, depth),
        "member_access_expression" => {
            let receiver = expr.field("expression")?;
            let name = expr.field("name")?;
            let is_this = receiver.kind() == "this_expression" || receiver.text() == "this";
            (is_this && name.kind() == "identifier")
                .then(|| name_evidence(name.text(), expr, false, cx, depth))
                .flatten()
        }
        _ => None,
    }
}

/// Whether a type as written is a task type, and which.
fn type_kind(type_text: &str) -> Option<TaskKind> {
    match simple_name(type_text.trim_end_matches('?')) {
        "Task" => Some(TaskKind::Task),
        "ValueTask" => Some(TaskKind::ValueTask),
        _ => None,
    }
}

/// Static methods of `Task` that return a `Task`.
const TASK_FACTORIES: &[&str] = &["Run", "FromResult", "FromException", "FromCanceled", "Delay", "WhenAll", "WhenAny"];

fn call_evidence(call: Node<'_>) -> Option<TaskKind> {
    let (receiver, name) = invocation_parts(call)?;
    let name = simple_name(name.text());
    if let Some(receiver) = receiver {
        if is_task_type_name(receiver) && TASK_FACTORIES.contains(&name) {
            return Some(TaskKind::Task);
        }
        if (receiver.text().ends_with("Task.Factory") && name == "StartNew") || name == "AsTask" {
            return Some(TaskKind::Task);
        }
    }
    if name.len() > "Async".len() && name.ends_with("Async") {
        return Some(TaskKind::Unknown);
    }
    None
}

/// The member (or top-level program) whose body contains `node`.
fn outermost_function(node: Node<'_>) -> Option<Node<'_>> {
    let mut found = None;
    for a in node.scope_ancestors() {
        if crate::syntax::is_function(a.kind()) {
            found = Some(a);
        }
        if matches!(a.kind(), "global_statement") {
            return a.parent();
        }
    }
    found
}

/// Evidence for a name, from the declaration in scope at `at` (a local, a parameter, or a field
/// or property of the enclosing types; only the latter for `this.name`). A `var` declaration
/// counts when every declaration of the name in the member is a task (the scope lookup does not
/// say which `var` it found).
fn name_evidence(name: &str, at: Node<'_>, locals: bool, cx: &FileContext<'_>, depth: usize) -> Option<TaskKind> {
    let declared = if locals { declared_type(name, at) } else { member_type(name, at) };
    match declared {
        DeclaredType::Type(type_text) => type_kind(type_text),
        DeclaredType::Unknown => {
            let member = outermost_function(at)?;
            let declarations = || {
                let mut kinds: Vec<Option<TaskKind>> = Vec::new();
                member.walk(|n| {
                    if let Some(kind) = declaration_of(n, name, cx, depth) {
                        kinds.push(kind);
                    }
                });
                common_kind(&kinds)
            };
            // Deeper answers depend on the depth left (`var a = b; var b = a;`); the first level,
            // asked for each read of the name, is the same for every read in the member.
            match depth {
                0 => *cx.memoized(VarEvidence(member.id(), name.to_owned()), declarations),
                _ => declarations(),
            }
        }
        DeclaredType::NotFound => None,
    }
}

fn common_kind(kinds: &[Option<TaskKind>]) -> Option<TaskKind> {
    let first = kinds.first().copied().flatten()?;
    if kinds.iter().all(|k| *k == Some(first)) {
        Some(first)
    } else if kinds.iter().all(Option::is_some) {
        Some(TaskKind::Unknown)
    } else {
        None
    }
}

/// If `n` declares `name`: `Some(kind)` with the evidence its declaration gives (`Some(None)` for a
/// declaration that is not known to be a task).
fn declaration_of(n: Node<'_>, name: &str, cx: &FileContext<'_>, depth: usize) -> Option<Option<TaskKind>> {
    match n.kind() {
        "variable_declarator" if n.field("name")?.text() == name => {
            let declaration = n.parent().filter(|p| p.kind() == "variable_declaration")?;
            let ty = declaration.field("type")?;
            if ty.kind() == "implicit_type" || ty.text() == "var" {
                let value = n.named_children().filter(|c| !c.is(&n.field("name").unwrap_or(*c))).last();
                Some(
                    value
                        .filter(|v| v.kind() != "bracketed_argument_list")
                        .and_then(|v| evidence_within(v, cx, depth + 1)),
                )
            } else {
                Some(type_kind(ty.text()))
            }
        }
        "parameter" if n.field("name")?.text() == name => Some(n.field("type").and_then(|t| type_kind(t.text()))),
        "foreach_statement" if n.field("left").is_some_and(|l| l.text() == name) => {
            Some(n.field("type").and_then(|t| type_kind(t.text())))
        }
        "declaration_pattern" | "declaration_expression" if n.field("name").is_some_and(|l| l.text() == name) => {
            Some(n.field("type").and_then(|t| type_kind(t.text())))
        }
        "implicit_parameter" if n.text() == name => Some(None),
        // Anything else that introduces the name: lambda parameters, catch variables, query range
        // variables, deconstruction, pattern designations.
        "identifier" if n.text() == name => {
            let parent = n.parent()?;
            let declares = match parent.kind() {
                "implicit_parameter"
                | "catch_declaration"
                | "from_clause"
                | "let_clause"
                | "join_clause"
                | "join_into_clause"
                | "query_continuation"
                | "parenthesized_variable_designation"
                | "tuple_pattern"
                | "var_pattern"
                | "recursive_pattern"
                | "tuple_element" => true,
                "lambda_expression" => parent.field("parameters").is_some_and(|p| p.is(&n)),
                _ => false,
            };
            declares.then_some(None)
        }
        _ => None,
    }
}

/// The key of [`name_evidence`]'s answer for a `var` name in a member: the member's node id and
/// the name.
#[derive(PartialEq, Eq, Hash)]
struct VarEvidence(usize, String);

/// Whether the task `receiver` has certainly completed where it is read: it was awaited or waited
/// for before (in the same function) and not assigned since, it was passed to an awaited
/// `Task.WhenAll` (or to `Task.WaitAll`) before, its completion was tested, it is what an awaited
/// `Task.WhenAny` gave, or it is the antecedent of the `ContinueWith` callback the read is in.
/// Then `.Result` does not block.
fn is_known_complete(receiver: Node<'_>, node: Node<'_>, cx: &FileContext<'_>) -> bool {
    match receiver.kind() {
        "parenthesized_expression" => {
            return receiver.named_children().next().is_some_and(|e| is_known_complete(e, node, cx));
        }
        "conditional_expression" => {
            return ["consequence", "alternative"]
                .iter()
                .all(|f| receiver.field(f).is_some_and(|e| is_known_complete(e, node, cx)));
        }
        // `(await Task.WhenAny(a, b)).Result`: the task that completed.
        "await_expression" => return receiver.named_children().next().is_some_and(is_when_any),
        _ => {}
    }
    let Some(function) = enclosing_function(node) else { return false };
    let name = match receiver.kind() {
        "identifier" | "member_access_expression" => evidence_name(receiver),
        // `tasks[0].Result` after `await Task.WhenAll(tasks)`.
        "element_access_expression" => {
            return receiver.field("expression").and_then(evidence_name).is_some_and(|collection| {
                completion_of(function.node, cx).completes_before(&element_key(collection), node.start())
            })
        }
        _ => None,
    };
    let Some(name) = name else { return false };
    if let Some((parameter, target)) = continue_with_antecedent(function) {
        if receiver.text() == parameter || receiver.text() == target {
            return true;
        }
    }
    if completion_of(function.node, cx).completes_before(name, node.start()) {
        return true;
    }
    // An element of a collection whose tasks all completed: a `foreach` variable over it, or the
    // parameter of a lambda passed to a call on it (`tasks.Select(t => t.Result)`).
    if receiver.kind() == "identifier" {
        if let Some((collection, at, outer)) = element_source(receiver, function) {
            return completion_of(outer, cx).completes_before(&element_key(collection), at);
        }
    }
    false
}

/// The evidence of the function `function`, computed once.
fn completion_of(function: Node<'_>, cx: &FileContext<'_>) -> Arc<CompletionEvidence> {
    cx.memoized(CompletionKey(function.id()), || CompletionEvidence::of(function))
}

/// The key under which a collection of tasks that all completed is recorded.
fn element_key(collection: &str) -> String {
    format!("[]{collection}")
}

/// For a lambda that is the callback of `t.ContinueWith(…)`, the antecedent it runs after: the
/// name of its first parameter, and the text of `t`. `None` for other functions.
fn continue_with_antecedent(function: crate::syntax::Function<'_>) -> Option<(&str, &str)> {
    if function.kind() != "lambda_expression" {
        return None;
    }
    let call = function.node.parent().and_then(|a| a.parent()).and_then(|l| l.parent())?;
    let (target, name) = member_call(call)?;
    if name != "ContinueWith" {
        return None;
    }
    // Only its own parameter or its receiver: `_ => other.Result` still blocks on `other`.
    let first = function
        .node
        .named_children()
        .find(|c| matches!(c.kind(), "implicit_parameter" | "parameter_list" | "identifier"))?;
    let parameter = match first.kind() {
        "parameter_list" => first.named_children().find(|c| c.kind() == "parameter")?.field("name")?,
        _ => first,
    };
    Some((parameter.text(), target.text()))
}

/// Where the elements of a collection come from for `name`, declared by a `foreach` around it or
/// as the only parameter of the lambda `function` passed to a call on a collection: the
/// collection's name, the offset the evidence must precede, and the function to look in.
fn element_source<'a>(name: Node<'a>, function: crate::syntax::Function<'a>) -> Option<(&'a str, usize, Node<'a>)> {
    for a in name.scope_ancestors().take_while(|a| !crate::syntax::is_function(a.kind())) {
        if a.kind() == "foreach_statement" && a.field("left").is_some_and(|l| l.text() == name.text()) {
            let right = a.field("right").filter(|r| r.kind() == "identifier")?;
            return Some((right.text(), a.start(), function.node));
        }
    }
    if function.kind() != "lambda_expression" {
        return None;
    }
    let parameter = function.node.named_children().find(|c| c.kind() == "implicit_parameter")?;
    if parameter.text() != name.text() {
        return None;
    }
    let call = function.node.parent().and_then(|a| a.parent()).and_then(|l| l.parent())?;
    let (collection, _) = member_call(call)?;
    let outer = enclosing_function(call)?;
    (collection.kind() == "identifier").then(|| (collection.text(), call.start(), outer.node))
}

/// `Task.WhenAny(…)`, configured or not.
fn is_when_any(expr: Node<'_>) -> bool {
    let expr = member_call(expr).filter(|(_, m)| *m == "ConfigureAwait").map_or(expr, |(r, _)| r);
    member_call(expr).is_some_and(|(r, m)| m == "WhenAny" && is_task_type_name(r))
}

/// The key of a function's [`CompletionEvidence`]: the function's node id.
#[derive(PartialEq, Eq, Hash)]
struct CompletionKey(usize);

/// Where a function (lambdas inside it included) shows tasks complete, found in one walk and
/// shared by every blocking wait in it: a wait is on a completed task when evidence for its name
/// starts before it and the name is not assigned in between.
#[derive(Default)]
struct CompletionEvidence {
    /// Per name, the starts of `await name`, `name.Wait()`, `name.IsCompleted` (and the other
    /// status properties), of an awaited `Task.WhenAll` (or a `Task.WaitAll`) it is passed to,
    /// and of `var name = await Task.WhenAny(…)`. A collection passed to `WhenAll` is recorded
    /// under [`element_key`].
    by_name: HashMap<String, Vec<usize>>,
    /// Per name, where it is assigned (`name = …`, `var name = …`).
    assigned: HashMap<String, Vec<usize>>,
}

impl CompletionEvidence {
    fn of(function: Node<'_>) -> Self {
        let mut evidence = CompletionEvidence::default();
        function.walk(|n| match n.kind() {
            "await_expression" => {
                let awaited = n
                    .named_children()
                    .next()
                    .map(|e| member_call(e).filter(|(_, m)| *m == "ConfigureAwait").map_or(e, |(r, _)| r));
                evidence.record(awaited.and_then(evidence_name), n.end());
                if let Some(awaited) =
                    awaited.filter(|a| member_call(*a).is_some_and(|(r, m)| m == "WhenAll" && is_task_type_name(r)))
                {
                    evidence.record_all(awaited, n.end());
                }
            }
            "invocation_expression" => match member_call(n) {
                // `Task.WaitAll(a, b)` returns when every task is complete (or throws).
                Some((r, "WaitAll")) if is_task_type_name(r) && argument_count(n) > 0 => {
                    evidence.record_all(n, n.end())
                }
                // `t.Wait()` and `t.Wait(token)` return when the task is complete (or throw).
                Some((r, "Wait")) if argument_count(n) == 0 || is_token_wait(n) => {
                    evidence.record(evidence_name(r), n.end());
                }
                _ => {}
            },
            "member_access_expression" => {
                let tests_status = n.field("name").is_some_and(|m| {
                    matches!(
                        m.text(),
                        "IsCompleted" | "IsCompletedSuccessfully" | "IsFaulted" | "IsCanceled" | "Status"
                    )
                });
                if tests_status {
                    evidence.record(n.field("expression").and_then(evidence_name), n.start());
                }
            }
            "assignment_expression" => {
                if let Some(left) = n.field("left").and_then(evidence_name) {
                    evidence.assigned.entry(left.to_owned()).or_default().push(n.start());
                }
            }
            "variable_declarator" => {
                let Some(name) = n.field("name").map(|f| f.text()) else { return };
                evidence.assigned.entry(name.to_owned()).or_default().push(n.start());
                // `var done = await Task.WhenAny(a, b);`: the task that completed.
                let value = n.named_children().last().filter(|v| v.kind() == "await_expression");
                if value.and_then(|v| v.named_children().next()).is_some_and(is_when_any) {
                    evidence.record(Some(name), n.end());
                }
            }
            _ => {}
        });
        evidence
    }

    fn record(&mut self, name: Option<&str>, at: usize) {
        if let Some(name) = name {
            self.by_name.entry(name.to_owned()).or_default().push(at);
        }
    }

    /// Every task passed to `call` (`WhenAll(a, b)`, `WhenAll(new[] { a, b })`, `WhenAll(tasks)`).
    fn record_all(&mut self, call: Node<'_>, at: usize) {
        let Some(arguments) = call.field("arguments") else { return };
        for argument in arguments.named_children().filter(|a| a.kind() == "argument") {
            let Some(value) = argument.named_children().last() else { continue };
            match value.kind() {
                "identifier" | "member_access_expression" => {
                    let Some(name) = evidence_name(value) else { continue };
                    // A single argument may be a collection of tasks, or a task.
                    self.record(Some(&element_key(name)), at);
                    self.record(Some(name), at);
                }
                "array_creation_expression" | "implicit_array_creation_expression" => {
                    let mut elements = Vec::new();
                    value.walk(|e| {
                        if e.parent().is_some_and(|p| p.kind() == "initializer_expression") {
                            elements.push(e);
                        }
                    });
                    for e in elements {
                        self.record(evidence_name(e), at);
                    }
                }
                _ => {}
            }
        }
    }

    /// Whether evidence that the task `name` completed ends before `offset`, and `name` is not
    /// assigned between the two.
    fn completes_before(&self, name: &str, offset: usize) -> bool {
        let assigned = self.assigned.get(name.trim_start_matches("[]")).map_or(&[][..], |a| a.as_slice());
        self.by_name
            .get(name)
            .is_some_and(|starts| starts.iter().any(|&e| e <= offset && !assigned.iter().any(|&a| e < a && a < offset)))
    }
}

/// The name evidence of completion is about: an identifier, or the member of a member access.
fn evidence_name(expr: Node<'_>) -> Option<&str> {
    match expr.kind() {
        "identifier" => Some(expr.text()),
        "member_access_expression" => expr.field("name").map(|n| n.text()),
        _ => None,
    }
}

/// Names of a `bool` parameter that selects the synchronous path of a method written once for both
/// (`Read(async: false, …)`, the pattern of Npgsql and System.Text.Json): such a task is complete
/// when it is returned, and `GetResult()` does not block.
const ASYNC_FLAGS: &[&str] = &["async", "isAsync", "useAsync", "runAsync"];

/// Whether `expr` is a call that passes `false` for an `async` flag, by name, or by position where
/// the workspace method's parameter at that position is such a flag. Conditionals and
/// parentheses count when every branch does; `.AsTask()`, `.Preserve()` and `.ConfigureAwait(…)`
/// are looked through.
fn runs_synchronously(expr: Node<'_>, cx: &FileContext<'_>) -> bool {
    match expr.kind() {
        "parenthesized_expression" => expr.named_children().next().is_some_and(|e| runs_synchronously(e, cx)),
        "conditional_expression" => {
            ["consequence", "alternative"].iter().all(|f| expr.field(f).is_some_and(|e| runs_synchronously(e, cx)))
        }
        "invocation_expression" => {
            if let Some((inner, "AsTask" | "Preserve" | "ConfigureAwait")) = member_call(expr) {
                return runs_synchronously(inner, cx);
            }
            let Some(arguments) = expr.field("arguments") else { return false };
            let args: Vec<Node<'_>> = arguments.named_children().filter(|c| c.kind() == "argument").collect();
            let is_false = |a: &Node<'_>| a.named_children().last().is_some_and(|v| v.text() == "false");
            if args.iter().any(|a| is_false(a) && a.field("name").is_some_and(|n| ASYNC_FLAGS.contains(&n.text()))) {
                return true;
            }
            // tree-sitter-c-sharp does not parse `async:` as an argument name: it leaves an ERROR
            // node holding `async:` before the `false` argument.
            let flag_error = arguments.children().zip(arguments.children().skip(1)).any(|(e, a)| {
                e.kind() == "ERROR"
                    && ASYNC_FLAGS.contains(&e.text().trim_end_matches(':').trim())
                    && a.kind() == "argument"
                    && a.text() == "false"
            });
            if flag_error {
                return true;
            }
            let positions: Vec<usize> = args
                .iter()
                .enumerate()
                .filter(|(_, a)| a.field("name").is_none() && is_false(a))
                .map(|(i, _)| i)
                .collect();
            if positions.is_empty() {
                return false;
            }
            let is_flag = |params: &Vec<String>| {
                positions.iter().any(|&i| params.get(i).is_some_and(|p| ASYNC_FLAGS.contains(&p.as_str())))
            };
            callee_params(expr, cx).iter().any(is_flag)
                || same_file_params(expr, cx).is_some_and(|params| params.iter().any(is_flag))
        }
        _ => false,
    }
}

/// The parameter names of the methods of this file named like the method `call` calls: a fallback
/// for files where a syntax error hides the enclosing type from the index.
fn same_file_params(call: Node<'_>, cx: &FileContext<'_>) -> Option<Arc<Vec<Vec<String>>>> {
    let function = call.field("function")?;
    let name = match function.kind() {
        "identifier" => function.text(),
        "member_access_expression" if function.field("expression").is_some_and(|r| r.text() == "this") => {
            function.field("name")?.text()
        }
        _ => return None,
    };
    let methods = cx.memoized(FileMethods, || file_methods(cx.root));
    methods.get(name).cloned()
}

/// The key of [`file_methods`]' answer: one per file.
#[derive(PartialEq, Eq, Hash)]
struct FileMethods;

/// The parameter names of every method and local function of a file, by name, in order.
fn file_methods(root: Node<'_>) -> HashMap<String, Arc<Vec<Vec<String>>>> {
    let mut found: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    root.walk(|n| {
        if !matches!(n.kind(), "method_declaration" | "local_function_statement") {
            return;
        }
        let (Some(name), Some(list)) = (n.field("name"), n.field("parameters")) else { return };
        let names = list
            .named_children()
            .filter(|p| p.kind() == "parameter")
            .map(|p| p.field("name").map_or(String::new(), |f| f.text().to_owned()))
            .collect();
        found.entry(name.text().to_owned()).or_default().push(names);
    });
    found.into_iter().map(|(name, params)| (name, Arc::new(params))).collect()
}

/// The parameter names of each method the call may bind to.
fn callee_params(call: Node<'_>, cx: &FileContext<'_>) -> Vec<Vec<String>> {
    let Some(invocation) = Invocation::cast(call) else { return Vec::new() };
    match cx.sem().callees(&invocation) {
        Callees::Workspace(methods) => {
            methods.iter().map(|&m| cx.index.method(m).params.iter().map(|p| p.name.clone()).collect()).collect()
        }
        Callees::Local(functions) => functions
            .iter()
            .map(|f| {
                f.field("parameters")
                    .map(|list| {
                        list.named_children()
                            .filter(|p| p.kind() == "parameter")
                            .map(|p| p.field("name").map_or(String::new(), |n| n.text().to_owned()))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `t.Wait(x)` whose only argument is named like a cancellation token (`token`, `ct`,
/// `_cts.Token`, `cancellationToken`) rather than a timeout.
fn is_token_wait(wait: Node<'_>) -> bool {
    let Some(arguments) = wait.field("arguments") else { return false };
    let mut args = arguments.named_children().filter(|c| c.kind() == "argument");
    match (args.next(), args.next()) {
        (Some(arg), None) => {
            let text = arg.text().to_ascii_lowercase();
            text.contains("token") || text.contains("cancel") || text == "ct"
        }
        _ => false,
    }
}

/// Whether the variable `receiver` names is used more than once in the member, or is not declared
/// in it (a field or property): a `ValueTask` may be consumed only once.
fn is_read_twice(receiver: Node<'_>, cx: &FileContext<'_>) -> bool {
    let name = match receiver.kind() {
        "identifier" => receiver.text(),
        // A field may be read by other methods too.
        "member_access_expression" => return true,
        _ => return false,
    };
    let Some(member) = outermost_function(receiver) else { return true };
    let names = cx.memoized(NamesKey(member.id()), || MemberNames::of(member));
    names.uses.get(name).is_some_and(|&uses| uses > 1) || !names.declared.contains(name)
}

/// The key of a member's [`MemberNames`]: the member's node id.
#[derive(PartialEq, Eq, Hash)]
struct NamesKey(usize);

/// The identifiers of a member, found in one walk and shared by every blocking wait in it.
struct MemberNames {
    /// How often each name is used, declarations of locals and parameters left out.
    uses: HashMap<String, usize>,
    /// The names of the locals and parameters the member declares.
    declared: HashSet<String>,
}

impl MemberNames {
    fn of(member: Node<'_>) -> Self {
        let mut names = MemberNames { uses: HashMap::new(), declared: HashSet::new() };
        member.walk(|n| {
            if matches!(n.kind(), "variable_declarator" | "parameter") {
                if let Some(f) = n.field("name") {
                    names.declared.insert(f.text().to_owned());
                }
            }
            if n.kind() == "identifier" {
                let declares = n.parent().is_some_and(|p| {
                    matches!(p.kind(), "variable_declarator" | "parameter") && p.field("name").is_some_and(|f| f.is(&n))
                });
                if !declares {
                    *names.uses.entry(n.text().to_owned()).or_insert(0) += 1;
                }
            }
        });
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Settings;
    use crate::transforms::testing;

    const TASKS: &str = "using System; using System.Threading; using System.Threading.Tasks; ";

    fn messages_with(text: &str, settings: &Settings) -> Vec<String> {
        testing::check(&SyncOverAsync, text, testing::application(), settings).into_iter().map(|d| d.message).collect()
    }

    fn messages(text: &str) -> Vec<String> {
        messages_with(text, &Settings::default())
    }

    #[test]
    fn result_in_async_code_is_awaited() {
        let before = format!("{TASKS}class A {{ async Task<int> F(Task<int> t) {{ var x = t.Result; return x; }} }}");
        let after = format!("{TASKS}class A {{ async Task<int> F(Task<int> t) {{ var x = await t; return x; }} }}");
        testing::assert_fix(&SyncOverAsync, &before, &after);
    }

    #[test]
    fn a_method_returning_a_task_becomes_async_without_changing_its_signature() {
        let before = format!("{TASKS}class A {{ Task<int> F(Task<int> t) {{ return Task.FromResult(t.Result + 1); }} async Task G(Task<int> t) {{ await F(t); }} }}");
        let after = format!("{TASKS}class A {{ async Task<int> F(Task<int> t) {{ return await t + 1; }} async Task G(Task<int> t) {{ await F(t); }} }}");
        testing::assert_fix(&SyncOverAsync, &before, &after);
        assert_eq!(messages(&before), ["`.Result` blocks in `A.F`, which returns a task"]);
        let expression_body = format!("{TASKS}class A {{ Task F(Task t) {{ t.Wait(); return Task.CompletedTask; }} }}");
        let fixed = format!("{TASKS}class A {{ async Task F(Task t) {{ await t; }} }}");
        testing::assert_fix(&SyncOverAsync, &expression_body, &fixed);
    }

    #[test]
    fn a_wait_async_all_the_way_reports_is_not_reported_twice() {
        let text = format!("{TASKS}class A {{ int F(Task<int> t) => t.Result; }}");
        assert!(messages(&text).is_empty(), "async-all-the-way reports it: {:?}", messages(&text));
        let mut alone = Settings::default();
        alone.disabled.insert("async-all-the-way");
        let found = messages_with(&text, &alone);
        assert_eq!(
            found,
            ["`.Result` blocks the thread in synchronous code (no automatic fix: making `A.F` async changes its callers, which `async-all-the-way` does)"]
        );
        let in_constructor = format!("{TASKS}class A {{ int x; A(Task<int> t) {{ x = t.Result; }} }}");
        assert_eq!(messages(&in_constructor).len(), 1, "async-all-the-way cannot make a constructor async");
        testing::assert_not_fixed(&SyncOverAsync, &in_constructor);
    }

    #[test]
    fn a_result_of_a_type_with_an_unknown_base_is_no_task() {
        let text = format!("{TASKS}class Outcome {{ }} class Args : EventArgs {{ public Outcome Result {{ get; }} }} class A {{ async Task F(Args e) {{ var r = e.Result; await Task.Yield(); }} }}");
        assert!(messages(&text).is_empty(), "{:?}", messages(&text));
    }

    #[test]
    fn zero_timeouts_do_not_block() {
        let text = format!("{TASKS}class A {{ async Task F(Task t) {{ t.Wait(0); t.Wait(TimeSpan.Zero); Task.WaitAll(new[] {{ t }}, 0); await t; }} }}");
        assert!(messages(&text).is_empty(), "{:?}", messages(&text));
        let timeout = format!("{TASKS}class A {{ async Task F(Task t) {{ t.Wait(100); await t; }} }}");
        assert_eq!(messages(&timeout).len(), 1);
    }

    #[test]
    fn only_the_antecedent_of_continue_with_is_complete() {
        let text = format!("{TASKS}class A {{ async Task F(Task<int> a, Task<int> b) {{ await a.ContinueWith(t => t.Result + a.Result + b.Result); }} }}");
        let found = messages(&text);
        assert_eq!(found.len(), 1, "only `b.Result` blocks: {found:?}");
        assert!(found[0].starts_with("`.Result` blocks the thread in synchronous code"), "{found:?}");
    }

    #[test]
    fn tasks_of_an_awaited_when_all_are_complete_until_reassigned() {
        let text = format!("{TASKS}class A {{ Task<int> G() => null; async Task F(Task<int> a, Task<int> b) {{ await Task.WhenAll(a); var x = a.Result; var y = b.Result; }} }}");
        let found = testing::check(&SyncOverAsync, &text, testing::application(), &Settings::default());
        assert_eq!(found.len(), 1, "{:?}", found.iter().map(|d| &d.message).collect::<Vec<_>>());
        assert_eq!(&text[found[0].range.clone()], "b.Result");
        let reassigned = format!("{TASKS}class A {{ Task<int> G() => null; async Task F(Task<int> a) {{ await Task.WhenAll(a); a = G(); var x = a.Result; }} }}");
        assert_eq!(messages(&reassigned).len(), 1, "a reassigned task may not be complete");
        let array = format!("{TASKS}class A {{ async Task F(Task<int> a, Task<int> b) {{ await Task.WhenAll(new[] {{ a, b }}); var x = a.Result + b.Result; }} }}");
        assert!(messages(&array).is_empty(), "{:?}", messages(&array));
    }

    #[test]
    fn a_conditional_result_is_reported_without_a_fix() {
        let text =
            format!("{TASKS}class A {{ async Task F(Task<int> t) {{ var x = t?.Result; await Task.Yield(); }} }}");
        testing::assert_not_fixed(&SyncOverAsync, &text);
        let found = messages(&text);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("`?.` gives `null` for a null task"), "{found:?}");
    }
}
