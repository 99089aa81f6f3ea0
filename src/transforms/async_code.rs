//! Where async code is, for the transforms that fix blocking in it (blocking-call,
//! sync-over-async, unawaited-task): an `async` function, top-level statements, or a function
//! that returns a task without being `async` (`Task<int> CountAsync() { … return
//! Task.FromResult(n); }`), whose caller's thread blocks exactly as in an async one.
//!
//! Such a function is fixed without changing its signature: it becomes `async`, the blocking call
//! is awaited, and every `return` is rewritten to what an async function returns
//! ([`make_async`]): `return Task.FromResult(x);` → `return x;`, `return Task.CompletedTask;` →
//! `return;` (or nothing, at the end), `return Task.FromException(e);` → `throw e;`, and another
//! task returned (`return _inner.SaveAsync(x);`) → `return await _inner.SaveAsync(x);`.

use std::sync::Arc;

use crate::check::FileContext;
use crate::fix::{Applicability, Edit};
use crate::semantic::{Invocation, TaskKind, TaskResult, UseKind};
use crate::syntax::{enclosing_function, enclosing_types, in_async_code, is_function, is_primary, Node};
use crate::workspace::ProjectKind;

/// What kind of code a node runs in.
#[derive(Clone, Copy, Debug)]
pub(super) enum Code<'a> {
    /// An `async` method, lambda, anonymous method or local function, or top-level statements.
    Async,
    /// A method, local function, lambda or anonymous method that returns a task without being
    /// `async`: the function node.
    TaskReturning(Node<'a>),
    /// Anything else.
    Sync,
}

/// The code `node` runs in.
pub(super) fn code_at<'a>(node: Node<'a>, cx: &FileContext<'a>) -> Code<'a> {
    if in_async_code(node) {
        return Code::Async;
    }
    match enclosing_function(node) {
        Some(f) if can_be_async(f.kind()) && cx.sem().function_returns(f.node).is_task() => Code::TaskReturning(f.node),
        _ => Code::Sync,
    }
}

fn can_be_async(kind: &str) -> bool {
    matches!(
        kind,
        "method_declaration" | "local_function_statement" | "lambda_expression" | "anonymous_method_expression"
    )
}

/// The edits that make a function that returns a task `async`, keeping its signature.
#[derive(Debug)]
pub(super) struct MadeAsync {
    /// `async ` before the return type (or the lambda's parameters), and every `return`
    /// rewritten.
    pub edits: Vec<Edit>,
    /// Safe when nothing but the thread a caller waits on changes; Unsafe otherwise.
    pub applicability: Applicability,
    /// Why it is not safe, for fix titles.
    pub unsafe_because: Option<&'static str>,
    /// `A.CountAsync`, the local function `Load`, the lambda: for messages and titles.
    pub name: String,
}

/// The key of [`make_async`]'s answer: the function's node id.
#[derive(PartialEq, Eq, Hash)]
struct MakeAsyncKey(usize);

/// How `function`, which returns a task without being `async`, becomes `async`; `Err` says why it
/// cannot. Computed once per function.
pub(super) fn make_async(function: Node<'_>, cx: &FileContext<'_>) -> Arc<Result<MadeAsync, String>> {
    cx.memoized(MakeAsyncKey(function.id()), || plan(function, cx))
}

/// The name of a function, for messages: `A.CountAsync`, the local function `Load`, a lambda.
pub(super) fn describe(function: Node<'_>) -> String {
    let name = function.field("name").map(|n| n.text()).unwrap_or_default();
    match function.kind() {
        "method_declaration" => {
            let owner = enclosing_types(function).next().and_then(|t| t.field("name")).map(|n| n.text());
            owner.map_or_else(|| format!("`{name}`"), |o| format!("`{o}.{name}`"))
        }
        "local_function_statement" => format!("the local function `{name}`"),
        "anonymous_method_expression" => "the anonymous method".into(),
        _ => "the lambda".into(),
    }
}

/// What one `return` (or an expression body) gives back.
enum Returned<'a> {
    /// `Task.FromResult(x)` and friends: the edits that leave `x`.
    Value(Vec<Edit>),
    /// `Task.CompletedTask`, `default` of a `ValueTask`.
    Completed,
    /// `Task.FromException(e)`: `e`.
    Exception(Node<'a>),
    /// Another task: awaited in its place.
    Task,
}

