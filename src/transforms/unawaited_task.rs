//! `unawaited-task`: a call whose task is dropped: in async code (fixed with `await`, in a
//! function that returns a task by making it `async`), and in synchronous code (reported).
//!
//! The user documentation is `transforms/unawaited-task/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix, Priority};
use crate::semantic::Invocation;
use crate::syntax::Node;
use crate::transforms::async_code::{code_at, describe, make_async, Code};
use crate::transforms::blocking_call::made_async_fix;
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "unawaited-task",
    code: "AF008",
    summary: "Task dropped without `await`",
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
    if in_call_recording(statement) {
        return None;
    }
    let code = code_at(statement, cx);
    let range = expression.range();
    let background = if call.is_static_call("Task", "Run") {
        Some("Task.Run")
    } else if call.is_start_new() {
        Some("Task.Factory.StartNew")
    } else {
        None
    };
    if let Some(what) = background {
        // Synchronous code starts background work this way on purpose (a service's loop, a
        // fire-and-forget job): not reported there.
        if matches!(code, Code::Sync) {
            return None;
        }
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
    let function = match code {
        // `t.ContinueWith(…)` registers a callback; synchronous code drops its task as a matter
        // of course, as it does with `Task.Run`, and so does code that returns a task without
        // being async (MassTransit's test harness registers `OnlyOnCanceled` clean-ups that way;
        // CS4014 is silent there too).
        Code::Sync | Code::TaskReturning(_) if call.name == "ContinueWith" => return None,
        // No `await` to add in synchronous code (and CS4014 is silent there), but the task's
        // exceptions are lost all the same (VSTHRD110, MA0134).
        Code::Sync => {
            let message = format!(
                "task returned by `{}` is dropped in synchronous code: its exceptions are never observed (no automatic fix: this code is not async; await the task in async code, or discard it with `_ =` if dropping it is intended)",
                call.name
            );
            out.push(Diagnostic::new(&META, cx.file, range, message));
            return Some(());
        }
        Code::Async => None,
        Code::TaskReturning(function) => Some(function),
    };
    let message = match function {
        Some(f) => format!("task returned by `{}` is dropped in {}, which returns a task", call.name, describe(f)),
        None => format!("task returned by `{}` is dropped without `await`", call.name),
    };
    let diagnostic = Diagnostic::new(&META, cx.file, range, message.clone());
    if call.name == "ContinueWith" {
        // Awaiting the continuation waits for its antecedent too, and one with `OnlyOn…` or
        // `NotOn…` options is cancelled when it does not run: `await` would throw there.
        let message = format!(
            "{message} (no automatic fix: awaiting a continuation waits for the task before it, and throws when its options skip it; observe its exceptions inside the callback, or discard it with `_ =`)"
        );
        out.push(Diagnostic { message, ..diagnostic });
        return Some(());
    }
    let allowed = match function {
        Some(_) => cx.sem().await_allowed_if_async(statement),
        None => cx.sem().await_allowed(statement),
    };
    if let Err(blocker) = allowed {
        let message = format!("{message} (no automatic fix: {})", blocker.reason());
        out.push(Diagnostic { message, ..diagnostic });
        return Some(());
    }
    let fix = Fix::new("Add `await`", vec![Edit::insert(cx.file, expression.start(), "await ")], Applicability::Unsafe);
    let group = crate::syntax::enclosing_function(statement).map_or(statement.start(), |f| f.node.start());
    let fix = fix.isolated((cx.file, group), Priority::First);
    let Some(function) = function else {
        out.push(diagnostic.with_fix(fix));
        return Some(());
    };
    out.push(match &*make_async(function, cx) {
        Ok(made) => diagnostic.with_fix(made_async_fix(fix, made)),
        Err(reason) => Diagnostic { message: format!("{message} (no automatic fix: {reason})"), ..diagnostic },
    });
    Some(())
}

