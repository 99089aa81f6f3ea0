//! `task-run-io`: `Task.Run` around a call that is already asynchronous.
//!
//! The user documentation is `transforms/task-run-io/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::semantic::{Invocation, Receiver, TaskKind};
use crate::syntax::has_trivia_outside;
use crate::syntax::{enclosing_function, enclosing_types, Node};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "task-run-io",
    code: "AF007",
    summary: "`Task.Run` around a call that is already asynchronous",
    default_enabled: true,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/task-run-io/README.md"),
    words: &["Task"],
};

/// Removes `Task.Run` around asynchronous I/O.
pub struct TaskRunIo;

impl Transform for TaskRunIo {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["invocation_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        check(node, cx, out);
    }
}

fn check(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) -> Option<()> {
    let run = Invocation::cast(node)?;
    if !run.is_static_call("Task", "Run") || !(1..=2).contains(&run.arg_count()) || !is_awaited_or_returned(node) {
        return None;
    }
    let arguments = run.arguments();
    let lambda = arguments[0].value.filter(|l| l.kind() == "lambda_expression")?;
    let inner = wrapped_call(lambda)?;
    let call = Invocation::cast(inner.node)?;
    // `x?.F()` gives a null task when `x` is null: `Task.Run` turns that into a cancelled task, a
    // direct await into a `NullReferenceException`.
    if matches!(call.receiver, Receiver::Conditional(_)) {
        return None;
    }
    if call.name == "ConfigureAwait" || contains_await(inner.node) {
        return None;
    }
    // A call is I/O when it is known to return a task; a name in `…Async` (the task-based
    // pattern's naming rule) or an `await` of it inside the lambda is taken as evidence too.
    let evidence = match cx.sem().task_kind(inner.node) {
        kind if kind.is_task() => true,
        TaskKind::Unknown => call.name.ends_with("Async") || inner.awaited,
        _ => false,
    };
    if !evidence {
        return None;
    }

    let message = format!("`Task.Run` around `{}`, which is already asynchronous", call.name);
    let no_fix = if run.arg_count() == 2 {
        Some("`Task.Run` is given a `CancellationToken` that the call would lose")
    } else if run.callee_name.kind() == "generic_name" {
        Some("`Task.Run` is given a type argument that may convert the result")
    } else if in_ui_type(node, cx) {
        Some("on a UI thread `Task.Run` may keep the start of the call off it on purpose")
    } else if has_trivia_outside(node, inner.node.range()) {
        Some("a comment or directive would be lost")
    } else {
        None
    };
    let diagnostic = Diagnostic::new(&META, cx.file, node.range(), message.clone());
    out.push(match no_fix {
        Some(reason) => Diagnostic { message: format!("{message} (no automatic fix: {reason})"), ..diagnostic },
        None => diagnostic.with_fix(Fix::new(
            format!("Call `{}` directly", call.name),
            vec![Edit::replace(cx.file, node.range(), inner.node.text())],
            Applicability::Unsafe,
        )),
    });
    Some(())
}

/// Whether `node` is in a type that runs on a UI thread (`ui-types.txt`): a window, page, control
/// or view model.
fn in_ui_type(node: Node<'_>, cx: &FileContext<'_>) -> bool {
    enclosing_types(node)
        .filter_map(|t| t.field("name"))
        .any(|name| cx.index.derives_from(name.text(), &cx.knowledge.ui_types))
}

