//! `uncancellable-loop`: a loop that does work in a method with a CancellationToken, but never
//! passes the token on nor checks it.
//!
//! The user documentation is `transforms/uncancellable-loop/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::semantic::ScopeChoice;
use crate::syntax::{in_catch_or_finally, local_initializer, Node};
use crate::transforms::cancellation::{quoted_list, token_slot, tokens_at, Call};
use crate::transforms::unforwarded_cancellation::ambiguous_members;
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "uncancellable-loop",
    code: "AF013",
    summary: "Loop that awaits without ever checking the `CancellationToken` in scope",
    default_enabled: false,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/uncancellable-loop/README.md"),
    // A token reached through members may be declared in another file.
    words: &["CancellationToken", "CancellationTokenSource", "await", "while", "for", "foreach"],
};

/// Adds `token.ThrowIfCancellationRequested()` to loops that never look at the token in scope.
pub struct UncancellableLoop;

const LOOPS: &[&str] = &["for_statement", "foreach_statement", "while_statement", "do_statement"];

impl Transform for UncancellableLoop {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        LOOPS
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(body) = node.field("body") else { return };
        let scope = tokens_at(node, cx);
        if matches!(scope.choice, ScopeChoice::None) || ambiguous_members(&scope) || in_catch_or_finally(node) {
            return;
        }
        if !does_work(node) || mentions_cancellation(node, &scope.visible) {
            return;
        }
        // Only the innermost loop that does work: its check covers the loops around it.
        if nested_loops(body).into_iter().any(does_work) {
            return;
        }
        // A call that could take the token is unforwarded-cancellation's finding: passing the token
        // there makes the loop cancellable.
        if calls(node).into_iter().filter_map(Call::parse).any(|call| token_slot(&call, &call.args, cx).is_some()) {
            return;
        }
        let range = node.start()..header_end(node, body);
        let Some(token) = scope.token() else {
            let names = match &scope.choice {
                ScopeChoice::Ambiguous(names) => quoted_list(&names.iter().map(String::as_str).collect::<Vec<_>>()),
                _ => String::new(),
            };
            let message =
                format!("loop never checks a CancellationToken (no automatic fix: {names} could each be meant)");
            out.push(Diagnostic::new(&META, cx.file, range, message));
            return;
        };
        let message = format!("loop never checks `{}` for cancellation", token.text);
        let mut diagnostic = Diagnostic::new(&META, cx.file, range, message);
        let statement = format!("{}.ThrowIfCancellationRequested();", token.text);
        if let Some(edits) = insert_first(node, body, &statement, cx) {
            let fix = Fix::new(format!("Add `{statement}`"), edits, Applicability::Unsafe);
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
    }
}

fn is_function(kind: &str) -> bool {
    matches!(kind, "lambda_expression" | "anonymous_method_expression" | "local_function_statement")
}

/// The nodes of `root`'s subtree that run as part of it: nested lambdas and local functions are
/// left out (they may run elsewhere, or never).
fn same_function<'a>(root: Node<'a>, mut visit: impl FnMut(Node<'a>)) {
    let mut pending = vec![root];
    while let Some(node) = pending.pop() {
        visit(node);
        for child in node.named_children() {
            if !is_function(child.kind()) {
                pending.push(child);
            }
        }
    }
}

/// Whether the loop does work that can take long: it awaits in its body, or it is endless
/// (`while (true)`, `for (;;)`) and calls something. Loops that only compute in memory finish on
/// their own and are left alone, and so is an `await foreach` whose only asynchronous work is the
/// enumeration: whether that observes a token is up to the source.
fn does_work(node: Node<'_>) -> bool {
    let Some(body) = node.field("body") else { return false };
    let (mut awaits, mut calls) = (false, false);
    same_function(body, |n| {
        awaits |= n.kind() == "await_expression"
            || (matches!(n.kind(), "foreach_statement" | "using_statement") && n.has_token("await"));
        calls |= n.kind() == "invocation_expression" && Call::parse(n).is_some();
    });
    awaits || (calls && is_endless(node))
}

/// `while (true)`, `do … while (true)`, `for (…; ; …)`.
fn is_endless(node: Node<'_>) -> bool {
    match node.kind() {
        "while_statement" | "do_statement" => node.field("condition").is_some_and(|c| c.text() == "true"),
        "for_statement" => node.field("condition").is_none(),
        _ => false,
    }
}

