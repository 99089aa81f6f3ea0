//! `async-without-await`: an `async` method, lambda or local function that never awaits.
//!
//! The user documentation is `transforms/async-without-await/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix, Priority};
use crate::semantic::{Semantics, TaskKind};
use crate::syntax::{simple_name, Node};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "async-without-await",
    code: "AF005",
    summary: "`async` method, lambda or local function without `await`",
    default_enabled: true,
    fix: Applicability::Safe,
    documentation: include_str!("../../transforms/async-without-await/README.md"),
    words: &["async"],
};

/// Removes `async` from functions that never await, returning completed tasks instead.
pub struct AsyncWithoutAwait;

impl Transform for AsyncWithoutAwait {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["method_declaration", "local_function_statement", "lambda_expression", "anonymous_method_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(async_modifier) = node.named_children().find(|c| c.kind() == "modifier" && c.text() == "async") else {
            return;
        };
        let Some(body) = node.field("body").or_else(|| node.child_of_kind("block")) else { return };
        // Inside a syntax error, tree-sitter's reading is a guess (`if (async) …` with a parameter
        // called `async` reads as a lambda).
        if node.raw().has_error() {
            return;
        }
        let facts = BodyFacts::scan(body);
        if facts.awaits || facts.yields || warning_suppressed_in(cx.text, cx.directive_lines(), async_modifier.start())
        {
            return;
        }
        let what = match node.kind() {
            "method_declaration" => "method",
            "local_function_statement" => "local function",
            "lambda_expression" => "lambda",
            _ => "anonymous method",
        };
        let returns = return_type(node);
        let shape = returns.map(shape_of);
        // `async void` is async-void's business (and a lambda given to an `Action` is one).
        if matches!(shape, Some(Some(Shape::Void))) {
            return;
        }
        let header_end = node
            .field("name")
            .or_else(|| node.field("parameters"))
            .map_or(async_modifier.end(), |n| n.end())
            .max(async_modifier.end());
        let range = async_modifier.start()..header_end;
        let base = format!("`async` {what} without `await`");
        let no_fix = if facts.blocks_on_tasks(cx) {
            Some("it blocks on tasks that it could await".to_owned())
        } else if facts.directives {
            Some("`#if` in the body".to_owned())
        } else {
            match (returns, &shape) {
                (None, _) => Some(format!("the {what}'s delegate type is not visible")),
                (Some(t), Some(None) | None) => Some(format!("`{}` is not `Task` or `ValueTask`", t.text())),
                _ => None,
            }
        };
        let fix = match (&no_fix, shape) {
            (None, Some(Some(shape))) => build_fix(node, async_modifier, body, &shape, &facts, cx),
            _ => None,
        };
        let message = match no_fix {
            Some(reason) => format!("{base} (no automatic fix: {reason})"),
            None => base,
        };
        let mut diagnostic = Diagnostic::new(&META, cx.file, range, message);
        diagnostic.fix = fix;
        out.push(diagnostic);
    }
}

/// Whether `#pragma warning disable CS1998` (the compiler's own "async method lacks await"
/// warning) is in force at `offset`: the code's authors chose to keep the `async`.
#[cfg(test)]
fn warning_suppressed(text: &str, offset: usize) -> bool {
    warning_suppressed_in(text, &crate::check::directive_lines(text), offset)
}

/// Whether warning CS1998 is disabled at `offset`, given the file's directive lines (from `FileContext::directive_lines`).
fn warning_suppressed_in(text: &str, directives: &[std::ops::Range<usize>], offset: usize) -> bool {
    let mut suppressed = false;
    for range in directives.iter().take_while(|r| r.start < offset) {
        let line = text[range.start..range.end.min(offset)].trim_start();
        let Some(rest) = line.strip_prefix('#') else { continue };
        let mut words = rest.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
        if words.next() != Some("pragma") || words.next() != Some("warning") {
            continue;
        }
        let action = words.next();
        let codes: Vec<&str> = words.take_while(|w| !w.starts_with("//")).collect();
        if codes.is_empty() || codes.iter().any(|c| *c == "1998" || c.eq_ignore_ascii_case("CS1998")) {
            match action {
                Some("disable") => suppressed = true,
                Some("restore") => suppressed = false,
                _ => {}
            }
        }
    }
    suppressed
}

