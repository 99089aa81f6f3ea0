//! What a name refers to, from the declarations around it: enough to know the declared type of a
//! local, a parameter, a field or a property of the enclosing types without a compiler.

use super::Node;

/// What the declaration of a name says about its type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclaredType<'a> {
    /// Declared with this type (as written; `var x = new T(…)` gives `T`).
    Type(&'a str),
    /// Declared, but its type is not written (`var x = F();`, an implicitly typed lambda
    /// parameter): the search stops there, the name is shadowed.
    Unknown,
    /// No declaration in this file's scopes (inherited member, outside type, another part of a
    /// partial class).
    NotFound,
}

/// The declared type of `name` as seen from `at`: parameters and locals of the enclosing
/// functions (declared before `at`), then fields and properties of the enclosing types.
pub fn declared_type<'a>(name: &str, at: Node<'a>) -> DeclaredType<'a> {
    lookup(name, at, true)
}

/// The declared type of `name` as seen from `at` when it is a parameter or a local of the
/// enclosing functions; `NotFound` for members of the enclosing types and anything else.
pub fn local_type<'a>(name: &str, at: Node<'a>) -> DeclaredType<'a> {
    lookup(name, at, false)
}

fn lookup<'a>(name: &str, at: Node<'a>, members: bool) -> DeclaredType<'a> {
    let mut child = at;
    for scope in at.ancestors() {
        let found = match scope.kind() {
            "block" | "switch_section" => locals_before(scope, child.start(), name),
            "using_statement" | "for_statement" | "fixed_statement" => {
                scope.child_of_kind("variable_declaration").and_then(|d| in_declaration(d, name))
            }
            "foreach_statement" => foreach_variable(scope, name),
            "catch_clause" => scope.child_of_kind("catch_declaration").and_then(|d| typed_name(d, name)),
            "method_declaration"
            | "constructor_declaration"
            | "local_function_statement"
            | "lambda_expression"
            | "anonymous_method_expression"
            | "operator_declaration"
            | "indexer_declaration" => parameter(scope, name),
            "class_declaration" | "struct_declaration" | "record_declaration" | "interface_declaration" => {
                if !members {
                    return DeclaredType::NotFound;
                }
                member(scope, name)
            }
            _ => None,
        };
        if let Some(found) = found {
            return found;
        }
        child = scope;
    }
    DeclaredType::NotFound
}

/// The declared type of `this.name` or an unqualified member: fields and properties of the
/// enclosing types only.
pub fn member_type<'a>(name: &str, at: Node<'a>) -> DeclaredType<'a> {
    super::enclosing_types(at).find_map(|t| member(t, name)).unwrap_or(DeclaredType::NotFound)
}

fn locals_before<'a>(block: Node<'a>, before: usize, name: &str) -> Option<DeclaredType<'a>> {
    let mut found = None;
    for statement in block.named_children().take_while(|s| s.start() < before) {
        let declaration = match statement.kind() {
            "local_declaration_statement" => statement.child_of_kind("variable_declaration"),
            _ => None,
        };
        if let Some(d) = declaration.and_then(|d| in_declaration(d, name)) {
            found = Some(d);
        }
        // Out variables and patterns declared in earlier statements (`if (o is T x)`,
        // `Try(out T x)`) are in scope too.
        if found.is_none() {
            found = pattern_variable(statement, name);
        }
    }
    found
}

fn in_declaration<'a>(declaration: Node<'a>, name: &str) -> Option<DeclaredType<'a>> {
    let type_node = declaration.field("type")?;
    let declarator = declaration
        .named_children()
        .filter(|c| c.kind() == "variable_declarator")
        .find(|d| d.field("name").is_some_and(|n| n.text() == name))?;
    Some(match type_node.kind() {
        "implicit_type" => match declarator.named_children().nth(1) {
            Some(value) if value.kind() == "object_creation_expression" => {
                value.field("type").map_or(DeclaredType::Unknown, |t| DeclaredType::Type(t.text()))
            }
            _ => DeclaredType::Unknown,
        },
        _ => DeclaredType::Type(type_node.text()),
    })
}

fn foreach_variable<'a>(statement: Node<'a>, name: &str) -> Option<DeclaredType<'a>> {
    let left = statement.field("left")?;
    if left.text() != name {
        return None;
    }
    Some(match statement.field("type") {
        Some(t) if t.kind() != "implicit_type" => DeclaredType::Type(t.text()),
        _ => DeclaredType::Unknown,
    })
}

fn typed_name<'a>(node: Node<'a>, name: &str) -> Option<DeclaredType<'a>> {
    let declared = node.field("name").is_some_and(|n| n.text() == name)
        || node.named_children().any(|c| c.kind() == "identifier" && c.text() == name);
    declared.then(|| node.field("type").map_or(DeclaredType::Unknown, |t| DeclaredType::Type(t.text())))
}