fn plan(function: Node<'_>, cx: &FileContext<'_>) -> Result<MadeAsync, String> {
    let name = describe(function);
    let with_value = match cx.sem().function_returns(function) {
        TaskKind::Task(TaskResult::Value(_)) | TaskKind::ValueTask(TaskResult::Value(_)) => true,
        TaskKind::Task(TaskResult::Void) | TaskKind::ValueTask(TaskResult::Void) => false,
        _ => return Err(format!("what {name} returns is not known")),
    };
    if let Some(parameters) = function.field("parameters").or_else(|| function.child_of_kind("parameter_list")) {
        for p in parameters.named_children().filter(|p| p.kind() == "parameter") {
            if let Some(m) =
                p.named_children().find(|m| m.kind() == "modifier" && matches!(m.text(), "ref" | "out" | "in"))
            {
                let article = if m.text() == "ref" { "a" } else { "an" };
                return Err(format!("{name} has {article} `{}` parameter, which async methods cannot have", m.text()));
            }
        }
    }
    let body = function
        .field("body")
        .or_else(|| function.child_of_kind("arrow_expression_clause"))
        .or_else(|| function.child_of_kind("block"))
        .ok_or_else(|| format!("{name} has no body"))?;
    let mut returns: Vec<Node<'_>> = Vec::new();
    let mut throws = false;
    let mut iterator = false;
    body.walk(|n| {
        if !owned_by(n, function) {
            return;
        }
        match n.kind() {
            "return_statement" => returns.push(n),
            "throw_statement" | "throw_expression" => throws = true,
            "yield_statement" => iterator = true,
            _ => {}
        }
    });
    if iterator {
        return Err(format!("{name} is an iterator"));
    }
    let mut edits = vec![async_modifier(function, cx)?];
    let mut unsafe_because = throws.then_some("exceptions it throws now reach its callers through the task it returns");
    // An expression body is one `return`.
    let expression_body = match body.kind() {
        "arrow_expression_clause" => crate::syntax::first_code_child(body),
        "block" => None,
        _ => Some(body),
    };
    let exits: Vec<(Option<Node<'_>>, Option<Node<'_>>)> = match expression_body {
        Some(e) => vec![(None, Some(e))],
        None => returns.iter().map(|r| (Some(*r), crate::syntax::first_code_child(*r))).collect(),
    };
    for (statement, expression) in exits {
        let Some(expression) = expression else {
            return Err(format!("{name} has a `return` without a task"));
        };
        match returned(expression, with_value, cx).map_err(|why| format!("{name} {why}"))? {
            Returned::Value(value) => edits.extend(value),
            Returned::Completed => match statement {
                Some(statement) if is_last_statement(statement, body) => edits.push(delete_statement(statement, cx)),
                Some(statement) => edits.push(Edit::replace(cx.file, keyword_end(statement)..expression.end(), "")),
                None => return Err(format!("{name} returns a completed task from an expression body")),
            },
            Returned::Exception(exception) => {
                unsafe_because
                    .get_or_insert("the exception of `Task.FromException` is thrown, which sets its stack trace");
                let thrown = format!("throw {}", exception.text());
                match statement {
                    Some(statement) => edits.push(Edit::replace(cx.file, statement.start()..expression.end(), thrown)),
                    None => edits.push(Edit::replace(cx.file, expression.range(), thrown)),
                }
            }
            Returned::Task => {
                unsafe_because.get_or_insert(
                    "a task it passed on is awaited instead: its exceptions reach callers through the task this function returns",
                );
                let (open, close) = if is_primary(expression) { ("await ", "") } else { ("await (", ")") };
                match statement {
                    // `return E;` → `await E;` (then `return;` unless it ends the function).
                    Some(statement) if !with_value => {
                        edits.push(Edit::replace(cx.file, statement.start()..expression.start(), open));
                        let after = if is_last_statement(statement, body) {
                            close.to_owned()
                        } else if statement.parent().is_some_and(|p| p.kind() == "block") {
                            let indent = cx.indent_at(statement.start()).to_owned();
                            format!("{close};{}{indent}return", cx.newline())
                        } else {
                            // The body of an `if` or a loop: one statement becomes a block of two.
                            edits.push(Edit::insert(cx.file, statement.start(), "{ "));
                            edits.push(Edit::insert(cx.file, statement.end(), " }"));
                            format!("{close}; return")
                        };
                        if !after.is_empty() {
                            edits.push(Edit::insert(cx.file, expression.end(), after));
                        }
                    }
                    _ => {
                        edits.push(Edit::insert(cx.file, expression.start(), open));
                        if !close.is_empty() {
                            edits.push(Edit::insert(cx.file, expression.end(), close));
                        }
                    }
                }
            }
        }
    }
    if unsafe_because.is_none() {
        unsafe_because = callers_may_observe(function, cx);
    }
    let applicability = if unsafe_because.is_some() { Applicability::Unsafe } else { Applicability::Safe };
    Ok(MadeAsync { edits, applicability, unsafe_because, name })
}

