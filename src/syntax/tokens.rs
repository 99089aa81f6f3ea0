//! CancellationTokens in scope: which declared token a call or a loop could use.
//!
//! A token is a parameter or a local declared with the type `CancellationToken` (or a local
//! `var t = source.Token` where `source` is a `CancellationTokenSource`), visible from a node: the
//! locals declared before it in the enclosing blocks and the parameters of the enclosing function.
//! A lambda or anonymous method is a boundary, as in CA2016: its own token parameter counts, the
//! enclosing method's does not (the lambda may run after the method returned, with a token that no
//! longer means anything). A local function sees the tokens around it unless it is `static`.
//!
//! Types are read with the file's `using` aliases expanded ([`TokenTypes`]): after `using Ct =
//! System.Threading.CancellationToken;`, a `Ct ct` parameter is a token. Tokens reachable through
//! members (a field of the class, `request.CancellationToken`) need the types of members: the
//! semantic layer adds them (`Semantics::tokens_in_scope`).

use super::{declared_type, local_initializer, simple_name, DeclaredType, Node};

/// How a file writes the token types: by name (`CancellationToken`,
/// `System.Threading.CancellationToken`), or through one of its `using` aliases
/// (`using Ct = System.Threading.CancellationToken;`).
#[derive(Clone, Copy, Debug, Default)]
pub struct TokenTypes<'a> {
    aliases: &'a [(String, String)],
}

impl<'a> TokenTypes<'a> {
    /// The token types of a file whose `using` aliases are `aliases` (alias, target as written).
    pub fn with_aliases(aliases: &'a [(String, String)]) -> Self {
        TokenTypes { aliases }
    }

    /// Whether a type as written is `CancellationToken` (not `CancellationToken?`).
    pub fn is_token(&self, type_text: &str) -> bool {
        !type_text.trim_end().ends_with('?') && self.names(type_text, "CancellationToken")
    }

    /// Whether a type as written is `CancellationTokenSource`.
    pub fn is_source(&self, type_text: &str) -> bool {
        self.names(type_text.trim_end().trim_end_matches('?'), "CancellationTokenSource")
    }

    /// Whether `type_text` names the type `name`: its simple name, or an alias of it.
    fn names(&self, type_text: &str, name: &str) -> bool {
        let text = type_text.trim();
        if let Some((_, target)) = self.aliases.iter().find(|(alias, _)| alias == text) {
            return simple_name(target) == name;
        }
        simple_name(text) == name
    }
}

/// A declared token.
#[derive(Clone, Copy, Debug)]
pub struct Token<'a> {
    /// Its name.
    pub name: &'a str,
    /// The parameter or variable declarator that declares it.
    pub declaration: Node<'a>,
}

/// Which token a node should use.
#[derive(Clone, Debug)]
pub enum TokenChoice<'a> {
    /// No declared token is visible.
    None,
    /// The token to use: the innermost, most recently declared one.
    One(Token<'a>),
    /// Tokens are visible but nothing says which one is meant: two token parameters, or a
    /// `CancellationTokenSource` (or a token local not yet assigned) declared nearer than the
    /// nearest token. The names, for messages.
    Ambiguous(Vec<&'a str>),
}

/// The tokens visible from a node.
#[derive(Clone, Debug)]
pub struct TokenScope<'a> {
    /// The token to use.
    pub choice: TokenChoice<'a>,
    /// Every token and token source visible, innermost first (to tell whether code mentions one).
    pub visible: Vec<&'a str>,
}

impl<'a> TokenScope<'a> {
    /// The token to use, when there is exactly one.
    pub fn token(&self) -> Option<Token<'a>> {
        match self.choice {
            TokenChoice::One(token) => Some(token),
            _ => None,
        }
    }
}

/// What one declaration contributes.
enum Found<'a> {
    Token(Token<'a>),
    /// Something that may be the token the code means instead (a token source, an unassigned
    /// token local).
    Rival(&'a str),
}

/// The tokens visible from `at`, types read by name (no aliases).
pub fn tokens_in_scope<'a>(at: Node<'a>) -> TokenScope<'a> {
    tokens_in_scope_with(at, TokenTypes::default())
}

