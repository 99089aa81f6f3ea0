//! A thin layer over tree-sitter that lets passes read like prose.
//!
//! A [`Node`] carries the text it was parsed from, so `.text()`, `.field()` and `.ancestors()` need
//! nothing passed around (the ast-grep shape). Tree walks are iterative: no input nests deeply
//! enough to overflow the stack here.

mod context;
mod errors;
mod literals;
mod mask;
mod scope;
mod tokens;
mod ty;

use std::ops::Range;

pub use context::{
    attribute_names, contains_preprocessor, enclosing_function, enclosing_types, first_code_child, has_trivia_outside,
    in_async_code, in_postfix_position, invocation_parts, is_function, is_primary, is_trivia, is_type_declaration,
    strip_parens_and_bang, Function,
};
pub use errors::ErrorRegions;
pub use literals::{Literal, LiteralKind, Literals};
pub use mask::{masked_view, parse_file, Masks, Parsed};
pub use scope::{declared_type, local_initializer, local_type, member_type, DeclaredType, ScopeCache};
pub use tokens::{
    in_catch_or_finally, is_token_type, member_context, tokens_in_scope, tokens_in_scope_with, MemberContext, Token,
    TokenChoice, TokenScope, TokenTypes,
};
pub use ty::Type;

/// Parses C# text. Returns `None` only if tree-sitter gives up (it does not on valid UTF-8).
pub fn parse(text: &str) -> Option<tree_sitter::Tree> {
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&language()).ok()?;
    parser.parse(text, None)
}

/// The C# grammar.
pub fn language() -> tree_sitter::Language {
    tree_sitter_c_sharp::LANGUAGE.into()
}

/// The parent of every node of a tree, found in one walk.
///
/// tree-sitter finds a node's parent by descending from the root and scanning each level's
/// children, which costs the width of every level: in a method of 4,000 statements, asking for
/// the ancestors of each call is quadratic. With this map it is a look-up.
///
/// It also remembers each block's and each type's declarations once asked (see
/// `scope::TreeCache`): looking up names from every statement of a long method stays linear.
pub struct Parents<'a> {
    map: foldhash::HashMap<usize, tree_sitter::Node<'a>>,
    /// For a node inside a run of two or more nested plain expressions (see [`is_plain_expression`]):
    /// the outermost expression of the run, so that [`Node::scope_ancestors`] skips the run at once.
    run_tops: foldhash::HashMap<usize, tree_sitter::Node<'a>>,
    /// Every `declaration_pattern` and `declaration_expression` (`is T x`, `out var x`), in
    /// document order: a block's pattern variables are found by a binary search, not a walk of
    /// each of its statements (nested blocks would be walked again for each level).
    patterns: Vec<tree_sitter::Node<'a>>,
    scopes: std::sync::Mutex<scope::TreeCache>,
}

impl<'a> Parents<'a> {
    /// Records the parent of every node of `tree`.
    pub fn of(tree: &'a tree_sitter::Tree) -> Self {
        // A fast hash: node ids are addresses, nothing an attacker chooses; SipHash cost a
        // tenth of a whole run.
        let mut map = foldhash::HashMap::with_capacity_and_hasher(
            tree.root_node().descendant_count(),
            foldhash::fast::RandomState::default(),
        );
        let mut run_tops = foldhash::HashMap::default();
        let mut patterns = Vec::new();
        let mut cursor = tree.walk();
        // The cursor's node and its ancestors, innermost last, each with the outermost node of the
        // run of plain expressions it belongs to.
        let mut stack = vec![(cursor.node(), None)];
        loop {
            if cursor.goto_first_child() {
                Self::enter(cursor.node(), &mut stack, &mut map, &mut run_tops, &mut patterns);
                continue;
            }
            loop {
                stack.pop();
                if cursor.goto_next_sibling() {
                    Self::enter(cursor.node(), &mut stack, &mut map, &mut run_tops, &mut patterns);
                    break;
                }
                if !cursor.goto_parent() {
                    return Parents { map, run_tops, patterns, scopes: Default::default() };
                }
            }
        }
    }

