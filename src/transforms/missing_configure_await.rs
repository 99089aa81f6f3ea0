//! `missing-configure-await`: an `await` in library code that resumes on the caller's context.
//!
//! The user documentation is `transforms/missing-configure-await/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::semantic::{Invocation, Receiver, TaskKind};
use crate::syntax::{contains_preprocessor, first_code_child, in_async_code, is_primary, Node};
use crate::transforms::library_code::{in_library_project, is_library_context};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "missing-configure-await",
    code: "AF001",
    summary: "`await` in library code without `.ConfigureAwait(false)`",
    default_enabled: true,
    fix: Applicability::Safe,
    documentation: include_str!("../../transforms/missing-configure-await/README.md"),
    words: &["await"],
};

const FIX_TITLE: &str = "Add `.ConfigureAwait(false)`";
const CONFIGURE: &str = ".ConfigureAwait(false)";

/// Adds `.ConfigureAwait(false)` to awaits in library code.
pub struct MissingConfigureAwait;

impl Transform for MissingConfigureAwait {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["await_expression", "foreach_statement", "using_statement", "local_declaration_statement"]
    }

    fn applies_to(&self, cx: &FileContext<'_>) -> bool {
        in_library_project(cx)
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        match node.kind() {
            "await_expression" => check_await(node, cx, out),
            "foreach_statement" if node.has_token("await") => {
                let Some(collection) = node.field("right") else { return };
                report(node, collection, "`await foreach`", Applicability::Safe, cx, out);
            }
            "using_statement" if node.has_token("await") => match first_code_child(node) {
                Some(resource) if resource.kind() != "variable_declaration" => {
                    // `await using (x)` skips disposal when `x` is null; `x.ConfigureAwait(false)`
                    // would throw instead. Only a `new` object is known not to be null.
                    let sure = if resource.kind() == "object_creation_expression" {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    };
                    report(node, resource, "`await using`", sure, cx, out)
                }
                // `await using (var x = E)`: `E.ConfigureAwait(false)` would change the type of `x`.
                Some(declaration) => report_declaration(node, declaration, cx, out),
                None => {}
            },
            "local_declaration_statement" if node.has_token("await") && node.has_token("using") => {
                // `await using var x = E;`: same as above, and the scope would change.
                if let Some(declaration) = node.child_of_kind("variable_declaration") {
                    report_declaration(node, declaration, cx, out);
                }
            }
            _ => {}
        }
    }
}

fn check_await(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(operand) = first_code_child(node) else {
        // `await` followed by `#if A() #else B() #endif`: the operands sit inside the directive.
        if contains_preprocessor(node) && in_async_code(node) && is_library_context(node, cx) {
            let message = format!("`await` without `{CONFIGURE}` in library code");
            out.push(Diagnostic::new(&META, cx.file, node.range(), message));
        }
        return;
    };
    if !in_async_code(node) || !is_library_context(node, cx) {
        return;
    }
    // tree-sitter-c-sharp reads `await x?.F()` as `(await x)?.F()`. The awaited expression is
    // really the whole chain, which then needs parentheses: `(x?.F()).ConfigureAwait(false)`.
    let chain_end = misparsed_chain(node);
    let awaited = chain_end.unwrap_or(operand);
    let sem = cx.sem();
    let kind = match chain_end {
        // `(await x)?.F()` is really `await (x?.F())`: `F` called on `x`.
        Some(top) => match Invocation::cast(top) {
            Some(call) if matches!(call.receiver, Receiver::Conditional(r) if r.is(&node)) => {
                sem.task_kind_on(&call, operand)
            }
            _ => TaskKind::Unknown,
        },
        None => sem.task_kind(operand),
    };
    let applicability = match kind {
        kind if kind.is_task() => Applicability::Safe,
        TaskKind::Unknown => Applicability::DisplayOnly,
        // Configured already, or an awaitable without `ConfigureAwait`.
        _ => return,
    };
    let (start, end) = (operand.start(), awaited.end());
    let message = format!("`await` without `{CONFIGURE}` in library code");
    let diagnostic = Diagnostic::new(&META, cx.file, node.start()..end, message);
    // A directive inside the operand would no longer start its line after `(`.
    if contains_preprocessor(awaited) {
        out.push(diagnostic);
        return;
    }
    let parens = chain_end.is_some() || !is_primary(operand);
    out.push(diagnostic.with_fix(configure_fix(cx, start, end, parens, applicability)));
}