/// Whether `node` belongs to `function` itself, not to a function nested in it.
fn owned_by(node: Node<'_>, function: Node<'_>) -> bool {
    node.ancestors().find(|a| is_function(a.kind())).is_some_and(|f| f.is(&function))
}

/// `async ` before the return type of a method or local function, before the parameters of a
/// lambda (after `static`), before `delegate` of an anonymous method.
fn async_modifier(function: Node<'_>, cx: &FileContext<'_>) -> Result<Edit, String> {
    let at = match function.kind() {
        "method_declaration" | "local_function_statement" => {
            function.field("returns").or_else(|| function.field("type")).map(|t| t.start())
        }
        "lambda_expression" => function
            .named_children()
            .find(|c| matches!(c.kind(), "parameter_list" | "implicit_parameter" | "identifier"))
            .map(|p| p.start()),
        _ => function.children().find(|c| c.kind() == "delegate").map(|d| d.start()),
    };
    at.map(|at| Edit::insert(cx.file, at, "async ")).ok_or_else(|| "its declaration is not understood".to_owned())
}

/// What `expression`, returned by a function whose task has a value (`with_value`) or not, is.
fn returned<'a>(expression: Node<'a>, with_value: bool, cx: &FileContext<'a>) -> Result<Returned<'a>, &'static str> {
    let expression = crate::syntax::strip_parens_and_bang(expression);
    match expression.kind() {
        "null_literal" => return Err("returns `null` for its task"),
        // `default` of a `ValueTask<T>` is a completed one with `default(T)`, which `return default;`
        // gives in an async method too; of a `Task` it is `null`.
        "default_expression" if is_value_task_default(expression) && with_value => {
            return Ok(Returned::Value(Vec::new()))
        }
        "default_expression" if is_value_task_default(expression) => return Ok(Returned::Completed),
        "default_expression" => return Err("returns `null` for its task"),
        _ => {}
    }
    if let Some(edits) = value_edits(expression, cx) {
        return if with_value {
            Ok(Returned::Value(edits))
        } else {
            Err("returns `Task.FromResult` where a `Task` is declared")
        };
    }
    if is_completed(expression) {
        return if with_value { Err("returns a completed task without a value") } else { Ok(Returned::Completed) };
    }
    if let Some(call) = Invocation::cast(expression) {
        let factory = |name: &str| call.is_static_call("Task", name) || call.is_static_call("ValueTask", name);
        if factory("FromException") {
            return single_argument(&call)
                .map(Returned::Exception)
                .ok_or("returns `Task.FromException` of an unusual shape");
        }
        if factory("FromCanceled") {
            return Err("returns `Task.FromCanceled`, which an async function cannot return as it is");
        }
    }
    Ok(Returned::Task)
}

/// `default` or `default(ValueTask…)`: `default` alone counts where the function returns a
/// `ValueTask` (the caller only asks when it knows the function returns one or the other).
fn is_value_task_default(expression: Node<'_>) -> bool {
    match expression.named_children().next() {
        None => true,
        Some(ty) => crate::syntax::simple_name(ty.text().split('<').next().unwrap_or("")) == "ValueTask",
    }
}

