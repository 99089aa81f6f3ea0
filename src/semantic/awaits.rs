//! `await_allowed`: where the compiler lets `await` stand.

use super::Semantics;
use crate::syntax::{is_function, Node};

/// Why `await` cannot stand somewhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwaitBlocker {
    /// The function around it is not `async` (nor top-level statements).
    NotAsync,
    /// A constructor, property, accessor, operator or finalizer, or no function at all (a field
    /// initializer): these cannot be `async`.
    CannotBeAsync,
    /// Inside `lock` (CS1996).
    Lock,
    /// In a `catch` filter (CS7094).
    CatchFilter,
    /// In a query expression (CS1995).
    Query,
    /// In an `unsafe` context (CS4004) or a `fixed` block.
    Unsafe,
    /// The function holds a `Span` or `stackalloc` local, which cannot live across `await`
    /// (CS4012, CS4007).
    RefStructLocal,
}

impl AwaitBlocker {
    /// A fragment for messages: "`await` is not allowed inside `lock`".
    pub fn reason(self) -> &'static str {
        match self {
            AwaitBlocker::NotAsync => "the function is not `async`",
            AwaitBlocker::CannotBeAsync => "`await` needs an async method, and this code cannot be async",
            AwaitBlocker::Lock => "`await` is not allowed inside `lock`",
            AwaitBlocker::CatchFilter => "`await` is not allowed in a `catch` filter",
            AwaitBlocker::Query => "`await` is not allowed inside a query expression",
            AwaitBlocker::Unsafe => "`await` is not allowed in unsafe code",
            AwaitBlocker::RefStructLocal => "a span local cannot live across `await`",
        }
    }
}

impl<'a> Semantics<'a> {
    /// Whether `await` may stand at `node`: its function is async (or top-level statements), and
    /// no construct around it forbids `await`.
    pub fn await_allowed(&self, node: Node<'a>) -> Result<(), AwaitBlocker> {
        self.await_blocker(node, false)
    }

    /// Whether `await` could stand at `node` once its function is made `async` (for fixes that
    /// make it so): [`Semantics::await_allowed`] without the need for `async`, but with the
    /// function's own limits (a constructor cannot be async, a span local cannot cross `await`).
    pub fn await_allowed_if_async(&self, node: Node<'a>) -> Result<(), AwaitBlocker> {
        self.await_blocker(node, true)
    }

    fn await_blocker(&self, node: Node<'a>, assume_async: bool) -> Result<(), AwaitBlocker> {
        let mut function = None;
        let mut child = node;
        for a in node.scope_ancestors() {
            match a.kind() {
                // The locked expression is evaluated before the lock is taken: only the body counts.
                "lock_statement" if a.named_children().last().is_some_and(|body| !body.is(&child)) => {}
                "lock_statement" => return Err(AwaitBlocker::Lock),
                "catch_filter_clause" => return Err(AwaitBlocker::CatchFilter),
                "query_expression" => return Err(AwaitBlocker::Query),
                "unsafe_statement" | "fixed_statement" => return Err(AwaitBlocker::Unsafe),
                "global_statement" => return Ok(()),
                kind if is_function(kind) => {
                    function = Some(a);
                    break;
                }
                _ => {}
            }
            child = a;
        }
        let Some(function) = function else { return Err(AwaitBlocker::CannotBeAsync) };
        let has_modifier = |n: Node<'_>, m: &str| n.named_children().any(|c| c.kind() == "modifier" && c.text() == m);
        let is_async = has_modifier(function, "async") || function.has_token("async");
        let can_be_async = matches!(
            function.kind(),
            "method_declaration" | "local_function_statement" | "lambda_expression" | "anonymous_method_expression"
        );
        if !can_be_async {
            return Err(AwaitBlocker::CannotBeAsync);
        }
        if !is_async && !assume_async {
            return Err(AwaitBlocker::NotAsync);
        }
        let unsafe_context = has_modifier(function, "unsafe")
            || node
                .scope_ancestors()
                .any(|a| crate::syntax::is_type_declaration(a.kind()) && has_modifier(a, "unsafe"));
        if unsafe_context {
            return Err(AwaitBlocker::Unsafe);
        }
        let text = function.text();
        if (text.contains("Span<") || text.contains("stackalloc")) && holds_ref_struct_local(function) {
            return Err(AwaitBlocker::RefStructLocal);
        }
        Ok(())
    }
}

/// Whether a function declares a `Span`/`ReadOnlySpan` local or parameter, or uses `stackalloc`.
fn holds_ref_struct_local(function: Node<'_>) -> bool {
    let mut found = false;
    function.walk(|n| {
        if found {
            return;
        }
        found = match n.kind() {
            "stackalloc_expression" => true,
            "variable_declaration" | "parameter" => n.field("type").is_some_and(|t| {
                let name = crate::syntax::simple_name(t.text());
                matches!(name, "Span" | "ReadOnlySpan" | "Utf8JsonReader")
            }),
            _ => false,
        };
    });
    found
}

#[cfg(test)]
mod tests {
    use super::super::testing::{find, Fixture};
    use super::*;

    /// Where `await` may stand, for the call `G()` in each body: one table for the compiler's rules.
    #[test]
    fn the_compilers_rules_in_one_table() {
        type Row = (&'static str, Result<(), AwaitBlocker>, Result<(), AwaitBlocker>);
        let table: [Row; 13] = [
            ("async Task F() { G(); }", Ok(()), Ok(())),
            ("void F() { G(); }", Err(AwaitBlocker::NotAsync), Ok(())),
            ("async Task F() { lock (x) { G(); } }", Err(AwaitBlocker::Lock), Err(AwaitBlocker::Lock)),
            ("async Task F() { lock (G()) { } }", Ok(()), Ok(())),
            (
                "async Task F() { try { } catch (E e) when (G()) { } }",
                Err(AwaitBlocker::CatchFilter),
                Err(AwaitBlocker::CatchFilter),
            ),
            ("async Task F() { var q = from x in xs select G(); }", Err(AwaitBlocker::Query), Err(AwaitBlocker::Query)),
            ("async Task F() { unsafe { G(); } }", Err(AwaitBlocker::Unsafe), Err(AwaitBlocker::Unsafe)),
            ("unsafe void F() { G(); }", Err(AwaitBlocker::NotAsync), Err(AwaitBlocker::Unsafe)),
            (
                "async Task F() { Span<byte> b = stackalloc byte[1]; G(); }",
                Err(AwaitBlocker::RefStructLocal),
                Err(AwaitBlocker::RefStructLocal),
            ),
            ("A() { G(); }", Err(AwaitBlocker::CannotBeAsync), Err(AwaitBlocker::CannotBeAsync)),
            ("int P => G();", Err(AwaitBlocker::CannotBeAsync), Err(AwaitBlocker::CannotBeAsync)),
            ("async Task F() { Run(() => G()); }", Err(AwaitBlocker::NotAsync), Ok(())),
            ("void F() { Run(async () => { lock (x) { } G(); }); }", Ok(()), Ok(())),
        ];
        for (body, now, if_async) in table {
            let text = format!("class A {{ {body} }}");
            Fixture::new(&text, &[]).with(|sem, root| {
                let call = find(root, "invocation_expression", "G()");
                assert_eq!(sem.await_allowed(call), now, "{body}");
                assert_eq!(sem.await_allowed_if_async(call), if_async, "{body} (made async)");
            });
        }
        Fixture::new("await G();", &[]).with(|sem, root| {
            assert_eq!(sem.await_allowed(find(root, "invocation_expression", "G()")), Ok(()), "top-level statements");
        });
    }
}
