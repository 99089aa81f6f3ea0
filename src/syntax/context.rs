//! Where a node sits: the function body it runs in and the types around it.

use super::Node;

/// The innermost function-like construct whose body contains a node.
#[derive(Clone, Copy, Debug)]
pub struct Function<'a> {
    /// The declaration or expression node (`method_declaration`, `lambda_expression`, …).
    pub node: Node<'a>,
}

impl<'a> Function<'a> {
    /// The grammar kind of the function node.
    pub fn kind(&self) -> &'static str {
        self.node.kind()
    }

    /// Whether the function carries the `async` modifier.
    pub fn is_async(&self) -> bool {
        self.node.named_children().any(|c| c.kind() == "modifier" && c.text() == "async")
            || self.node.has_token("async")
    }

    /// Whether this is a member (method, constructor, accessor, operator) rather than a local
    /// function, lambda or anonymous method.
    pub fn is_member(&self) -> bool {
        !matches!(self.kind(), "local_function_statement" | "lambda_expression" | "anonymous_method_expression")
    }

    /// The attribute names on the function (simple names, `Fact` for `[Xunit.Fact]`).
    pub fn attribute_names(&self) -> Vec<&'a str> {
        attribute_names(self.node)
    }
}

/// Kinds that start a new function body.
pub fn is_function(kind: &str) -> bool {
    matches!(
        kind,
        "method_declaration"
            | "local_function_statement"
            | "lambda_expression"
            | "anonymous_method_expression"
            | "constructor_declaration"
            | "destructor_declaration"
            | "accessor_declaration"
            | "operator_declaration"
            | "conversion_operator_declaration"
            | "property_declaration"
            | "indexer_declaration"
    )
}

/// The innermost function around `node` (not counting `node` itself).
pub fn enclosing_function<'a>(node: Node<'a>) -> Option<Function<'a>> {
    node.scope_ancestors().find(|a| is_function(a.kind())).map(|node| Function { node })
}

/// Whether `node` runs in an `async` method, lambda, anonymous method or local function, or in
/// top-level statements. Elsewhere `await` is not the operator: it may be an identifier.
pub fn in_async_code(node: Node<'_>) -> bool {
    match enclosing_function(node) {
        Some(function) => function.is_async(),
        None => node.scope_ancestors().any(|a| a.kind() == "global_statement"),
    }
}

/// The first child of `node` that is code: comments and preprocessor lines, which tree-sitter
/// attaches anywhere, are skipped (`await /* why */ F()`).
pub fn first_code_child<'a>(node: Node<'a>) -> Option<Node<'a>> {
    node.named_children().find(|c| !is_trivia(c.kind()))
}

/// Comments and preprocessor directives.
pub fn is_trivia(kind: &str) -> bool {
    kind == "comment" || kind.starts_with("preproc")
}

/// Whether a preprocessor directive sits inside `node`: text inserted around it may leave the
/// directive off the start of its line.
pub fn contains_preprocessor(node: Node<'_>) -> bool {
    let mut found = false;
    node.walk(|n| found |= n.kind().starts_with("preproc"));
    found
}

