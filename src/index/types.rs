//! What syntax says about the type of an expression: the declaration of a local, parameter, field
//! or property, `new T(…)`, casts, and what the knowledge base says calls and properties give.
//!
//! This is evidence, not type checking: anything not written down stays unknown.

use crate::index::{Knowledge, WorkspaceIndex};
use crate::syntax::{enclosing_types, simple_name, Node};

/// What a name refers to, as far as its declaration in the file shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Variable {
    /// A local, parameter, field or property declared with this type (simple name; `var`
    /// declarations take the type of their initializer when it is visible).
    Typed(String),
    /// A variable whose type cannot be seen (`var x = F();`, a lambda parameter).
    Untyped,
    /// No declaration in the file: a type name, an inherited member, a static import.
    NotFound,
}

/// Type evidence for the expressions of one file.
pub struct Types<'a> {
    /// The workspace index, for the bases of workspace types.
    pub index: &'a WorkspaceIndex,
    /// The knowledge base, for the bases of .NET types and what calls give.
    pub knowledge: &'a Knowledge,
}

/// Nesting limit for following `var` initializers (`var a = b; var c = a;`).
const MAX_DEPTH: usize = 24;

impl Types<'_> {
    /// The type and its base types (workspace and knowledge base), nearest first.
    pub fn family(&self, name: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in self.index.type_and_bases(name) {
            for u in std::iter::once(t).chain(self.knowledge.async_twins.bases_of(t)) {
                if !out.iter().any(|o| o == u) {
                    out.push(u.to_owned());
                }
            }
        }
        out
    }

    /// The simple name of the type of `expr`, when the file shows it.
    pub fn of_expression(&self, expr: Node<'_>) -> Option<String> {
        self.expression(expr, 0)
    }

    /// What the identifier `name`, used at `at`, is declared as.
    pub fn of_variable(&self, name: &str, at: Node<'_>) -> Variable {
        self.variable(name, at, 0)
    }

    fn expression(&self, expr: Node<'_>, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        match expr.kind() {
            "object_creation_expression" => expr.field("type").map(|t| type_name(t.text())),
            "cast_expression" => expr.field("type").map(|t| type_name(t.text())),
            "as_expression" => expr.field("right").map(|t| type_name(t.text())),
            "parenthesized_expression" | "await_expression" => {
                self.expression(expr.named_children().next()?, depth + 1)
            }
            "string_literal" | "verbatim_string_literal" | "raw_string_literal" | "interpolated_string_expression" => {
                Some("string".into())
            }
            "this_expression" | "this" => enclosing_types(expr).next()?.field("name").map(|n| n.text().to_owned()),
            "identifier" => match self.variable(expr.text(), expr, depth + 1) {
                Variable::Typed(t) => Some(t),
                _ => None,
            },
            "member_access_expression" => {
                let name = simple_name(expr.field("name")?.text());
                self.member(expr.field("expression")?, name, false, depth + 1)
            }
            "invocation_expression" => {
                let function = expr.field("function")?;
                if function.kind() != "member_access_expression" {
                    return None;
                }
                let name = simple_name(function.field("name")?.text());
                self.member(function.field("expression")?, name, true, depth + 1)
            }
            _ => None,
        }
    }

    /// The type of `receiver.member` or `receiver.member(…)`.
    fn member(&self, receiver: Node<'_>, member: &str, is_call: bool, depth: usize) -> Option<String> {
        if matches!(receiver.kind(), "this_expression" | "this") && !is_call {
            let ty = enclosing_types(receiver).next()?;
            return member_declaration(ty, member)
                .and_then(|(t, _)| declared_type(t))
                .or_else(|| self.indexed_member(receiver, member));
        }
        let owner = self.receiver_type_name(receiver, depth)?;
        let twins = &self.knowledge.async_twins;
        self.family(&owner).iter().find_map(|t| twins.returns(t, member, is_call).map(str::to_owned))
    }

    /// The type of a receiver, or the type it names for a static call (`File` in `File.Open()`).
    fn receiver_type_name(&self, receiver: Node<'_>, depth: usize) -> Option<String> {
        if let Some(t) = self.static_type_name(receiver) {
            return Some(t);
        }
        self.expression(receiver, depth)
    }

    /// The type a receiver names when it is a type rather than a value: an identifier or a
    /// qualified name (`System.IO.File`) that no variable in scope is called, starting with a
    /// capital letter.
    pub fn static_type_name(&self, receiver: Node<'_>) -> Option<String> {
        let leftmost = leftmost_name(receiver)?;
        if self.variable(leftmost.text(), leftmost, 0) != Variable::NotFound {
            return None;
        }
        let name = simple_name(receiver.text());
        name.starts_with(|c: char| c.is_ascii_uppercase()).then(|| name.to_owned())
    }

    fn variable(&self, name: &str, at: Node<'_>, depth: usize) -> Variable {
        for scope in at.scope_ancestors() {
            let found = match scope.kind() {
                "block" | "switch_section" => scope
                    .named_children()
                    .filter(|s| s.kind() == "local_declaration_statement")
                    .filter_map(|s| s.child_of_kind("variable_declaration"))
                    .find_map(|d| self.declarator(d, name, depth)),
                "using_statement" | "fixed_statement" => {
                    scope.child_of_kind("variable_declaration").and_then(|d| self.declarator(d, name, depth))
                }
                "for_statement" => scope
                    .field("initializer")
                    .filter(|d| d.kind() == "variable_declaration")
                    .and_then(|d| self.declarator(d, name, depth)),
                "foreach_statement" => {
                    let left = scope.field("left");
                    if left.is_some_and(|l| l.kind() == "identifier" && l.text() == name) {
                        Some(typed(scope.field("type")))
                    } else if left.is_some_and(|l| l.kind() != "identifier" && contains_identifier(l, name)) {
                        Some(Variable::Untyped)
                    } else {
                        None
                    }
                }
                "catch_clause" => scope
                    .child_of_kind("catch_declaration")
                    .filter(|d| d.field("name").is_some_and(|n| n.text() == name))
                    .map(|d| typed(d.field("type"))),
                "lambda_expression" => match scope.field("parameters") {
                    Some(list) if list.kind() == "parameter_list" => parameter(list, name),
                    Some(p) => (p.text() == name).then_some(Variable::Untyped),
                    None => None,
                },
                "anonymous_method_expression"
                | "local_function_statement"
                | "method_declaration"
                | "constructor_declaration"
                | "operator_declaration"
                | "conversion_operator_declaration"
                | "indexer_declaration" => {
                    let params = scope.field("parameters").or_else(|| scope.child_of_kind("parameter_list"));
                    params.and_then(|list| parameter(list, name)).or_else(|| pattern_variable(scope, name))
                }
                "accessor_declaration" if name == "value" => Some(Variable::Untyped),
                "class_declaration" | "struct_declaration" | "record_declaration" | "interface_declaration" => {
                    let primary = scope.child_of_kind("parameter_list").and_then(|list| parameter(list, name));
                    primary.or_else(|| member_declaration(scope, name).map(|(t, _)| typed(Some(t))))
                }
                "compilation_unit" => scope
                    .named_children()
                    .filter(|g| g.kind() == "global_statement")
                    .filter_map(|g| g.child_of_kind("local_declaration_statement"))
                    .filter_map(|s| s.child_of_kind("variable_declaration"))
                    .find_map(|d| self.declarator(d, name, depth)),
                _ => None,
            };
            if let Some(found) = found {
                return found;
            }
        }
        // A field or property declared in another part of a partial class or in a workspace base.
        self.indexed_member(at, name).map_or(Variable::NotFound, Variable::Typed)
    }

    /// The declared type of a member `name` of the type around `at`, from the workspace index.
    fn indexed_member(&self, at: Node<'_>, name: &str) -> Option<String> {
        let owner = enclosing_types(at).next()?.field("name")?;
        self.index.member_type(owner.text(), name).map(type_name)
    }

    /// In a `variable_declaration`, the declarator of `name`: its declared type, or for `var`
    /// the type of its initializer.
    fn declarator(&self, declaration: Node<'_>, name: &str, depth: usize) -> Option<Variable> {
        let declarator = declaration
            .named_children()
            .filter(|d| d.kind() == "variable_declarator")
            .find(|d| d.field("name").or_else(|| d.named_children().next()).is_some_and(|n| n.text() == name))?;
        Some(match typed(declaration.field("type")) {
            Variable::Typed(t) if t == "var" => {
                match declarator.named_children().nth(1).and_then(|v| self.expression(v, depth + 1)) {
                    Some(t) => Variable::Typed(t),
                    None => Variable::Untyped,
                }
            }
            other => other,
        })
    }
}