/// What the body of a function contains, not counting nested lambdas and local functions.
#[derive(Default)]
struct BodyFacts<'a> {
    awaits: bool,
    yields: bool,
    /// The calls, for blocking-call's question (would it fix one?), which is asked only of a body
    /// without `await`: it resolves the callee, and nearly every async body awaits.
    calls: Vec<Node<'a>>,
    /// The expression statements, for unawaited-task's question (would it await one?).
    statements: Vec<Node<'a>>,
    /// The member accesses (`t.Result`).
    member_accesses: Vec<Node<'a>>,
    /// `#if` and `#define`.
    directives: bool,
    returns: Vec<Node<'a>>,
}

impl<'a> BodyFacts<'a> {
    /// Scans a body, and stops at the first `await` or `yield`: then the function is left alone.
    fn scan(body: Node<'a>) -> Self {
        let mut facts = BodyFacts::default();
        let mut stack = vec![body];
        while let Some(node) = stack.pop() {
            match node.kind() {
                "lambda_expression" | "anonymous_method_expression" | "local_function_statement" => continue,
                "await_expression" => facts.awaits = true,
                "foreach_statement" | "using_statement" | "local_declaration_statement" if node.has_token("await") => {
                    facts.awaits = true
                }
                "yield_statement" => facts.yields = true,
                "return_statement" => facts.returns.push(node),
                "invocation_expression" => facts.calls.push(node),
                "member_access_expression" => facts.member_accesses.push(node),
                "expression_statement" => facts.statements.push(node),
                // `#region` and `#pragma` are harmless; code under `#if` may not be what the
                // compiler sees, and reachability across branches is a guess.
                "preproc_if" | "preproc_elif" | "preproc_else" | "preproc_define" | "preproc_undef" => {
                    facts.directives = true
                }
                _ => {}
            }
            if facts.awaits || facts.yields {
                break;
            }
            stack.extend(node.children());
        }
        facts
    }

    /// `.Result`, `.Wait()`, `.GetAwaiter().GetResult()` on what may be a task. Stops at the first:
    /// a type lookup per `.Result` of a long sum would be quadratic.
    fn blocks_on_tasks(&self, cx: &FileContext<'_>) -> bool {
        let types = cx.sem();
        self.calls.iter().any(|&call| is_wait_call(call, &types))
            || self.member_accesses.iter().any(|&access| is_result_read(access, &types))
    }
}

/// `t.Wait(…)`, `t.GetAwaiter().GetResult()`, `Task.WaitAll(…)`, `Task.WaitAny(…)`.
fn is_wait_call(call: Node<'_>, types: &Semantics<'_>) -> bool {
    let Some(function) = call.field("function").filter(|f| f.kind() == "member_access_expression") else {
        return false;
    };
    let (Some(receiver), Some(name)) = (function.field("expression"), function.field("name")) else { return false };
    match name.text() {
        "Wait" => may_be_task(receiver, types),
        "WaitAll" | "WaitAny" => simple_name(receiver.text()) == "Task",
        "GetResult" => receiver.text().ends_with("GetAwaiter()"),
        _ => false,
    }
}

/// `t.Result` read on what may be a task.
fn is_result_read(access: Node<'_>, types: &Semantics<'_>) -> bool {
    let invoked = access
        .parent()
        .is_some_and(|p| p.kind() == "invocation_expression" && p.field("function").is_some_and(|f| f.is(&access)));
    access.field("name").is_some_and(|n| n.text() == "Result")
        && !invoked
        && access.field("expression").is_some_and(|r| may_be_task(r, types))
}

