//! `when-all-exceptions`: a `catch` around `await Task.WhenAll(…)` that sees only the first
//! failure.
//!
//! The user documentation is `transforms/when-all-exceptions/README.md`.

use std::collections::HashSet;

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::index::Framework;
use crate::semantic::{Invocation, Receiver};
use crate::syntax::has_trivia_outside;
use crate::syntax::{simple_name, Node};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "when-all-exceptions",
    code: "AF009",
    summary: "`catch` around `await Task.WhenAll` that sees only the first failure",
    default_enabled: true,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/when-all-exceptions/README.md"),
    words: &["WhenAll"],
};

/// Makes every failure of `Task.WhenAll` visible to its handler.
pub struct WhenAllExceptions;

impl Transform for WhenAllExceptions {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["try_statement"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        check(node, cx, out);
    }
}

/// `await Task.WhenAll(…)` (possibly `.ConfigureAwait(…)`) as a statement of a `try` block.
struct WhenAllAwait<'a> {
    /// The statement that holds it.
    statement: Node<'a>,
    /// The `await` expression.
    await_node: Node<'a>,
    /// The `Task.WhenAll(…)` call.
    call: Node<'a>,
    /// `Task` as the call writes it (`System.Threading.Tasks.Task`).
    task_type: &'a str,
}

/// A `catch` clause that declares a variable and uses it.
struct Handler<'a> {
    /// The declared type.
    ty: Node<'a>,
    /// The variable.
    name: Node<'a>,
    body: Node<'a>,
}

fn check(try_statement: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) -> Option<()> {
    let block = try_statement.field("body")?;
    let awaits: Vec<WhenAllAwait<'_>> = block.named_children().filter_map(when_all_await).collect();
    let when_all = awaits.first()?;
    let handlers: Vec<Handler<'_>> =
        try_statement.named_children().filter(|c| c.kind() == "catch_clause").filter_map(handler).collect();
    let handler = handlers.first()?;

    let message = "`catch` sees only the first failure of `Task.WhenAll`";
    // A `Task.WhenAll` nested in the arguments of the awaited one adds its failures to it.
    let no_fix = if awaits.len() > 1 || count_when_all(block) > count_when_all(when_all.call) {
        Some("the `try` calls `Task.WhenAll` more than once".to_owned())
    } else if handlers.len() > 1 {
        Some("several `catch` clauses use the exception".to_owned())
    } else if simple_name(handler.ty.text()) != "Exception" {
        Some(format!("the other failures need not be `{}`", handler.ty.text()))
    } else {
        blocker(handler)
    };
    let range = when_all.await_node.range();
    let fix = match no_fix {
        Some(reason) => Err(reason),
        None => build_fix(try_statement, when_all, handler, cx).map_err(str::to_owned),
    };
    out.push(match fix {
        Ok(fix) => Diagnostic::new(&META, cx.file, range, message).with_fix(fix),
        Err(reason) => Diagnostic::new(&META, cx.file, range, format!("{message} (no automatic fix: {reason})")),
    });
    Some(())
}

