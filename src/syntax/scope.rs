//! What a name refers to, from the declarations around it: enough to know the declared type of a
//! local, a parameter, a field or a property of the enclosing types without a compiler.

use std::collections::HashMap;
use std::ops::Range;

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
    lookup(name, at, None, true)
}

/// The declared type of `name` as seen from `at` when it is a parameter or a local of the
/// enclosing functions; `NotFound` for members of the enclosing types and anything else.
pub fn local_type<'a>(name: &str, at: Node<'a>) -> DeclaredType<'a> {
    lookup(name, at, None, false)
}

/// Answers many declared-type questions about one file: each block's and each type's
/// declarations are gathered once, so asking for every call of a long method stays linear.
#[derive(Default)]
pub struct ScopeCache<'a> {
    /// Per block: (start of the declaring statement, name, type).
    blocks: HashMap<usize, Vec<(usize, &'a str, DeclaredType<'a>)>>,
    /// Per type declaration: (member name, type).
    types: HashMap<usize, Vec<(&'a str, DeclaredType<'a>)>>,
}

impl<'a> ScopeCache<'a> {
    /// [`declared_type`], with the declarations of blocks and types remembered between calls.
    pub fn declared_type(&mut self, name: &str, at: Node<'a>) -> DeclaredType<'a> {
        lookup(name, at, Some(self), true)
    }

    fn locals_before(&mut self, block: Node<'a>, before: usize, name: &str) -> Option<DeclaredType<'a>> {
        let entries = self.blocks.entry(block.id()).or_insert_with(|| block_declarations(block));
        entries.iter().rev().find(|(start, n, _)| *start < before && *n == name).map(|(_, _, t)| t.clone())
    }

    fn member(&mut self, type_declaration: Node<'a>, name: &str) -> Option<DeclaredType<'a>> {
        let entries = self.types.entry(type_declaration.id()).or_insert_with(|| type_members(type_declaration));
        entries.iter().find(|(n, _)| *n == name).map(|(_, t)| t.clone())
    }
}

/// What [`ScopeCache`] remembers, kept with a tree's parent map so that every lookup from a pass
/// uses it: byte ranges instead of borrowed text, so it needs no lifetime.
#[derive(Default)]
pub(crate) struct TreeCache {
    /// Per block: (start of the declaring statement, name, type: `None` when not written).
    locals: HashMap<usize, Vec<CachedLocal>>,
    /// Per block: (start of the declaring statement, name) of each local with a declarator.
    declarators: HashMap<usize, Vec<(usize, Range<usize>)>>,
    /// Per block: the start of each of its local declaration statements.
    declaration_statements: HashMap<usize, Vec<usize>>,
}

/// The local declaration statements of a block, in order, found once per block and tree.
pub(super) fn local_declaration_statements<'a>(block: Node<'a>) -> Vec<Node<'a>> {
    let direct = |block: Node<'a>| -> Vec<Node<'a>> {
        block.named_children().filter(|s| s.kind() == "local_declaration_statement").collect()
    };
    with_tree_cache(block, |cache| match cache {
        Some(cache) => {
            let starts = cache
                .declaration_statements
                .entry(block.id())
                .or_insert_with(|| direct(block).iter().map(|s| s.start()).collect());
            starts
                .iter()
                .filter_map(|&start| block.raw.first_child_for_byte(start).map(|raw| block.wrap(raw)))
                .filter(|s| s.kind() == "local_declaration_statement")
                .collect()
        }
        None => direct(block),
    })
}

/// A local as [`TreeCache`] keeps it: statement start, name, declared type (`None`: not written).
type CachedLocal = (usize, Range<usize>, Option<Range<usize>>);

/// The range of `part`, a slice of `src`, in `src`.
fn range_in(src: &str, part: &str) -> Range<usize> {
    let start = (part.as_ptr() as usize).saturating_sub(src.as_ptr() as usize).min(src.len());
    start..(start + part.len()).min(src.len())
}

/// [`locals_before`] through the tree's cache.
fn cached_locals_before<'a>(
    cache: &mut TreeCache,
    block: Node<'a>,
    before: usize,
    name: &str,
) -> Option<DeclaredType<'a>> {
    let src = block.source();
    let entries = cache.locals.entry(block.id()).or_insert_with(|| {
        block_declarations(block)
            .into_iter()
            .filter_map(|(start, n, t)| {
                let t = match t {
                    DeclaredType::Type(t) => Some(range_in(src, t)),
                    DeclaredType::Unknown => None,
                    DeclaredType::NotFound => return None,
                };
                Some((start, range_in(src, n), t))
            })
            .collect()
    });
    entries.iter().rev().find(|(start, n, _)| *start < before && &src[n.clone()] == name).map(|(_, _, t)| match t {
        Some(t) => DeclaredType::Type(&src[t.clone()]),
        None => DeclaredType::Unknown,
    })
}