/// The tokens visible from `at`, types read as `types` says.
pub fn tokens_in_scope_with<'a>(at: Node<'a>, types: TokenTypes<'_>) -> TokenScope<'a> {
    // Inside a syntax error the scopes tree-sitter recovered are a guess (a misread line can turn a
    // whole file into one method): no token.
    if at.scope_ancestors().any(|a| a.kind() == "ERROR") {
        return TokenScope { choice: TokenChoice::None, visible: Vec::new() };
    }
    let mut found: Vec<Found<'a>> = Vec::new();
    // Whether the first token found shares its parameter list with another token.
    let mut ambiguous_parameters = false;
    let mut child = at;
    for scope in at.scope_ancestors() {
        let mut stop = false;
        match scope.kind() {
            "block" | "switch_section" => {
                // Only declarations matter: a block of thousands of statements is not scanned per call.
                let declarations = super::scope::local_declaration_statements(scope);
                for statement in declarations.into_iter().rev().filter(|s| s.end() <= child.start()) {
                    if let Some(declaration) = statement.child_of_kind("variable_declaration") {
                        declared_in(declaration, types, &mut found);
                    }
                }
            }
            "using_statement" | "for_statement" => {
                if let Some(declaration) = scope.child_of_kind("variable_declaration") {
                    if !declaration.is(&child) {
                        declared_in(declaration, types, &mut found);
                    }
                }
            }
            "local_function_statement"
            | "lambda_expression"
            | "anonymous_method_expression"
            | "method_declaration"
            | "constructor_declaration"
            | "operator_declaration"
            | "conversion_operator_declaration"
            | "indexer_declaration" => {
                let before = found.iter().filter(|f| matches!(f, Found::Token(_))).count();
                parameters(scope, types, &mut found);
                let added = found.iter().filter(|f| matches!(f, Found::Token(_))).count() - before;
                if before == 0 && added > 1 {
                    ambiguous_parameters = true;
                }
                let is_static = scope.named_children().any(|c| c.kind() == "modifier" && c.text() == "static");
                // A local function captures the tokens around it, unless it is static.
                stop = scope.kind() != "local_function_statement" || is_static;
            }
            "class_declaration"
            | "struct_declaration"
            | "record_declaration"
            | "interface_declaration"
            | "global_statement"
            | "field_declaration"
            | "property_declaration"
            | "event_declaration" => stop = true,
            _ => {}
        }
        if stop {
            break;
        }
        child = scope;
    }

    let visible = found
        .iter()
        .map(|f| match f {
            Found::Token(t) => t.name,
            Found::Rival(name) => name,
        })
        .collect();
    let first_token = found.iter().position(|f| matches!(f, Found::Token(_)));
    let choice = match first_token {
        None => TokenChoice::None,
        Some(i) if i > 0 || ambiguous_parameters => TokenChoice::Ambiguous(
            found
                .iter()
                .map(|f| match f {
                    Found::Token(t) => t.name,
                    Found::Rival(name) => name,
                })
                .collect(),
        ),
        Some(i) => match found[i] {
            Found::Token(token) => TokenChoice::One(token),
            Found::Rival(_) => unreachable!("position found a token"),
        },
    };
    TokenScope { choice, visible }
}

/// Whether a type as written is `CancellationToken` (not `CancellationToken?`), by name (no
/// aliases: [`TokenTypes::is_token`] reads them).
pub fn is_token_type(type_text: &str) -> bool {
    TokenTypes::default().is_token(type_text)
}

/// The tokens and token sources a local declaration declares, last declarator first.
fn declared_in<'a>(declaration: Node<'a>, types: TokenTypes<'_>, found: &mut Vec<Found<'a>>) {
    let Some(type_node) = declaration.field("type") else { return };
    let declarators: Vec<Node<'a>> =
        declaration.named_children().filter(|c| c.kind() == "variable_declarator").collect();
    for declarator in declarators.into_iter().rev() {
        let Some(name) = declarator.field("name").or_else(|| declarator.named_children().next()) else { continue };
        let value = declarator.named_children().nth(1);
        let kind = if type_node.kind() == "implicit_type" {
            value.map_or(Kind::Other, |v| initializer_kind(v, declarator, types))
        } else if types.is_token(type_node.text()) {
            // A token local that is not assigned where it is declared may not be assigned yet.
            if value.is_some() {
                Kind::Token
            } else {
                Kind::Rival
            }
        } else if types.is_source(type_node.text()) {
            Kind::Rival
        } else {
            Kind::Other
        };
        match kind {
            Kind::Token => found.push(Found::Token(Token { name: name.text(), declaration: declarator })),
            Kind::Rival => found.push(Found::Rival(name.text())),
            Kind::Other => {}
        }
    }
}

enum Kind {
    Token,
    /// A token source, or a token that may not be assigned yet.
    Rival,
    Other,
}

