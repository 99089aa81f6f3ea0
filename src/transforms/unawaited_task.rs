//! `unawaited-task`: a call in async code whose task is dropped.
//!
//! The user documentation is `transforms/unawaited-task/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::semantic::Invocation;
use crate::syntax::{in_async_code, Node};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "unawaited-task",
    code: "AF008",
    summary: "Task dropped without `await` inside async code",
    default_enabled: true,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/unawaited-task/README.md"),
};

/// Awaits tasks that async code drops.
pub struct UnawaitedTask;

impl Transform for UnawaitedTask {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["expression_statement"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        check(node, cx, out);
    }
}

/// Whether unawaited-task would offer a fix for this expression statement (async-without-await
/// leaves such functions to it: after the fix they await).
pub(crate) fn would_fix(statement: Node<'_>, cx: &FileContext<'_>) -> bool {
    let mut out = Vec::new();
    check(statement, cx, &mut out);
    out.iter().any(|d| d.fix.is_some())
}

fn check(statement: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) -> Option<()> {
    let expression = statement.named_children().next()?;
    let call = Invocation::cast(expression)?;
    // Outside async code there is no `await` to add, and dropping a task there is often the
    // point (CS4014 is silent there too).
    if !in_async_code(statement) {
        return None;
    }
    let range = expression.range();
    let background = if call.is_static_call("Task", "Run") {
        Some("Task.Run")
    } else if call.is_start_new() {
        Some("Task.Factory.StartNew")
    } else {
        None
    };
    if let Some(what) = background {
        // Background work started on purpose: awaiting it could wait for a loop that never ends.
        let message = format!(
            "task of `{what}` is dropped: its exceptions are never observed (no automatic fix: await it, or discard it with `_ =` if the work runs in the background on purpose)"
        );
        out.push(Diagnostic::new(&META, cx.file, range, message));
        return Some(());
    }
    if !cx.sem().task_kind(expression).is_task() {
        return None;
    }
    let message = format!("task returned by `{}` is dropped without `await`", call.name);
    let diagnostic = Diagnostic::new(&META, cx.file, range, message.clone());
    out.push(match no_await_here(statement) {
        Some(reason) => Diagnostic { message: format!("{message} (no automatic fix: {reason})"), ..diagnostic },
        None => diagnostic.with_fix(Fix::new(
            "Add `await`",
            vec![Edit::insert(cx.file, expression.start(), "await ")],
            Applicability::Unsafe,
        )),
    });
    Some(())
}

/// Why `await` cannot be written at `statement` although the function is async: inside `lock`
/// (CS1996) or an `unsafe` context (CS4004).
fn no_await_here(statement: Node<'_>) -> Option<&'static str> {
    let mut in_function = true;
    for ancestor in statement.ancestors() {
        let kind = ancestor.kind();
        if kind == "lock_statement" && in_function {
            return Some("`await` is not allowed inside `lock`");
        }
        let is_unsafe = kind == "unsafe_statement"
            || ancestor.named_children().any(|c| c.kind() == "modifier" && c.text() == "unsafe");
        if is_unsafe {
            return Some("`await` is not allowed in an `unsafe` context");
        }
        // A `lock` around a lambda does not hold inside it; an `unsafe` context does.
        if matches!(kind, "lambda_expression" | "anonymous_method_expression" | "local_function_statement") {
            in_function = false;
        }
    }
    None
}
