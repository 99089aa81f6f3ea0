//! `redundant-await`: an `async` method whose only `await` is its final `return await E;` or
//! `=> await E`, which could return the task itself.
//!
//! The user documentation is `transforms/redundant-await/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::semantic::{TaskKind, TypeOf};
use crate::syntax::{Function, Node};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "redundant-await",
    code: "AF006",
    summary: "`async` method whose only `await` returns the awaited task's result",
    default_enabled: true,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/redundant-await/README.md"),
    words: &["await"],
};

const FIX_TITLE: &str = "Remove `async` and `await`, return the task";

/// Removes `async`/`await` from methods that only pass a task through.
pub struct RedundantAwait;

impl Transform for RedundantAwait {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["method_declaration", "local_function_statement", "lambda_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let function = Function { node };
        if !function.is_async() {
            return;
        }
        let (returns, what) = match node.kind() {
            "method_declaration" => (node.field("returns"), "method"),
            "local_function_statement" => (node.field("type"), "local function"),
            _ => {
                // A lambda's return type comes from its target: only `Task.Run(async () => …)`
                // keeps the same overload when `async` goes.
                if !is_task_run_argument(node) {
                    return;
                }
                (None, "lambda")
            }
        };
        if returns.is_some_and(|r| r.text() == "void") {
            return;
        }
        let Some(body) = node.field("body") else { return };
        let Some(awaited) = only_final_await(body) else { return };
        if !is_pass_through(node, body, awaited) {
            return;
        }
        let Some(operand) = awaited.named_children().find(|c| c.kind() != "comment") else { return };
        let task = strip_configure_await(operand);
        let message = format!("`async` {what} only awaits the task it returns");
        let matched = match returns {
            Some(returns) => same_task_type(returns.text(), task, cx),
            None => plain_task(task, cx),
        };
        let reason = match (matched, returns) {
            // The `await` converts the result (`Task<Derived>` to `Task<Base>`, `ValueTask<T>` to
            // `Task<T>`): it is needed.
            (Match::Different, _) => return,
            (Match::Same, _) => None,
            (Match::Unknown, Some(returns)) => {
                Some(format!("the awaited task is not known to have the declared type `{}`", returns.text()))
            }
            (Match::Unknown, None) => Some("the awaited expression is not known to be a `Task`".to_owned()),
        };
        let edits = reason.is_none().then(|| edits(node, awaited, task, cx)).flatten();
        let diagnostic = Diagnostic::new(&META, cx.file, awaited.range(), message.clone());
        match (reason, edits) {
            (None, Some(edits)) => {
                out.push(diagnostic.with_fix(Fix::new(FIX_TITLE, edits, Applicability::Unsafe)));
            }
            (Some(reason), _) => out.push(Diagnostic::new(
                &META,
                cx.file,
                awaited.range(),
                format!("{message} (no automatic fix: {reason})"),
            )),
            (None, None) => out.push(Diagnostic::new(
                &META,
                cx.file,
                awaited.range(),
                format!("{message} (no automatic fix: a comment or a directive is in the way)"),
            )),
        }
    }
}