/// The edits that turn a task made from a value into the value: `Task.FromResult(x)`,
/// `ValueTask.FromResult(x)`, `new ValueTask<T>(x)` of a value, and `c ? a : b` of such.
fn value_edits(expression: Node<'_>, cx: &FileContext<'_>) -> Option<Vec<Edit>> {
    let expression = crate::syntax::strip_parens_and_bang(expression);
    if expression.kind() == "conditional_expression" {
        let mut edits = value_edits(expression.field("consequence")?, cx)?;
        edits.extend(value_edits(expression.field("alternative")?, cx)?);
        return Some(edits);
    }
    let value = if let Some(call) = Invocation::cast(expression) {
        let from_result = call.is_static_call("Task", "FromResult") || call.is_static_call("ValueTask", "FromResult");
        if !from_result {
            return None;
        }
        single_argument(&call)?
    } else if expression.kind() == "object_creation_expression" {
        let ty = expression.field("type")?;
        if !ty.text().starts_with("ValueTask<") {
            return None;
        }
        let args: Vec<Node<'_>> =
            expression.field("arguments")?.named_children().filter(|a| a.kind() == "argument").collect();
        let [argument] = args.as_slice() else { return None };
        let value = argument.named_children().last()?;
        // `new ValueTask<T>(task)` wraps a task: that is a task returned, not a value.
        if cx.sem().task_kind(value) != TaskKind::NotTaskLike {
            return None;
        }
        value
    } else {
        return None;
    };
    let removed = [expression.start()..value.start(), value.end()..expression.end()];
    if removed.iter().any(|r| has_comment(&cx.text[r.clone()])) {
        return None;
    }
    Some(removed.into_iter().map(|r| Edit::replace(cx.file, r, "")).collect())
}

fn has_comment(text: &str) -> bool {
    text.contains("//") || text.contains("/*") || text.contains('#')
}

/// The one positional argument of a call, without `ref`/`out` or a name.
fn single_argument<'a>(call: &Invocation<'a>) -> Option<Node<'a>> {
    let arguments = call.arguments();
    match arguments.as_slice() {
        [a] if a.name.is_none() && a.modifier.is_none() => a.value,
        _ => None,
    }
}

/// `Task.CompletedTask`, `ValueTask.CompletedTask`, `new ValueTask()`.
fn is_completed(expression: Node<'_>) -> bool {
    match expression.kind() {
        "member_access_expression" => {
            expression.field("name").is_some_and(|n| n.text() == "CompletedTask")
                && expression
                    .field("expression")
                    .is_some_and(|t| matches!(crate::syntax::simple_name(t.text()), "Task" | "ValueTask"))
        }
        "object_creation_expression" => {
            expression.field("type").is_some_and(|t| t.text() == "ValueTask")
                && expression.field("arguments").is_some_and(|a| a.named_children().next().is_none())
        }
        _ => false,
    }
}

/// Whether `statement` is the last statement of the function's own block.
fn is_last_statement(statement: Node<'_>, body: Node<'_>) -> bool {
    body.kind() == "block"
        && statement.parent().is_some_and(|p| p.is(&body))
        && body
            .named_children()
            .filter(|c| !crate::syntax::is_trivia(c.kind()))
            .last()
            .is_some_and(|l| l.is(&statement))
}

/// The end of the `return` keyword of a return statement.
fn keyword_end(statement: Node<'_>) -> usize {
    statement.children().find(|c| c.kind() == "return").map_or(statement.start() + "return".len(), |k| k.end())
}

/// The edit that removes a statement: its whole line when it is alone on it, else the statement
/// and the blanks before it.
fn delete_statement(statement: Node<'_>, cx: &FileContext<'_>) -> Edit {
    let text = cx.text;
    let line_start = text[..statement.start()].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..statement.start()];
    let rest = &text[statement.end()..];
    let after = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let alone = before.trim().is_empty() && (rest[after..].starts_with('\n') || rest[after..].starts_with("\r\n"));
    if alone {
        let newline = if rest[after..].starts_with("\r\n") { 2 } else { 1 };
        Edit::replace(cx.file, line_start..statement.end() + after + newline, "")
    } else {
        let blanks = before.len() - before.trim_end_matches([' ', '\t']).len();
        Edit::replace(cx.file, statement.start() - blanks..statement.end(), "")
    }
}