/// The variable a declared type gives.
fn typed(type_node: Option<Node<'_>>) -> Variable {
    type_node.and_then(declared_type).map_or(Variable::Untyped, Variable::Typed)
}

/// `Stream` for `System.IO.Stream`, `DbSet` for `DbSet<User>`, `string` for `string?`.
fn type_name(text: &str) -> String {
    simple_name(text.trim_end_matches('?')).to_owned()
}

/// The simple name of a declared type; `None` for types that are not names (arrays, tuples).
fn declared_type(node: Node<'_>) -> Option<String> {
    match node.kind() {
        "implicit_type" => Some("var".into()),
        "identifier" | "generic_name" | "qualified_name" | "predefined_type" | "alias_qualified_name" => {
            Some(type_name(node.text()))
        }
        "nullable_type" => node.named_children().next().and_then(declared_type),
        _ => None,
    }
}

/// In a `parameter_list`, the parameter called `name`.
fn parameter(list: Node<'_>, name: &str) -> Option<Variable> {
    list.named_children()
        .filter(|p| p.kind() == "parameter")
        .find(|p| p.field("name").is_some_and(|n| n.text() == name))
        .map(|p| typed(p.field("type")))
}

/// A pattern or `out` variable called `name` anywhere in a function (`x is StreamReader r`,
/// `out var r`), when exactly one declares it.
fn pattern_variable(function: Node<'_>, name: &str) -> Option<Variable> {
    let mut found: Vec<Variable> = Vec::new();
    function.walk(|n| {
        if matches!(n.kind(), "declaration_pattern" | "declaration_expression")
            && n.field("name").is_some_and(|i| i.text() == name)
        {
            found.push(typed(n.field("type")));
        }
    });
    match found.as_slice() {
        [] => None,
        [Variable::Typed(t)] if t != "var" => Some(Variable::Typed(t.clone())),
        _ => Some(Variable::Untyped),
    }
}