    /// The `declaration_pattern` and `declaration_expression` nodes of the tree, in document order.
    pub(crate) fn patterns(&self) -> &[tree_sitter::Node<'a>] {
        &self.patterns
    }

    /// Records `child`, whose parent is the last node of `stack`, and pushes it.
    #[allow(clippy::type_complexity)]
    fn enter(
        child: tree_sitter::Node<'a>,
        stack: &mut Vec<(tree_sitter::Node<'a>, Option<tree_sitter::Node<'a>>)>,
        map: &mut foldhash::HashMap<usize, tree_sitter::Node<'a>>,
        run_tops: &mut foldhash::HashMap<usize, tree_sitter::Node<'a>>,
        patterns: &mut Vec<tree_sitter::Node<'a>>,
    ) {
        if is_pattern_declaration(child.kind_id()) {
            patterns.push(child);
        }
        let (parent, parent_top) = *stack.last().expect("the parent is on the stack");
        map.insert(child.id(), parent);
        if let Some(top) = parent_top.filter(|top| *top != parent) {
            run_tops.insert(child.id(), top);
        }
        let top = is_plain_expression(child.kind_id()).then(|| parent_top.unwrap_or(child));
        stack.push((child, top));
    }
}

/// Whether a kind is `declaration_pattern` or `declaration_expression` (every symbol of the grammar
/// with either name).
fn is_pattern_declaration(kind_id: u16) -> bool {
    static IDS: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        let language = language();
        (0..u16::try_from(language.node_kind_count()).unwrap_or(u16::MAX))
            .filter(|&id| {
                language.node_kind_is_named(id)
                    && matches!(language.node_kind_for_id(id), Some("declaration_pattern" | "declaration_expression"))
            })
            .collect()
    })
    .contains(&kind_id)
}

/// Expression kinds that neither open a scope nor a function, nor matter to the walks that
/// look up for statements, functions, types or calls: [`Node::scope_ancestors`] skips nested runs
/// of them (a sum of 200,000 terms is a tree 200,000 levels deep).
fn is_plain_expression(kind_id: u16) -> bool {
    static IDS: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        let language = language();
        [
            "binary_expression",
            "parenthesized_expression",
            "conditional_expression",
            "prefix_unary_expression",
            "postfix_unary_expression",
            "cast_expression",
            "as_expression",
            "member_access_expression",
        ]
        .iter()
        .map(|kind| language.id_for_node_kind(kind, true))
        .filter(|&id| id != 0)
        .collect()
    })
    .contains(&kind_id)
}

/// A syntax node together with the text of its file.
#[derive(Clone, Copy)]
pub struct Node<'a> {
    raw: tree_sitter::Node<'a>,
    src: &'a str,
    parents: Option<&'a Parents<'a>>,
}

impl<'a> Node<'a> {
    /// Wraps the root of `tree`, which was parsed from `src`.
    pub fn root(tree: &'a tree_sitter::Tree, src: &'a str) -> Self {
        Node { raw: tree.root_node(), src, parents: None }
    }

    /// Like [`Node::root`], with parents looked up in `parents` (built from the same tree):
    /// what passes over whole files should use.
    pub fn root_with(tree: &'a tree_sitter::Tree, src: &'a str, parents: &'a Parents<'a>) -> Self {
        Node { raw: tree.root_node(), src, parents: Some(parents) }
    }

    fn wrap(&self, raw: tree_sitter::Node<'a>) -> Self {
        Node { raw, src: self.src, parents: self.parents }
    }

