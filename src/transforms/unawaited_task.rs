//! `unawaited-task`: a call in async code whose task is dropped.
//!
//! The user documentation is `transforms/unawaited-task/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix, Priority};
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
    words: &["async", "await"],
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
    out.push(match cx.sem().await_allowed(statement) {
        Err(blocker) => {
            Diagnostic { message: format!("{message} (no automatic fix: {})", blocker.reason()), ..diagnostic }
        }
        Ok(()) => {
            let fix = Fix::new(
                "Add `await`",
                vec![Edit::insert(cx.file, expression.start(), "await ")],
                Applicability::Unsafe,
            );
            let function = crate::syntax::enclosing_function(statement).map_or(statement.start(), |f| f.node.start());
            diagnostic.with_fix(fix.isolated((cx.file, function), Priority::First))
        }
    });
    Some(())
}
