//! `sequential-awaits`: independent awaited calls that run one after another.
//!
//! The user documentation is `transforms/sequential-awaits/README.md`. The value of this pass is
//! its judgement: a run of `x = await F();` statements is reported only when starting the calls
//! together cannot change what the program does, as far as syntax and the workspace index can
//! tell. Anything it cannot see counts against independence.

mod effects;

use std::collections::HashSet;

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::{enclosing_function, enclosing_types, in_async_code, local_type, simple_name, DeclaredType, Node};
use crate::transforms::{Meta, Transform};
use effects::{invoked_name, Analyzer, Effects, TIMING_TYPES};

static META: Meta = Meta {
    name: "sequential-awaits",
    code: "AF010",
    summary: "Independent calls awaited one after another instead of concurrently",
    default_enabled: true,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/sequential-awaits/README.md"),
    words: &["await"],
};

const FIX_TITLE: &str = "Start the calls together and await `Task.WhenAll`";

/// Text that, before a run in its function, says the run is in a section serialised on purpose:
/// a semaphore or lock taken, a transaction begun.
const GUARDS: &[&str] = &["WaitAsync(", ".Wait(", "Lock(", "LockAsync(", "Transaction", "Acquire", "Enter("];

/// Reports runs of awaited independent calls and rewrites them to start together.
pub struct SequentialAwaits;

impl Transform for SequentialAwaits {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["block"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        if !in_async_code(node) {
            return;
        }
        let Some(function) = enclosing_function(node) else { return };
        let mut run: Vec<Step<'_>> = Vec::new();
        for child in node.named_children() {
            if child.kind() == "comment" {
                continue;
            }
            match step(child, function.node, cx) {
                Some(s) => run.push(s),
                None => report_run(std::mem::take(&mut run), node, function.node, cx, out),
            }
        }
        report_run(run, node, function.node, cx, out);
    }
}

/// What one statement of a run assigns.
#[derive(Clone, Copy, Debug)]
enum Target<'a> {
    /// `var x = await E;` (`ty: None`) or `T x = await E;`.
    Declared { ty: Option<Node<'a>>, name: &'a str },
    /// `x = await E;` where `x` is a local of the same function that no lambda captures.
    Assigned { name: &'a str },
}

impl<'a> Target<'a> {
    fn name(&self) -> &'a str {
        match self {
            Target::Declared { name, .. } | Target::Assigned { name } => name,
        }
    }
}

/// A statement `[T|var] x = await E[.ConfigureAwait(…)];` where `E` is a call that may take part
/// in a run.
struct Step<'a> {
    statement: Node<'a>,
    target: Target<'a>,
    /// `E`, without `.ConfigureAwait(…)`.
    call: Node<'a>,
    /// The argument of `.ConfigureAwait(…)`, as written.
    configure: Option<&'a str>,
    /// Every name `E` mentions (member names after `.` excepted).
    mentions: HashSet<&'a str>,
    /// The declared return type of the workspace methods `E` calls, when the index resolves it
    /// and they agree.
    returns: Option<String>,
}

/// The statement as a step of a run, or `None` when it breaks runs.
fn step<'a>(statement: Node<'a>, function: Node<'a>, cx: &FileContext<'_>) -> Option<Step<'a>> {
    let (target, awaited) = match statement.kind() {
        "local_declaration_statement" => {
            // Exactly `declaration ;`: no `using`, `await using`, `const` or other modifiers.
            if statement.children().count() != 2 {
                return None;
            }
            let declaration = statement.child_of_kind("variable_declaration")?;
            let ty = declaration.field("type")?;
            let mut declarators = declaration.named_children().filter(|c| c.kind() == "variable_declarator");
            let declarator = declarators.next()?;
            if declarators.next().is_some() || matches!(ty.kind(), "ref_type" | "scoped_type") {
                return None;
            }
            let name = declarator.field("name").filter(|n| n.kind() == "identifier")?;
            let mut parts = declarator.named_children().filter(|c| c.kind() != "comment");
            let (_, value) = (parts.next()?, parts.next()?);
            if parts.next().is_some() || value.kind() != "await_expression" {
                return None;
            }
            let ty = (ty.kind() != "implicit_type").then_some(ty);
            (Target::Declared { ty, name: name.text() }, value)
        }
        "expression_statement" => {
            let assignment = statement.named_children().next().filter(|a| a.kind() == "assignment_expression")?;
            if assignment.field("operator").is_none_or(|o| o.text() != "=") {
                return None;
            }
            let left = assignment.field("left").filter(|l| l.kind() == "identifier")?;
            let right = assignment.field("right").filter(|r| r.kind() == "await_expression")?;
            if !is_own_uncaptured_local(left.text(), statement, function) {
                return None;
            }
            (Target::Assigned { name: left.text() }, right)
        }
        _ => return None,
    };
    let operand = awaited.named_children().next()?;
    let (call, configure) = strip_configure_await(operand);
    if call.kind() != "invocation_expression" || !is_plain_call(call, cx) {
        return None;
    }
    Some(Step { statement, target, call, configure, mentions: mentions(call), returns: None })
}

