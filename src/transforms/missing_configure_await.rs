//! `missing-configure-await`: an `await` in library code that resumes on the caller's context.
//!
//! The user documentation is `transforms/missing-configure-await/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::syntax::{
    attribute_names, contains_preprocessor, declared_type, enclosing_types, first_code_child, in_async_code,
    is_primary, local_initializer, member_type, simple_name, strip_parens_and_bang, DeclaredType, Node,
};
use crate::transforms::{Meta, Transform};
use crate::workspace::ProjectKind;

/// `--configure-await`: which projects count as libraries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ConfigureAwaitMode {
    /// Library projects only, detected from the project file.
    #[default]
    Auto,
    /// Every project, as if it were a library (UI, request and test code is still left alone).
    Always,
    /// Never.
    Never,
}

static META: Meta = Meta {
    name: "missing-configure-await",
    code: "AF001",
    summary: "`await` in library code without `.ConfigureAwait(false)`",
    default_enabled: true,
    fix: Applicability::Safe,
    documentation: include_str!("../../transforms/missing-configure-await/README.md"),
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
        match cx.settings.configure_await {
            ConfigureAwaitMode::Never => false,
            ConfigureAwaitMode::Always => true,
            ConfigureAwaitMode::Auto => cx.project.kind == ProjectKind::Library,
        }
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
    // tree-sitter-c-sharp reads `await x?.F()` as `(await x)?.F()`. The awaited expression is
    // really the whole chain, which then needs parentheses: `(x?.F()).ConfigureAwait(false)`.
    let chain_end = misparsed_chain(node);
    let awaited = chain_end.unwrap_or(operand);
    if !in_async_code(node) || is_configured(awaited) || is_configured(operand) || !may_be_task_like(awaited, cx) {
        return;
    }
    if !is_library_context(node, cx) {
        return;
    }
    let (start, end) = (operand.start(), awaited.end());
    let message = format!("`await` without `{CONFIGURE}` in library code");
    let diagnostic = Diagnostic::new(&META, cx.file, node.start()..end, message);
    // A directive inside the operand would no longer start its line after `(`.
    if contains_preprocessor(awaited) {
        out.push(diagnostic);
        return;
    }
    let parens = chain_end.is_some() || !is_primary(operand);
    out.push(diagnostic.with_fix(configure_fix(cx, start, end, parens, Applicability::Safe)));
}

fn report(
    statement: Node<'_>,
    operand: Node<'_>,
    what: &str,
    applicability: Applicability,
    cx: &FileContext<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if !in_async_code(statement) || is_configured(operand) || !is_library_context(statement, cx) {
        return;
    }
    let range = statement.start()..operand.end();
    let message = format!("{what} without `{CONFIGURE}` in library code");
    let diagnostic = Diagnostic::new(&META, cx.file, range, message);
    if contains_preprocessor(operand) {
        out.push(diagnostic);
        return;
    }
    let fix = configure_fix(cx, operand.start(), operand.end(), !is_primary(operand), applicability);
    out.push(diagnostic.with_fix(fix));
}

/// `await using` with a variable declaration: reported without a fix, unless every resource is
/// already configured (`await using var _ = x.ConfigureAwait(false);`).
fn report_declaration(statement: Node<'_>, declaration: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    if !in_async_code(statement) || !is_library_context(statement, cx) {
        return;
    }
    let all_configured = declaration
        .named_children()
        .filter(|d| d.kind() == "variable_declarator")
        .all(|d| d.named_children().nth(1).is_some_and(is_configured));
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
    Fix::new(FIX_TITLE, edits, applicability)
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

/// `expr.ConfigureAwait(…)`, also behind parentheses or `!`, or a local initialised with such a
/// value (`var c = t.ConfigureAwait(false); await c;`, and what is derived from it:
/// `var e = s.ConfigureAwait(false).GetAsyncEnumerator(); await e.MoveNextAsync();`).
fn is_configured(node: Node<'_>) -> bool {
    let node = strip_parens_and_bang(node);
    if node.kind() == "invocation_expression"
        && node
            .field("function")
            .filter(|f| f.kind() == "member_access_expression")
            .and_then(|f| f.field("name"))
            .is_some_and(|name| name.text() == "ConfigureAwait")
    {
        return true;
    }
    // The variable the expression starts from: `c`, `e.MoveNextAsync()` → `e`.
    let mut root = node;
    while let Some(inner) = match root.kind() {
        "invocation_expression" => root.field("function"),
        "member_access_expression" => root.field("expression"),
        _ => None,
    } {
        root = inner;
    }
    root.kind() == "identifier" && local_initializer(root.text(), root).is_some_and(chain_has_configure_await)
}

/// Whether a postfix chain (`s.ConfigureAwait(false).GetAsyncEnumerator()`) passes through a
/// `ConfigureAwait` call. An awaited value (`await t.ConfigureAwait(false)`) is a result, not an
/// awaitable, and does not count.
fn chain_has_configure_await(node: Node<'_>) -> bool {
    let mut current = Some(strip_parens_and_bang(node));
    while let Some(n) = current {
        let is_configure = n.kind() == "invocation_expression"
            && n.field("function")
                .filter(|f| f.kind() == "member_access_expression")
                .and_then(|f| f.field("name"))
                .is_some_and(|name| name.text() == "ConfigureAwait");
        if is_configure {
            return true;
        }
        current = match n.kind() {
            "invocation_expression" => n.field("function"),
            "member_access_expression" => n.field("expression"),
            _ => None,
        };
    }
    false
}

