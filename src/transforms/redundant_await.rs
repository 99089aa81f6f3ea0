//! `redundant-await`: an `async` function whose only `await`s are its tails — `return await E;`,
//! `=> await E`, or a last `await E;` in a function returning a plain task — which could return
//! the tasks themselves.
//!
//! The user documentation is `transforms/redundant-await/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix, Priority};
use crate::semantic::{TaskKind, TypeOf};
use crate::syntax::{is_trivia, Function, Node, Type};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "redundant-await",
    code: "AF006",
    summary: "`async` function whose only `await`s pass their tasks through",
    default_enabled: true,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/redundant-await/README.md"),
    words: &["await"],
};

const FIX_TITLE: &str = "Remove `async` and `await`, return the task";

/// Removes `async`/`await` from functions that only pass tasks through.
pub struct RedundantAwait;

impl Transform for RedundantAwait {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["method_declaration", "local_function_statement", "lambda_expression", "anonymous_method_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        check(node, cx, out);
    }
}

/// What the function returns, which its tails' tasks must be.
enum Returns {
    /// Declared (a method, a local function) or given by the lambda's delegate type; `None` when
    /// the declared type cannot be read.
    Declared(Option<Type>, String),
    /// The lambda of `Task.Run(async () => …)`: any `Task` or `Task<T>` keeps the overload.
    TaskRun,
}

/// An `await` that ends the function, and how it becomes a `return`.
#[derive(Clone, Copy)]
struct Tail<'a> {
    /// The `await` expression.
    awaited: Node<'a>,
    kind: TailKind<'a>,
}

#[derive(Clone, Copy)]
enum TailKind<'a> {
    /// `return await E;`, `=> await E`, a lambda body `await E`: `await E` becomes `E`.
    Returned,
    /// The statement `await E;` after which the function ends: it becomes `return E;`.
    Last(Node<'a>),
    /// `await E;` followed by the `return;` (or the `break;` of the switch that ends the function)
    /// that leaves: both become `return E;`.
    BeforeExit(Node<'a>, Node<'a>),
}

fn check(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) -> Option<()> {
    if !(Function { node }).is_async() || node.raw().has_error() {
        return None;
    }
    let what = match node.kind() {
        "method_declaration" => "method",
        "local_function_statement" => "local function",
        "lambda_expression" => "lambda",
        _ => "anonymous method",
    };
    // A test's frame in the stack trace of a failure is what its report shows, and a test is
    // not a hot path: its `await`s stay.
    if std::iter::once(node)
        .chain(node.scope_ancestors())
        .filter(|a| crate::syntax::is_function(a.kind()))
        .any(|f| (Function { node: f }).attribute_names().iter().any(|a| cx.knowledge.is_test_attribute(a)))
    {
        return None;
    }
    let returns = returns(node, cx)?;
    let body = node.field("body").or_else(|| node.child_of_kind("block"))?;
    let has_value = match &returns {
        Returns::Declared(Some(ty), _) => Some(!ty.args.is_empty()),
        Returns::Declared(None, text) => Some(text.contains('<')),
        Returns::TaskRun => None,
    };
    let mut tails = tails(body, has_value)?;
    tails.sort_by_key(|t| t.awaited.start());
    if !tails.iter().all(|t| is_pass_through(node, body, t.awaited)) || using_declaration_spans_a_tail(body, &tails) {
        return None;
    }

    // Every tail's task must be what the function returns.
    let mut reason = None;
    for tail in &tails {
        let task = strip_configure_await(operand(tail.awaited)?);
        let matched = match &returns {
            Returns::Declared(declared, _) => same_task_type(declared.as_ref(), task, cx),
            Returns::TaskRun => plain_task(task, cx),
        };
        match (matched, &returns) {
            // The `await` converts the result (`Task<Derived>` to `Task<Base>`, `ValueTask<T>` to
            // `Task<T>`): it is needed.
            (Match::Different, _) => return None,
            (Match::Same, _) => {}
            (Match::Unknown, Returns::Declared(_, text)) => {
                reason.get_or_insert(format!("the awaited task is not known to have the declared type `{text}`"));
            }
            (Match::Unknown, Returns::TaskRun) => {
                reason.get_or_insert("the awaited expression is not known to be a `Task`".to_owned());
            }
        }
    }

    let message = match tails.as_slice() {
        [Tail { kind: TailKind::Returned, .. }] => format!("`async` {what} only awaits the task it returns"),
        [_] => format!("`async` {what} only awaits the task it ends with"),
        _ => format!("`async` {what} only awaits the tasks it returns, one at each of its {} exits", tails.len()),
    };
    let range = tails[0].awaited.range();
    let fix = match reason {
        Some(reason) => Err(reason),
        None => edits(node, &tails, cx).ok_or_else(|| "a comment or a directive is in the way".to_owned()),
    };
    out.push(match fix {
        Ok(edits) => {
            let title = match tails.len() {
                1 => FIX_TITLE.to_owned(),
                n => format!("Remove `async` and the {n} `await`s, return the tasks"),
            };
            // Removing `async` must not meet a fix that adds an `await` to the same function.
            let fix = Fix::new(title, edits, Applicability::Unsafe).isolated((cx.file, node.start()), Priority::Last);
            Diagnostic::new(&META, cx.file, range, message).with_fix(fix)
        }
        Err(reason) => Diagnostic::new(&META, cx.file, range, format!("{message} (no automatic fix: {reason})")),
    });
    Some(())
}