    /// The node kind, as named by the grammar (`await_expression`, …).
    pub fn kind(&self) -> &'static str {
        self.raw.kind()
    }

    /// The numeric kind, for dispatch tables.
    pub fn kind_id(&self) -> u16 {
        self.raw.kind_id()
    }

    /// The node's source text.
    pub fn text(&self) -> &'a str {
        &self.src[self.range()]
    }

    /// The node's byte range in the text.
    /// Clamped to the text: a tree parsed from a masked view may end one virtual line break later.
    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }

    /// The byte offset where the node starts.
    pub fn start(&self) -> usize {
        self.raw.start_byte().min(self.src.len())
    }

    /// The byte offset where the node ends.
    pub fn end(&self) -> usize {
        self.raw.end_byte().min(self.src.len())
    }

    /// The whole text of the file.
    pub fn source(&self) -> &'a str {
        self.src
    }

    /// The child in the grammar field `name`.
    pub fn field(&self, name: &str) -> Option<Self> {
        self.raw.child_by_field_name(name).map(|n| self.wrap(n))
    }

    /// The parent node.
    pub fn parent(&self) -> Option<Self> {
        match self.parents {
            Some(parents) => parents.map.get(&self.raw.id()).map(|n| self.wrap(*n)),
            None => self.raw.parent().map(|n| self.wrap(n)),
        }
    }

    /// The parent, then its parent, up to the root.
    pub fn ancestors(&self) -> impl Iterator<Item = Node<'a>> {
        std::iter::successors(self.parent(), |n| n.parent())
    }

    /// Like [`Node::ancestors`], except that of a run of nested plain expressions (binary,
    /// parenthesized, conditional, unary, cast, `as`, member access) only the outermost is
    /// visited. For walks that look for statements, functions, types, lambdas or invocations:
    /// they see every such ancestor, and the direct child of each, in a time that does not grow
    /// with the depth of an expression (with a parent map; without one this is `ancestors`).
    pub fn scope_ancestors(&self) -> impl Iterator<Item = Node<'a>> {
        std::iter::successors(self.scope_parent(), |n| n.scope_parent())
    }

    /// The parent, or the outermost expression of the run of plain expressions the parent is in.
    fn scope_parent(&self) -> Option<Self> {
        let top = self.parents.and_then(|parents| parents.run_tops.get(&self.raw.id()));
        match top {
            Some(top) => Some(self.wrap(*top)),
            None => self.parent(),
        }
    }

    /// All children, named or not (punctuation, keywords).
    pub fn children(&self) -> impl Iterator<Item = Node<'a>> + 'a {
        // A cursor visits the children in one pass; `child(i)` would scan from the first each time.
        let this = *self;
        let mut cursor = self.raw.walk();
        let children: Vec<tree_sitter::Node<'a>> = self.raw.children(&mut cursor).collect();
        children.into_iter().map(move |n| this.wrap(n))
    }

    /// Named children only.
    pub fn named_children(&self) -> impl Iterator<Item = Node<'a>> + 'a {
        self.children().filter(|n| n.raw.is_named())
    }

    /// The first named child of the given kind.
    pub fn child_of_kind(&self, kind: &str) -> Option<Self> {
        self.named_children().find(|n| n.kind() == kind)
    }

    /// Whether an unnamed child (a keyword or punctuation) with this text exists.
    pub fn has_token(&self, token: &str) -> bool {
        self.children().any(|n| !n.raw.is_named() && n.kind() == token)
    }

    /// The next sibling, named or not.
    pub fn next_sibling(&self) -> Option<Self> {
        self.raw.next_sibling().map(|n| self.wrap(n))
    }

    /// Whether this node is the same node as `other`.
    pub fn is(&self, other: &Node<'_>) -> bool {
        self.raw.id() == other.raw.id()
    }

    /// A number that identifies this node within its tree.
    pub fn id(&self) -> usize {
        self.raw.id()
    }

    /// Whether this node is named (not punctuation or a keyword).
    pub fn is_named(&self) -> bool {
        self.raw.is_named()
    }

    /// Visits every node of the subtree in document order, without recursion.
    pub fn walk(&self, mut visit: impl FnMut(Node<'a>)) {
        let mut cursor = self.raw.walk();
        loop {
            visit(self.wrap(cursor.node()));
            if cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.node() == self.raw {
                    return;
                }
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    /// Visits every node of the subtree in document order together with the path to it: the
    /// nodes from `self` down to the visited one (last), each with its field name in its parent.
    /// Cheaper than asking each node for its parent, which tree-sitter finds by walking down from
    /// the root.
    pub fn walk_with_path(&self, mut visit: impl FnMut(&[PathStep<'a>])) {
        let mut cursor = self.raw.walk();
        let mut path = vec![PathStep { node: *self, field: None }];
        loop {
            visit(&path);
            if cursor.goto_first_child() {
                path.push(PathStep { node: self.wrap(cursor.node()), field: cursor.field_name() });
                continue;
            }
            loop {
                if path.len() > 1 && cursor.goto_next_sibling() {
                    let last = path.len() - 1;
                    path[last] = PathStep { node: self.wrap(cursor.node()), field: cursor.field_name() };
                    break;
                }
                if path.len() <= 1 || !cursor.goto_parent() {
                    return;
                }
                path.pop();
            }
        }
    }

    /// The path from the root of the tree down to this node, as [`Node::walk_with_path`] gives it.
    pub fn path(&self) -> Vec<PathStep<'a>> {
        let mut path: Vec<PathStep<'a>> = Vec::new();
        let mut current = *self;
        while let Some(parent) = current.parent() {
            let mut cursor = parent.raw.walk();
            let mut field = None;
            if cursor.goto_first_child() {
                loop {
                    if cursor.node() == current.raw {
                        field = cursor.field_name();
                        break;
                    }
                    if !cursor.goto_next_sibling() {
                        break;
                    }
                }
            }
            path.push(PathStep { node: current, field });
            current = parent;
        }
        path.push(PathStep { node: current, field: None });
        path.reverse();
        path
    }

    /// Wraps another node of the same tree.
    pub(crate) fn with_raw(&self, raw: tree_sitter::Node<'a>) -> Self {
        self.wrap(raw)
    }

    pub(crate) fn raw(&self) -> tree_sitter::Node<'a> {
        self.raw
    }
}

/// One node of a path down the tree: the node and its field name in its parent.
#[derive(Clone, Copy, Debug)]
pub struct PathStep<'a> {
    /// The node.
    pub node: Node<'a>,
    /// Its field name in its parent (`name`, `type`, `left`, …), if any.
    pub field: Option<&'static str>,
}

impl PartialEq for Node<'_> {
    /// The same node of the same tree.
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for Node<'_> {}

impl std::fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{:?}", self.kind(), self.range())
    }
}