/// Unless the file shows the receiver's type and it is not a task, it may be one: erring this way
/// only costs a fix, while removing `async` where sync-over-async inserts an `await` would break
/// the code.
fn may_be_task(receiver: Node<'_>, types: &Semantics<'_>) -> bool {
    !matches!(types.task_kind(receiver), TaskKind::NotTaskLike | TaskKind::AsyncEnumerable)
}

/// The declared return type of a method or local function; for a lambda or anonymous method,
/// its explicit return type or the last type argument of the `Func<…>` it initialises.
fn return_type(node: Node<'_>) -> Option<Node<'_>> {
    match node.kind() {
        "method_declaration" => node.field("returns"),
        "local_function_statement" => node.field("type"),
        _ => node.field("type").or_else(|| {
            let declarator = node.parent().filter(|p| p.kind() == "variable_declarator")?;
            let declaration = declarator.parent().filter(|p| p.kind() == "variable_declaration")?;
            let delegate = declaration.field("type")?;
            match delegate.kind() {
                // `Action a = async () => …`: an async void lambda.
                "identifier" if delegate.text() == "Action" => Some(delegate),
                "generic_name" => {
                    let name = delegate.named_children().next()?.text();
                    let args = delegate.child_of_kind("type_argument_list")?;
                    match name {
                        "Func" => args.named_children().filter(|a| a.kind() != "comment").last(),
                        "Action" => Some(delegate),
                        _ => None,
                    }
                }
                _ => None,
            }
        }),
    }
}

/// What a function returns, for the rewrite.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Shape {
    /// `void` (or an `Action`).
    Void,
    /// `Task`, as written (`System.Threading.Tasks.Task`).
    Task(String),
    /// `Task<T>`: the type as written before `<`, and `T`.
    TaskOf(String, String),
    /// `ValueTask`.
    ValueTask,
    /// `ValueTask<T>`, the whole type as written.
    ValueTaskOf(String),
}

/// The shape of a return type; `None` for other task-like types.
fn shape_of(returns: Node<'_>) -> Option<Shape> {
    let text = returns.text();
    if text == "void" || simple_name(text) == "Action" {
        return Some(Shape::Void);
    }
    match text.find('<') {
        Some(open) => {
            let outer = text[..open].trim();
            let inner = text[open + 1..].trim_end().strip_suffix('>')?.trim();
            match simple_name(outer) {
                "Task" => Some(Shape::TaskOf(outer.to_owned(), inner.to_owned())),
                "ValueTask" => Some(Shape::ValueTaskOf(text.to_owned())),
                _ => None,
            }
        }
        None => match simple_name(text) {
            "Task" => Some(Shape::Task(text.trim().to_owned())),
            "ValueTask" => Some(Shape::ValueTask),
            _ => None,
        },
    }
}

impl Shape {
    /// Text around a returned value: (`Task.FromResult<int>(`, `)`).
    fn wrap(&self) -> Option<(String, &'static str)> {
        match self {
            Shape::TaskOf(outer, arg) => Some((format!("{outer}.FromResult<{arg}>("), ")")),
            Shape::ValueTaskOf(whole) => Some((format!("new {whole}("), ")")),
            _ => None,
        }
    }

    /// What `return;` returns instead: `Task.CompletedTask`, `default`.
    fn completed(&self) -> Option<String> {
        match self {
            Shape::Task(name) => Some(format!("{name}.CompletedTask")),
            Shape::ValueTask => Some("default".into()),
            _ => None,
        }
    }

    fn description(&self) -> String {
        match self {
            Shape::TaskOf(outer, arg) => format!("Remove `async` and return `{outer}.FromResult<{arg}>(…)`"),
            Shape::ValueTaskOf(whole) => format!("Remove `async` and return `new {whole}(…)`"),
            Shape::Task(name) => format!("Remove `async` and return `{name}.CompletedTask`"),
            Shape::ValueTask | Shape::Void => "Remove `async` and return `default`".into(),
        }
    }
}