fn calls(root: Node<'_>) -> Vec<Node<'_>> {
    let mut found = Vec::new();
    same_function(root, |n| {
        if n.kind() == "invocation_expression" {
            found.push(n);
        }
    });
    found
}

fn nested_loops(body: Node<'_>) -> Vec<Node<'_>> {
    let mut found = Vec::new();
    same_function(body, |n| {
        if LOOPS.contains(&n.kind()) {
            found.push(n);
        }
    });
    found
}

/// Whether the loop names a token in scope or a token source, or otherwise deals with cancellation
/// (`.Token`, `IsCancellationRequested`, `WithCancellation`), anywhere in it, or is an `await
/// foreach` over a local whose initializer does (`var items = source.WithCancellation(token);`).
fn mentions_cancellation(node: Node<'_>, visible: &[String]) -> bool {
    let is_await_foreach = node.kind() == "foreach_statement" && node.has_token("await");
    let collection = node.field("right").filter(|r| is_await_foreach && r.kind() == "identifier");
    if let Some(initializer) = collection.and_then(|c| local_initializer(c.text(), node)) {
        if names_cancellation(initializer, visible) {
            return true;
        }
    }
    names_cancellation(node, visible)
}

fn names_cancellation(node: Node<'_>, visible: &[String]) -> bool {
    let mut mentioned = false;
    node.walk(|n| {
        mentioned |= n.kind() == "identifier"
            && (visible.iter().any(|v| v == n.text())
                || matches!(
                    n.text(),
                    "Token"
                        | "IsCancellationRequested"
                        | "ThrowIfCancellationRequested"
                        | "WithCancellation"
                        | "CancellationToken"
                ));
    });
    mentioned
}

/// Where the loop's header ends: the `)` before the body, or `do` itself.
fn header_end(node: Node<'_>, body: Node<'_>) -> usize {
    node.children()
        .take_while(|c| !c.is(&body))
        .filter(|c| c.kind() != "comment")
        .last()
        .map_or(node.start(), |c| c.end())
}

/// The edits that make `statement` the first statement of the loop body.
fn insert_first(node: Node<'_>, body: Node<'_>, statement: &str, cx: &FileContext<'_>) -> Option<Vec<Edit>> {
    let text = cx.text;
    let newline = cx.newline();
    if body.kind() == "block" {
        let first = body.named_children().find(|c| c.kind() != "comment")?;
        let line_start = text[..first.start()].rfind('\n').map_or(0, |i| i + 1);
        let starts_line = text[line_start..first.start()].trim().is_empty();
        let insertion = if starts_line {
            format!("{statement}{newline}{}", &text[line_start..first.start()])
        } else {
            format!("{statement} ")
        };
        return Some(vec![Edit::insert(cx.file, first.start(), insertion)]);
    }
    // A single statement without braces: wrap it. Comments after the header stay where they are.
    let header_end = node.start() + text[node.start()..body.start()].trim_end().len();
    let gap = &text[header_end..body.start()];
    let loop_indent = cx.indent_at(node.start()).to_owned();
    if !gap.contains('\n') {
        // `while (x) Work();` → `while (x) { token.Throw…(); Work(); }`
        return Some(vec![
            Edit::insert(cx.file, body.start(), format!("{{ {statement} ")),
            Edit::insert(cx.file, body.end(), " }"),
        ]);
    }
    let body_indent = match cx.indent_at(body.start()) {
        indent if indent.len() > loop_indent.len() => indent.to_owned(),
        _ => format!("{loop_indent}{}", cx.indent_unit()),
    };
    let open = if allman(text) {
        format!("{newline}{loop_indent}{{{newline}{body_indent}{statement}{newline}{body_indent}")
    } else {
        format!(" {{{newline}{body_indent}{statement}{newline}{body_indent}")
    };
    // The closing brace goes after the body's line (after a trailing comment, if any).
    let line_end = text[body.end()..].find(['\r', '\n']).map_or(text.len(), |i| body.end() + i);
    let rest = text[body.end()..line_end].trim();
    let close_at = if rest.is_empty() || rest.starts_with("//") { line_end } else { body.end() };
    Some(vec![
        Edit::replace(cx.file, header_end..body.start(), open),
        Edit::insert(cx.file, close_at, format!("{newline}{loop_indent}}}")),
    ])
}

/// Whether the file puts opening braces on their own lines (Allman style, the .NET default) more
/// often than at the end of a line.
fn allman(text: &str) -> bool {
    let own_line = text.lines().filter(|l| l.trim() == "{").count();
    let end_of_line = text.lines().filter(|l| l.trim_end().ends_with('{') && l.trim() != "{").count();
    own_line >= end_of_line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transforms::testing::{assert_fix, assert_not_fixed};

    #[test]
    fn checks_the_token_parameter_in_a_loop_that_awaits() {
        assert_fix(
            &UncancellableLoop,
            "class A { Task Send(int i) => null; async Task F(CancellationToken ct) { for (var i = 0; i < 9; i++) { await Send(i); } } }",
            "class A { Task Send(int i) => null; async Task F(CancellationToken ct) { for (var i = 0; i < 9; i++) { ct.ThrowIfCancellationRequested(); await Send(i); } } }",
        );
    }

    #[test]
    fn checks_an_aliased_token() {
        assert_fix(
            &UncancellableLoop,
            "using Ct = System.Threading.CancellationToken;\nclass A { Task Send() => null; async Task F(Ct ct) { while (true) { await Send(); } } }",
            "using Ct = System.Threading.CancellationToken;\nclass A { Task Send() => null; async Task F(Ct ct) { while (true) { ct.ThrowIfCancellationRequested(); await Send(); } } }",
        );
    }

    #[test]
    fn checks_a_token_member_of_the_type() {
        assert_fix(
            &UncancellableLoop,
            "class W { CancellationToken _stopping; Task Send() => null; async Task Run() { while (true) { await Send(); } } }",
            "class W { CancellationToken _stopping; Task Send() => null; async Task Run() { while (true) { _stopping.ThrowIfCancellationRequested(); await Send(); } } }",
        );
    }

    #[test]
    fn checks_the_token_of_a_context_parameter() {
        assert_fix(
            &UncancellableLoop,
            "class J { Task Send() => null; async Task Execute(IJobExecutionContext context) { while (true) { await Send(); } } }",
            "class J { Task Send() => null; async Task Execute(IJobExecutionContext context) { while (true) { context.CancellationToken.ThrowIfCancellationRequested(); await Send(); } } }",
        );
    }

    #[test]
    fn a_loop_that_looks_at_the_token_is_not_fixed() {
        assert_not_fixed(
            &UncancellableLoop,
            "class A { Task Send() => null; async Task F(CancellationToken ct) { while (!ct.IsCancellationRequested) { await Send(); } } }",
        );
        assert_not_fixed(
            &UncancellableLoop,
            "class W { CancellationToken _stopping; Task Send() => null; async Task Run() { while (!_stopping.IsCancellationRequested) { await Send(); } } }",
        );
    }

    #[test]
    fn a_loop_without_a_token_in_scope_is_not_fixed() {
        assert_not_fixed(
            &UncancellableLoop,
            "class A { Task Send() => null; async Task F() { while (true) { await Send(); } } }",
        );
        assert_not_fixed(
            &UncancellableLoop,
            "class W { CancellationToken _t; Task Send() => null; static async Task F() { while (true) { await Send(); } } }",
        );
    }

    #[test]
    fn a_loop_that_passes_another_token_of_the_type_is_not_fixed() {
        assert_not_fixed(
            &UncancellableLoop,
            "class P { CancellationToken _token; Task Send(CancellationToken t) => null; \
             async Task Run(ConsumeContext context) { for (var i = 0; i < 3; i++) { await Send(_token); } } }",
        );
    }

    #[test]
    fn several_member_tokens_are_not_reported() {
        let text =
            "class W { CancellationToken Stopping { get; } CancellationToken Stopped { get; } Task Send() => null; \
                    async Task Run() { while (true) { await Send(); } } }";
        let found = crate::transforms::testing::check(
            &UncancellableLoop,
            text,
            crate::transforms::testing::application(),
            &crate::check::Settings::default(),
        );
        assert!(found.is_empty(), "nothing says the loop should stop on either");
    }

    #[test]
    fn a_loop_that_only_computes_is_not_fixed() {
        assert_not_fixed(
            &UncancellableLoop,
            "class A { int F(CancellationToken ct) { var n = 0; for (var i = 0; i < 9; i++) { n += i; } return n; } }",
        );
    }
}