/// What `var x = value` declares: a token (`source.Token`, `CancellationToken.None`), a token
/// source (`new CancellationTokenSource(…)`, `CancellationTokenSource.CreateLinkedTokenSource(…)`)
/// or something else.
fn initializer_kind(value: Node<'_>, at: Node<'_>, types: TokenTypes<'_>) -> Kind {
    match value.kind() {
        "object_creation_expression" => match value.field("type") {
            Some(t) if types.is_source(t.text()) => Kind::Rival,
            Some(t) if types.is_token(t.text()) => Kind::Token,
            _ => Kind::Other,
        },
        "invocation_expression" => {
            let function = value.field("function");
            let is_source_factory = function.is_some_and(|f| {
                f.kind() == "member_access_expression"
                    && f.field("expression").is_some_and(|e| types.is_source(e.text()))
            });
            if is_source_factory {
                Kind::Rival
            } else {
                Kind::Other
            }
        }
        "member_access_expression" => {
            let (Some(expression), Some(name)) = (value.field("expression"), value.field("name")) else {
                return Kind::Other;
            };
            match name.text() {
                "None" if types.is_token(expression.text()) => Kind::Token,
                "Token" if expression.kind() == "identifier" && is_token_source(expression.text(), at, types) => {
                    Kind::Token
                }
                _ => Kind::Other,
            }
        }
        _ => Kind::Other,
    }
}

/// `new CancellationTokenSource(…)` or `CancellationTokenSource.CreateLinkedTokenSource(…)`.
fn is_source_creation(value: Node<'_>, types: TokenTypes<'_>) -> bool {
    match value.kind() {
        "object_creation_expression" => value.field("type").is_some_and(|t| types.is_source(t.text())),
        "invocation_expression" => value.field("function").is_some_and(|f| {
            f.kind() == "member_access_expression" && f.field("expression").is_some_and(|e| types.is_source(e.text()))
        }),
        _ => false,
    }
}

/// Whether the variable `name`, seen from `at`, is a `CancellationTokenSource`.
fn is_token_source(name: &str, at: Node<'_>, types: TokenTypes<'_>) -> bool {
    match declared_type(name, at) {
        DeclaredType::Type(t) => types.is_source(t),
        // `var source = CancellationTokenSource.CreateLinkedTokenSource(…)`.
        DeclaredType::Unknown => local_initializer(name, at)
            .or_else(|| using_initializer(name, at))
            .is_some_and(|v| is_source_creation(v, types)),
        DeclaredType::NotFound => false,
    }
}

/// The initializer of `name` declared by a `using (var name = …)` statement around `at`.
fn using_initializer<'a>(name: &str, at: Node<'a>) -> Option<Node<'a>> {
    at.scope_ancestors()
        .take_while(|a| !matches!(a.kind(), "method_declaration" | "lambda_expression" | "local_function_statement"))
        .filter(|a| a.kind() == "using_statement")
        .filter_map(|u| u.child_of_kind("variable_declaration"))
        .flat_map(|d| d.named_children().filter(|c| c.kind() == "variable_declarator").collect::<Vec<_>>())
        .find(|d| d.field("name").or_else(|| d.named_children().next()).is_some_and(|n| n.text() == name))
        .and_then(|d| d.named_children().nth(1))
}

/// The token parameters of a function, last first.
fn parameters<'a>(function: Node<'a>, types: TokenTypes<'_>, found: &mut Vec<Found<'a>>) {
    let Some(list) = function.field("parameters").or_else(|| function.child_of_kind("parameter_list")) else {
        return;
    };
    if list.kind() != "parameter_list" {
        return;
    }
    let params: Vec<Node<'a>> = list.named_children().filter(|p| p.kind() == "parameter").collect();
    for param in params.into_iter().rev() {
        let by_reference = param.children().any(|c| matches!(c.text(), "ref" | "out"));
        let (Some(ty), Some(name)) = (param.field("type"), param.field("name")) else { continue };
        if !by_reference && types.is_token(ty.text()) {
            found.push(Found::Token(Token { name: name.text(), declaration: param }));
        }
    }
}

/// What code at a node can reach tokens through: the parameters it sees (their properties may be
/// tokens: `request.CancellationToken`), and the type whose instance members it may read.
#[derive(Clone, Debug, Default)]
pub struct MemberContext<'a> {
    /// (name, type as written) of the parameters visible, innermost function first: those of the
    /// functions around the node up to the first lambda, anonymous method or static local
    /// function, that one's own included (the boundary of [`tokens_in_scope`]). `ref` and `out`
    /// parameters are left out.
    pub parameters: Vec<(&'a str, &'a str)>,
    /// The enclosing type's name, when the node runs as code of an instance of it: in the body of
    /// a method, constructor, property, indexer or event accessor that is not `static`, and not
    /// inside a lambda or an anonymous method (which may run after the member returned, as for
    /// parameters) or a static local function. `None` in static code and field initializers.
    pub instance_of: Option<&'a str>,
}