/// `E.ConfigureAwait(x)` → (`E`, `Some("x")`); anything else unchanged.
fn strip_configure_await(operand: Node<'_>) -> (Node<'_>, Option<&str>) {
    let configured =
        (operand.kind() == "invocation_expression").then(|| operand.field("function")).flatten().filter(|f| {
            f.kind() == "member_access_expression" && f.field("name").is_some_and(|n| n.text() == "ConfigureAwait")
        });
    let inner = configured.and_then(|f| f.field("expression"));
    let argument = operand.field("arguments").and_then(|a| a.named_children().find(|c| c.kind() == "argument"));
    match (inner, argument) {
        (Some(inner), Some(argument)) => (inner, Some(argument.text())),
        _ => (operand, None),
    }
}

/// Whether a call can be started early without reordering anything it does itself: no nested
/// `await`, no assignment, increment, `ref`/`out` argument or declaration inside; no call of a
/// command (`Save…`, `Send…`, `…Add…`) anywhere in it; not `Task.Delay`/`Task.WhenAny`/`Task.Run`
/// and friends; no local function called or passed (its body may read the variables of the run).
fn is_plain_call(call: Node<'_>, cx: &FileContext<'_>) -> bool {
    let local_functions = local_functions_around(call);
    let mut plain = true;
    call.walk(|n| {
        if !plain {
            return;
        }
        plain = match n.kind() {
            "await_expression" | "assignment_expression" | "declaration_expression" | "declaration_pattern" => false,
            "prefix_unary_expression" | "postfix_unary_expression" => !(n.has_token("++") || n.has_token("--")),
            "argument" => !(n.has_token("ref") || n.has_token("out")),
            "invocation_expression" => invoked_name(n).is_none_or(|name| cx.knowledge.command_word(name).is_none()),
            "identifier" => !local_functions.contains(n.text()),
            _ => true,
        };
    });
    plain && !TIMING_TYPES.contains(&root_text(call))
}

/// The text of the innermost receiver of a call chain: `Task` for `Task.Factory.StartNew(…)`.
fn root_text(call: Node<'_>) -> &str {
    let mut node = call;
    loop {
        let next = match node.kind() {
            "invocation_expression" => node.field("function"),
            "member_access_expression" | "element_access_expression" => node.field("expression"),
            "conditional_access_expression" => node.field("condition"),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return node.text(),
        }
    }
}

/// The names of the local functions declared in the blocks around `at`.
fn local_functions_around(at: Node<'_>) -> HashSet<&str> {
    at.ancestors()
        .filter(|a| a.kind() == "block")
        .flat_map(|block| block.named_children())
        .filter(|s| s.kind() == "local_function_statement")
        .filter_map(|s| s.field("name").map(|n| n.text()))
        .collect()
}

/// Every identifier a call mentions, except member names after `.` and `?.`.
fn mentions(call: Node<'_>) -> HashSet<&str> {
    let mut out = HashSet::new();
    call.walk_with_path(|path| {
        let step = path[path.len() - 1];
        let member_name = match path.len().checked_sub(2).map(|i| path[i].node.kind()) {
            Some("member_binding_expression") => true,
            Some("member_access_expression") => step.field == Some("name"),
            _ => false,
        };
        if step.node.kind() == "identifier" && !member_name {
            out.insert(step.node.text());
        }
    });
    out
}

