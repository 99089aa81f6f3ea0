//! Shared by the cancellation transforms: whether a call could take a CancellationToken it does not
//! get, and how to pass it.
//!
//! A call could take a token when asyncfix has evidence of it: a workspace method with an optional
//! token parameter, or an overload with the same parameters plus a token (as CA2016 requires), or a
//! knowledge-base API (`transforms/knowledge/cancellation.txt`) recognised by the receiver's
//! declared type, a static type, or by name in files that import its namespace.
//!
//! Which token code can pass is the semantic layer's answer ([`crate::semantic::Semantics::tokens_in_scope`]),
//! with one rule of the cancellation transforms on top ([`tokens_at`]).

use crate::check::FileContext;
use crate::index::{MethodEntry, MethodRef, Param, Stability, TokenOverload, TokenPosition};
use crate::semantic::{Invocation, Reach, Receiver, Tokens};
use crate::syntax::{declared_type, enclosing_types, is_token_type, simple_name, DeclaredType, Node};
use crate::transforms::chain::token_binder;

/// The tokens in scope at `node`, as the cancellation transforms use them: the semantic layer's,
/// except that in a method a framework binds a token parameter of (a controller action, a
/// minimal-API handler, an Azure Function) a token of one of the type's members
/// (`HttpContext.RequestAborted`) is not used: missing-cancellation gives the method the token
/// parameter the framework binds to the same token, which callers and tests can pass too (when
/// its signature can change).
pub fn tokens_at<'c>(node: Node<'c>, cx: &'c FileContext<'_>) -> Tokens<'c> {
    let sem = cx.sem();
    let tokens = sem.tokens_in_scope(node);
    if tokens.reach != Some(Reach::MemberOfMember) {
        return tokens;
    }
    let method = node.scope_ancestors().find(|a| a.kind() == "method_declaration");
    let Some(m) = method.and_then(|m| cx.method_declared_by(m)) else { return tokens };
    // Only where missing-cancellation can add the parameter: an action of a controller whose
    // bases are outside the workspace may implement an outside member, and keeps its signature.
    let bound = cx.memoized(("token-binder", m.0, m.1), || {
        token_binder(&cx.sem(), m).is_some() && crate::transforms::missing_cancellation::blocker(cx, m).is_none()
    });
    if *bound {
        Tokens { visible: tokens.visible, ..Tokens::none() }
    } else {
        tokens
    }
}

/// A call as the cancellation transforms see it: the semantic layer's view, and its argument
/// nodes.
pub struct Call<'a> {
    /// The invocation.
    pub view: Invocation<'a>,
    /// The `invocation_expression`.
    pub node: Node<'a>,
    /// The method's simple name (`GetAsync`, `ToListAsync` for `ToListAsync<T>`).
    pub name: &'a str,
    /// The name node, where findings start.
    pub name_node: Node<'a>,
    /// The `argument` nodes.
    pub args: Vec<Node<'a>>,
}

impl<'a> Call<'a> {
    /// Takes an `invocation_expression` apart; `None` for calls of delegates held in expressions
    /// (`F()()`, `x[0]()`) and for `nameof`.
    pub fn parse(node: Node<'a>) -> Option<Call<'a>> {
        let view = Invocation::cast(node).filter(|c| !c.is_nameof())?;
        let args = view.arguments().into_iter().map(|a| a.node).collect();
        Some(Call { view, node, name: view.name, name_node: view.callee_name, args })
    }

    /// The edit that passes `argument` after the call's last argument.
    pub fn append_argument(&self, file: crate::fix::FileId, argument: &str) -> crate::fix::Edit {
        self.view.append_argument(file, argument)
    }

    /// Whether the call is awaited directly (`await M()`, `await M().ConfigureAwait(false)`).
    pub fn is_awaited(&self) -> bool {
        self.view.is_awaited()
    }

    /// Whether the call has a receiver expression (`x.M()`, `Type.M()`, `x?.M()`).
    fn has_receiver(&self) -> bool {
        self.view.receiver.expression().is_some()
    }
}

/// Where a token goes in a call that does not get one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenSlot {
    /// The token parameter's name.
    pub parameter: String,
    /// Positionally after the other arguments; otherwise as `parameter: token`.
    pub positional: bool,
}