fn build_fix(
    node: Node<'_>,
    async_modifier: Node<'_>,
    body: Node<'_>,
    shape: &Shape,
    facts: &BodyFacts<'_>,
    cx: &FileContext<'_>,
) -> Option<Fix> {
    let mut edits = vec![remove_async(async_modifier, cx)];
    let mut description = shape.description();
    let expression = match body.kind() {
        "arrow_expression_clause" => body.named_children().find(|c| c.kind() != "comment"),
        "block" => None,
        _ => Some(body), // a lambda's expression body
    };
    match expression {
        Some(expr) if expr.kind() == "throw_expression" => description = "Remove `async`".into(),
        Some(expr) => match (shape.wrap(), shape.completed()) {
            (Some((open, close)), _) => {
                edits.push(Edit::insert(cx.file, expr.start(), open));
                edits.push(Edit::insert(cx.file, expr.end(), close));
            }
            (None, Some(completed)) => edits.push(expression_to_block(node, body, expr, &completed, cx)?),
            (None, None) => return None,
        },
        None => {
            for ret in &facts.returns {
                match ret.named_children().find(|c| c.kind() != "comment") {
                    Some(value) => {
                        let (open, close) = shape.wrap()?;
                        edits.push(Edit::insert(cx.file, value.start(), open));
                        edits.push(Edit::insert(cx.file, value.end(), close));
                    }
                    None => {
                        let completed = shape.completed()?;
                        let semicolon = ret.children().find(|c| c.kind() == ";")?;
                        edits.push(Edit::insert(cx.file, semicolon.start(), format!(" {completed}")));
                    }
                }
            }
            if let Some(completed) = shape.completed() {
                if completes_normally(body) {
                    edits.push(final_return(body, &completed, cx)?);
                }
            }
        }
    }
    let applicability = if cannot_throw(node, body) { Applicability::Safe } else { Applicability::Unsafe };
    // blocking-call's, unawaited-task's and sync-over-async's fixes make the function await:
    // removing `async` in the same round would break it, so this fix waits for theirs.
    Some(Fix::new(description, edits, applicability).isolated((cx.file, node.start()), Priority::Last))
}

/// Deletes `async` and the spaces after it.
fn remove_async(modifier: Node<'_>, cx: &FileContext<'_>) -> Edit {
    let rest = &cx.text[modifier.end()..];
    let spaces = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    Edit::replace(cx.file, modifier.start()..modifier.end() + spaces, "")
}

/// `=> DoIt();` of a `Task` method becomes a block that runs the expression and returns the
/// completed task. Lambdas keep one line: `() => { DoIt(); return Task.CompletedTask; }`.
fn expression_to_block(
    node: Node<'_>,
    body: Node<'_>,
    expr: Node<'_>,
    completed: &str,
    cx: &FileContext<'_>,
) -> Option<Edit> {
    if !is_statement_expression(expr) {
        return None;
    }
    if body.kind() != "arrow_expression_clause" {
        let block = format!("{{ {}; return {completed}; }}", expr.text());
        return Some(Edit::replace(cx.file, expr.range(), block));
    }
    // From the end of the header (after the parameters or constraints) to the `;`.
    let mut before = None;
    for child in node.children() {
        if child.is(&body) {
            break;
        }
        before = Some(child);
    }
    let before = before?;
    let semicolon = body.next_sibling().filter(|s| s.kind() == ";")?;
    if !cx.text[before.end()..body.start()].trim().is_empty() {
        return None;
    }
    let nl = cx.newline();
    let indent = cx.indent_at(node.field("name").map_or(node.start(), |n| n.start()));
    let unit = cx.indent_unit();
    let block =
        format!("{nl}{indent}{{{nl}{indent}{unit}{};{nl}{indent}{unit}return {completed};{nl}{indent}}}", expr.text());
    Some(Edit::replace(cx.file, before.end()..semicolon.end(), block))
}