/// False when the awaited expression is known not to have `ConfigureAwait`: a knowledge-base
/// awaitable such as `Task.Yield()`, a variable, field or property declared with another type, or
/// a call of a workspace method or local function declared to return something else.
fn may_be_task_like(operand: Node<'_>, cx: &FileContext<'_>) -> bool {
    match operand.kind() {
        "identifier" => declared_is_task_like(declared_type(operand.text(), operand)),
        "member_access_expression" => match (operand.field("expression"), operand.field("name")) {
            (Some(this), Some(name)) if this.kind() == "this" => {
                declared_is_task_like(member_type(name.text(), operand))
            }
            (Some(receiver), Some(name)) => !cx.knowledge.is_not_task_like(Some(receiver.text()), name.text()),
            _ => true,
        },
        "invocation_expression" => invocation_may_be_task_like(operand, cx),
        _ => true,
    }
}

fn declared_is_task_like(declared: DeclaredType<'_>) -> bool {
    match declared {
        DeclaredType::Type(t) => is_task_like_type(t),
        DeclaredType::Unknown | DeclaredType::NotFound => true,
    }
}

fn invocation_may_be_task_like(call: Node<'_>, cx: &FileContext<'_>) -> bool {
    let Some(function) = call.field("function") else { return true };
    let (receiver, method) = match function.kind() {
        "member_access_expression" => (function.field("expression"), function.field("name")),
        "identifier" | "generic_name" => (None, Some(function)),
        _ => return true,
    };
    let Some(method) = method else { return true };
    let method = simple_name(method.text());
    if cx.knowledge.is_not_task_like(receiver.map(|r| r.text()), method) {
        return false;
    }
    if receiver.is_none() {
        if let Some(returns) = local_function_return_type(method, call) {
            return is_task_like_type(returns);
        }
    }
    let enclosing = || enclosing_types(call).next().and_then(|t| t.field("name")).map(|n| n.text());
    // Which type declares the method: the enclosing type for `M()`, `this.M()` and `base.M()`,
    // the declared type of a variable, field or property receiver, or the named type of a static
    // call `Type.M()`.
    let owner = match receiver {
        None => enclosing(),
        Some(r) if matches!(r.kind(), "this" | "base") => enclosing(),
        Some(r) if r.kind() == "identifier" => match declared_type(r.text(), r) {
            DeclaredType::Type(t) => Some(simple_name(t)),
            DeclaredType::Unknown => None,
            DeclaredType::NotFound => Some(r.text()).filter(|t| cx.index.is_workspace_type(t)),
        },
        Some(r) if r.kind() == "qualified_name" => Some(simple_name(r.text())),
        Some(_) => None,
    };
    let Some(owner) = owner else { return true };
    let returns = cx.index.return_types(owner, method);
    returns.is_empty() || returns.iter().any(|r| is_task_like_type(r))
}

/// The declared return type of a local function called `name` visible from `at`.
fn local_function_return_type<'a>(name: &str, at: Node<'a>) -> Option<&'a str> {
    at.scope_ancestors().filter(|a| a.kind() == "block").find_map(|block| {
        block
            .named_children()
            .filter(|s| s.kind() == "local_function_statement")
            .find(|f| f.field("name").is_some_and(|n| n.text() == name))
            .and_then(|f| f.field("type"))
            .map(|t| t.text())
    })
}

fn is_task_like_type(type_text: &str) -> bool {
    matches!(simple_name(type_text), "Task" | "ValueTask" | "IAsyncEnumerable")
}

/// Library code that does not run on a UI or request context and is not a test.
fn is_library_context(node: Node<'_>, cx: &FileContext<'_>) -> bool {
    if [".xaml.cs", ".razor.cs", ".cshtml.cs"].iter().any(|suffix| cx.path.to_ascii_lowercase().ends_with(suffix)) {
        return false;
    }
    for ty in enclosing_types(node) {
        if let Some(name) = ty.field("name") {
            // Only bases count, and only a framework's: a library's own class called `Page`, or
            // a CQRS `ICommand` declared in the project, is not UI code.
            let bases = cx.index.type_and_bases(name.text());
            if bases.iter().skip(1).any(|b| cx.knowledge.context_types.contains(*b) && !cx.index.is_own_type(b)) {
                return false;
            }
        }
        let attributes = attribute_names(ty);
        if attributes.iter().any(|a| matches!(*a, "TestClass" | "TestFixture")) {
            return false;
        }
    }
    let is_test_attribute = |name: &str| {
        cx.knowledge.is_test_attribute(name)
            || cx.index.type_and_bases(&format!("{name}Attribute")).iter().any(|b| cx.knowledge.is_test_attribute(b))
    };
    !node
        .scope_ancestors()
        .filter(|a| a.kind() == "method_declaration")
        .any(|m| attribute_names(m).iter().any(|a| is_test_attribute(a)))
}