/// Whether the task of `Task.Run(…)` (possibly with `.ConfigureAwait(…)`) is awaited, or is
/// returned from a function that is not `async`.
fn is_awaited_or_returned(run: Node<'_>) -> bool {
    let parent = run.parent();
    let configured = parent
        .filter(|p| {
            p.kind() == "member_access_expression" && p.field("name").is_some_and(|n| n.text() == "ConfigureAwait")
        })
        .and_then(|p| p.parent())
        .filter(|g| g.kind() == "invocation_expression");
    if let Some(configured) = configured {
        return configured.parent().is_some_and(|p| p.kind() == "await_expression");
    }
    let Some(parent) = parent else { return false };
    match parent.kind() {
        "await_expression" => true,
        "return_statement" | "arrow_expression_clause" => {
            let arrow_of_member = parent.kind() == "return_statement"
                || parent.parent().is_some_and(|m| {
                    matches!(
                        m.kind(),
                        "method_declaration"
                            | "local_function_statement"
                            | "property_declaration"
                            | "accessor_declaration"
                    )
                });
            // In an `async` function, `return task;` would return a `Task<Task>`: not this pattern.
            arrow_of_member && enclosing_function(run).is_some_and(|f| !f.is_async() && f.kind() != "lambda_expression")
        }
        _ => false,
    }
}

/// The call a `Task.Run` lambda wraps.
struct Wrapped<'a> {
    node: Node<'a>,
    /// Whether the lambda awaits it (`async () => await F()`).
    awaited: bool,
}

/// The single call of a parameterless lambda: `() => F()`, `() => { return F(); }`,
/// `async () => await F()`, `async () => { await F(); }` (`.ConfigureAwait(…)` allowed on the
/// inner await), `async () => { return await F(); }`.
fn wrapped_call(lambda: Node<'_>) -> Option<Wrapped<'_>> {
    let parameters = lambda.field("parameters")?;
    if parameters.kind() != "parameter_list" || parameters.named_children().next().is_some() {
        return None;
    }
    let is_async = lambda.named_children().any(|c| c.kind() == "modifier" && c.text() == "async");
    let body = lambda.field("body")?;
    let expression = if body.kind() == "block" {
        let mut statements = body.named_children();
        let statement = statements.next()?;
        if statements.next().is_some() {
            return None;
        }
        match statement.kind() {
            "return_statement" => statement.named_children().next()?,
            "expression_statement" if is_async => statement.named_children().next()?,
            _ => return None,
        }
    } else {
        body
    };
    match (is_async, expression.kind()) {
        (false, "invocation_expression") => Some(Wrapped { node: expression, awaited: false }),
        (true, "await_expression") => {
            let operand = expression.named_children().next()?;
            let call = strip_configure_await(operand);
            (call.kind() == "invocation_expression").then_some(Wrapped { node: call, awaited: true })
        }
        _ => None,
    }
}

/// `x.ConfigureAwait(…)` → `x`.
fn strip_configure_await(node: Node<'_>) -> Node<'_> {
    let inner =
        Invocation::cast(node).filter(|c| c.name == "ConfigureAwait" && c.arg_count() == 1).and_then(|c| {
            match c.receiver {
                Receiver::Expression(inner) => Some(inner),
                _ => None,
            }
        });
    inner.unwrap_or(node)
}

/// Whether an `await` occurs in the call (its arguments would then be awaited by the caller).
fn contains_await(node: Node<'_>) -> bool {
    let mut found = false;
    node.walk(|n| found |= n.kind() == "await_expression");
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transforms::testing::{assert_fix, assert_not_fixed};

    #[test]
    fn removes_task_run_around_a_task() {
        assert_fix(
            &TaskRunIo,
            "class A { Task<int> LoadAsync() => null; async Task F() { await Task.Run(() => LoadAsync()); } }",
            "class A { Task<int> LoadAsync() => null; async Task F() { await LoadAsync(); } }",
        );
    }

    #[test]
    fn does_not_apply_around_synchronous_work() {
        assert_not_fixed(&TaskRunIo, "class A { int Load() => 1; async Task F() { await Task.Run(() => Load()); } }");
    }

    #[test]
    fn does_not_apply_around_a_conditional_call() {
        assert_not_fixed(
            &TaskRunIo,
            "class A { A _next; Task S() => null; async Task F() { await Task.Run(() => _next?.S()); } }",
        );
    }

    #[test]
    fn does_not_apply_when_a_token_is_given() {
        assert_not_fixed(
            &TaskRunIo,
            "class A { Task<int> LoadAsync() => null; async Task F(CancellationToken t) { await Task.Run(() => LoadAsync(), t); } }",
        );
    }
}
