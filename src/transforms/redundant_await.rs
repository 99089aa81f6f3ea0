//! `redundant-await`: an `async` method whose only `await` is its final `return await E;` or
//! `=> await E`, which could return the task itself.
//!
//! The user documentation is `transforms/redundant-await/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::{enclosing_types, simple_name, Function, Node};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "redundant-await",
    code: "AF006",
    summary: "`async` method whose only `await` returns the awaited task's result",
    default_enabled: true,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/redundant-await/README.md"),
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
        let reason = match returns {
            Some(returns) if !same_task_type(returns.text(), task, node, cx) => {
                Some(format!("the awaited task is not known to have the declared type `{}`", returns.text()))
            }
            None if !is_plain_task(task, node, cx) => {
                Some("the awaited expression is not known to be a `Task`".to_owned())
            }
            _ => None,
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

/// Whether returning `task` instead of awaiting it compiles to the same signature: `task` is a call
/// whose declared return type is the method's own (or a `Task` of any result, where the method
/// returns a plain `Task`).
fn same_task_type(returns: &str, task: Node<'_>, at: Node<'_>, cx: &FileContext<'_>) -> bool {
    let returns = normalize(returns);
    let Some(candidates) = callee_return_types(task, at, cx) else { return false };
    let plain_task = simple_name(&returns) == "Task" && !returns.contains('<');
    !candidates.is_empty()
        && candidates.iter().all(|d| normalize(d) == returns || plain_task && simple_name(d) == "Task")
}

/// For `Task.Run` lambdas: whether `task` is known to be a `Task` or `Task<T>` (never a
/// `ValueTask`, which `Task.Run` would wrap instead of unwrapping).
fn is_plain_task(task: Node<'_>, at: Node<'_>, cx: &FileContext<'_>) -> bool {
    callee_return_types(task, at, cx).is_some_and(|c| !c.is_empty() && c.iter().all(|d| simple_name(d) == "Task"))
}

fn normalize(type_text: &str) -> String {
    type_text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `Task` static methods whose result is a `Task` or `Task<T>`.
const TASK_FACTORIES: &[&str] = &["Delay", "WhenAll", "WhenAny", "Run", "FromResult"];

/// The declared return types of what the call `task` can bind to, when the index knows: local
/// functions of the member, workspace methods of the enclosing type (`M()`, `this.M()`,
/// `base.M()`) or of a workspace type (`Type.M()`), and the `Task` factories (as `Task<?>`).
fn callee_return_types(task: Node<'_>, at: Node<'_>, cx: &FileContext<'_>) -> Option<Vec<String>> {
    if task.kind() != "invocation_expression" {
        return None;
    }
    let function = task.field("function")?;
    let (receiver, name) = match function.kind() {
        "identifier" => (None, function),
        "member_access_expression" => (Some(function.field("expression")?), function.field("name")?),
        // `M<T>()`: the declared type mentions the callee's own type parameters.
        _ => return None,
    };
    if name.kind() != "identifier" {
        return None;
    }
    let name = name.text();
    let own_type = || enclosing_types(at).next().and_then(|t| t.field("name")).map(|n| n.text());
    let owner = match receiver {
        None => {
            let locals = local_functions_named(at, name);
            if !locals.is_empty() {
                return Some(locals);
            }
            own_type()?
        }
        Some(r) if matches!(r.kind(), "this_expression" | "base_expression") || matches!(r.text(), "this" | "base") => {
            own_type()?
        }
        Some(r) if matches!(r.text(), "Task" | "System.Threading.Tasks.Task") => {
            return TASK_FACTORIES.contains(&name).then(|| vec!["Task<?>".to_owned()]);
        }
        Some(r) if r.kind() == "identifier" && cx.index.is_workspace_type(r.text()) => r.text(),
        Some(_) => return None,
    };
    Some(cx.index.return_types(owner, name).into_iter().map(str::to_owned).collect())
}

/// The return types of the local functions called `name` in the member around `at` (or in `at`).
fn local_functions_named(at: Node<'_>, name: &str) -> Vec<String> {
    let member = std::iter::once(at)
        .chain(at.ancestors())
        .filter(|a| {
            matches!(
                a.kind(),
                "method_declaration"
                    | "local_function_statement"
                    | "constructor_declaration"
                    | "accessor_declaration"
                    | "lambda_expression"
                    | "compilation_unit"
            )
        })
        .last();
    let Some(member) = member else { return Vec::new() };
    let mut out = Vec::new();
    member.walk(|n| {
        if n.kind() == "local_function_statement" && n.field("name").is_some_and(|f| f.text() == name) {
            out.push(n.field("type").map(|t| t.text().to_owned()).unwrap_or_default());
        }
    });
    out
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
