//! `when-all-exceptions`: a `catch` around `await Task.WhenAll(…)` that sees only the first
//! failure.
//!
//! The user documentation is `transforms/when-all-exceptions/README.md`.

use std::collections::HashSet;

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
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
    clause: Node<'a>,
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
    let no_fix = if awaits.len() > 1 || count_when_all(block) > 1 {
        Some("the `try` calls `Task.WhenAll` more than once".to_owned())
    } else if handlers.len() > 1 {
        Some("several `catch` clauses use the exception".to_owned())
    } else if simple_name(handler.ty.text()) != "Exception" {
        Some(format!("the other failures need not be `{}`", handler.ty.text()))
    } else if handler.clause.child_of_kind("catch_filter_clause").is_some() {
        Some("the `catch` filter tests only the first failure".to_owned())
    } else if when_all.statement.kind() != "expression_statement" {
        Some("the result of `Task.WhenAll` is used".to_owned())
    } else {
        unrepeatable(handler).map(str::to_owned)
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

/// How many calls of `Task.WhenAll` the block holds.
fn count_when_all(block: Node<'_>) -> usize {
    let mut count = 0;
    block.walk(|n| count += usize::from(Invocation::cast(n).is_some_and(|c| c.is_static_call("Task", "WhenAll"))));
    count
}

fn handler(clause: Node<'_>) -> Option<Handler<'_>> {
    let declaration = clause.child_of_kind("catch_declaration")?;
    let name = declaration.field("name")?;
    let body = clause.field("body")?;
    let mut used = false;
    body.walk(|n| used |= n.kind() == "identifier" && n.text() == name.text());
    used.then_some(Handler { clause, ty: declaration.field("type")?, name, body })
}

/// Why the handler must not run once per failure, if it must not: it is not a single call (an
/// assignment would keep only the last failure; several statements may depend on each other), it
/// leaves the `catch` (`throw`, `return`, …), assigns the exception variable (a `foreach`
/// variable is read-only), or completes a `TaskCompletionSource` (a second `SetException` throws).
fn unrepeatable(handler: &Handler<'_>) -> Option<&'static str> {
    let mut statements = handler.body.named_children().filter(|c| c.kind() != "comment");
    let single = statements.next().filter(|_| statements.next().is_none());
    let call = single
        .filter(|s| s.kind() == "expression_statement")
        .and_then(|s| s.named_children().next())
        .map(|e| if e.kind() == "await_expression" { e.named_children().next().unwrap_or(e) } else { e })
        .filter(|e| e.kind() == "invocation_expression");
    if call.is_none() {
        let assigns = single
            .filter(|s| s.kind() == "expression_statement")
            .and_then(|s| s.named_children().next())
            .is_some_and(|e| e.kind() == "assignment_expression");
        return Some(if assigns {
            "an assignment run once per failure would keep only the last one"
        } else {
            "the handler is not a single call that can run once per failure"
        });
    }
    let name = handler.name.text();
    let mut reason = None;
    handler.body.walk(|n| {
        if reason.is_some() {
            return;
        }
        reason = match n.kind() {
            "throw_statement" | "throw_expression" | "return_statement" | "break_statement" | "continue_statement"
            | "goto_statement" | "yield_statement" => Some("the handler leaves the `catch`"),
            "assignment_expression" if n.field("left").is_some_and(|l| l.text() == name) => {
                Some("the handler assigns the exception variable")
            }
            "argument"
                if (n.has_token("ref") || n.has_token("out")) && n.named_children().any(|c| c.text() == name) =>
            {
                Some("the handler assigns the exception variable")
            }
            "invocation_expression"
                if Invocation::cast(n)
                    .is_some_and(|c| matches!(c.name, "SetException" | "SetResult" | "SetCanceled")) =>
            {
                Some("the handler completes a task, which can be done only once")
            }
            _ => None,
        };
    });
    reason
}

/// ```text
/// Task whenAll = null;
/// try
/// {
///     whenAll = Task.WhenAll(tasks);
///     await whenAll;
/// }
/// catch (Exception caught)
/// {
///     foreach (var e in (whenAll?.Exception ?? new AggregateException(caught)).InnerExceptions)
///     {
///         Log(e);
///     }
/// }
/// ```
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
    if has_trivia_outside(when_all.statement, when_all.call.range()) || has_directive(handler.body) {
        return Err("a comment or directive would be lost");
    }
    if has_multiline_string(handler.body) {
        return Err("a multi-line string in the handler would be re-indented");
    }
    let (variable, caught) = fresh_names(try_statement);
    let newline = cx.newline();
    let unit = cx.indent_unit();

    // `await Task.WhenAll(…)…;` → `whenAll = Task.WhenAll(…); await whenAll…;`, on two lines
    // unless the statement shares its line with other code.
    let separator = if starts_line(cx.text, when_all.statement.start()) {
        format!("{newline}{}", cx.indent_at(when_all.statement.start()))
    } else {
        " ".to_owned()
    };
    let configure = &cx.text[when_all.call.end()..when_all.await_node.end()];
    let try_body = format!("{variable} = {call};{separator}await {variable}{configure};", call = when_all.call.text());

    let aggregate = match handler.ty.text().strip_suffix("Exception") {
        Some(qualifier) if qualifier.ends_with('.') => format!("{qualifier}AggregateException"),
        _ => "AggregateException".to_owned(),
    };
    let header = format!(
        "foreach (var {e} in ({variable}?.Exception ?? new {aggregate}({caught})).InnerExceptions)",
        e = handler.name.text()
    );
    let inner = block_inner(handler.body, cx.text);
    let catch_body = if inner.contains('\n') {
        let catch_indent = cx.indent_at(handler.body.start());
        let loop_indent = format!("{catch_indent}{unit}");
        let mut body = format!("{{{newline}{loop_indent}{header}{newline}{loop_indent}{{{newline}");
        for line in reindent(inner, &format!("{loop_indent}{unit}")) {
            body.push_str(&line);
            body.push_str(newline);
        }
        body.push_str(&format!("{loop_indent}}}{newline}{catch_indent}}}"));
        body
    } else {
        // A handler written on one line stays on one line.
        format!("{{ {header} {{ {} }} }}", inner.trim())
    };

    let edits = vec![
        Edit::insert(
            cx.file,
            try_statement.start(),
            format!("{} {variable} = null;{newline}{}", when_all.task_type, cx.indent_at(try_statement.start())),
        ),
        Edit::replace(cx.file, when_all.statement.range(), try_body),
        Edit::replace(cx.file, handler.name.range(), caught),
        Edit::replace(cx.file, handler.body.range(), catch_body),
    ];
    Ok(Fix::new("Handle every failure of `Task.WhenAll`", edits, Applicability::Unsafe))
}

/// Whether only spaces and tabs precede `offset` on its line.
fn starts_line(text: &str, offset: usize) -> bool {
    text[..offset].rsplit('\n').next().is_some_and(|before| before.trim().is_empty())
}

fn has_multiline_string(node: Node<'_>) -> bool {
    let mut found = false;
    node.walk(|n| {
        found |= matches!(
            n.kind(),
            "string_literal" | "verbatim_string_literal" | "raw_string_literal" | "interpolated_string_expression"
        ) && n.text().contains('\n')
    });
    found
}

fn has_directive(node: Node<'_>) -> bool {
    let mut found = false;
    node.walk(|n| found |= n.kind().starts_with("preproc"));
    found
}

/// The names of the new `Task` variable and of the catch variable. They must differ from every
/// identifier of the member around the `try` (or of the file, for top-level statements), or they
/// would clash with or hide one of them. The fixes of several `try` statements of one member are
/// applied together, so each `try` that may be fixed takes the next free variable name in document
/// order. (Catch variables are scoped to their own `catch` block and can be shared.)
fn fresh_names(try_statement: Node<'_>) -> (String, String) {
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
    let caught = fresh_name("caught", &taken);
    for other in tries {
        let variable = fresh_name("whenAll", &taken);
        if other.is(&try_statement) {
            return (variable, caught);
        }
        taken.insert(variable);
    }
    (fresh_name("whenAll", &taken), caught)
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

/// The lines of a block's inside, without the blank lines around them, shifted so that the
/// least indented one starts at `indent`. A first line written right after the `{` counts as
/// unindented.
fn reindent(inner: &str, indent: &str) -> Vec<String> {
    let lines: Vec<(bool, &str)> =
        inner.split('\n').enumerate().map(|(i, l)| (i == 0, l.strip_suffix('\r').unwrap_or(l))).collect();
    let first = lines.iter().position(|(_, l)| !l.trim().is_empty());
    let last = lines.iter().rposition(|(_, l)| !l.trim().is_empty());
    let (Some(first), Some(last)) = (first, last) else { return Vec::new() };
    let lines = &lines[first..=last];
    let leading = |l: &str| l.len() - l.trim_start().len();
    let common = lines.iter().filter(|(on_brace, l)| !on_brace && !l.trim().is_empty()).map(|(_, l)| leading(l)).min();
    lines
        .iter()
        .map(|&(on_brace, line)| {
            if line.trim().is_empty() {
                String::new()
            } else if on_brace {
                format!("{indent}{}", line.trim())
            } else {
                let cut = common.unwrap_or(0).min(leading(line));
                format!("{indent}{}", line.get(cut..).unwrap_or(line.trim_start()).trim_end())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindent_shifts_lines_and_keeps_relative_indentation() {
        let inner = "\n        Log(e,\n            \"x\");\n        // done\n    ";
        assert_eq!(reindent(inner, "\t\t"), ["\t\tLog(e,", "\t\t    \"x\");", "\t\t// done"]);
    }

    #[test]
    fn reindent_handles_a_one_line_block() {
        assert_eq!(reindent(" Log(e); ", "    "), ["    Log(e);"]);
        assert!(reindent("  \r\n ", "    ").is_empty());
    }

    #[test]
    fn fresh_names_avoid_taken_ones() {
        let taken: HashSet<String> = ["whenAll".to_owned(), "whenAll2".to_owned()].into();
        assert_eq!(fresh_name("whenAll", &taken), "whenAll3");
        assert_eq!(fresh_name("caught", &taken), "caught");
    }
}
