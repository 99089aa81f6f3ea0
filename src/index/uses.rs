//! What a method body touches besides its own locals: the names of fields, properties and other
//! outside names it reads, writes or calls through, and the locals it declares.
//!
//! sequential-awaits asks this of the workspace methods that two awaited calls run, to tell
//! whether they share state (a `DbContext` field, a cache one of them writes) without a compiler.

use std::collections::{HashMap, HashSet};

use super::extract::{LocalVar, MemberUse};
use crate::syntax::{Node, PathStep};

/// What a method body declares and uses, in one walk: its locals (see [`LocalVar`]: in
/// declarations, `using`, `for`, `foreach`, `out var`, patterns, `catch` and queries, with their
/// types where written; lambda and local-function parameters and local functions count too), and
/// the names it uses that are not its parameters or locals, each once in order of first use, with
/// whether it is used as an object (`x.M()`, `x.P`, `x[i]`, `x()`) and whether it is written
/// (`x = …`, `x.P = …`, `x[i] = …`, `x++`, `ref x`, `out x`). `this.x` and `base.x` count as `x`.
pub(super) fn method_body<'a>(method: Node<'a>) -> (Vec<LocalVar>, Vec<MemberUse>) {
    let mut locals = Vec::new();
    let mut uses: Vec<MemberUse> = Vec::new();
    let Some(body) = method.field("body").or_else(|| method.child_of_kind("arrow_expression_clause")) else {
        return (locals, uses);
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut record = |name: &'a str, access: &[PathStep<'a>]| {
        let (object, written) = (is_object(access), is_written(access));
        match seen.get(name) {
            Some(&i) => {
                uses[i].object |= object;
                uses[i].written |= written;
            }
            None => {
                seen.insert(name, uses.len());
                uses.push(MemberUse { name: name.to_owned(), object, written });
            }
        }
    };
    body.walk_with_path(|path| {
        let node = path[path.len() - 1].node;
        match node.kind() {
            "identifier" if node.text() != "nameof" && value_position(path) => record(node.text(), path),
            "member_access_expression" => {
                let explicit = node.field("expression").is_some_and(|e| matches!(e.kind(), "this" | "base"));
                if let Some(name) = node.field("name").filter(|_| explicit) {
                    record(name.text(), path);
                }
            }
            _ => declared_locals(node, &mut locals),
        }
    });
    let mut declared: HashSet<&str> = locals.iter().map(|l| l.name.as_str()).collect();
    if let Some(list) = method.field("parameters") {
        // Parameters, and a `params T[] name` array, whose name sits directly in the list.
        for child in list.named_children() {
            match child.kind() {
                "parameter" => declared.extend(child.field("name").map(|n| n.text())),
                "identifier" => {
                    declared.insert(child.text());
                }
                _ => {}
            }
        }
    }
    // `this.x` is a member even where a local `x` exists; a bare `x` then is the local (the
    // walk cannot tell them apart afterwards: both are dropped, the rarer mistake).
    uses.retain(|u| !declared.contains(u.name.as_str()));
    (locals, uses)
}

/// The locals a node declares (see [`method_body`]).
fn declared_locals(node: Node<'_>, out: &mut Vec<LocalVar>) {
    let typed = |t: Option<Node<'_>>| t.filter(|t| t.kind() != "implicit_type").map(|t| t.text().to_owned());
    let var = |name: Node<'_>, type_text: Option<String>, created: bool| LocalVar {
        name: name.text().to_owned(),
        type_text,
        created,
    };
    match node.kind() {
        "variable_declaration" => {
            let ty = typed(node.field("type"));
            for declarator in node.named_children().filter(|d| d.kind() == "variable_declarator") {
                let Some(name) = declarator.field("name") else { continue };
                let created = declarator.named_children().find(|v| v.kind() == "object_creation_expression");
                let created_type = created.and_then(|v| v.field("type")).map(|t| t.text().to_owned());
                out.push(var(name, ty.clone().or(created_type), created.is_some()));
            }
        }
        "foreach_statement" => {
            if let Some(left) = node.field("left").filter(|l| l.kind() == "identifier") {
                out.push(var(left, typed(node.field("type")), false));
            }
        }
        "parameter" | "declaration_expression" | "declaration_pattern" | "catch_declaration" => {
            if let Some(name) = node.field("name") {
                out.push(var(name, typed(node.field("type")), false));
            }
        }
        "implicit_parameter" => out.push(var(node, None, false)),
        "local_function_statement" | "from_clause" | "var_pattern" => {
            if let Some(name) = node.field("name") {
                out.push(var(name, None, false));
            }
        }
        "let_clause" | "join_clause" => {
            if let Some(name) = node.child_of_kind("identifier") {
                out.push(var(name, None, false));
            }
        }
        // `var (a, b)`, `(var a, var b)` and tuple patterns list their names as plain children,
        // and a parameter list its `params T[] name` array.
        "parenthesized_variable_designation" | "tuple_pattern" | "parameter_list" => {
            for name in node.named_children().filter(|c| c.kind() == "identifier") {
                out.push(var(name, None, false));
            }
        }
        _ => {}
    }
}

/// Whether an identifier stands for a value (a variable, field, property, method or type used as
/// a receiver) rather than a declared name, a member name after `.`, or a type.
pub fn is_value_position(id: Node<'_>) -> bool {
    value_position(&id.path())
}