/// `node` without the parentheses and null-forgiving `!` around it: `(t.X())!` → `t.X()`.
pub fn strip_parens_and_bang(mut node: Node<'_>) -> Node<'_> {
    loop {
        let inner = match node.kind() {
            "parenthesized_expression" => first_code_child(node),
            "postfix_unary_expression" if node.text().ends_with('!') => first_code_child(node),
            _ => None,
        };
        match inner {
            Some(inner) => node = inner,
            None => return node,
        }
    }
}

/// Whether `.Member` appended to `node` applies to all of it (a primary expression). Otherwise
/// it needs parentheses: `(a ?? b).ConfigureAwait(false)`.
pub fn is_primary(node: Node<'_>) -> bool {
    match node.kind() {
        "identifier"
        | "generic_name"
        | "invocation_expression"
        | "member_access_expression"
        | "element_access_expression"
        | "parenthesized_expression"
        | "this_expression"
        | "base_expression"
        | "object_creation_expression"
        | "qualified_name"
        | "predefined_type"
        | "typeof_expression"
        | "default_expression"
        | "string_literal"
        | "verbatim_string_literal"
        | "integer_literal" => true,
        // `t!` binds like member access; `x++` does not.
        "postfix_unary_expression" => node.text().ends_with('!'),
        _ => false,
    }
}

/// Whether an expression put where `node` is would be read as the start of a postfix chain
/// (`node.X`, `node(…)`, `node[…]`, `node?.X`, `node!`): then `await E` in its place needs
/// parentheses, `(await E).X`.
pub fn in_postfix_position(node: Node<'_>) -> bool {
    let Some(parent) = node.parent() else { return false };
    let first = parent.named_children().next().is_some_and(|c| c.is(&node));
    first
        && matches!(
            parent.kind(),
            "member_access_expression"
                | "invocation_expression"
                | "element_access_expression"
                | "conditional_access_expression"
                | "postfix_unary_expression"
        )
}

/// The receiver (if any) and the name node of an invocation: `F()` gives `(None, F)`, `x.F()`
/// gives `(Some(x), F)`; `None` for other callees (`F()()`, `x?.F()`).
pub fn invocation_parts<'a>(call: Node<'a>) -> Option<(Option<Node<'a>>, Node<'a>)> {
    let function = call.field("function")?;
    match function.kind() {
        "identifier" | "generic_name" => Some((None, function)),
        "member_access_expression" => Some((Some(function.field("expression")?), function.field("name")?)),
        _ => None,
    }
}

/// The type declarations around `node`, innermost first.
pub fn enclosing_types<'a>(node: Node<'a>) -> impl Iterator<Item = Node<'a>> {
    node.scope_ancestors().filter(|a| is_type_declaration(a.kind()))
}

/// Kinds that declare a type with members: classes, structs, records, interfaces.
pub fn is_type_declaration(kind: &str) -> bool {
    matches!(kind, "class_declaration" | "struct_declaration" | "record_declaration" | "interface_declaration")
}

/// The simple names of the attributes applied to a declaration.
pub fn attribute_names(declaration: Node<'_>) -> Vec<&str> {
    declaration
        .named_children()
        .filter(|c| c.kind() == "attribute_list")
        .flat_map(|list| list.named_children().filter(|a| a.kind() == "attribute"))
        .filter_map(|a| a.field("name"))
        .map(|n| {
            let name = super::simple_name(n.text());
            name.strip_suffix("Attribute").unwrap_or(name)
        })
        .collect()
}

/// Whether `node` contains a comment or a preprocessor directive outside `keep`.
pub fn has_trivia_outside(node: Node<'_>, keep: std::ops::Range<usize>) -> bool {
    let mut found = false;
    node.walk(|n| {
        let trivia = n.kind() == "comment" || n.kind().starts_with("preproc");
        if trivia && (n.end() <= keep.start || n.start() >= keep.end) {
            found = true;
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn find<'a>(root: Node<'a>, kind: &str) -> Node<'a> {
        let mut found = None;
        root.walk(|n| {
            if found.is_none() && n.kind() == kind {
                found = Some(n);
            }
        });
        found.unwrap()
    }

    #[test]
    fn lambda_inside_async_method_is_its_own_function() {
        let text = "class A { async Task F() { Run(() => { await G(); }); } }";
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let f = enclosing_function(find(root, "await_expression")).unwrap();
        assert_eq!(f.kind(), "lambda_expression");
        assert!(!f.is_async());
    }

    #[test]
    fn attributes_are_simple_names() {
        let text = "class A { [Xunit.FactAttribute, Trait(\"a\",\"b\")] async Task F() { await G(); } }";
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let f = enclosing_function(find(root, "await_expression")).unwrap();
        assert!(f.is_async());
        assert_eq!(f.attribute_names(), ["Fact", "Trait"]);
    }
}