/// What the function must return. `None` for `void` and for lambdas whose delegate type is not
/// known: without `async`, a lambda's body must convert to what its delegate returns, and the
/// overload chosen for it may change.
fn returns(node: Node<'_>, cx: &FileContext<'_>) -> Option<Returns> {
    let declared = |t: Node<'_>| match t.text() {
        "void" => None,
        text => Some(Returns::Declared(cx.sem().read_type(cx.file, text), text.to_owned())),
    };
    match node.kind() {
        "method_declaration" => declared(node.field("returns")?),
        "local_function_statement" => declared(node.field("type")?),
        _ => {
            // `async Task<int> () => …` (C# 10) says what it returns.
            if let Some(t) = node.field("type") {
                return declared(t);
            }
            if is_task_run_argument(node) {
                return Some(Returns::TaskRun);
            }
            let sem = cx.sem();
            let delegate = sem.delegate_target(node).known().cloned()?;
            match sem.delegate_returns(&delegate) {
                TypeOf::Known(ty) => {
                    let text = ty.to_string();
                    Some(Returns::Declared(Some(ty), text))
                }
                _ => None,
            }
        }
    }
}

/// The tails of a function body, when every way out of it is one: an `await` whose task the
/// function could return instead. `has_value` says whether the function returns a `Task<T>`
/// (`None` for a `Task.Run` lambda: its `return`s tell). `None` when some exit is not a tail,
/// when the body awaits anything else, or is an iterator or jumps with `goto`.
fn tails(body: Node<'_>, has_value: Option<bool>) -> Option<Vec<Tail<'_>>> {
    if body.kind() != "block" {
        // `=> await E`, or a lambda's expression body.
        let expression = match body.kind() {
            "arrow_expression_clause" => first_code(body)?,
            _ => body,
        };
        return (expression.kind() == "await_expression" && awaits_in(body) == 1)
            .then(|| vec![Tail { awaited: expression, kind: TailKind::Returned }]);
    }
    let mut returns = Vec::new();
    let mut blocked = false;
    walk_own_body(body, &mut |n| match n.kind() {
        "return_statement" => returns.push(n),
        "yield_statement" | "goto_statement" | "labeled_statement" => blocked = true,
        _ => {}
    });
    if blocked {
        return None;
    }
    let has_value = has_value.unwrap_or_else(|| returns.iter().any(|r| first_code(*r).is_some()));
    let mut tails = Vec::new();
    if has_value {
        // The end of a `Task<T>` body cannot be reached: its `return`s are its exits.
        for r in &returns {
            let value = first_code(*r).filter(|v| v.kind() == "await_expression")?;
            tails.push(Tail { awaited: value, kind: TailKind::Returned });
        }
    } else {
        for r in &returns {
            if first_code(*r).is_some() {
                return None;
            }
            tails.push(before_exit(*r)?);
        }
        tails.extend(falls_off(body)?);
    }
    (!tails.is_empty() && awaits_in(body) == tails.len()).then_some(tails)
}

/// The tails through which control reaches the end of `statement`, whose end is the end of the
/// function: empty when its end cannot be reached, `None` when it can be reached without a tail.
fn falls_off(statement: Node<'_>) -> Option<Vec<Tail<'_>>> {
    match statement.kind() {
        "block" => {
            // Local functions declared after the last statement are not statements that run.
            let last = statement
                .named_children()
                .filter(|c| !is_trivia(c.kind()) && !matches!(c.kind(), "local_function_statement" | "empty_statement"))
                .last()?;
            falls_off(last)
        }
        "expression_statement" => {
            let awaited = first_code(statement).filter(|e| e.kind() == "await_expression")?;
            Some(vec![Tail { awaited, kind: TailKind::Last(statement) }])
        }
        "return_statement" | "throw_statement" => Some(Vec::new()),
        "if_statement" => {
            let mut tails = falls_off(statement.field("consequence")?)?;
            // Without `else`, a false condition leaves without a tail.
            tails.extend(falls_off(statement.field("alternative")?)?);
            Some(tails)
        }
        "switch_statement" => {
            let sections = statement.child_of_kind("switch_body")?;
            // Without `default`, a value no section matches leaves without a tail.
            if !sections.named_children().any(|s| s.kind() == "switch_section" && s.has_token("default")) {
                return None;
            }
            // A section cannot fall through to the next: it leaves by `break` (to the end of the
            // switch, which is the end of the function), `return` or `throw`.
            let mut breaks = Vec::new();
            collect_breaks(sections, &mut breaks);
            breaks.into_iter().map(before_exit).collect()
        }
        _ => None,
    }
}

/// The `break` statements that leave `node`'s switch (not those of nested loops and switches).
fn collect_breaks<'a>(node: Node<'a>, out: &mut Vec<Node<'a>>) {
    for child in node.named_children() {
        match child.kind() {
            "break_statement" => out.push(child),
            "switch_statement"
            | "while_statement"
            | "do_statement"
            | "for_statement"
            | "foreach_statement"
            | "lambda_expression"
            | "anonymous_method_expression"
            | "local_function_statement" => {}
            _ => collect_breaks(child, out),
        }
    }
}

/// `await E;` right before `exit` (`return;`, `break;`) in the same block or switch section.
fn before_exit(exit: Node<'_>) -> Option<Tail<'_>> {
    let parent = exit.parent().filter(|p| matches!(p.kind(), "block" | "switch_section"))?;
    let previous = parent.named_children().take_while(|c| !c.is(&exit)).filter(|c| !is_trivia(c.kind())).last()?;
    let awaited =
        first_code(previous).filter(|e| previous.kind() == "expression_statement" && e.kind() == "await_expression")?;
    Some(Tail { awaited, kind: TailKind::BeforeExit(previous, exit) })
}

/// How many `await`s the body has (`await foreach` and `await using` included), not counting
/// nested functions'.
fn awaits_in(body: Node<'_>) -> usize {
    let mut awaits = 0;
    walk_own_body(body, &mut |n| match n.kind() {
        "await_expression" => awaits += 1,
        "foreach_statement" | "using_statement" | "local_declaration_statement" if n.has_token("await") => awaits += 1,
        _ => {}
    });
    awaits
}

/// Whether the `await` is not inside `try`, `using`, `lock` or a loop: there the `await` keeps
/// the handler, the disposal, the lock (or a `foreach`'s enumerator) around the whole operation.
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
                | "unsafe_statement"
                | "while_statement"
                | "do_statement"
                | "for_statement"
                | "foreach_statement"
        ) {
            return false;
        }
    }
    true
}