fn report(
    statement: Node<'_>,
    operand: Node<'_>,
    what: &str,
    applicability: Applicability,
    cx: &FileContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if !in_async_code(statement) || !is_library_context(statement, cx) {
        return;
    }
    let kind = cx.sem().task_kind(operand);
    if kind == TaskKind::Configured {
        return;
    }
    let range = statement.start()..operand.end();
    let message = format!("{what} without `{CONFIGURE}` in library code");
    let diagnostic = Diagnostic::new(&META, cx.file, range, message);
    if contains_preprocessor(operand) {
        out.push(diagnostic);
        return;
    }
    // `ConfigureAwait` of `IAsyncEnumerable<T>` and `IAsyncDisposable` is an extension method of
    // `System.Threading.Tasks`: without that import the fix would not compile.
    let applicability = if !cx.sem().imports("System.Threading.Tasks") {
        Applicability::DisplayOnly
    } else if what == "`await foreach`" && kind != TaskKind::AsyncEnumerable {
        // A type with `GetAsyncEnumerator` that is not an `IAsyncEnumerable<T>` has none.
        Applicability::DisplayOnly
    } else {
        applicability
    };
    let fix = configure_fix(cx, operand.start(), operand.end(), !is_primary(operand), applicability);
    out.push(diagnostic.with_fix(fix));
}

/// `await using` with a variable declaration: reported without a fix, unless every resource is
/// already configured (`await using var _ = x.ConfigureAwait(false);`).
fn report_declaration(statement: Node<'_>, declaration: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    if !in_async_code(statement) || !is_library_context(statement, cx) {
        return;
    }
    let sem = cx.sem();
    let all_configured = declaration
        .named_children()
        .filter(|d| d.kind() == "variable_declarator")
        .all(|d| d.named_children().nth(1).is_some_and(|value| sem.task_kind(value) == TaskKind::Configured));
    if all_configured {
        return;
    }
    let range = statement.start()..declaration.end();
    let message = format!(
        "`await using` declaration without `{CONFIGURE}` in library code (no automatic fix: it would change the variable's type)"
    );
    out.push(Diagnostic::new(&META, cx.file, range, message));
}

fn configure_fix(cx: &FileContext<'_>, start: usize, end: usize, parens: bool, applicability: Applicability) -> Fix {
    let edits = if parens {
        vec![Edit::insert(cx.file, start, "("), Edit::insert(cx.file, end, format!("){CONFIGURE}"))]
    } else {
        vec![Edit::insert(cx.file, end, CONFIGURE)]
    };
    let title = match applicability {
        Applicability::DisplayOnly => {
            format!("{FIX_TITLE} (not applied: the awaited value is not known to be a `Task` or a `ValueTask`)")
        }
        _ => FIX_TITLE.to_owned(),
    };
    Fix::new(title, edits, applicability)
}

/// Where tree-sitter put the await inside a postfix chain (`(await x)?.F()`), the end of that chain.
fn misparsed_chain(node: Node<'_>) -> Option<Node<'_>> {
    let mut current = node;
    let mut top = None;
    while let Some(parent) = current.parent() {
        let leftmost = parent.named_children().next().is_some_and(|c| c.is(&current));
        let postfix = matches!(
            parent.kind(),
            "conditional_access_expression"
                | "member_access_expression"
                | "invocation_expression"
                | "element_access_expression"
                | "postfix_unary_expression"
        );
        if !(leftmost && postfix) {
            break;
        }
        top = Some(parent);
        current = parent;
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transforms::testing::{assert_fix_in, assert_not_fixed};

    fn library() -> crate::workspace::Project {
        crate::workspace::Project {
            kind: crate::workspace::ProjectKind::Library,
            ..crate::transforms::testing::application()
        }
    }

    #[test]
    fn configures_an_await_of_a_known_task() {
        assert_fix_in(
            &MissingConfigureAwait,
            library(),
            "class A { System.Threading.Tasks.Task<int> G() => null; async System.Threading.Tasks.Task F() { await G(); } }",
            "class A { System.Threading.Tasks.Task<int> G() => null; async System.Threading.Tasks.Task F() { await G().ConfigureAwait(false); } }",
        );
    }

    #[test]
    fn parenthesises_an_operand_that_is_not_primary() {
        assert_fix_in(
            &MissingConfigureAwait,
            library(),
            "class A { Task<int> a, b; async Task F(bool c) { await (c ? a : b); } }",
            "class A { Task<int> a, b; async Task F(bool c) { await (c ? a : b).ConfigureAwait(false); } }",
        );
    }

    #[test]
    fn does_not_configure_what_a_workspace_helper_configured() {
        let text = "static class X { public static ConfiguredTaskAwaitable ForAwait(this Task t) => t.ConfigureAwait(false); } \
                    class A { async Task F(Task t) { await t.ForAwait(); } }";
        let found = crate::transforms::testing::check(&MissingConfigureAwait, text, library(), &Default::default());
        assert!(found.is_empty(), "{:?}", found.iter().map(|d| &d.message).collect::<Vec<_>>());
    }

    #[test]
    fn does_not_apply_to_an_await_of_unknown_type() {
        // Reported, but only shown: `Outside.Make()` may give a custom awaitable.
        let text = "class A { async Task F() { await Outside.MakeAsync(); } }";
        let found = crate::transforms::testing::check(&MissingConfigureAwait, text, library(), &Default::default());
        assert_eq!(found[0].fix.as_ref().map(|f| f.applicability), Some(Applicability::DisplayOnly));
    }

    #[test]
    fn does_not_apply_in_applications() {
        assert_not_fixed(&MissingConfigureAwait, "class A { Task<int> G() => null; async Task F() { await G(); } }");
    }
}