/// Runs `f` with the cache kept with `at`'s tree, if it has one.
fn with_tree_cache<T>(at: Node<'_>, f: impl FnOnce(Option<&mut TreeCache>) -> T) -> T {
    match at.parents {
        Some(parents) => f(Some(&mut parents.scopes.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))),
        None => f(None),
    }
}

/// Every local and pattern variable a block declares, with the start of its statement.
fn block_declarations<'a>(block: Node<'a>) -> Vec<(usize, &'a str, DeclaredType<'a>)> {
    let mut out = Vec::new();
    for statement in block.named_children() {
        if statement.kind() == "local_declaration_statement" {
            if let Some(declaration) = statement.child_of_kind("variable_declaration") {
                for name in declaration
                    .named_children()
                    .filter_map(|d| (d.kind() == "variable_declarator").then(|| d.field("name")).flatten())
                {
                    if let Some(t) = in_declaration(declaration, name.text()) {
                        out.push((statement.start(), name.text(), t));
                    }
                }
            }
        }
        let mut pattern = |n: Node<'a>| {
            if let Some(name) = n.field("name") {
                if let Some(t) = typed_name(n, name.text()) {
                    out.push((statement.start(), name.text(), t));
                }
            }
        };
        match block.parents {
            // The statement's patterns, in the order a walk of it visits them.
            Some(parents) => {
                let all = parents.patterns();
                let (start, end) = (statement.raw.start_byte(), statement.raw.end_byte());
                let first = all.partition_point(|p| p.start_byte() < start);
                for raw in all[first..].iter().take_while(|p| p.start_byte() < end) {
                    pattern(block.wrap(*raw));
                }
            }
            None => statement.walk(|n| {
                if matches!(n.kind(), "declaration_pattern" | "declaration_expression") {
                    pattern(n);
                }
            }),
        }
    }
    out
}

/// Every field and property a type declares.
fn type_members(type_declaration: Node<'_>) -> Vec<(&str, DeclaredType<'_>)> {
    let Some(body) = type_declaration.field("body") else { return Vec::new() };
    let mut out = Vec::new();
    for member in body.named_children() {
        let names: Vec<Node<'_>> = match member.kind() {
            "field_declaration" | "event_field_declaration" => member
                .child_of_kind("variable_declaration")
                .map(|d| {
                    d.named_children()
                        .filter(|c| c.kind() == "variable_declarator")
                        .filter_map(|c| c.field("name"))
                        .collect()
                })
                .unwrap_or_default(),
            "property_declaration" => member.field("name").into_iter().collect(),
            _ => Vec::new(),
        };
        for name in names {
            if let Some(t) = self_member(member, name.text()) {
                out.push((name.text(), t));
            }
        }
    }
    out
}

fn self_member<'a>(member: Node<'a>, name: &str) -> Option<DeclaredType<'a>> {
    match member.kind() {
        "property_declaration" => typed_name(member, name),
        _ => member.child_of_kind("variable_declaration").and_then(|d| in_declaration(d, name)),
    }
}