/// Whether `name`, seen from `statement`, is a local or parameter of `function` itself (not of
/// an outer function, not a field) that no lambda, anonymous method or local function in
/// `function` mentions. Such a variable is read and written only where the code says.
fn is_own_uncaptured_local(name: &str, statement: Node<'_>, function: Node<'_>) -> bool {
    if matches!(local_type(name, statement), DeclaredType::NotFound)
        || !matches!(local_type(name, function), DeclaredType::NotFound)
    {
        return false;
    }
    let mut captured = false;
    function.walk(|n| {
        if !captured
            && !n.is(&function)
            && matches!(n.kind(), "lambda_expression" | "anonymous_method_expression" | "local_function_statement")
        {
            n.walk(|m| captured |= m.kind() == "identifier" && m.text() == name);
        }
    });
    !captured
}

/// Splits a run into groups of steps that may start together and reports each group of two or
/// more.
fn report_run<'a>(
    mut run: Vec<Step<'a>>,
    block: Node<'a>,
    function: Node<'a>,
    cx: &FileContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if run.len() < 2 || in_guarded_section(run[0].statement, block, function) {
        return;
    }
    let mut analyzer = Analyzer::new(cx);
    let effects: Vec<Effects> = run.iter().map(|s| analyzer.call_effects(s.call)).collect();
    for s in &mut run {
        s.returns = analyzer.returns_of(s.call);
    }
    let mut start = 0;
    for j in 1..=run.len() {
        let ends =
            j == run.len() || (start..j).any(|i| depends(&run[i], &run[j]) || effects[i].conflicts_with(&effects[j]));
        if ends {
            if j - start >= 2 {
                report_group(&run[start..j], cx, out);
            }
            start = j;
        }
    }
}

/// Whether `later` must wait for `earlier`: it mentions the variable `earlier` assigns, or assigns
/// the same variable.
fn depends(earlier: &Step<'_>, later: &Step<'_>) -> bool {
    let name = earlier.target.name();
    later.mentions.contains(name) || later.target.name() == name
}

/// Whether a run sits where calls are serialised on purpose: after a semaphore or lock is taken
/// or a transaction begun earlier in its function, inside a `using` of such a thing, or in a `try`
/// whose `finally` releases something.
fn in_guarded_section(first: Node<'_>, block: Node<'_>, function: Node<'_>) -> bool {
    let guarded = |text: &str| GUARDS.iter().any(|g| text.contains(g));
    let mut child = first;
    let mut scope = Some(block);
    while let Some(s) = scope {
        if s.is(&function) {
            break;
        }
        let serialised = match s.kind() {
            "block" | "switch_section" => {
                s.named_children().take_while(|c| c.start() < child.start()).any(|c| guarded(c.text()))
            }
            "using_statement" => guarded(s.field("body").map_or(s.text(), |b| &s.text()[..b.start() - s.start()])),
            "try_statement" => s
                .child_of_kind("finally_clause")
                .is_some_and(|f| ["Release(", "Exit(", "Unlock(", "Rollback"].iter().any(|r| f.text().contains(r))),
            _ => false,
        };
        if serialised {
            return true;
        }
        child = s;
        scope = s.parent();
    }
    false
}