/// Whether `statement` is in a lambda passed to NSubstitute's `Received.InOrder(…)`: the calls
/// there describe calls a test expects, their tasks are no work that could fail.
fn in_call_recording(statement: Node<'_>) -> bool {
    let Some(function) = crate::syntax::enclosing_function(statement) else { return false };
    let call = function.node.parent().and_then(|a| a.parent()).and_then(|l| l.parent());
    call.and_then(Invocation::cast).is_some_and(|c| c.is_static_call("Received", "InOrder"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Settings;
    use crate::transforms::testing;

    const IO: &str = "using System; using System.IO; using System.Threading.Tasks; ";

    fn messages(text: &str) -> Vec<String> {
        testing::check(&UnawaitedTask, text, testing::application(), &Settings::default())
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn a_dropped_task_in_async_code_is_awaited() {
        let before = format!("{IO}class A {{ async Task F(Stream s) {{ s.FlushAsync(); await Task.Yield(); }} }}");
        let after = format!("{IO}class A {{ async Task F(Stream s) {{ await s.FlushAsync(); await Task.Yield(); }} }}");
        testing::assert_fix(&UnawaitedTask, &before, &after);
    }

    #[test]
    fn a_dropped_task_in_synchronous_code_is_reported_without_a_fix() {
        let text = format!("{IO}class A {{ void Save(Stream s) {{ s.FlushAsync(); }} }}");
        testing::assert_not_fixed(&UnawaitedTask, &text);
        let found = messages(&text);
        assert_eq!(found.len(), 1);
        assert!(found[0].contains("dropped in synchronous code: its exceptions are never observed"), "{found:?}");
        let in_lambda =
            format!("{IO}class A {{ void F(Stream s) {{ Action a = () => {{ s.FlushAsync(); }}; a(); }} }}");
        assert_eq!(messages(&in_lambda).len(), 1, "a statement of a synchronous lambda");
    }

    #[test]
    fn calls_recorded_for_nsubstitute_are_no_dropped_tasks() {
        let text = format!("using NSubstitute; {IO}class A {{ void Check(Stream s) {{ Received.InOrder(() => {{ s.FlushAsync(); }}); }} }}");
        assert!(messages(&text).is_empty(), "{:?}", messages(&text));
        let continuation = format!("{IO}class A {{ void F(Task t) {{ t.ContinueWith(x => 1); }} }}");
        assert!(messages(&continuation).is_empty(), "a continuation registered in synchronous code");
    }

    #[test]
    fn a_dropped_continuation_is_a_callback_and_never_gets_an_await() {
        let in_task_code = format!("{IO}class A {{ Task<int> F(Task t, TaskCompletionSource<int> s) {{ t.ContinueWith(x => s.TrySetCanceled(), TaskContinuationOptions.OnlyOnCanceled); return s.Task; }} }}");
        assert!(messages(&in_task_code).is_empty(), "a callback registered by code that returns a task");
        let in_async = format!("{IO}class A {{ async Task F(Task t) {{ t.ContinueWith(x => 1, TaskContinuationOptions.OnlyOnFaulted); await Task.Yield(); }} }}");
        testing::assert_not_fixed(&UnawaitedTask, &in_async);
        assert!(
            messages(&in_async)[0].contains("awaiting a continuation waits for the task before it"),
            "{:?}",
            messages(&in_async)
        );
    }

    #[test]
    fn an_explicit_discard_or_a_stored_task_is_not_reported() {
        let text = format!(
            "{IO}class A {{ void Save(Stream s) {{ _ = s.FlushAsync(); var t = s.FlushAsync(); t.Wait(); }} }}"
        );
        assert!(messages(&text).is_empty(), "{:?}", messages(&text));
    }

    #[test]
    fn a_method_that_returns_a_task_becomes_async_to_await_it() {
        let before = format!("{IO}class A {{ Task Save(Stream s) {{ s.FlushAsync(); return Task.CompletedTask; }} async Task Use(Stream s) {{ await Save(s); }} }}");
        let after = format!("{IO}class A {{ async Task Save(Stream s) {{ await s.FlushAsync(); }} async Task Use(Stream s) {{ await Save(s); }} }}");
        testing::assert_fix(&UnawaitedTask, &before, &after);
        let out = testing::check(&UnawaitedTask, &before, testing::application(), &Settings::default());
        let fix = out[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.description, "Make `A.Save` async and add `await`");
        assert_eq!(out[0].message, "task returned by `FlushAsync` is dropped in `A.Save`, which returns a task");
    }

    #[test]
    fn background_work_is_reported_without_a_fix_in_async_code_only() {
        let text = format!("{IO}class A {{ void F() {{ Task.Run(() => 1); }} async Task G() {{ Task.Run(() => 1); await Task.Yield(); }} }}");
        testing::assert_not_fixed(&UnawaitedTask, &text);
        assert_eq!(messages(&text).len(), 1, "synchronous code starts background work on purpose");
    }
}