/// Whether a `using var x = …;` is still in scope at a tail: `x` is disposed when its block ends,
/// which without the `await` is before the task completes. A `using` of a block that has closed
/// before the tail disposes before the `await` anyway.
fn using_declaration_spans_a_tail(body: Node<'_>, tails: &[Tail<'_>]) -> bool {
    let mut scopes = Vec::new();
    walk_own_body(body, &mut |n| {
        if n.kind() == "local_declaration_statement" && n.has_token("using") {
            // A declaration in a switch section is in scope in the whole switch.
            let scope = n.parent().map(|p| if p.kind() == "switch_section" { p.parent().unwrap_or(p) } else { p });
            scopes.extend(scope);
        }
    });
    scopes.iter().any(|scope| tails.iter().any(|t| t.awaited.ancestors().any(|a| a.is(scope))))
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

/// The first child that is code (not a comment or a directive).
fn first_code(node: Node<'_>) -> Option<Node<'_>> {
    node.named_children().find(|c| !is_trivia(c.kind()))
}

/// The awaited expression of an `await`.
fn operand(awaited: Node<'_>) -> Option<Node<'_>> {
    first_code(awaited)
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

/// Whether the awaited task's type is the one returned.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Match {
    /// Returning it compiles to the same signature.
    Same,
    /// Known to be another type: the `await` converts the result.
    Different,
    /// The type is unknown, or overloads disagree.
    Unknown,
}

/// Whether `task`'s type (from the semantic layer) is the function's return type `declared` (or
/// a `Task` of any result, where the function returns a plain `Task`).
fn same_task_type(declared: Option<&Type>, task: Node<'_>, cx: &FileContext<'_>) -> Match {
    let sem = cx.sem();
    let Some(declared) = declared else { return Match::Unknown };
    let plain_task = declared.name == "Task" && declared.args.is_empty();
    match sem.type_of(task) {
        TypeOf::Known(found) if mentions_unknown(&found) => match found.name == "Task" && plain_task {
            true => Match::Same,
            false => Match::Unknown,
        },
        TypeOf::Known(found) if found.non_nullable() == declared.non_nullable() => Match::Same,
        TypeOf::Known(found) if plain_task && found.name == "Task" => Match::Same,
        // `Task<string?>` for `Task<string>`: the same type for a reference type, another for a
        // value type, and which one it is is not known here.
        TypeOf::Known(found) if without_annotations(&found) == without_annotations(declared) => Match::Unknown,
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
fn mentions_unknown(ty: &Type) -> bool {
    ty.is_unknown() || ty.args.iter().any(mentions_unknown)
}

/// The type with every nullable annotation dropped, its arguments' too.
fn without_annotations(ty: &Type) -> Type {
    Type { name: ty.name.clone(), args: ty.args.iter().map(without_annotations).collect(), nullable: false }
}

/// Removes the `async` modifier and turns each tail into a `return` of its task (without a
/// trailing `.ConfigureAwait(…)`). `None` when a comment or a preprocessor directive sits where
/// text is removed.
fn edits(function: Node<'_>, tails: &[Tail<'_>], cx: &FileContext<'_>) -> Option<Vec<Edit>> {
    let text = cx.text;
    let modifier = function.named_children().find(|c| c.kind() == "modifier" && c.text() == "async")?;
    let after_modifier = modifier.next_sibling()?;
    let gap = &text[modifier.end()..after_modifier.start()];
    if !gap.chars().all(char::is_whitespace) || function.text().contains('#') && has_directive(function.text()) {
        return None;
    }
    let mut edits = vec![Edit::replace(cx.file, modifier.start()..after_modifier.start(), "")];
    for tail in tails {
        edits.extend(tail_edits(tail, cx)?);
    }
    Some(edits)
}

/// The edits of one tail.
///
/// Each edit runs past the awaited expression up to the next token (`;`, `)` or `,`): an edit of
/// another transform at the end of `E` (missing-configure-await adding `.ConfigureAwait(false)`)
/// then conflicts with this one instead of being applied alongside it, which would leave
/// `return E.ConfigureAwait(false);`.
fn tail_edits(tail: &Tail<'_>, cx: &FileContext<'_>) -> Option<Vec<Edit>> {
    let text = cx.text;
    let awaited = tail.awaited;
    let task = strip_configure_await(operand(awaited)?);
    let has_comment = |s: &str| s.contains("//") || s.contains("/*");
    if has_comment(&text[awaited.start()..task.start()]) || has_comment(&text[task.end()..awaited.end()]) {
        return None;
    }
    match tail.kind {
        TailKind::Returned => {
            let next = next_token(awaited)?;
            let kept = &text[awaited.end()..next.end()];
            if has_comment(kept) {
                return None;
            }
            Some(vec![Edit::replace(cx.file, awaited.start()..next.end(), format!("{}{kept}", task.text()))])
        }
        TailKind::Last(statement) => {
            if has_comment(&text[awaited.end()..statement.end()]) {
                return None;
            }
            Some(vec![Edit::replace(cx.file, statement.range(), format!("return {};", task.text()))])
        }
        TailKind::BeforeExit(statement, exit) => {
            if has_comment(&text[awaited.end()..statement.end()]) || has_comment(exit.text()) {
                return None;
            }
            // Comments between the two statements stay where they are.
            Some(vec![
                Edit::replace(cx.file, statement.range(), format!("return {};", task.text())),
                Edit::replace(cx.file, removal_range(text, exit.range()), ""),
            ])
        }
    }
}

/// What to delete to remove the statement at `range`: its whole line when it stands alone on
/// it, else the statement and the spaces that separate it from the code before it (or, at the
/// start of a line, from a comment after it).
fn removal_range(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[range.end..].find('\n').map_or(text.len(), |i| range.end + i + 1);
    let before = &text[line_start..range.start];
    let after = &text[range.end..line_end];
    let blank = |s: &str| s.chars().all(char::is_whitespace);
    if blank(before) && blank(after) {
        line_start..line_end
    } else if blank(before) {
        range.start..range.end + (after.len() - after.trim_start_matches([' ', '\t']).len())
    } else {
        range.start - (before.len() - before.trim_end_matches([' ', '\t']).len())..range.end
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transforms::testing::{application, assert_fix, assert_not_fixed, check};

    const LOADS: &str =
        "Task<string> LoadAsync(int id) => null; Task SaveAsync() => null; Task<long> WideAsync() => null;";

    fn class(members: &str) -> String {
        format!("class A {{ {LOADS} {members} }}")
    }

    #[track_caller]
    fn fixes(before: &str, after: &str) {
        assert_fix(&RedundantAwait, &class(before), &class(after));
    }

    #[track_caller]
    fn not_fixed(source: &str) {
        assert_not_fixed(&RedundantAwait, &class(source));
    }

    #[track_caller]
    fn not_reported(source: &str) {
        let found = check(&RedundantAwait, &class(source), application(), &Default::default());
        assert!(found.is_empty(), "unexpected findings: {:?}", found.iter().map(|d| &d.message).collect::<Vec<_>>());
    }

    #[test]
    fn returns_the_task_of_a_final_return_await() {
        fixes(
            "async Task<string> F(int id) { id++; return await LoadAsync(id); }",
            "Task<string> F(int id) { id++; return LoadAsync(id); }",
        );
        fixes(
            "async Task<string> F() => await LoadAsync(1).ConfigureAwait(false);",
            "Task<string> F() => LoadAsync(1);",
        );
    }

    #[test]
    fn a_final_await_statement_of_a_task_method_becomes_a_return() {
        fixes("async Task F() { Log(); await SaveAsync(); }", "Task F() { Log(); return SaveAsync(); }");
        fixes("async Task F() { await LoadAsync(1).ConfigureAwait(false); }", "Task F() { return LoadAsync(1); }");
    }

    #[test]
    fn every_exit_of_an_if_else_chain_is_fixed_together() {
        fixes(
            "async Task<string> F(int id) { if (id < 0) return await LoadAsync(0); else if (id == 0) { return await LoadAsync(1); } return await LoadAsync(id); }",
            "Task<string> F(int id) { if (id < 0) return LoadAsync(0); else if (id == 0) { return LoadAsync(1); } return LoadAsync(id); }",
        );
        fixes(
            "async Task F(bool b) { if (b) await SaveAsync(); else { Log(); await SaveAsync(); } }",
            "Task F(bool b) { if (b) return SaveAsync(); else { Log(); return SaveAsync(); } }",
        );
    }

    #[test]
    fn early_returns_and_switch_sections_of_a_task_method() {
        fixes(
            "async Task F(bool b) { if (b) { await SaveAsync(); return; } await SaveAsync(); }",
            "Task F(bool b) { if (b) { return SaveAsync(); } return SaveAsync(); }",
        );
        fixes(
            "async Task F(int k) { switch (k) { case 1: await SaveAsync(); break; default: throw new Exception(); } }",
            "Task F(int k) { switch (k) { case 1: return SaveAsync(); default: throw new Exception(); } }",
        );
        fixes(
            "async Task<string> F(int k) { switch (k) { case 1: return await LoadAsync(1); default: return await LoadAsync(k); } }",
            "Task<string> F(int k) { switch (k) { case 1: return LoadAsync(1); default: return LoadAsync(k); } }",
        );
    }

    #[test]
    fn does_not_apply_when_an_exit_has_no_await() {
        not_reported("async Task F(bool b) { if (b) await SaveAsync(); }");
        not_reported("async Task F(bool b) { if (b) return; await SaveAsync(); }");
        not_reported("async Task<string> F(bool b) { if (b) return null; return await LoadAsync(1); }");
        not_reported("async Task F(int k) { switch (k) { case 1: await SaveAsync(); break; } }");
        not_reported("async Task F(int k) { switch (k) { case 1: if (k > 0) break; await SaveAsync(); break; default: await SaveAsync(); break; } }");
    }

    #[test]
    fn does_not_apply_around_try_using_lock_and_loops() {
        not_reported("async Task F() { try { await SaveAsync(); } finally { Log(); } }");
        not_reported("async Task F(IDisposable d) { using (d) { await SaveAsync(); } }");
        not_reported("async Task<string> F(int[] ids) { foreach (var id in ids) { return await LoadAsync(id); } return await LoadAsync(0); }");
        not_reported("async Task<string> F() { while (true) { return await LoadAsync(1); } }");
        not_reported("async Task F() { using var scope = Open(); await SaveAsync(); }");
    }

    #[test]
    fn a_closed_using_block_or_a_local_function_after_the_return_does_not_block() {
        fixes(
            "async Task<string> F() { { using var s = Open(); s.Flush(); } return await Local(); Task<string> Local() => LoadAsync(1); }",
            "Task<string> F() { { using var s = Open(); s.Flush(); } return Local(); Task<string> Local() => LoadAsync(1); }",
        );
        fixes(
            "async Task F() { using (Open()) { Log(); } await SaveAsync(); void Log() {} }",
            "Task F() { using (Open()) { Log(); } return SaveAsync(); void Log() {} }",
        );
    }

    #[test]
    fn async_lambdas_whose_delegate_type_is_declared() {
        fixes(
            "void F() { Func<int, Task<string>> f = async id => await LoadAsync(id); }",
            "void F() { Func<int, Task<string>> f = id => LoadAsync(id); }",
        );
        fixes(
            "void F() { Func<Task> f = async delegate { Log(); await SaveAsync(); }; }",
            "void F() { Func<Task> f = delegate { Log(); return SaveAsync(); }; }",
        );
        fixes(
            "void F() { Task.Run(async () => { await SaveAsync(); }); }",
            "void F() { Task.Run(() => { return SaveAsync(); }); }",
        );
    }

    #[test]
    fn does_not_apply_to_lambdas_of_unknown_or_converting_delegates() {
        not_reported("void F() { var f = async () => await SaveAsync(); }");
        not_reported("void F() { Outside.Run(async () => await SaveAsync()); }");
        not_reported("void F() { Func<Task<object>> f = async () => await LoadAsync(1); }");
        not_reported("void F() { Action a = async () => await SaveAsync(); }");
    }

    #[test]
    fn types_come_from_the_semantic_layer() {
        fixes("async Task<int> F() => await Task.FromResult(1);", "Task<int> F() => Task.FromResult(1);");
        fixes(
            "async Task<long> F() => await Task.Run(() => WideAsync());",
            "Task<long> F() => Task.Run(() => WideAsync());",
        );
        fixes(
            "async Task<string> F() { var t = LoadAsync(1); Log(); return await t; }",
            "Task<string> F() { var t = LoadAsync(1); Log(); return t; }",
        );
        not_reported("async Task<long> F() => await Task.FromResult(1);");
        not_fixed("async Task<string> F() => await Outside.LoadAsync();");
    }

    #[test]
    fn a_nullable_annotation_that_differs_withholds_the_fix() {
        not_fixed("Task<string?> MaybeAsync() => null; async Task<string> F() => await MaybeAsync();");
    }

    #[test]
    fn does_not_apply_with_another_await_or_a_comment() {
        not_reported("async Task<string> F() { await SaveAsync(); return await LoadAsync(1); }");
        not_reported("async Task F(IAsyncEnumerable<int> xs) { await foreach (var x in xs) { } await SaveAsync(); }");
        not_fixed("async Task F() { await /* why */ SaveAsync(); }");
    }

    #[test]
    fn an_exit_after_the_await_is_removed_and_comments_between_stay() {
        fixes(
            "async Task F(bool b)\n{\n    if (b)\n    {\n        await SaveAsync(); // early\n        return;\n    }\n    await SaveAsync();\n}",
            "Task F(bool b)\n{\n    if (b)\n    {\n        return SaveAsync(); // early\n    }\n    return SaveAsync();\n}",
        );
        fixes(
            "async Task F(int k) { switch (k) { case 1: await SaveAsync(); break; default: await SaveAsync(); /* last */ break; } }",
            "Task F(int k) { switch (k) { case 1: return SaveAsync(); default: return SaveAsync(); /* last */ } }",
        );
    }

    #[test]
    fn does_not_apply_to_tests_and_their_lambdas() {
        not_reported("[Fact] public async Task Saves() { Log(); await SaveAsync(); }");
        not_reported("[Test] public async Task Runs() { Func<Task> f = async () => await SaveAsync(); await f(); }");
    }

    #[test]
    fn the_fix_is_isolated_from_fixes_that_add_an_await() {
        let found =
            check(&RedundantAwait, &class("async Task F() { await SaveAsync(); }"), application(), &Default::default());
        let fix = found[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.isolation.map(|i| i.priority), Some(Priority::Last));
    }
}