/// The [`MemberContext`] of `at`.
pub fn member_context<'a>(at: Node<'a>) -> MemberContext<'a> {
    let mut context = MemberContext::default();
    if at.scope_ancestors().any(|a| a.kind() == "ERROR") {
        return context;
    }
    let is_static = |n: Node<'_>| n.named_children().any(|c| c.kind() == "modifier" && c.text() == "static");
    let mut crossed = false;
    let mut instance = false;
    for scope in at.scope_ancestors() {
        match scope.kind() {
            "lambda_expression" | "anonymous_method_expression" | "local_function_statement" => {
                if !crossed {
                    collect_parameters(scope, &mut context.parameters);
                }
                if scope.kind() != "local_function_statement" || is_static(scope) {
                    crossed = true;
                }
            }
            "method_declaration" | "constructor_declaration" | "destructor_declaration" => {
                if !crossed {
                    collect_parameters(scope, &mut context.parameters);
                }
                instance = !crossed && !is_static(scope);
            }
            "indexer_declaration" | "property_declaration" | "event_declaration" => {
                if !crossed && scope.kind() == "indexer_declaration" {
                    collect_parameters(scope, &mut context.parameters);
                }
                // An initializer (`int P { get; } = …`) is not an accessor's code.
                let in_body = scope.named_children().any(|c| {
                    matches!(c.kind(), "accessor_list" | "arrow_expression_clause") && c.range().contains(&at.start())
                });
                instance = !crossed && in_body && !is_static(scope);
            }
            "operator_declaration"
            | "conversion_operator_declaration"
            | "field_declaration"
            | "event_field_declaration" => {
                instance = false;
            }
            kind if super::is_type_declaration(kind) => {
                if instance {
                    context.instance_of = scope.field("name").map(|n| n.text());
                }
                break;
            }
            "global_statement" => break,
            _ => {}
        }
    }
    context
}

/// The parameters of a function that are passed by value, in order.
fn collect_parameters<'a>(function: Node<'a>, out: &mut Vec<(&'a str, &'a str)>) {
    let Some(list) = function.field("parameters").or_else(|| function.child_of_kind("parameter_list")) else {
        return;
    };
    if list.kind() != "parameter_list" && list.kind() != "bracketed_parameter_list" {
        return;
    }
    for param in list.named_children().filter(|p| p.kind() == "parameter") {
        let by_reference = param.children().any(|c| matches!(c.text(), "ref" | "out"));
        if let (false, Some(ty), Some(name)) = (by_reference, param.field("type"), param.field("name")) {
            out.push((name.text(), ty.text()));
        }
    }
}