/// Whether a byte belongs to an identifier: ASCII letters, digits, `_`, and every byte of a
/// non-ASCII character (C# allows Unicode letters: `Taskü` is one identifier, not `Task`).
pub fn is_identifier_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || !b.is_ascii()
}

/// The length in bytes of the character at byte `i` of `text`, and whether a word scanner counts it
/// as part of an identifier: ASCII letters, digits and `_`, and every non-ASCII character but white
/// space. C# has no non-ASCII operator or punctuation, so in code a non-ASCII character next to an
/// identifier is part of it (a letter, a combining mark, a joiner), while a no-break space
/// separates words, as it does for the compiler.
pub fn identifier_char_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (b.is_ascii_alphanumeric() || b == b'_', 1);
    }
    let c = text[i..].chars().next().expect("i is a character boundary");
    (!c.is_whitespace(), c.len_utf8())
}

/// The last identifier of a type or name: `System.Web.Mvc.Controller` → `Controller`,
/// `ControllerBase<T>` → `ControllerBase`, `global::X` → `X`.
pub fn simple_name(name: &str) -> &str {
    let name = name.split('<').next().unwrap_or(name).trim();
    let name = name.rsplit(['.', ':']).next().unwrap_or(name);
    name.trim().trim_start_matches('@')
}

/// The first node of `kind` under `root`, in document order: for unit tests.
#[cfg(test)]
pub(crate) fn first_of_kind<'a>(root: Node<'a>, kind: &str) -> Node<'a> {
    let mut found = None;
    root.walk(|n| {
        if found.is_none() && n.kind() == kind {
            found = Some(n);
        }
    });
    found.unwrap_or_else(|| panic!("no {kind} in the test text"))
}