fn when_all_await(statement: Node<'_>) -> Option<WhenAllAwait<'_>> {
    let expression = match statement.kind() {
        "expression_statement" | "return_statement" => statement.named_children().next()?,
        "local_declaration_statement" => {
            let declarators: Vec<_> = statement
                .child_of_kind("variable_declaration")?
                .named_children()
                .filter(|d| d.kind() == "variable_declarator")
                .collect();
            match declarators.as_slice() {
                [declarator] => declarator.named_children().find(|c| c.kind() == "await_expression")?,
                _ => return None,
            }
        }
        _ => return None,
    };
    if expression.kind() != "await_expression" {
        return None;
    }
    let operand = expression.named_children().next()?;
    let call = match Invocation::cast(operand) {
        Some(c) if c.name == "ConfigureAwait" && c.arg_count() == 1 => c.receiver.expression()?,
        _ => operand,
    };
    let when_all = Invocation::cast(call).filter(|c| c.is_static_call("Task", "WhenAll"))?;
    let Receiver::Expression(task_type) = when_all.receiver else { return None };
    Some(WhenAllAwait { statement, await_node: expression, call, task_type: task_type.text() })
}

/// How many calls of `Task.WhenAll` `node` holds (itself included).
fn count_when_all(node: Node<'_>) -> usize {
    let mut count = 0;
    node.walk(|n| count += usize::from(Invocation::cast(n).is_some_and(|c| c.is_static_call("Task", "WhenAll"))));
    count
}

fn handler(clause: Node<'_>) -> Option<Handler<'_>> {
    let declaration = clause.child_of_kind("catch_declaration")?;
    let name = declaration.field("name")?;
    let body = clause.field("body")?;
    let mut used = false;
    body.walk(|n| used |= n.kind() == "identifier" && n.text() == name.text());
    used.then_some(Handler { ty: declaration.field("type")?, name, body })
}

/// Why the handler must keep seeing the first failure itself, if it must: it throws the
/// variable again (its callers would catch an `AggregateException` instead of the failure they
/// catch today), hands it to something that throws it later (`SetException`,
/// `ExceptionDispatchInfo.Capture`), or tests its type (`is`, `as`, a cast, a `switch`,
/// `GetType()`), which would be `AggregateException` when several tasks failed. `throw;` is
/// fine: it rethrows the exception caught, whatever the variable holds.
fn blocker(handler: &Handler<'_>) -> Option<String> {
    let name = handler.name.text();
    let mut reason = None;
    handler.body.walk(|n| {
        if reason.is_some() || n.kind() != "identifier" || n.text() != name {
            return;
        }
        let mut child = n;
        let mut parent = n.parent();
        while let Some(p) = parent.filter(|p| p.kind() == "parenthesized_expression") {
            child = p;
            parent = p.parent();
        }
        let Some(parent) = parent else { return };
        let first = parent.named_children().find(|c| c.kind() != "comment").is_some_and(|c| c.is(&child));
        reason = match parent.kind() {
            "throw_statement" | "throw_expression" => Some(format!("the handler throws `{name}` again")),
            "is_expression" | "is_pattern_expression" | "as_expression" | "switch_statement" | "switch_expression"
                if first =>
            {
                Some(format!("the handler tests the type of `{name}`"))
            }
            "cast_expression" if parent.field("value").is_some_and(|v| v.is(&child)) => {
                Some(format!("the handler tests the type of `{name}`"))
            }
            "member_access_expression" if first && parent.field("name").is_some_and(|m| m.text() == "GetType") => {
                Some(format!("the handler tests the type of `{name}`"))
            }
            "argument" => {
                let call = parent.parent().and_then(|list| list.parent()).and_then(Invocation::cast);
                call.filter(|c| matches!(c.name, "SetException" | "TrySetException" | "Capture" | "Throw"))
                    .map(|c| format!("the handler passes `{name}` to `{}`, which throws it again", c.name))
            }
            _ => None,
        };
    });
    reason
}

/// ```text
/// Task whenAll = Task.CompletedTask;
/// try
/// {
///     whenAll = Task.WhenAll(tasks);
///     await whenAll;
/// }
/// catch (Exception e)
/// {
///     if (whenAll.Exception is AggregateException failures && failures.InnerExceptions.Count > 1) e = failures;
///     Log(e);
/// }
/// ```
///
/// When the `await` has a result (`var results = await Task.WhenAll(…);`, `return await …`), the
/// task goes through a local of its own type first, so that its type need not be written:
///
/// ```text
///     var pending = Task.WhenAll(tasks);
///     whenAll = pending;
///     var results = await pending;
/// ```
///
/// The variable starts as `Task.CompletedTask` (whose `Exception` is `null`) rather than `null`,
/// which a project with nullable reference types would warn about; on frameworks without
/// `Task.CompletedTask` (or unknown ones) it starts as `null`.
fn build_fix(
    try_statement: Node<'_>,
    when_all: &WhenAllAwait<'_>,
    handler: &Handler<'_>,
    cx: &FileContext<'_>,
) -> Result<Fix, &'static str> {
    // The declaration goes before the `try`, which must be a statement of a block on its own line.
    let parent = try_statement.parent().ok_or("the `try` is not a statement of a block")?;
    if !matches!(parent.kind(), "block" | "switch_section" | "global_statement") {
        return Err("the `try` is not a statement of a block");
    }
    if !starts_line(cx.text, try_statement.start()) {
        return Err("the `try` does not start its line");
    }
    // Comments and directives are kept only where the text is kept verbatim.
    if when_all.statement.kind() == "expression_statement"
        && has_trivia_outside(when_all.statement, when_all.call.range())
    {
        return Err("a comment or directive would be lost");
    }
    let Names { variable, pending, failures } = fresh_names(try_statement);
    let (initial, exception) = match has_completed_task(&cx.project.target_frameworks) {
        true => (format!("{}.CompletedTask", when_all.task_type), format!("{variable}.Exception")),
        false => ("null".to_owned(), format!("{variable}?.Exception")),
    };
    let newline = cx.newline();

    let separator = if starts_line(cx.text, when_all.statement.start()) {
        format!("{newline}{}", cx.indent_at(when_all.statement.start()))
    } else {
        " ".to_owned()
    };
    let call = when_all.call.text();
    let mut edits = vec![Edit::insert(
        cx.file,
        try_statement.start(),
        format!("{} {variable} = {initial};{newline}{}", when_all.task_type, cx.indent_at(try_statement.start())),
    )];
    if when_all.statement.kind() == "expression_statement" {
        // `await Task.WhenAll(…)…;` → `whenAll = Task.WhenAll(…); await whenAll…;`, on two lines
        // unless the statement shares its line with other code.
        let configure = &cx.text[when_all.call.end()..when_all.await_node.end()];
        let try_body = format!("{variable} = {call};{separator}await {variable}{configure};");
        edits.push(Edit::replace(cx.file, when_all.statement.range(), try_body));
    } else {
        // The statement stays; its call becomes a local that the variable also holds.
        edits.push(Edit::insert(
            cx.file,
            when_all.statement.start(),
            format!("var {pending} = {call};{separator}{variable} = {pending};{separator}"),
        ));
        edits.push(Edit::replace(cx.file, when_all.call.range(), pending));
    }

    // The handler's first statement: when several tasks failed, the variable holds all of them.
    let name = handler.name.text();
    let aggregate = match handler.ty.text().strip_suffix("Exception") {
        Some(qualifier) if qualifier.ends_with('.') => format!("{qualifier}AggregateException"),
        _ => "AggregateException".to_owned(),
    };
    let check = format!(
        "if ({exception} is {aggregate} {failures} && {failures}.InnerExceptions.Count > 1) {name} = {failures};"
    );
    let inner = block_inner(handler.body, cx.text);
    // After the `{`, or at the end of its line (a comment there stays with the brace).
    let open =
        handler.body.start() + 1 + inner.find('\n').map_or(0, |i| if inner[..i].ends_with('\r') { i - 1 } else { i });
    let inserted = if inner.contains('\n') {
        let line_start = cx.text[..handler.body.start()].rfind('\n').map_or(0, |i| i + 1);
        let brace_indent = &cx.text[line_start..handler.body.start()];
        let brace_indent = &brace_indent[..brace_indent.len() - brace_indent.trim_start().len()];
        // Follow the indentation of the handler's first line of code, or add a unit.
        let indent = inner
            .split('\n')
            .skip(1)
            .find(|l| !l.trim().is_empty())
            .map(|l| l[..l.len() - l.trim_start().len()].to_owned())
            .filter(|i| i.len() > brace_indent.len())
            .unwrap_or_else(|| format!("{brace_indent}{}", cx.indent_unit()));
        format!("{newline}{indent}{check}")
    } else {
        // A handler written on one line stays on one line.
        format!(" {check}")
    };
    edits.push(Edit::insert(cx.file, open, inserted));
    Ok(Fix::new("Let the `catch` see every failure of `Task.WhenAll`", edits, Applicability::Unsafe))
}

/// Whether only spaces and tabs precede `offset` on its line.
fn starts_line(text: &str, offset: usize) -> bool {
    text[..offset].rsplit('\n').next().is_some_and(|before| before.trim().is_empty())
}

/// The names a fix introduces.
struct Names {
    /// The `Task` variable declared before the `try`.
    variable: String,
    /// The local that holds the task when the `await` has a result.
    pending: String,
    /// The pattern variable of the handler's first line (in scope in the whole handler).
    failures: String,
}

/// Where `Task.CompletedTask` exists: .NET Framework 4.6, .NET Core, .NET Standard 1.3 and later.
const COMPLETED_TASK: [&str; 3] = ["net46", "netcoreapp1.0", "netstandard1.3"];

/// Whether every target framework (all of them known) has `Task.CompletedTask`.
fn has_completed_task(target_frameworks: &[String]) -> bool {
    let minimums: Vec<Framework> = COMPLETED_TASK.iter().filter_map(|m| Framework::parse(m)).collect();
    !target_frameworks.is_empty()
        && target_frameworks
            .iter()
            .all(|tfm| Framework::parse(tfm).is_some_and(|t| minimums.iter().any(|m| t.at_least(m))))
}

/// The names of the new `Task` variable, of the local that holds the task when the `await`
/// has a result, and of the pattern variable of the handler. They must differ from every identifier of the member around the `try` (or of
/// the file, for top-level statements), or they would clash with or hide one of them. The fixes
/// of several `try` statements of one member are applied together, so each `try` that may be
/// fixed takes the next free names in document order.
fn fresh_names(try_statement: Node<'_>) -> Names {
    let scope = try_statement
        .ancestors()
        .filter(|a| crate::syntax::is_function(a.kind()) && crate::syntax::Function { node: *a }.is_member())
        .last()
        .unwrap_or_else(|| try_statement.ancestors().last().unwrap_or(try_statement));
    let mut taken: HashSet<String> = HashSet::new();
    let mut tries = Vec::new();
    scope.walk(|n| {
        if matches!(n.kind(), "identifier" | "implicit_parameter") {
            taken.insert(n.text().to_owned());
        }
        let awaits_when_all = n.kind() == "try_statement"
            && n.field("body").is_some_and(|b| b.named_children().any(|c| when_all_await(c).is_some()));
        if awaits_when_all {
            tries.push(n);
        }
    });
    let next = |taken: &mut HashSet<String>| {
        let mut take = |base: &str| {
            let name = fresh_name(base, taken);
            taken.insert(name.clone());
            name
        };
        Names { variable: take("whenAll"), pending: take("pending"), failures: take("failures") }
    };
    for other in tries {
        let names = next(&mut taken);
        if other.is(&try_statement) {
            return names;
        }
    }
    next(&mut taken)
}

/// `base`, or `base2`, `base3`, … the first that is not taken.
fn fresh_name(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..).map(|i| format!("{base}{i}")).find(|n| !taken.contains(n.as_str())).unwrap_or_default()
}