/// Whether `node` runs in a `catch` or `finally` block of its function: cleanup code, where a
/// cancelled token must not stop the cleanup.
pub fn in_catch_or_finally(node: Node<'_>) -> bool {
    for ancestor in node.scope_ancestors() {
        match ancestor.kind() {
            "catch_clause" | "finally_clause" => return true,
            "method_declaration"
            | "local_function_statement"
            | "lambda_expression"
            | "anonymous_method_expression"
            | "constructor_declaration"
            | "accessor_declaration" => return false,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    /// The choice at the first `HERE` identifier.
    fn choice(text: &str) -> String {
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let offset = text.find("HERE").unwrap();
        let mut node = None;
        root.walk(|n| {
            if n.kind() == "identifier" && n.start() == offset {
                node = Some(n);
            }
        });
        match tokens_in_scope(node.unwrap()).choice {
            TokenChoice::None => "none".into(),
            TokenChoice::One(t) => t.name.into(),
            TokenChoice::Ambiguous(names) => format!("ambiguous {}", names.join(",")),
        }
    }

    #[test]
    fn parameter_of_the_method() {
        assert_eq!(choice("class A { async Task F(int x, CancellationToken ct) { HERE(); } }"), "ct");
        assert_eq!(choice("class A { async Task F(int x) { HERE(); } }"), "none");
        assert_eq!(choice("class A { void F(CancellationToken? ct) { HERE(); } }"), "none", "nullable");
        assert_eq!(choice("class A { void F(out CancellationToken ct) { HERE(); } }"), "none", "out");
    }

    #[test]
    fn innermost_most_recent_local_wins() {
        let text =
            "class A { void F(CancellationToken ct) { CancellationToken a = ct; CancellationToken b = ct; HERE(); } }";
        assert_eq!(choice(text), "b");
        let later = "class A { void F(CancellationToken ct) { HERE(); CancellationToken b = ct; } }";
        assert_eq!(choice(later), "ct", "declared after the use");
    }

    #[test]
    fn token_of_a_linked_source() {
        let text = "class A { void F(CancellationToken ct) { using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct); var linked = cts.Token; HERE(); } }";
        assert_eq!(choice(text), "linked");
        let using_statement = "class A { void F(CancellationToken ct) { using (var cts = CancellationTokenSource.CreateLinkedTokenSource(ct)) { var linked = cts.Token; HERE(); } } }";
        assert_eq!(choice(using_statement), "linked");
        let source_only =
            "class A { void F(CancellationToken ct) { using (var cts = new CancellationTokenSource()) { HERE(); } } }";
        assert_eq!(choice(source_only), "ambiguous cts,ct");
        let auth = "class A { void F(CancellationToken ct) { var token = result.Token; HERE(); } }";
        assert_eq!(choice(auth), "ct", "`.Token` of something else is not a CancellationToken");
    }

    /// The member context at the first `HERE` identifier, as `params | owner`.
    fn context(text: &str) -> String {
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let offset = text.find("HERE").unwrap();
        let mut node = None;
        root.walk(|n| {
            if n.kind() == "identifier" && n.start() == offset {
                node = Some(n);
            }
        });
        let found = member_context(node.unwrap());
        let params: Vec<String> = found.parameters.iter().map(|(n, t)| format!("{t} {n}")).collect();
        format!("{} | {}", params.join(", "), found.instance_of.unwrap_or("-"))
    }

    #[test]
    fn member_context_of_methods_lambdas_and_static_code() {
        assert_eq!(context("class A { void F(Request r, ref int x) { HERE(); } }"), "Request r | A");
        assert_eq!(context("class A { static void F(Request r) { HERE(); } }"), "Request r | -");
        assert_eq!(context("class A { void F(Request r) { Run((Ctx c) => HERE()); } }"), "Ctx c | -", "a lambda");
        assert_eq!(context("class A { void F(Request r) { void L(int n) { HERE(); } } }"), "int n, Request r | A");
        assert_eq!(context("class A { void F(Request r) { static void L() { HERE(); } } }"), " | -");
        assert_eq!(context("class A { int P => HERE(); int Q { get { return HERE2(); } } }"), " | A");
        assert_eq!(context("class A { int P { get; } = HERE(); }"), " | -", "an initializer");
        assert_eq!(context("class A { int f = HERE(); }"), " | -");
        assert_eq!(context("class A { class B { B(int n) { HERE(); } } }"), "int n | B");
        assert_eq!(context("HERE();"), " | -", "top-level statements");
    }

    #[test]
    fn aliases_name_token_types() {
        let aliases = vec![
            ("Ct".to_owned(), "System.Threading.CancellationToken".to_owned()),
            ("Src".to_owned(), "System.Threading.CancellationTokenSource".to_owned()),
        ];
        let types = TokenTypes::with_aliases(&aliases);
        assert!(types.is_token("Ct") && types.is_token("System.Threading.CancellationToken") && !types.is_token("Ct?"));
        assert!(types.is_source("Src") && !types.is_token("Src") && !types.is_token("Other"));
        let text = "using Ct = System.Threading.CancellationToken;\nclass A { void F(Ct token) { HERE(); } }";
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let mut node = None;
        root.walk(|n| {
            if n.kind() == "identifier" && n.text() == "HERE" {
                node = Some(n);
            }
        });
        assert!(matches!(tokens_in_scope(node.unwrap()).choice, TokenChoice::None), "by name, `Ct` is not a token");
        let with = tokens_in_scope_with(node.unwrap(), types);
        assert!(matches!(with.choice, TokenChoice::One(t) if t.name == "token"));
    }

    #[test]
    fn two_token_parameters_are_ambiguous() {
        assert_eq!(choice("class A { void F(CancellationToken a, CancellationToken b) { HERE(); } }"), "ambiguous b,a");
    }

    #[test]
    fn lambdas_are_boundaries_local_functions_are_not() {
        let lambda = "class A { void F(CancellationToken ct) { Run(() => { HERE(); }); } }";
        assert_eq!(choice(lambda), "none");
        let typed = "class A { void F(CancellationToken ct) { Run((CancellationToken t) => HERE()); } }";
        assert_eq!(choice(typed), "t");
        let local = "class A { void F(CancellationToken ct) { void L() { HERE(); } } }";
        assert_eq!(choice(local), "ct");
        let static_local = "class A { void F(CancellationToken ct) { static void L() { HERE(); } } }";
        assert_eq!(choice(static_local), "none");
    }
}