/// A field or property called `name` declared in a type: its type node and declaration.
fn member_declaration<'a>(ty: Node<'a>, name: &str) -> Option<(Node<'a>, Node<'a>)> {
    let body = ty.child_of_kind("declaration_list")?;
    body.named_children().find_map(|m| match m.kind() {
        "field_declaration" | "event_field_declaration" => {
            let declaration = m.child_of_kind("variable_declaration")?;
            let found = declaration
                .named_children()
                .filter(|d| d.kind() == "variable_declarator")
                .any(|d| d.field("name").or_else(|| d.named_children().next()).is_some_and(|n| n.text() == name));
            found.then(|| declaration.field("type").map(|t| (t, m))).flatten()
        }
        "property_declaration" if m.field("name").is_some_and(|n| n.text() == name) => m.field("type").map(|t| (t, m)),
        _ => None,
    })
}

fn contains_identifier(node: Node<'_>, name: &str) -> bool {
    let mut found = false;
    node.walk(|n| found |= n.kind() == "identifier" && n.text() == name);
    found
}

/// The leftmost identifier of a name or member-access chain made only of names
/// (`System.IO.File` → `System`); `None` when the chain contains anything else.
fn leftmost_name(node: Node<'_>) -> Option<Node<'_>> {
    match node.kind() {
        "identifier" => Some(node),
        "qualified_name" | "member_access_expression" => {
            let first = node
                .field("qualifier")
                .or_else(|| node.field("expression"))
                .or_else(|| node.named_children().next())?;
            leftmost_name(first)
        }
        "alias_qualified_name" => node.named_children().next(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::FileIndex;
    use crate::syntax::parse;

    /// The type of the receiver of the call of `method` in `text`.
    fn receiver_type(text: &str, method: &str) -> Option<String> {
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let index = WorkspaceIndex::build(vec![FileIndex::extract(root)]);
        let knowledge = Knowledge::builtin();
        let types = Types { index: &index, knowledge: &knowledge };
        let mut result = None;
        root.walk(|n| {
            if n.kind() == "member_access_expression" && n.field("name").unwrap().text() == method {
                result = types.of_expression(n.field("expression").unwrap());
            }
        });
        result
    }

    #[test]
    fn locals_fields_parameters_and_var_initializers() {
        let text = "class A { StreamReader _r; Stream S { get; } void F(TextWriter w, object o) {
            var x = new MemoryStream(); x.Read(); _r.ReadLine(); w.Write(); S.Flush();
            using (var f = File.OpenRead(p)) { f.CopyTo(); }
            if (o is StringReader sr) { sr.Peek(); }
            var cmd = conn.CreateCommand(); cmd.ExecuteNonQuery();
            Run(y => y.Close());
        } }";
        assert_eq!(receiver_type(text, "Read").as_deref(), Some("MemoryStream"));
        assert_eq!(receiver_type(text, "ReadLine").as_deref(), Some("StreamReader"));
        assert_eq!(receiver_type(text, "Write").as_deref(), Some("TextWriter"));
        assert_eq!(receiver_type(text, "Flush").as_deref(), Some("Stream"));
        assert_eq!(receiver_type(text, "CopyTo").as_deref(), Some("FileStream"));
        assert_eq!(receiver_type(text, "Peek").as_deref(), Some("StringReader"));
        assert_eq!(receiver_type(text, "ExecuteNonQuery"), None, "`conn` is not declared");
        assert_eq!(receiver_type(text, "Close"), None, "lambda parameter");
    }

    #[test]
    fn var_chains_through_calls() {
        let text = "class O { async Task F() { using (var connection = new SqlConnection(s)) { var command = connection.CreateCommand(); using (var reader = await command.ExecuteReaderAsync()) { while (reader.Read()) { } } } } }";
        assert_eq!(receiver_type(text, "Read").as_deref(), Some("DbDataReader"));
    }

    #[test]
    fn fields_of_other_partial_parts_and_bases() {
        let text = "partial class A : B { async Task F() { _r.ReadLine(); this.W.Flush(); } } class B { protected Stream W { get; } } partial class A { StreamReader _r; }";
        assert_eq!(receiver_type(text, "ReadLine").as_deref(), Some("StreamReader"));
        assert_eq!(receiver_type(text, "Flush").as_deref(), Some("Stream"));
    }

    #[test]
    fn inner_declarations_shadow_fields() {
        let text = "class A { Stream s; void F() { { var s = new StringReader(t); s.Peek(); } } }";
        assert_eq!(receiver_type(text, "Peek").as_deref(), Some("StringReader"));
    }

    #[test]
    fn query_chains_from_a_db_context() {
        let text = "class Db : DbContext {} class A { Db _db; void F() { _db.Users.Where(u => u.Ok).Include(u => u.X).ToList(); _db.Users.AsEnumerable().Count(); } }";
        assert_eq!(receiver_type(text, "ToList").as_deref(), Some("IQueryable"));
        assert_eq!(receiver_type(text, "Count"), None);
    }
}