/// The text between a block's braces.
fn block_inner<'a>(block: Node<'_>, text: &'a str) -> &'a str {
    let (start, end) = (block.start() + 1, block.end().saturating_sub(1));
    text.get(start..end.max(start)).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transforms::testing::{application, assert_fix, assert_fix_in, assert_not_fixed, check};
    use crate::workspace::Project;

    const CHECK: &str =
        "if (whenAll.Exception is AggregateException failures && failures.InnerExceptions.Count > 1) e = failures;";

    /// A method of a class whose body is `lines`, each on its own line, indented by four spaces.
    fn method(lines: &[&str]) -> String {
        let mut text = "class A {\n  async Task F(Task[] t, Task<int>[] n) {\n".to_owned();
        for line in lines {
            text.push_str(&format!("    {line}\n"));
        }
        text.push_str("  }\n}\n");
        text
    }

    #[track_caller]
    fn fixes(before: &[&str], after: &[&str]) {
        assert_fix(&WhenAllExceptions, &method(before), &method(after));
    }

    #[track_caller]
    fn not_fixed(lines: &[&str], reason: &str) {
        let text = method(lines);
        assert_not_fixed(&WhenAllExceptions, &text);
        let found = check(&WhenAllExceptions, &text, application(), &Default::default());
        assert!(
            found.iter().any(|d| d.message.contains(reason)),
            "expected a report saying {reason:?}, got {:?}",
            found.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_handler_of_several_statements_keeps_its_code_and_sees_every_failure() {
        fixes(
            &[
                "try",
                "{",
                "    await Task.WhenAll(t);",
                "}",
                "catch (Exception e)",
                "{",
                "    Log(e);",
                "    _failed = true;",
                "}",
            ],
            &[
                "Task whenAll = Task.CompletedTask;",
                "try",
                "{",
                "    whenAll = Task.WhenAll(t);",
                "    await whenAll;",
                "}",
                "catch (Exception e)",
                "{",
                &format!("    {CHECK}"),
                "    Log(e);",
                "    _failed = true;",
                "}",
            ],
        );
    }

    #[test]
    fn a_rethrow_and_a_return_in_the_handler_stay_as_they_are() {
        // `throw;` rethrows the exception caught, whatever `e` holds now.
        fixes(
            &["try { await Task.WhenAll(t); } catch (Exception e) { Log(e); throw; }"],
            &["Task whenAll = Task.CompletedTask;", &format!("try {{ whenAll = Task.WhenAll(t); await whenAll; }} catch (Exception e) {{ {CHECK} Log(e); throw; }}")],
        );
        fixes(
            &["try { await Task.WhenAll(t); } catch (Exception e) { _status = e.Message; return; }"],
            &["Task whenAll = Task.CompletedTask;", &format!("try {{ whenAll = Task.WhenAll(t); await whenAll; }} catch (Exception e) {{ {CHECK} _status = e.Message; return; }}")],
        );
    }

    #[test]
    fn a_filter_still_decides_on_the_first_failure() {
        fixes(
            &["try { await Task.WhenAll(t); } catch (Exception e) when (!(e is OperationCanceledException)) { Log(e); }"],
            &["Task whenAll = Task.CompletedTask;", &format!("try {{ whenAll = Task.WhenAll(t); await whenAll; }} catch (Exception e) when (!(e is OperationCanceledException)) {{ {CHECK} Log(e); }}")],
        );
    }

    #[test]
    fn an_awaited_result_goes_through_a_local_of_its_own_type() {
        fixes(
            &[
                "try",
                "{",
                "    var counts = await Task.WhenAll(n).ConfigureAwait(false);",
                "    Use(counts);",
                "}",
                "catch (System.Exception e)",
                "{",
                "    Log(e);",
                "}",
            ],
            &[
                "Task whenAll = Task.CompletedTask;",
                "try",
                "{",
                "    var pending = Task.WhenAll(n);",
                "    whenAll = pending;",
                "    var counts = await pending.ConfigureAwait(false);",
                "    Use(counts);",
                "}",
                "catch (System.Exception e)",
                "{",
                &format!("    {}", CHECK.replace("is AggregateException", "is System.AggregateException")),
                "    Log(e);",
                "}",
            ],
        );
        fixes(
            &["try { return await Task.WhenAll(n); } catch (Exception e) { Log(e); return null; }"],
            &["Task whenAll = Task.CompletedTask;", &format!("try {{ var pending = Task.WhenAll(n); whenAll = pending; return await pending; }} catch (Exception e) {{ {CHECK} Log(e); return null; }}")],
        );
    }

    #[test]
    fn the_names_are_fresh_and_a_comment_on_the_brace_stays_there() {
        fixes(
            &["var whenAll = 1; var pending = 2; var failures = 3;", "try { var r = await Task.WhenAll(n); } catch (Exception e) { // why", "    Log(e); }"],
            &[
                "var whenAll = 1; var pending = 2; var failures = 3;",
                "Task whenAll2 = Task.CompletedTask;",
                "try { var pending2 = Task.WhenAll(n); whenAll2 = pending2; var r = await pending2; } catch (Exception e) { // why",
                "    if (whenAll2.Exception is AggregateException failures2 && failures2.InnerExceptions.Count > 1) e = failures2;",
                "    Log(e); }",
            ],
        );
    }

    #[test]
    fn without_task_completed_task_the_variable_starts_as_null() {
        let project = |frameworks: &[&str]| Project {
            target_frameworks: frameworks.iter().map(|f| f.to_string()).collect(),
            ..application()
        };
        let before = method(&["try { await Task.WhenAll(t); } catch (Exception e) { Log(e); }"]);
        let with_null = method(&[
            "Task whenAll = null;",
            "try { whenAll = Task.WhenAll(t); await whenAll; } catch (Exception e) { if (whenAll?.Exception is AggregateException failures && failures.InnerExceptions.Count > 1) e = failures; Log(e); }",
        ]);
        assert_fix_in(&WhenAllExceptions, project(&["net45"]), &before, &with_null);
        assert_fix_in(&WhenAllExceptions, project(&["net8.0", "net452"]), &before, &with_null);
        assert_fix_in(&WhenAllExceptions, project(&[]), &before, &with_null);
        assert_fix_in(
            &WhenAllExceptions,
            project(&["net472", "netstandard2.0"]),
            &before,
            &with_null.replace("null", "Task.CompletedTask").replace("whenAll?.", "whenAll."),
        );
    }

    #[test]
    fn a_when_all_nested_in_the_arguments_adds_its_failures_to_the_outer_one() {
        fixes(
            &["try { await Task.WhenAll(Task.WhenAll(t), Save()); } catch (Exception e) { Log(e); }"],
            &["Task whenAll = Task.CompletedTask;", &format!("try {{ whenAll = Task.WhenAll(Task.WhenAll(t), Save()); await whenAll; }} catch (Exception e) {{ {CHECK} Log(e); }}")],
        );
    }

    #[test]
    fn a_handler_that_throws_or_hands_on_the_variable_is_not_fixed() {
        not_fixed(&["try { await Task.WhenAll(t); } catch (Exception e) { throw e; }"], "throws `e` again");
        not_fixed(&["try { await Task.WhenAll(t); } catch (Exception e) { _done.SetException(e); }"], "`SetException`");
        not_fixed(
            &["try { await Task.WhenAll(t); } catch (Exception e) { ExceptionDispatchInfo.Capture(e).Throw(); }"],
            "`Capture`",
        );
    }

    #[test]
    fn a_handler_that_tests_the_type_of_the_variable_is_not_fixed() {
        for test in [
            "if (e is TimeoutException) Log(e);",
            "Log(e as TimeoutException);",
            "Log((TimeoutException)e);",
            "switch (e) { default: Log(e); break; }",
            "Log(e.GetType().Name);",
        ] {
            not_fixed(
                &[&format!("try {{ await Task.WhenAll(t); }} catch (Exception e) {{ {test} }}")],
                "tests the type of `e`",
            );
        }
    }

    #[test]
    fn narrower_catches_and_several_when_alls_keep_their_report_without_a_fix() {
        not_fixed(
            &["try { await Task.WhenAll(t); } catch (HttpRequestException e) { Log(e); }"],
            "need not be `HttpRequestException`",
        );
        not_fixed(
            &["try { await Task.WhenAll(t); await Task.WhenAll(t); } catch (Exception e) { Log(e); }"],
            "more than once",
        );
        not_fixed(
            &["try { await Task.WhenAll(t); } catch (TimeoutException e) { Log(e); } catch (Exception e) { Log(e); }"],
            "several `catch` clauses",
        );
        not_fixed(
            &["if (t != null)", "    try { await Task.WhenAll(t); } catch (Exception e) { Log(e); }"],
            "not a statement of a block",
        );
    }

    #[test]
    fn a_catch_that_does_not_use_the_exception_is_not_reported() {
        let text = method(&[
            "try { await Task.WhenAll(t); } catch { Log(null); }",
            "try { await Task.WhenAll(t); } catch (Exception e) { Log(null); }",
        ]);
        assert!(check(&WhenAllExceptions, &text, application(), &Default::default()).is_empty());
    }

    #[test]
    fn fresh_names_avoid_taken_ones() {
        let taken: HashSet<String> = ["whenAll".to_owned(), "whenAll2".to_owned()].into();
        assert_eq!(fresh_name("whenAll", &taken), "whenAll3");
        assert_eq!(fresh_name("pending", &taken), "pending");
    }
}