impl TokenSlot {
    /// The argument text that passes `token`.
    pub fn argument(&self, token: &str) -> String {
        if self.positional {
            token.to_owned()
        } else {
            format!("{}: {token}", self.parameter)
        }
    }
}

/// The expression of an argument (after `name:` and `ref`/`out`).
pub fn argument_expression<'a>(argument: Node<'a>) -> Option<Node<'a>> {
    argument.named_children().last().filter(|e| argument.field("name").is_none_or(|n| !n.is(e)))
}

/// The name of a named argument.
pub fn argument_name<'a>(argument: Node<'a>) -> Option<&'a str> {
    argument.field("name").map(|n| n.text())
}

/// Whether the call, with only `args` of its arguments, could take a token it does not get.
pub fn token_slot<'a>(call: &Call<'a>, args: &[Node<'a>], cx: &FileContext<'a>) -> Option<TokenSlot> {
    // A call that may pass a token already (or something asyncfix cannot tell from one) is left
    // alone: the overload it binds to is unknown.
    if args.iter().any(|a| may_be_token(*a)) {
        return None;
    }
    let named = args.iter().any(|a| argument_name(*a).is_some());
    let tfms = &cx.project.target_frameworks;
    let receiver = receiver_type(call, cx);
    if let Some(owner) = receiver.as_deref() {
        let mut types = vec![owner.to_owned()];
        if cx.index.is_workspace_type(owner) {
            if matches!(call.view.receiver, Receiver::Implicit) && local_function_named(call.name, call.node) {
                return None;
            }
            let methods = cx.index.methods_named(owner, call.name);
            if !methods.is_empty() {
                match workspace_slot(&methods, call, args, named, cx) {
                    Workspace::Decided(slot) => return slot,
                    Workspace::NotBound if cx.index.has_outside_bases(owner) => {}
                    Workspace::NotBound => return None,
                }
            }
            // The knowledge base describes outside types: a workspace class that happens to be
            // called `HttpClient` is not the framework's.
            types = cx
                .index
                .type_and_bases(owner)
                .into_iter()
                .filter(|t| !cx.index.is_workspace_type(t))
                .map(str::to_owned)
                .collect();
        }
        for ty in &types {
            if let Some(overload) = cx.knowledge.token_overload(Some(ty), call.name, args.len(), tfms) {
                return from_overload(overload, call, named);
            }
        }
        if cx.index.is_workspace_type(owner) && !cx.index.has_outside_bases(owner) {
            return None;
        }
    }
    // Extension methods matched by name (EF Core's query operators), in files that import their
    // namespace, unless the workspace declares a method of that name without a token parameter
    // (which the call may bind to).
    if !call.has_receiver() {
        return None;
    }
    let overload = cx.knowledge.token_overload(None, call.name, args.len(), tfms)?;
    // Asked only of names with a known token overload: the question may parse every file that
    // mentions the name.
    let same_name = cx.index.methods_called(call.name);
    if same_name.iter().any(|&m| !cx.index.method(m).params.iter().any(|p| is_token_param_in(cx, m.0, p))) {
        return None;
    }
    let namespace = overload.requires_using?;
    if !imports(cx, namespace) {
        return None;
    }
    from_overload(overload, call, named)
}

fn from_overload(overload: TokenOverload<'_>, call: &Call<'_>, named: bool) -> Option<TokenSlot> {
    if overload.awaited_only && !call.is_awaited() {
        return None;
    }
    Some(match overload.position {
        TokenPosition::Appended { name } => TokenSlot { parameter: name.to_owned(), positional: !named },
        TokenPosition::Named { name } => TokenSlot { parameter: name.to_owned(), positional: false },
    })
}