/// Expressions that can stand as a statement: calls, assignments, `++`/`--`, `new`.
fn is_statement_expression(expr: Node<'_>) -> bool {
    match expr.kind() {
        "invocation_expression" | "assignment_expression" | "object_creation_expression" => true,
        "prefix_unary_expression" | "postfix_unary_expression" => {
            let text = expr.text();
            text.starts_with("++") || text.starts_with("--") || text.ends_with("++") || text.ends_with("--")
        }
        _ => false,
    }
}

/// `return Task.CompletedTask;` before the closing brace of a block whose end is reachable.
fn final_return(block: Node<'_>, completed: &str, cx: &FileContext<'_>) -> Option<Edit> {
    let brace = block.children().filter(|c| c.kind() == "}").last()?;
    let line_start = cx.text[..brace.start()].rfind('\n').map_or(0, |i| i + 1);
    let own_line = cx.text[line_start..brace.start()].trim().is_empty();
    if own_line {
        let indent = cx.indent_at(brace.start());
        let text = format!("{indent}{}return {completed};{}", cx.indent_unit(), cx.newline());
        return Some(Edit::insert(cx.file, line_start, text));
    }
    let space_before = cx.text[..brace.start()].ends_with([' ', '\t']);
    let text = if space_before { format!("return {completed}; ") } else { format!(" return {completed}; ") };
    Some(Edit::insert(cx.file, brace.start(), text))
}

/// Whether the end of a statement may be reached. Errs towards "yes": a needless final `return`
/// is only warning CS0162, a missing one does not compile.
fn completes_normally(statement: Node<'_>) -> bool {
    match statement.kind() {
        "return_statement" | "throw_statement" => false,
        "block" => {
            let list: Vec<Node<'_>> = statement
                .named_children()
                .filter(|s| !matches!(s.kind(), "comment" | "local_function_statement" | "empty_statement"))
                .collect();
            if list.iter().any(|s| s.kind() == "labeled_statement") {
                return true;
            }
            list.iter().all(|s| completes_normally(*s))
        }
        "if_statement" => match (statement.field("consequence"), statement.field("alternative")) {
            (Some(then), Some(otherwise)) => completes_normally(then) || completes_normally(otherwise),
            _ => true,
        },
        "while_statement" | "do_statement" => {
            statement.field("condition").is_none_or(|c| c.text() != "true") || contains_break(statement)
        }
        "for_statement" => statement.field("condition").is_some() || contains_break(statement),
        "try_statement" => {
            let finally = statement.child_of_kind("finally_clause").and_then(|f| f.child_of_kind("block"));
            if finally.is_some_and(|f| !completes_normally(f)) {
                return false;
            }
            statement.field("body").is_none_or(completes_normally)
                || statement
                    .named_children()
                    .filter(|c| c.kind() == "catch_clause")
                    .any(|c| c.field("body").is_none_or(completes_normally))
        }
        "lock_statement" | "using_statement" | "checked_statement" | "unsafe_statement" | "fixed_statement" => {
            statement.named_children().filter(|c| c.kind() != "comment").last().is_none_or(completes_normally)
        }
        _ => true,
    }
}

fn contains_break(node: Node<'_>) -> bool {
    let mut found = false;
    node.walk(|n| found |= matches!(n.kind(), "break_statement" | "goto_statement" | "yield_statement"));
    found
}

/// Whether the body certainly cannot throw: it only returns literals, `default`, `null`,
/// parameters and `this`. Then the exception behaviour cannot change and the fix is safe.
fn cannot_throw(function: Node<'_>, body: Node<'_>) -> bool {
    let params: Vec<&str> = function
        .field("parameters")
        .map(|list| {
            if list.kind() == "parameter_list" {
                list.named_children().filter_map(|p| p.field("name")).map(|n| n.text()).collect()
            } else {
                vec![list.text()]
            }
        })
        .unwrap_or_default();
    let simple = |e: Node<'_>| is_simple_value(e, &params);
    match body.kind() {
        "block" => body.named_children().all(|s| match s.kind() {
            "comment" | "empty_statement" | "local_function_statement" => true,
            "return_statement" => s.named_children().filter(|c| c.kind() != "comment").all(simple),
            _ => false,
        }),
        "arrow_expression_clause" => body.named_children().filter(|c| c.kind() != "comment").all(simple),
        _ => simple(body),
    }
}