/// Prints the tree as an S-expression with byte ranges, for `--dump-tree`.
pub fn dump(tree: &tree_sitter::Tree, text: &str) -> String {
    let root = Node::root(tree, text);
    let mut out = String::new();
    root.walk(|node| {
        if !node.is_named() {
            return;
        }
        let depth = node.ancestors().count();
        let mut line = format!("{}{} {:?}", "  ".repeat(depth), node.kind(), node.range());
        if node.raw.child_count() == 0 {
            line.push_str(&format!(" {:?}", node.text()));
        }
        out.push_str(&line);
        out.push('\n');
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_names() {
        assert_eq!(simple_name("System.Web.Mvc.Controller"), "Controller");
        assert_eq!(simple_name("ControllerBase<TModel>"), "ControllerBase");
        assert_eq!(simple_name("global::Foo"), "Foo");
        assert_eq!(simple_name("@class"), "class");
    }

    #[test]
    fn scope_ancestors_skip_runs_of_plain_expressions_only() {
        let sum = vec!["x"; 1000].join(" + ");
        let text = format!("class A {{ int F() {{ return G(() => (int)(t.Result + {sum})); }} }}");
        let tree = parse(&text).unwrap();
        let parents = Parents::of(&tree);
        let root = Node::root_with(&tree, &text, &parents);
        let mut result = None;
        root.walk(|n| {
            if n.kind() == "member_access_expression" && n.text() == "t.Result" {
                result = Some(n);
            }
        });
        let result = result.expect("the member access");
        let all: Vec<&str> = result.ancestors().map(|a| a.kind()).collect();
        let scoped: Vec<&str> = result.scope_ancestors().map(|a| a.kind()).collect();
        assert!(all.len() > 1000, "the sum is deep: {}", all.len());
        // The run (binary expressions, the parenthesized sum, the cast) is one step: its top.
        assert_eq!(scoped[..4], ["cast_expression", "lambda_expression", "argument", "argument_list"]);
        for kind in ["invocation_expression", "return_statement", "block", "method_declaration", "class_declaration"] {
            assert!(scoped.contains(&kind), "{kind} in {scoped:?}");
        }
        assert!(scoped.len() < 20, "{scoped:?}");
    }

    #[test]
    fn paths_from_a_walk_and_from_parents_agree() {
        let text = "class A { void F() { x.Y = G(a, b); } } class B {}";
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let mut class_a = None;
        root.walk(|n| {
            if class_a.is_none() && n.kind() == "class_declaration" {
                class_a = Some(n);
            }
        });
        let class_a = class_a.unwrap();
        let describe = |path: &[PathStep<'_>]| -> Vec<String> {
            path.iter().map(|s| format!("{}:{}", s.field.unwrap_or("-"), s.node.kind())).collect()
        };
        let mut walked = Vec::new();
        let mut count = 0;
        class_a.walk_with_path(|path| {
            count += 1;
            let last = path.last().unwrap().node;
            if last.kind() == "identifier" && last.text() == "b" {
                walked = describe(path);
                let full = last.path();
                assert_eq!(describe(&full[full.len() - path.len()..]), walked);
            }
        });
        let mut plain = 0;
        class_a.walk(|_| plain += 1);
        assert_eq!(count, plain, "the same nodes, and nothing of class B");
        assert_eq!(walked[walked.len() - 3..], ["arguments:argument_list", "-:argument", "-:identifier"]);
    }

    #[test]
    fn the_parent_map_agrees_with_tree_sitter() {
        let text = "namespace N { class A { void F() { G(1, x => x + 1); if (a) { H(); } } } }";
        let tree = parse(text).unwrap();
        let parents = Parents::of(&tree);
        let root = Node::root_with(&tree, text, &parents);
        let mut count = 0;
        root.walk(|n| {
            count += 1;
            assert_eq!(n.parent().map(|p| p.raw.id()), n.raw.parent().map(|p| p.id()), "{n:?}");
        });
        assert!(count > 30);
    }

    #[test]
    fn walk_visits_in_document_order_and_stays_in_subtree() {
        let text = "class A { void F() { G(); } } class B {}";
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let mut names = Vec::new();
        root.walk(|n| {
            if n.kind() == "class_declaration" {
                let mut inner = 0;
                n.walk(|m| inner += (m.kind() == "invocation_expression") as usize);
                names.push((n.field("name").unwrap().text(), inner));
            }
        });
        assert_eq!(names, [("A", 1), ("B", 0)]);
    }
}