/// Whether the file imports `namespace` (or is inside it), or a `global using` does.
fn imports(cx: &FileContext<'_>, namespace: &str) -> bool {
    let file = cx.index.file(cx.file);
    let inside = |ns: &str| ns == namespace || ns.strip_prefix(namespace).is_some_and(|rest| rest.starts_with('.'));
    file.usings.iter().any(|u| u == namespace)
        || file.types.iter().any(|t| inside(&t.namespace))
        || cx.index.has_global_using(namespace)
}

enum Workspace {
    /// The workspace methods decide: this slot, or no token.
    Decided(Option<TokenSlot>),
    /// No workspace method accepts the call: it binds to a method of an outside base type.
    NotBound,
}

/// The CA2016 rules on workspace methods. The call binds to the methods that accept its argument
/// count (and named arguments); each of them must either have an optional token parameter the
/// call leaves out, or have exactly one overload with the same parameter types plus a token last
/// (and the same return type): then the token goes there, the same way for all of them.
fn workspace_slot(
    methods: &[MethodRef],
    call: &Call<'_>,
    args: &[Node<'_>],
    named: bool,
    cx: &FileContext<'_>,
) -> Workspace {
    let entries: Vec<(MethodRef, &MethodEntry)> = methods.iter().map(|&m| (m, cx.index.method(m))).collect();
    // Extension methods (their receiver is a parameter) and params arrays (a token would be boxed
    // into the array) are beyond what argument counting can tell.
    if entries.iter().any(|(_, m)| m.params.iter().any(|p| matches!(p.modifier.as_deref(), Some("this" | "params")))) {
        return Workspace::Decided(None);
    }
    let names: Vec<&str> = args.iter().filter_map(|a| argument_name(*a)).collect();
    let positional = args.iter().take_while(|a| argument_name(**a).is_none()).count();
    let bound: Vec<&(MethodRef, &MethodEntry)> = entries
        .iter()
        .filter(|(_, m)| m.accepts_arg_count(args.len()) && names.iter().all(|n| m.params.iter().any(|p| p.name == *n)))
        .collect();
    if bound.is_empty() {
        return Workspace::NotBound;
    }
    let enclosing = call.node.scope_ancestors().find(|a| a.kind() == "method_declaration").map(|m| m.range());
    let mut slots = Vec::new();
    for (m, method) in &bound {
        let tokens: Vec<usize> =
            method.params.iter().enumerate().filter(|(_, p)| is_token_param_in(cx, m.0, p)).map(|(i, _)| i).collect();
        let slot = match tokens.as_slice() {
            [index] => {
                let param = &method.params[*index];
                if *index < positional || names.contains(&param.name.as_str()) {
                    // Something is passed there already.
                    return Workspace::Decided(None);
                }
                let positional = *index == args.len() && !named;
                // With one more positional argument, another overload with a token there could win.
                let rivals = entries
                    .iter()
                    .filter(|(r, m)| {
                        m.accepts_arg_count(args.len() + 1)
                            && m.params.get(args.len()).is_some_and(|p| is_token_param_in(cx, r.0, p))
                    })
                    .count();
                if positional && rivals != 1 {
                    return Workspace::Decided(None);
                }
                TokenSlot { parameter: param.name.clone(), positional }
            }
            [] => {
                let overloads: Vec<&&MethodEntry> = entries
                    .iter()
                    .filter(|(o, overload)| is_token_overload(cx, (m.0, method), (o.0, overload), call))
                    .map(|(_, o)| o)
                    .collect();
                let [overload] = overloads.as_slice() else { return Workspace::Decided(None) };
                // The call would become a recursive call of the method it is in.
                if enclosing.as_ref() == Some(&overload.range) {
                    return Workspace::Decided(None);
                }
                let param = overload.params.last().expect("an overload with a token");
                TokenSlot { parameter: param.name.clone(), positional: method.params.len() == args.len() && !named }
            }
            _ => return Workspace::Decided(None),
        };
        slots.push(slot);
    }
    let first = slots[0].clone();
    Workspace::Decided(slots.iter().all(|s| *s == first).then_some(first))
}

/// A plain `CancellationToken` parameter (not `ref`/`out`, not nullable), its type read by name.
pub fn is_token_param(param: &Param) -> bool {
    param.modifier.is_none() && is_token_type(&param.type_text)
}

/// A plain `CancellationToken` parameter of a method declared in `file`, its type read with the
/// file's `using` aliases.
fn is_token_param_in(cx: &FileContext<'_>, file: crate::fix::FileId, param: &Param) -> bool {
    param.modifier.is_none() && cx.sem().is_token_type_in(file, &param.type_text)
}

/// `overload` has the parameters of `method` plus a token last, and returns the same type (or
/// another task type, when the call is awaited).
fn is_token_overload(
    cx: &FileContext<'_>,
    (_, method): (crate::fix::FileId, &MethodEntry),
    (overload_file, overload): (crate::fix::FileId, &MethodEntry),
    call: &Call<'_>,
) -> bool {
    let Some((last, rest)) = overload.params.split_last() else { return false };
    // An `[Obsolete]` or `[Experimental]` overload warns or does not compile at all (CS0618,
    // CS0619): never the one a fix moves a call to.
    overload.stability == Stability::Stable
        && is_token_param_in(cx, overload_file, last)
        && rest.len() == method.params.len()
        && !rest.iter().any(|p| is_token_param_in(cx, overload_file, p))
        && rest
            .iter()
            .zip(&method.params)
            .all(|(a, b)| same_type(&a.type_text, &b.type_text) && a.modifier == b.modifier)
        && (same_type(&overload.returns, &method.returns)
            || (crate::index::is_task_type(&overload.returns)
                && crate::index::is_task_type(&method.returns)
                && call.is_awaited()))
}

fn same_type(a: &str, b: &str) -> bool {
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squeeze(a) == squeeze(b)
}

/// The simple name of the receiver's type, as the semantic layer knows it: the enclosing type for
/// `M()` and `this.M()`, its first base for `base.M()`, the type of the receiver expression, or
/// the type a static call names.
fn receiver_type(call: &Call<'_>, cx: &FileContext<'_>) -> Option<String> {
    let enclosing = || enclosing_types(call.node).next().and_then(|t| t.field("name")).map(|n| n.text().to_owned());
    match call.view.receiver {
        Receiver::Implicit | Receiver::This => enclosing(),
        Receiver::Base => {
            let owner = enclosing()?;
            cx.index.type_and_bases(&owner).get(1).map(|b| b.to_string())
        }
        Receiver::Expression(expression) | Receiver::Conditional(expression) => {
            let sem = cx.sem();
            match sem.static_type(expression) {
                Some(ty) => Some(ty.name),
                None => sem.type_of(expression).known().map(|t| t.name.clone()),
            }
        }
    }
}

/// Whether a local function called `name` is visible from `at` (it shadows the type's methods).
fn local_function_named(name: &str, at: Node<'_>) -> bool {
    at.scope_ancestors().filter(|a| a.kind() == "block").any(|block| {
        block
            .named_children()
            .filter(|s| s.kind() == "local_function_statement")
            .any(|f| f.field("name").is_some_and(|n| n.text() == name))
    })
}

/// Whether an argument may be a token already: a declared token, `CancellationToken.None`,
/// `default`, or a name that suggests one (`token`, `cancel…`, `ct`, `RequestAborted`,
/// `stoppingToken`) when its type is not declared where asyncfix can see it.
pub fn may_be_token(argument: Node<'_>) -> bool {
    if argument_name(argument).is_some_and(name_suggests_token) {
        return true;
    }
    let Some(expression) = argument_expression(argument) else { return true };
    expression_may_be_token(expression)
}

fn expression_may_be_token(expression: Node<'_>) -> bool {
    match expression.kind() {
        "identifier" => match declared_type(expression.text(), expression) {
            DeclaredType::Type(t) => simple_name(t.trim_end_matches('?')) == "CancellationToken",
            _ => name_suggests_token(expression.text()),
        },
        "member_access_expression" => {
            expression.field("name").is_none_or(|n| name_suggests_token(n.text()) || n.text() == "None")
        }
        "default_expression" => expression.named_children().next().is_none_or(|t| is_token_type(t.text())),
        "object_creation_expression" => expression.field("type").is_some_and(|t| is_token_type(t.text())),
        "invocation_expression" => expression.field("function").is_some_and(|f| {
            let name = f.field("name").unwrap_or(f);
            name_suggests_token(name.text())
        }),
        "parenthesized_expression"
        | "cast_expression"
        | "conditional_expression"
        | "binary_expression"
        | "conditional_access_expression"
        | "postfix_unary_expression" => {
            let mut suggests = false;
            expression.walk(|n| suggests |= n.kind() == "identifier" && name_suggests_token(n.text()));
            suggests || expression.text().contains("default")
        }
        _ => false,
    }
}

fn name_suggests_token(name: &str) -> bool {
    let lower = name.trim_start_matches('@').to_ascii_lowercase();
    let bare = lower.trim_start_matches('_');
    lower.contains("token")
        || lower.contains("cancel")
        || lower.contains("abort")
        || lower.contains("stopping")
        || matches!(bare, "ct" | "ctk" | "tok")
        || lower.ends_with("_ct")
}

/// `CancellationToken.None`, `default(CancellationToken)`, `new CancellationToken()`: an argument
/// that is a token that never cancels, by its syntax alone.
pub fn is_none_token(expression: Node<'_>) -> bool {
    match expression.kind() {
        "member_access_expression" => {
            expression.field("name").is_some_and(|n| n.text() == "None")
                && expression.field("expression").is_some_and(|e| simple_name(e.text()) == "CancellationToken")
        }
        "default_expression" => expression.named_children().next().is_some_and(|t| is_token_type(t.text())),
        "object_creation_expression" => {
            expression.field("type").is_some_and(|t| is_token_type(t.text()))
                && expression.field("arguments").is_none_or(|a| a.named_children().all(|arg| arg.text() == "false"))
        }
        _ => false,
    }
}

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
pub fn quoted_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    /// `may_be_token` for each argument of the call `M(…)` in `method` (a method body).
    fn tokens(method: &str) -> Vec<bool> {
        let text = format!("class A {{ {method} }}");
        let tree = parse(&text).unwrap();
        let root = Node::root(&tree, &text);
        let mut result = Vec::new();
        root.walk(|n| {
            if n.kind() == "invocation_expression" && n.field("function").is_some_and(|f| f.text() == "M") {
                result = Call::parse(n).unwrap().args.iter().map(|a| may_be_token(*a)).collect();
            }
        });
        result
    }

    #[test]
    fn arguments_that_may_be_tokens() {
        let declared = "void F(CancellationToken ct, int n, string s) { M(ct, n, s); }";
        assert_eq!(tokens(declared), [true, false, false]);
        let by_name = "void F() { M(stoppingToken, _ct, cancel, url, HttpContext.RequestAborted, cts.Token); }";
        assert_eq!(tokens(by_name), [true, true, true, false, true, true]);
        let literals = "void F() { M(CancellationToken.None, default, default(CancellationToken), default(int), 3); }";
        assert_eq!(tokens(literals), [true, true, true, false, false]);
        let named = "void F(int n) { M(cancellationToken: n, count: n); }";
        assert_eq!(tokens(named), [true, false]);
    }

    #[test]
    fn tokens_that_never_cancel() {
        let text = "class A { void F() { M(CancellationToken.None, default(CancellationToken), new CancellationToken(), new CancellationToken(true), default, None); } }";
        let tree = parse(text).unwrap();
        let root = Node::root(&tree, text);
        let mut found = Vec::new();
        root.walk(|n| {
            if n.kind() == "invocation_expression" {
                let call = Call::parse(n).unwrap();
                found = call.args.iter().map(|a| argument_expression(*a).is_some_and(is_none_token)).collect();
            }
        });
        assert_eq!(found, [true, true, true, false, false, false], "`default` alone needs the call's signature");
    }

    #[test]
    fn lists_of_names() {
        assert_eq!(quoted_list(&["a"]), "`a`");
        assert_eq!(quoted_list(&["a", "b"]), "`a` and `b`");
        assert_eq!(quoted_list(&["a", "b", "c"]), "`a`, `b` and `c`");
    }
}