fn report_group(group: &[Step<'_>], cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    let (first, last) = (group[0].statement, group[group.len() - 1].statement);
    let message = format!("{} independent calls awaited one after another", group.len());
    let diagnostic = Diagnostic::new(&META, cx.file, first.start()..last.end(), message);
    out.push(match build_fix(group, cx) {
        Some(fix) => diagnostic.with_fix(fix),
        None => diagnostic,
    });
}

/// The rewrite: each call started into a task variable where its statement was, then one
/// `await Task.WhenAll(…)` and the original assignments from the finished tasks.
fn build_fix(group: &[Step<'_>], cx: &FileContext<'_>) -> Option<Fix> {
    let text = cx.text;
    let (first, last) = (group[0].statement, group[group.len() - 1].statement);
    let line_start = text[..first.start()].rfind('\n').map_or(0, |i| i + 1);
    if !text[line_start..first.start()].trim().is_empty() {
        return None;
    }
    // The new lines go after the last statement, after a comment that ends its line.
    let line_end = text[last.end()..].find('\n').map_or(text.len(), |i| last.end() + i);
    let line_end = if text[..line_end].ends_with('\r') { line_end - 1 } else { line_end };
    let rest = text[last.end()..line_end].trim();
    let insert_at = if rest.is_empty() {
        last.end()
    } else if rest.starts_with("//") || (rest.starts_with("/*") && rest.find("*/") == Some(rest.len() - 2)) {
        line_end
    } else {
        return None;
    };
    // A comment inside a statement but outside its call, or a directive, would be lost or broken.
    for s in group {
        let mut lost = false;
        s.statement.walk(|n| {
            let outside_call = n.end() <= s.call.start() || n.start() >= s.call.end();
            lost |= n.kind().starts_with("preproc") || (n.kind() == "comment" && outside_call);
        });
        if lost {
            return None;
        }
    }

    let task = task_type(cx, first);
    let mut taken = names_in_scope(first, cx);
    let indent = cx.indent_at(first.start());
    let newline = cx.newline();
    let mut edits = Vec::new();
    let mut variables = Vec::new();
    let mut results = String::new();
    for s in group {
        let name = s.target.name();
        let base = name.trim_start_matches('@');
        let variable = (1..)
            .map(|i| if i == 1 { format!("{base}Task") } else { format!("{base}Task{i}") })
            .find(|v| !taken.contains(v))?;
        taken.insert(variable.clone());
        let (declared, started) = task_declaration(s, task)?;
        edits.push(Edit::replace(cx.file, s.statement.range(), format!("{declared} {variable} = {started};")));
        let configure = s.configure.map(|c| format!(".ConfigureAwait({c})")).unwrap_or_default();
        let assignment = match s.target {
            Target::Declared { ty: Some(ty), .. } => format!("{} {name} = await {variable}{configure};", ty.text()),
            Target::Declared { ty: None, .. } => format!("var {name} = await {variable}{configure};"),
            Target::Assigned { .. } => format!("{name} = await {variable}{configure};"),
        };
        results.push_str(&format!("{newline}{indent}{assignment}"));
        variables.push(variable);
    }
    let configures: Vec<Option<&str>> = group.iter().map(|s| s.configure).collect();
    let when_all_configure = if configures.contains(&Some("false")) {
        ".ConfigureAwait(false)".to_owned()
    } else {
        match configures[0] {
            Some(c) if configures.iter().all(|x| *x == Some(c)) => format!(".ConfigureAwait({c})"),
            _ => String::new(),
        }
    };
    let inserted =
        format!("{newline}{indent}await {task}.WhenAll({}){when_all_configure};{results}", variables.join(", "));
    match edits.last_mut() {
        Some(edit) if insert_at == last.end() => edit.content.push_str(&inserted),
        _ => edits.push(Edit::insert(cx.file, insert_at, inserted)),
    }
    Some(Fix::new(FIX_TITLE, edits, Applicability::Unsafe))
}

/// The type and the value of a step's task variable: `Task<T>` when the call is known to return
/// exactly that and the statement declares `T`, `var` otherwise; `E.AsTask()` for a `ValueTask`.
/// `None` when the call is known to return something `Task.WhenAll` does not take.
fn task_declaration(step: &Step<'_>, task: &str) -> Option<(String, String)> {
    let call = step.call.text();
    let Some(returns) = step.returns.as_deref() else { return Some(("var".into(), call.into())) };
    let compact = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    match simple_name(returns) {
        "ValueTask" => Some(("var".into(), format!("{call}.AsTask()"))),
        "Task" => {
            let result = returns.split_once('<').and_then(|(_, r)| r.strip_suffix('>')).map(compact);
            match step.target {
                Target::Declared { ty: Some(ty), .. } if result == Some(compact(ty.text())) => {
                    Some((format!("{task}<{}>", ty.text()), call.into()))
                }
                _ => Some(("var".into(), call.into())),
            }
        }
        _ => None,
    }
}

/// How to name `Task` at `at`: `Task` where the file imports `System.Threading.Tasks` or the
/// enclosing methods already say `Task`; the full name otherwise, with `global::` when the
/// workspace declares a type of its own called `Task`.
fn task_type(cx: &FileContext<'_>, at: Node<'_>) -> &'static str {
    if cx.index.is_workspace_type("Task") {
        return "global::System.Threading.Tasks.Task";
    }
    let mut imported = false;
    cx.root.walk(|n| {
        imported |= n.kind() == "using_directive" && n.text().contains("System.Threading.Tasks");
    });
    let said = at.ancestors().filter(|a| a.kind() == "method_declaration").any(|m| {
        m.field("returns")
            .is_some_and(|r| matches!(r.kind(), "identifier" | "generic_name") && simple_name(r.text()) == "Task")
    });
    if imported || said {
        "Task"
    } else {
        "System.Threading.Tasks.Task"
    }
}

/// Every identifier of the outermost type around `at` (or of the file): a new local named like
/// none of them cannot clash with a local, parameter, field or property in scope.
fn names_in_scope(at: Node<'_>, cx: &FileContext<'_>) -> HashSet<String> {
    let scope = enclosing_types(at).last().unwrap_or(cx.root);
    let mut names = HashSet::new();
    scope.walk(|n| {
        if n.kind() == "identifier" {
            names.insert(n.text().to_owned());
        }
    });
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transforms::testing::{assert_fix, assert_not_fixed};

    const HEADER: &str = "using System.Net.Http;\nusing System.Threading.Tasks;\nclass A\n{\n    readonly HttpClient _http = new HttpClient();\n";

    fn class(body: &str) -> String {
        format!("{HEADER}{body}}}\n")
    }

    #[test]
    fn starts_independent_calls_on_a_concurrency_safe_client_together() {
        assert_fix(
            &SequentialAwaits,
            &class(
                "    async Task F()\n    {\n        var a = await _http.GetStringAsync(\"a\");\n        var b = await _http.GetStringAsync(\"b\");\n        System.Console.WriteLine(a + b);\n    }\n",
            ),
            &class(
                "    async Task F()\n    {\n        var aTask = _http.GetStringAsync(\"a\");\n        var bTask = _http.GetStringAsync(\"b\");\n        await Task.WhenAll(aTask, bTask);\n        var a = await aTask;\n        var b = await bTask;\n        System.Console.WriteLine(a + b);\n    }\n",
            ),
        );
    }

    #[test]
    fn does_not_apply_when_a_call_uses_the_result_of_the_one_before() {
        assert_not_fixed(
            &SequentialAwaits,
            &class(
                "    async Task F()\n    {\n        var a = await _http.GetStringAsync(\"a\");\n        var b = await _http.GetStringAsync(a);\n        System.Console.WriteLine(b);\n    }\n",
            ),
        );
    }

    #[test]
    fn does_not_apply_to_commands_whose_order_matters() {
        assert_not_fixed(
            &SequentialAwaits,
            &class(
                "    async Task F(HttpContent c)\n    {\n        var a = await _http.PostAsync(\"a\", c);\n        var b = await _http.PostAsync(\"b\", c);\n        System.Console.WriteLine(a.StatusCode + b.StatusCode);\n    }\n",
            ),
        );
    }

    #[test]
    fn does_not_apply_after_a_semaphore_is_taken() {
        assert_not_fixed(
            &SequentialAwaits,
            &class(
                "    readonly SemaphoreSlim _gate = new SemaphoreSlim(1);\n    async Task F()\n    {\n        await _gate.WaitAsync();\n        var a = await _http.GetStringAsync(\"a\");\n        var b = await _http.GetStringAsync(\"b\");\n        System.Console.WriteLine(a + b);\n    }\n",
            ),
        );
    }

    #[test]
    fn does_not_apply_to_calls_on_a_receiver_of_unknown_type() {
        assert_not_fixed(
            &SequentialAwaits,
            &class(
                "    async Task F(IOrderService s)\n    {\n        var a = await s.GetAsync(1);\n        var b = await s.GetAsync(2);\n        System.Console.WriteLine(a + b);\n    }\n",
            ),
        );
    }

    #[test]
    fn does_not_apply_to_calls_on_task_that_are_about_timing() {
        assert_not_fixed(
            &SequentialAwaits,
            &class("    async Task F()\n    {\n        await Task.Delay(1);\n        await Task.Delay(2);\n    }\n"),
        );
    }
}