/// Why a caller may notice that the function no longer returns a completed task, if one may: a
/// caller that does not await it (it may block on it, where `.Result` on a completed task could
/// not deadlock, or store it), a caller asyncfix cannot see (public API of a library, a delegate),
/// or a function that is not a method.
fn callers_may_observe(function: Node<'_>, cx: &FileContext<'_>) -> Option<&'static str> {
    const NOT_ALL_AWAITED: &str = "a caller may not await it at once (one that blocks on its task could deadlock)";
    if function.kind() != "method_declaration" {
        return Some(NOT_ALL_AWAITED);
    }
    let Some(m) = cx.method_declared_by(function) else { return Some(NOT_ALL_AWAITED) };
    let entry = cx.index.method(m);
    let visible = entry.has_modifier("public") || entry.has_modifier("protected");
    if visible && matches!(cx.project.kind, ProjectKind::Library | ProjectKind::Unknown) {
        return Some("it is public API of a library, whose callers asyncfix cannot see");
    }
    let sem = cx.sem();
    let mut pending = vec![m];
    let mut seen = vec![m];
    while let Some(f) = pending.pop() {
        for used in sem.references(f).uses {
            match used.kind {
                UseKind::Call { site } if cx.index.file(used.file).calls[site].awaited => {}
                UseKind::Family(other) if !seen.contains(&other) => {
                    seen.push(other);
                    pending.push(other);
                }
                UseKind::Family(_) => {}
                _ => return Some(NOT_ALL_AWAITED),
            }
        }
    }
    None
}

/// Whether `expr` is a timeout of zero (`0`, `TimeSpan.Zero`, `TimeSpan.FromSeconds(0)`, `new
/// TimeSpan(0)`): a wait with it tests and returns at once, and does not block.
pub(super) fn is_zero_timeout(expr: Node<'_>) -> bool {
    let expr = crate::syntax::strip_parens_and_bang(expr);
    let zero = |n: Node<'_>| {
        n.kind() == "integer_literal"
            && n.text().trim_end_matches(['L', 'l', 'U', 'u']).trim_start_matches("0x").bytes().all(|b| b == b'0')
    };
    match expr.kind() {
        "integer_literal" => zero(expr),
        "real_literal" => {
            expr.text().trim_end_matches(['d', 'D', 'f', 'F', 'm', 'M']).parse::<f64>().is_ok_and(|v| v == 0.0)
        }
        "member_access_expression" => expr.text() == "TimeSpan.Zero" || expr.text().ends_with(".TimeSpan.Zero"),
        "invocation_expression" | "object_creation_expression" => {
            let callee = expr.field("function").or_else(|| expr.field("type")).map_or("", |f| f.text());
            let of_timespan = callee == "TimeSpan" || callee.starts_with("TimeSpan.From");
            let args: Vec<Node<'_>> = expr
                .field("arguments")
                .map(|a| a.named_children().filter(|c| c.kind() == "argument").collect())
                .unwrap_or_default();
            of_timespan
                && !args.is_empty()
                && args.iter().all(|a| a.named_children().last().is_some_and(is_zero_timeout))
        }
        _ => false,
    }
}

/// The edits of a fix inside a function made async, together with the edits that make it so:
/// insertions at the same offset are joined, those of `outer` (the function's `return await`)
/// first.
pub(super) fn combine(outer: &[Edit], inner: Vec<Edit>) -> Vec<Edit> {
    let mut edits: Vec<Edit> = outer.to_vec();
    for edit in inner {
        match edits.iter_mut().find(|e| e.range.is_empty() && e.range.start == edit.range.start && e.file == edit.file)
        {
            Some(insertion) if !edit.range.is_empty() => {
                // An insertion before a replacement at the same offset: one replacement.
                insertion.content.push_str(&edit.content);
                insertion.range = edit.range;
            }
            Some(insertion) => insertion.content.push_str(&edit.content),
            None => edits.push(edit),
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertions_at_one_offset_join_outer_first() {
        let outer = [Edit::insert(0, 7, "await "), Edit::insert(0, 0, "async ")];
        let joined = combine(&outer, vec![Edit::insert(0, 7, "(await "), Edit::replace(0, 9..12, "X")]);
        assert_eq!(joined[0].content, "await (await ");
        assert_eq!(joined.len(), 3);
        let replaced = combine(&[Edit::insert(0, 3, "await ")], vec![Edit::replace(0, 3..5, "F")]);
        assert_eq!((replaced[0].range.clone(), replaced[0].content.as_str()), (3..5, "await F"));
    }
}