/// [`is_value_position`] for the last node of a path ([`Node::walk_with_path`]).
fn value_position(path: &[PathStep<'_>]) -> bool {
    let Some((id, parent)) = last_two(path) else { return false };
    if matches!(id.field, Some("name" | "type" | "returns")) || in_nameof(path) {
        return false;
    }
    let grandparent = path.len().checked_sub(3).map(|i| path[i].node.kind());
    // `new T { Name = value }`: `Name` is a member of the new object.
    if parent.node.kind() == "assignment_expression"
        && id.field == Some("left")
        && matches!(grandparent, Some("initializer_expression" | "with_initializer"))
    {
        return false;
    }
    match parent.node.kind() {
        "as_expression" | "is_expression" => id.field != Some("right"),
        "foreach_statement" => id.field != Some("left"),
        "generic_name"
        | "type_argument_list"
        | "qualified_name"
        | "alias_qualified_name"
        | "nullable_type"
        | "array_type"
        | "pointer_type"
        | "ref_type"
        | "tuple_element"
        | "base_list"
        | "attribute"
        | "type_parameter"
        | "type_parameter_constraint"
        | "type_parameter_constraints_clause"
        | "explicit_interface_specifier"
        | "labeled_statement"
        | "goto_statement"
        | "implicit_parameter"
        | "type_pattern"
        | "constant_pattern"
        | "typeof_expression"
        | "default_expression"
        | "sizeof_expression"
        | "let_clause"
        | "join_clause"
        | "member_binding_expression" => false,
        _ => true,
    }
}

/// The last node of a path and its parent.
fn last_two<'p, 'a>(path: &'p [PathStep<'a>]) -> Option<(&'p PathStep<'a>, &'p PathStep<'a>)> {
    match path {
        [.., parent, last] => Some((last, parent)),
        _ => None,
    }
}

/// Whether the last node of a path is the argument of `nameof(…)`, which names without using.
fn in_nameof(path: &[PathStep<'_>]) -> bool {
    match path {
        [.., call, list, argument, _] => {
            argument.node.kind() == "argument"
                && list.node.kind() == "argument_list"
                && call.node.field("function").is_some_and(|f| f.text() == "nameof")
        }
        _ => false,
    }
}

/// `x.M()`, `x.P`, `x[i]`, `x?.M()`, `x()`: the value is used as an object.
fn is_object(path: &[PathStep<'_>]) -> bool {
    let Some((access, parent)) = last_two(path) else { return false };
    match parent.node.kind() {
        "member_access_expression" | "element_access_expression" => access.field == Some("expression"),
        "conditional_access_expression" => access.field == Some("condition"),
        "invocation_expression" => access.field == Some("function"),
        _ => false,
    }
}

/// Whether the value, or a part of it reached through `.P` and `[i]`, is assigned, incremented or
/// passed by reference.
fn is_written(path: &[PathStep<'_>]) -> bool {
    let mut top = path.len() - 1;
    while top > 0 {
        let through = match path[top - 1].node.kind() {
            "member_access_expression" | "element_access_expression" => path[top].field == Some("expression"),
            "parenthesized_expression" => true,
            _ => false,
        };
        if !through {
            break;
        }
        top -= 1;
    }
    let Some(parent) = top.checked_sub(1).map(|i| path[i].node) else { return false };
    match parent.kind() {
        "assignment_expression" => path[top].field == Some("left"),
        "prefix_unary_expression" | "postfix_unary_expression" => parent.has_token("++") || parent.has_token("--"),
        "argument" => parent.has_token("ref") || parent.has_token("out"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn first<'a>(root: Node<'a>, kind: &str) -> Node<'a> {
        crate::syntax::first_of_kind(root, kind)
    }

    fn uses(text: &str) -> Vec<String> {
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        method_body(first(root, "method_declaration"))
            .1
            .into_iter()
            .map(|u| {
                let mut s = u.name;
                if u.object {
                    s.push_str(" object");
                }
                if u.written {
                    s.push_str(" written");
                }
                s
            })
            .collect()
    }

    #[test]
    fn members_read_written_and_used_as_objects() {
        let found = uses(
            "class A { async Task<int> F(int id) { var x = await _db.Users.FindAsync(id); _count++; \
             this._cache[id] = x; Log(_name); foreach (var u in _all) { u.Touch(); } \
             return Items.Where(i => i.Id == id).Count(); } }",
        );
        assert_eq!(
            found,
            ["_db object", "_count written", "_cache object written", "Log object", "_name", "_all", "Items object"]
        );
    }

    #[test]
    fn locals_types_and_member_names_are_not_uses() {
        let found = uses(
            "class A { void F(Order o) { List<Item> items = new List<Item>(); if (o is Big b) { b.Go(); } \
             Try(out var r); r.X = o.Y; int L(int q) => q; (var m, var n) = P(); var s = (Shape)o as Circle; \
             var t = typeof(Order); var z = nameof(Order); var w = new Order { Name = _name }; } }",
        );
        assert_eq!(found, ["Try object", "P object", "_name"]);
        assert_eq!(uses("class A { void G(params string[] parts) { H(parts); } }"), ["H object"], "a params array");
    }

    #[test]
    fn locals_with_their_written_types() {
        let text = "class A { async Task F(int p) { var a = new Conn(); Conn b = Make(); var c = Make(); \
                    foreach (var d in xs) {} Try(out Reader e); Run(f => f.Go()); } }";
        let tree = parse(text).unwrap();
        let found = method_body(first(Node::root(&tree, text), "method_declaration")).0;
        let found: Vec<(&str, Option<&str>, bool)> =
            found.iter().map(|l| (l.name.as_str(), l.type_text.as_deref(), l.created)).collect();
        assert_eq!(
            found,
            [
                ("a", Some("Conn"), true),
                ("b", Some("Conn"), false),
                ("c", None, false),
                ("d", None, false),
                ("e", Some("Reader"), false),
                ("f", None, false)
            ]
        );
    }
}