fn pattern_variable<'a>(statement: Node<'a>, name: &str) -> Option<DeclaredType<'a>> {
    let mut found = None;
    statement.walk(|n| {
        if found.is_none() && matches!(n.kind(), "declaration_pattern" | "declaration_expression") {
            found = typed_name(n, name);
        }
    });
    found
}

fn parameter<'a>(function: Node<'a>, name: &str) -> Option<DeclaredType<'a>> {
    if let Some(implicit) = function.child_of_kind("implicit_parameter") {
        return (implicit.text() == name).then_some(DeclaredType::Unknown);
    }
    let list = function.field("parameters").or_else(|| function.child_of_kind("parameter_list"))?;
    let mut previous_type = None;
    for child in list.named_children() {
        if child.kind() == "parameter" {
            if child.field("name").is_some_and(|n| n.text() == name) {
                return Some(child.field("type").map_or(DeclaredType::Unknown, |t| DeclaredType::Type(t.text())));
            }
        } else if child.kind() == "identifier" && child.text() == name {
            // A `params T[] name` array: its type and name sit directly in the list.
            return Some(previous_type.map_or(DeclaredType::Unknown, DeclaredType::Type));
        } else {
            previous_type = Some(child.text());
        }
    }
    None
}

fn member<'a>(type_declaration: Node<'a>, name: &str) -> Option<DeclaredType<'a>> {
    let body = type_declaration.field("body")?;
    for member in body.named_children() {
        let found = match member.kind() {
            "field_declaration" | "event_field_declaration" => {
                member.child_of_kind("variable_declaration").and_then(|d| in_declaration(d, name))
            }
            "property_declaration" => typed_name(member, name),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    const TEXT: &str = "class A { int P { get; set; } Signal _s, _t; \
        void M(Source src, int n, params Item[] items) { var a = new Source(); Source b = null; var c = F(); \
        foreach (Item x in xs) { USE; } if (o is Source d) {} Try(out Sink e); \
        Func<Source, int> f = (Source k) => k.USE; Action<int> g = q => { USE; }; USE; } }";

    fn at_use(nth: usize) -> (tree_sitter::Tree, usize) {
        let tree = parse(TEXT).unwrap();
        let offset = TEXT.match_indices("USE").nth(nth).unwrap().0;
        (tree, offset)
    }

    fn lookup(name: &str, nth: usize) -> String {
        let (tree, offset) = at_use(nth);
        let root = Node::root(&tree, TEXT);
        let mut node = None;
        root.walk(|n| {
            if n.kind() == "identifier" && n.start() == offset {
                node = Some(n);
            }
        });
        format!("{:?}", declared_type(name, node.unwrap()))
    }

    #[test]
    fn locals_parameters_fields_and_properties() {
        let last = 3;
        assert_eq!(lookup("a", last), r#"Type("Source")"#, "var with new");
        assert_eq!(lookup("b", last), r#"Type("Source")"#);
        assert_eq!(lookup("c", last), "Unknown", "var from a call");
        assert_eq!(lookup("src", last), r#"Type("Source")"#);
        assert_eq!(lookup("items", last), r#"Type("Item[]")"#);
        assert_eq!(lookup("_t", last), r#"Type("Signal")"#);
        assert_eq!(lookup("P", last), r#"Type("int")"#);
        assert_eq!(lookup("d", last), r#"Type("Source")"#);
        assert_eq!(lookup("e", last), r#"Type("Sink")"#);
        assert_eq!(lookup("nope", last), "NotFound");
    }

    #[test]
    fn local_type_stops_at_members() {
        let (tree, offset) = at_use(3);
        let root = Node::root(&tree, TEXT);
        let mut node = None;
        root.walk(|n| {
            if n.kind() == "identifier" && n.start() == offset {
                node = Some(n);
            }
        });
        let node = node.unwrap();
        assert_eq!(local_type("b", node), DeclaredType::Type("Source"));
        assert_eq!(local_type("src", node), DeclaredType::Type("Source"));
        assert_eq!(local_type("c", node), DeclaredType::Unknown);
        assert_eq!(local_type("_t", node), DeclaredType::NotFound, "a field is not a local");
        assert_eq!(local_type("P", node), DeclaredType::NotFound, "a property is not a local");
    }

    #[test]
    fn inner_scopes() {
        assert_eq!(lookup("x", 0), r#"Type("Item")"#, "foreach variable");
        assert_eq!(lookup("x", 3), "NotFound", "foreach variable out of scope");
        assert_eq!(lookup("k", 1), r#"Type("Source")"#, "typed lambda parameter");
        assert_eq!(lookup("q", 2), "Unknown", "implicit lambda parameter");
    }
}