/// The `await` of `=> await E`, of a lambda body `await E`, or of a block whose last statement is
/// `return await E;` — provided it is the only `await` of the function and no other `return`
/// exists (their values would have to become tasks too).
fn only_final_await(body: Node<'_>) -> Option<Node<'_>> {
    let candidate = match body.kind() {
        "arrow_expression_clause" => body.named_children().find(|c| c.kind() != "comment")?,
        "block" => {
            let last = body.named_children().filter(|c| c.kind() != "comment").last()?;
            if last.kind() != "return_statement" {
                return None;
            }
            last.named_children().find(|c| c.kind() != "comment")?
        }
        _ => body,
    };
    if candidate.kind() != "await_expression" {
        return None;
    }
    let (mut awaits, mut returns, mut blocked) = (0, 0, false);
    walk_own_body(body, &mut |n| match n.kind() {
        "await_expression" => awaits += 1,
        "foreach_statement" | "using_statement" if n.has_token("await") => awaits += 1,
        "return_statement" => returns += 1,
        "yield_statement" => blocked = true,
        // `using var x = …;`: `x` is disposed when the method returns, which without the `await`
        // is before the task completes.
        "local_declaration_statement" if n.has_token("using") => blocked = true,
        _ => {}
    });
    let max_returns = usize::from(body.kind() == "block");
    (awaits == 1 && returns <= max_returns && !blocked).then_some(candidate)
}

/// Whether the `await` is not inside `try`, `using`, `lock` or a loop: there the `await` keeps
/// the handler, the disposal or the lock around the whole operation.
fn is_pass_through(function: Node<'_>, body: Node<'_>, awaited: Node<'_>) -> bool {
    for a in awaited.ancestors() {
        if a.is(&body) || a.is(&function) {
            return true;
        }
        if matches!(
            a.kind(),
            "try_statement"
                | "catch_clause"
                | "finally_clause"
                | "using_statement"
                | "lock_statement"
                | "fixed_statement"
                | "checked_statement"
        ) {
            return false;
        }
    }
    true
}

/// Visits the nodes of a function body, not descending into nested functions (their awaits and
/// returns are their own).
fn walk_own_body<'a>(body: Node<'a>, visit: &mut impl FnMut(Node<'a>)) {
    let mut stack = vec![body];
    while let Some(n) = stack.pop() {
        visit(n);
        for child in n.named_children() {
            if !matches!(child.kind(), "lambda_expression" | "anonymous_method_expression" | "local_function_statement")
            {
                stack.push(child);
            }
        }
    }
}

/// `E.ConfigureAwait(x)` → `E`: once nothing is awaited, the setting means nothing, and a
/// `ConfiguredTaskAwaitable` is not a task.
fn strip_configure_await(expr: Node<'_>) -> Node<'_> {
    let configured = expr.kind() == "invocation_expression"
        && expr.field("arguments").is_some_and(|a| a.named_children().filter(|c| c.kind() == "argument").count() == 1)
        && expr
            .field("function")
            .filter(|f| f.kind() == "member_access_expression")
            .and_then(|f| f.field("name"))
            .is_some_and(|n| n.text() == "ConfigureAwait");
    if configured {
        if let Some(inner) = expr.field("function").and_then(|f| f.field("expression")) {
            return inner;
        }
    }
    expr
}

/// `Task.Run(async () => …)` or `Task.Run(async () => …, token)`.
fn is_task_run_argument(lambda: Node<'_>) -> bool {
    let no_parameters =
        lambda.field("parameters").is_some_and(|p| p.kind() == "parameter_list" && p.named_children().next().is_none());
    let Some(argument) = lambda.parent().filter(|p| p.kind() == "argument" && p.field("name").is_none()) else {
        return false;
    };
    let Some(list) = argument.parent() else { return false };
    let first = list.named_children().find(|c| c.kind() == "argument").is_some_and(|a| a.is(&argument));
    let count = list.named_children().filter(|c| c.kind() == "argument").count();
    let Some(call) = list.parent().filter(|c| c.kind() == "invocation_expression") else { return false };
    let Some(function) = call.field("function").filter(|f| f.kind() == "member_access_expression") else {
        return false;
    };
    let is_run = function.field("name").is_some_and(|n| n.text() == "Run")
        && function.field("expression").is_some_and(|r| {
            matches!(r.text(), "Task" | "System.Threading.Tasks.Task" | "global::System.Threading.Tasks.Task")
        });
    no_parameters && first && count <= 2 && is_run
}

/// Whether the awaited task's declared type is the one returned.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    /// Returning it compiles to the same signature.
    Same,
    /// Every candidate is declared with another type: the `await` converts the result.
    Different,
    /// The declared type is unknown, or overloads disagree.
    Unknown,
}

/// Whether `task`'s type (from the semantic layer) is the method's declared return type `returns`
/// (or a `Task` of any result, where the method returns a plain `Task`).
fn same_task_type(returns: &str, task: Node<'_>, cx: &FileContext<'_>) -> Match {
    let sem = cx.sem();
    let Some(declared) = sem.read_type(cx.file, returns) else { return Match::Unknown };
    let plain_task = declared.name == "Task" && declared.args.is_empty();
    match sem.type_of(task) {
        TypeOf::Known(found) if mentions_unknown(&found) => match found.name == "Task" && plain_task {
            true => Match::Same,
            false => Match::Unknown,
        },
        TypeOf::Known(found) if found.non_nullable() == declared.non_nullable() => Match::Same,
        TypeOf::Known(found) if plain_task && found.name == "Task" => Match::Same,
        TypeOf::Known(_) => Match::Different,
        _ if plain_task && matches!(sem.task_kind(task), TaskKind::Task(_)) => Match::Same,
        _ => Match::Unknown,
    }
}

/// For `Task.Run` lambdas: whether `task` is known to be a `Task` or `Task<T>` (a `ValueTask`
/// would pick the `Func<TResult>` overload of `Task.Run`, which wraps it instead of unwrapping).
fn plain_task(task: Node<'_>, cx: &FileContext<'_>) -> Match {
    match cx.sem().task_kind(task) {
        TaskKind::Task(_) => Match::Same,
        TaskKind::Unknown | TaskKind::TaskOrValueTask(_) => Match::Unknown,
        _ => Match::Different,
    }
}

/// Whether a type has an argument asyncfix does not know (`Task<?>`).
fn mentions_unknown(ty: &crate::syntax::Type) -> bool {
    ty.is_unknown() || ty.args.iter().any(mentions_unknown)
}

/// Removes the `async` modifier and replaces `await E.ConfigureAwait(…)` with `E`. `None` when a
/// comment or a preprocessor directive sits where text is removed.
///
/// The second edit runs past the awaited expression up to the next token (`;`, `)` or `,`), which
/// it writes back: an edit of another transform at the end of `E` (missing-configure-await adding
/// `.ConfigureAwait(false)`) then conflicts with this one instead of being applied alongside it,
/// which would leave `return E.ConfigureAwait(false);`.
fn edits(function: Node<'_>, awaited: Node<'_>, task: Node<'_>, cx: &FileContext<'_>) -> Option<Vec<Edit>> {
    let text = cx.text;
    let modifier = function.named_children().find(|c| c.kind() == "modifier" && c.text() == "async")?;
    let after_modifier = modifier.next_sibling()?;
    let gap = &text[modifier.end()..after_modifier.start()];
    if !gap.chars().all(char::is_whitespace) || function.text().contains('#') && has_directive(function.text()) {
        return None;
    }
    let removed_before = &text[awaited.start()..task.start()];
    let removed_after = &text[task.end()..awaited.end()];
    if ["//", "/*"].iter().any(|c| removed_before.contains(c) || removed_after.contains(c)) {
        return None;
    }
    let next = next_token(awaited)?;
    let kept = &text[awaited.end()..next.end()];
    if kept.contains("//") || kept.contains("/*") {
        return None;
    }
    Some(vec![
        Edit::replace(cx.file, modifier.start()..after_modifier.start(), ""),
        Edit::replace(cx.file, awaited.start()..next.end(), format!("{}{kept}", task.text())),
    ])
}

/// The first token after `node` in the file (a leaf of the next sibling of `node` or of an
/// ancestor): `;` after `return await E` or `=> await E`, `)` or `,` after a lambda argument.
fn next_token(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node;
    loop {
        if let Some(sibling) = current.next_sibling() {
            let mut leaf = sibling;
            while let Some(first) = leaf.children().next() {
                leaf = first;
            }
            return (!leaf.is_named()).then_some(leaf);
        }
        current = current.parent()?;
    }
}

fn has_directive(text: &str) -> bool {
    text.lines().any(|l| l.trim_start().starts_with('#'))
}