fn lookup<'a>(name: &str, at: Node<'a>, mut cache: Option<&mut ScopeCache<'a>>, members: bool) -> DeclaredType<'a> {
    let mut child = at;
    for scope in at.scope_ancestors() {
        let found = match scope.kind() {
            "block" | "switch_section" => match cache.as_deref_mut() {
                Some(cache) => cache.locals_before(scope, child.start(), name),
                None => with_tree_cache(scope, |tree_cache| match tree_cache {
                    Some(tree_cache) => cached_locals_before(tree_cache, scope, child.start(), name),
                    None => locals_before(scope, child.start(), name),
                }),
            },
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
                match cache.as_deref_mut() {
                    Some(cache) => cache.member(scope, name),
                    None => member(scope, name),
                }
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

/// The initializer of the local `name` visible from `at` (`var c = t.ConfigureAwait(false);` gives
/// `t.ConfigureAwait(false)`), for locals declared in the enclosing blocks before `at` and in the
/// `using`, `for` and `fixed` statements around it.
pub fn local_initializer<'a>(name: &str, at: Node<'a>) -> Option<Node<'a>> {
    let mut child = at;
    for scope in at.scope_ancestors() {
        if matches!(scope.kind(), "block" | "switch_section") {
            let declarator = with_tree_cache(scope, |cache| match cache {
                Some(cache) => {
                    let src = scope.source();
                    let entries = cache.declarators.entry(scope.id()).or_insert_with(|| {
                        declarators(scope).map(|(start, d)| (start, range_in(src, d.text()))).collect()
                    });
                    let (start, _) =
                        entries.iter().rev().find(|(start, n)| *start < child.start() && &src[n.clone()] == name)?;
                    // The statement is found in C, not by walking the block's children again.
                    let statement = scope.raw.first_child_for_byte(*start).map(|raw| scope.wrap(raw))?;
                    statement
                        .child_of_kind("variable_declaration")?
                        .named_children()
                        .filter(|c| c.kind() == "variable_declarator")
                        .filter(|c| c.field("name").is_some_and(|n| n.text() == name))
                        .last()
                }
                None => declarators(scope)
                    .take_while(|(s, _)| *s < child.start())
                    .map(|(_, d)| d)
                    .filter(|d| d.text() == name)
                    .last()
                    .and_then(|d| d.parent()),
            });
            if let Some(declarator) = declarator {
                return declarator.named_children().nth(1);
            }
        }
        // `using (var x = E) …`, `for (var i = E; …)`: a declaration of the statement's own.
        if matches!(scope.kind(), "using_statement" | "for_statement" | "fixed_statement") {
            let declaration = scope.child_of_kind("variable_declaration").filter(|d| !d.is(&child));
            let declarator = declaration.and_then(|d| {
                d.named_children()
                    .filter(|c| c.kind() == "variable_declarator")
                    .find(|c| c.field("name").is_some_and(|n| n.text() == name))
            });
            if let Some(declarator) = declarator {
                return declarator.named_children().nth(1);
            }
        }
        // The first function on the way up is the one `at` is in: its locals are all there are.
        // (Asking `enclosing_function` of each ancestor would make deep nesting quadratic.)
        if super::is_function(scope.kind()) {
            return None;
        }
        child = scope;
    }
    None
}

/// The name of every local a block declares, with the start of its statement.
fn declarators<'a>(block: Node<'a>) -> impl Iterator<Item = (usize, Node<'a>)> {
    block
        .named_children()
        .filter(|s| s.kind() == "local_declaration_statement")
        .filter_map(|s| Some((s.start(), s.child_of_kind("variable_declaration")?)))
        .flat_map(|(start, d)| {
            d.named_children()
                .filter(|c| c.kind() == "variable_declarator")
                .filter_map(move |c| Some((start, c.field("name")?)))
        })
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
    fn the_cache_answers_like_the_direct_lookup() {
        let tree = parse(TEXT).unwrap();
        let root = Node::root(&tree, TEXT);
        let mut cache = ScopeCache::default();
        let names = ["a", "b", "c", "src", "items", "_t", "P", "d", "e", "nope", "x", "k", "q"];
        root.walk(|n| {
            if n.kind() == "identifier" && n.text() == "USE" {
                for name in names {
                    assert_eq!(cache.declared_type(name, n), declared_type(name, n), "{name} at {}", n.start());
                }
            }
        });
    }

    #[test]
    fn inner_scopes() {
        assert_eq!(lookup("x", 0), r#"Type("Item")"#, "foreach variable");
        assert_eq!(lookup("x", 3), "NotFound", "foreach variable out of scope");
        assert_eq!(lookup("k", 1), r#"Type("Source")"#, "typed lambda parameter");
        assert_eq!(lookup("q", 2), "Unknown", "implicit lambda parameter");
    }
}