fn is_simple_value(expr: Node<'_>, params: &[&str]) -> bool {
    match expr.kind() {
        "integer_literal"
        | "real_literal"
        | "string_literal"
        | "verbatim_string_literal"
        | "character_literal"
        | "boolean_literal"
        | "null_literal"
        | "default_expression"
        | "typeof_expression"
        | "this_expression"
        | "this" => true,
        "identifier" => params.contains(&expr.text()),
        "parenthesized_expression" => expr.named_children().next().is_some_and(|e| is_simple_value(e, params)),
        "prefix_unary_expression" => {
            expr.text().starts_with('-') && expr.named_children().next().is_some_and(|e| is_simple_value(e, params))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Settings;
    use crate::transforms::testing;
    use crate::workspace::{Project, ProjectKind};

    /// The diagnostics' messages and the text after applying every fix.
    fn run(text: &str) -> (Vec<String>, String, Vec<Applicability>) {
        let project =
            Project { kind: ProjectKind::Application, target_frameworks: vec!["net8.0".into()], ..Project::unknown() };
        let out = testing::check(&AsyncWithoutAwait, text, project, &Settings::default());
        let messages = out.iter().map(|d| d.message.clone()).collect();
        let applicability = out.iter().filter_map(|d| d.fix.as_ref()).map(|f| f.applicability).collect();
        let result = testing::apply(text, out.into_iter().filter_map(|d| d.fix).flat_map(|f| f.edits));
        (messages, result, applicability)
    }

    fn fixed(text: &str) -> String {
        run(text).1
    }

    #[test]
    fn expression_bodies() {
        assert_eq!(
            fixed("class A { async Task<int> F() => 42; }"),
            "class A { Task<int> F() => Task.FromResult<int>(42); }"
        );
        assert_eq!(
            fixed("class A {\n    async Task F() => DoIt();\n}"),
            "class A {\n    Task F()\n    {\n        DoIt();\n        return Task.CompletedTask;\n    }\n}"
        );
    }

    #[test]
    fn returns_are_wrapped_and_a_reachable_end_returns() {
        let before =
            "class A {\n    public async Task F(bool b)\n    {\n        if (b) return;\n        G();\n    }\n}";
        let after = "class A {\n    public Task F(bool b)\n    {\n        if (b) return Task.CompletedTask;\n        G();\n        return Task.CompletedTask;\n    }\n}";
        assert_eq!(fixed(before), after);
        assert_eq!(
            fixed("class A { async Task<string> F() { return null; } }"),
            "class A { Task<string> F() { return Task.FromResult<string>(null); } }"
        );
        assert_eq!(fixed("class A { async Task F() { } }"), "class A { Task F() { return Task.CompletedTask; } }");
    }

    #[test]
    fn unreachable_end_gets_no_return() {
        let text = "class A { async Task F() { if (x) { throw new E(); } else { return; } } }";
        assert_eq!(
            fixed(text),
            "class A { Task F() { if (x) { throw new E(); } else { return Task.CompletedTask; } } }"
        );
    }

    #[test]
    fn safe_only_when_the_body_cannot_throw() {
        assert_eq!(run("class A { async Task<int> F(int x) { return x; } }").2, [Applicability::Safe]);
        assert_eq!(run("class A { async Task<int> F() { return G(); } }").2, [Applicability::Unsafe]);
    }

    #[test]
    fn awaits_in_nested_functions_do_not_count() {
        let text = "class A { async Task F() { Run(async () => await G()); } }";
        let (messages, _, _) = run(text);
        assert_eq!(messages, ["`async` method without `await`"]);
    }

    #[test]
    fn skips_async_void_iterators_and_awaiting_functions() {
        for text in [
            "class A { async void F() { } }",
            "class A { async IAsyncEnumerable<int> F() { yield return 1; } }",
            "class A { async Task F() { await foreach (var x in G()) { } } }",
            "class A { async Task F() { await using var x = G(); } }",
            "class A { void F() { Action a = async () => G(); } }",
        ] {
            assert!(run(text).0.is_empty(), "{text}");
        }
    }

    #[test]
    fn lambdas_need_a_visible_delegate_type() {
        let (messages, after, _) =
            run("class A { void F() { Run(async () => 42); Func<Task<int>> f = async () => 42; } }");
        assert_eq!(
            messages[0],
            "`async` lambda without `await` (no automatic fix: the lambda's delegate type is not visible)"
        );
        assert_eq!(
            after,
            "class A { void F() { Run(async () => 42); Func<Task<int>> f = () => Task.FromResult<int>(42); } }"
        );
    }

    #[test]
    fn its_fix_waits_for_fixes_that_add_await() {
        let text = "using System.Threading; class A { async Task F() { Thread.Sleep(1); } }";
        let project = Project { kind: ProjectKind::Application, ..Project::unknown() };
        let out = testing::check(&AsyncWithoutAwait, text, project, &Settings::default());
        let fix = out[0].fix.as_ref().expect("a fix");
        let isolation = fix.isolation.expect("in the method's isolation group");
        assert_eq!(isolation.group, (0, text.find("async Task F").unwrap()));
        assert_eq!(isolation.priority, crate::fix::Priority::Last);
    }

    #[test]
    fn pragma_suppression_regions() {
        let text = "@a\n#pragma warning disable CS1998 // why\n@b\n#pragma warning restore CS1998\n@c\n#pragma warning disable\n@d";
        let at = |s: &str| text.find(s).unwrap();
        assert!(!warning_suppressed(text, at("@a")));
        assert!(warning_suppressed(text, at("@b")));
        assert!(!warning_suppressed(text, at("@c")));
        assert!(warning_suppressed(text, at("@d")), "a bare `disable` covers every warning");
        assert!(!warning_suppressed("#pragma warning disable CS0168\nx", 30));
    }

    #[test]
    fn loops_without_break_and_try_finally_end_unreachably() {
        for (body, expected) in [
            ("while (true) { G(); }", "while (true) { G(); }"),
            ("for (;;) { if (x) break; }", "for (;;) { if (x) break; } return Task.CompletedTask;"),
            ("try { return; } finally { G(); }", "try { return Task.CompletedTask; } finally { G(); }"),
            (
                "switch (x) { default: return; }",
                "switch (x) { default: return Task.CompletedTask; } return Task.CompletedTask;",
            ),
        ] {
            let before = format!("class A {{ async Task F() {{ {body} }} }}");
            let after = format!("class A {{ Task F() {{ {expected} }} }}");
            assert_eq!(fixed(&before), after, "{body}");
        }
    }

    #[test]
    fn waits_on_tasks_are_left_to_sync_over_async() {
        let (messages, _, _) = run("class A { async Task<int> F() { return G().Result; } }");
        assert_eq!(
            messages,
            ["`async` method without `await` (no automatic fix: it blocks on tasks that it could await)"]
        );
    }

    #[test]
    fn removes_async_and_returns_a_completed_task() {
        crate::transforms::testing::assert_fix(
            &AsyncWithoutAwait,
            "using System.Threading.Tasks; class A { int _n; async Task F() { _n++; } }",
            "using System.Threading.Tasks; class A { int _n; Task F() { _n++; return Task.CompletedTask; } }",
        );
    }

    #[test]
    fn does_not_apply_to_a_body_that_awaits() {
        crate::transforms::testing::assert_not_fixed(
            &AsyncWithoutAwait,
            "using System.Threading.Tasks; class A { async Task F() { await Task.Delay(1); } }",
        );
    }
}
