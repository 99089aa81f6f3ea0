//! `tokens_in_scope`: the CancellationTokens code at a node can pass, nearest first.
//!
//! | reach | where the token is | example |
//! |---|---|---|
//! | [`Reach::Declared`] | a local or parameter of the enclosing functions, innermost and most recent first ([`crate::syntax::tokens_in_scope`]) | `ct`, `var linked = cts.Token` |
//! | [`Reach::ParameterMember`] | a token property of one of those parameters | `request.CancellationToken`, `context.CancellationToken` (gRPC's `ServerCallContext`, MassTransit's `ConsumeContext`) |
//! | [`Reach::Member`] | a token field or property of the enclosing type or its bases, a primary-constructor or record parameter | `_stoppingToken`, `CancellationToken` |
//! | [`Reach::MemberOfMember`] | a token property of a member of the enclosing type, when the member's type is an outside one the knowledge base describes (a workspace type's token is data of that object) | `HttpContext.RequestAborted` in a controller, `Context.ConnectionAborted` in a SignalR hub |
//!
//! The first reach that has a token decides: one token is the one to use, several are ambiguous
//! (nothing says which is meant). A token source or an unassigned token local declared in scope
//! makes a member token ambiguous too (`cts.Token` may be the one meant).
//!
//! Types come from declarations and the knowledge base, never from names: a member is a token
//! when its declared type reads as `CancellationToken` (the file's `using` aliases expanded), a
//! property of an outside type when `types.txt` says so (`HttpContext.RequestAborted
//! CancellationToken`). Members of the enclosing type count only in code that runs on an instance
//! of it (not in static code or field initializers) and not inside a lambda or an anonymous
//! method, which may run after the member returned (the boundary CA2016 puts on parameters);
//! properties of another type only when other types may read them (`public`, `internal`).

use super::Semantics;
use crate::index::{Access, MemberType, MethodRef};
use crate::source::FileId;
use crate::syntax::{
    local_type, member_context, tokens_in_scope_with, DeclaredType, Node, TokenChoice, TokenTypes, Type,
};

/// Where a token in scope is found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reach {
    /// A local or a parameter.
    Declared,
    /// A property of a parameter (`request.CancellationToken`).
    ParameterMember,
    /// A field or property of the enclosing type (`_token`).
    Member,
    /// A property of a member of the enclosing type (`HttpContext.RequestAborted`).
    MemberOfMember,
}

/// A token in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeToken<'a> {
    /// The expression that passes it (`ct`, `request.CancellationToken`, `this._token`).
    pub text: String,
    /// Where it is found.
    pub reach: Reach,
    /// The parameter or variable declarator of a declared token.
    pub declaration: Option<Node<'a>>,
    /// The object read on the way to it (`request`, `HttpContext`), which may be null where the
    /// code runs.
    pub through: Option<String>,
}

/// Which token code at a node should use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScopeChoice<'a> {
    /// No token is in scope.
    None,
    /// The token to use.
    One(ScopeToken<'a>),
    /// Tokens are in scope but nothing says which one is meant: their expressions, for messages.
    Ambiguous(Vec<String>),
}

/// The tokens in scope at a node.
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    /// The token to use.
    pub choice: ScopeChoice<'a>,
    /// The reach that decided the choice (`None` when there is no token).
    pub reach: Option<Reach>,
    /// The names of every token and token source in scope (the last name of a member's path:
    /// `RequestAborted`), to tell whether code mentions one.
    pub visible: Vec<String>,
}

impl<'a> Tokens<'a> {
    /// The token to use, when there is exactly one.
    pub fn token(&self) -> Option<&ScopeToken<'a>> {
        match &self.choice {
            ScopeChoice::One(token) => Some(token),
            _ => None,
        }
    }

    /// No token in scope at all.
    pub fn none() -> Self {
        Tokens { choice: ScopeChoice::None, reach: None, visible: Vec::new() }
    }
}

/// A token reachable through members, as owned data (answers are memoized per type).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberToken {
    /// The expression that passes it.
    pub text: String,
    /// Where it is found.
    pub reach: Reach,
    /// The object read on the way to it, which may be null.
    pub through: Option<String>,
}

/// The tokens reachable through members from some code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MemberTokens {
    /// None.
    None,
    /// Exactly one at the nearest reach that has any.
    One(MemberToken),
    /// Several at the nearest reach that has any.
    Ambiguous {
        /// Their expressions.
        names: Vec<String>,
        /// Where they are found.
        reach: Reach,
    },
}

/// Memo keys (one map per key type).
#[derive(Hash, PartialEq, Eq)]
struct OwnTokens(String);
#[derive(Hash, PartialEq, Eq)]
struct ContextTokens(String);
#[derive(Hash, PartialEq, Eq)]
struct PropertyTokens(FileId, String);

impl<'a> Semantics<'a> {
    /// How `file` writes token types (its `using` aliases).
    pub fn token_types(&self, file: FileId) -> TokenTypes<'a> {
        TokenTypes::with_aliases(&self.index.file(file).aliases)
    }

    /// Whether a type as written in `file` is `CancellationToken` (aliases expanded; not
    /// `CancellationToken?`).
    pub fn is_token_type_in(&self, file: FileId, type_text: &str) -> bool {
        self.token_types(file).is_token(type_text)
    }

    /// The tokens in scope at `at`, nearest first (see the module documentation).
    pub fn tokens_in_scope(&self, at: Node<'a>) -> Tokens<'a> {
        let declared = tokens_in_scope_with(at, self.token_types(self.file));
        let mut visible: Vec<String> = declared.visible.iter().map(|s| s.to_string()).collect();
        let context = member_context(at);
        // Every token member the code can read counts as one it may look at, whichever is chosen
        // (a loop that passes the class's `_token` looks at cancellation, even where a parameter's
        // `context.CancellationToken` comes first).
        if let Some(owner) = context.instance_of {
            let own = self.memo().memoized(OwnTokens(owner.to_owned()), || self.own_token_members(owner));
            let of_members =
                self.memo().memoized(ContextTokens(owner.to_owned()), || self.context_token_members(owner));
            for name in own.iter().chain(of_members.iter().map(|(_, property)| property)) {
                if !visible.contains(name) {
                    visible.push(name.clone());
                }
            }
        }
        match declared.choice {
            TokenChoice::One(t) => {
                let token = ScopeToken {
                    text: t.name.to_owned(),
                    reach: Reach::Declared,
                    declaration: Some(t.declaration),
                    through: None,
                };
                return Tokens { choice: ScopeChoice::One(token), reach: Some(Reach::Declared), visible };
            }
            TokenChoice::Ambiguous(names) => {
                let names = names.iter().map(|n| n.to_string()).collect();
                return Tokens { choice: ScopeChoice::Ambiguous(names), reach: Some(Reach::Declared), visible };
            }
            TokenChoice::None => {}
        }
        let shadowed = |name: &str| local_type(name, at) != DeclaredType::NotFound;
        let members = self.member_tokens(self.file, &context.parameters, context.instance_of, &shadowed);
        let last = |text: &str| text.rsplit('.').next().unwrap_or(text).to_owned();
        // A token source declared in scope may be what the code means (`cts.Token`).
        let rivals: Vec<String> = declared.visible.iter().map(|s| s.to_string()).collect();
        match members {
            MemberTokens::None => Tokens { choice: ScopeChoice::None, reach: None, visible },
            MemberTokens::One(token) => {
                visible.push(last(&token.text));
                let reach = Some(token.reach);
                let choice = if rivals.is_empty() {
                    ScopeChoice::One(ScopeToken {
                        text: token.text,
                        reach: token.reach,
                        declaration: None,
                        through: token.through,
                    })
                } else {
                    ScopeChoice::Ambiguous(rivals.into_iter().chain([token.text]).collect())
                };
                Tokens { choice, reach, visible }
            }
            MemberTokens::Ambiguous { names, reach } => {
                visible.extend(names.iter().map(|n| last(n)));
                let choice = ScopeChoice::Ambiguous(rivals.into_iter().chain(names).collect());
                Tokens { choice, reach: Some(reach), visible }
            }
        }
    }

    /// The tokens reachable through members from the body of the workspace method `m` (its own
    /// token parameters and locals are not asked about: see [`crate::index::MethodEntry`]).
    pub fn method_member_tokens(&self, m: MethodRef) -> MemberTokens {
        let entry = self.index.method(m);
        let parameters: Vec<(&str, &str)> = entry
            .params
            .iter()
            .filter(|p| !matches!(p.modifier.as_deref(), Some("ref" | "out" | "params")))
            .map(|p| (p.name.as_str(), p.type_text.as_str()))
            .collect();
        let instance = (!entry.has_modifier("static")).then_some(entry.owner.as_str());
        let taken =
            |name: &str| entry.params.iter().any(|p| p.name == name) || entry.locals.iter().any(|l| l.name == name);
        self.member_tokens(m.0, &parameters, instance, &taken)
    }

    /// The tokens reachable through members from code of `file` that sees `parameters` (name and
    /// type as written) and runs on an instance of `instance_of`; a member name for which
    /// `shadowed` holds is written `this.name`.
    pub fn member_tokens(
        &self,
        file: FileId,
        parameters: &[(&str, &str)],
        instance_of: Option<&str>,
        shadowed: &dyn Fn(&str) -> bool,
    ) -> MemberTokens {
        let decide = |found: Vec<MemberToken>| match found.len() {
            0 => None,
            1 => found.into_iter().next().map(MemberTokens::One),
            _ => Some(MemberTokens::Ambiguous {
                reach: found[0].reach,
                names: found.into_iter().map(|t| t.text).collect(),
            }),
        };
        let mut found = Vec::new();
        for (name, ty) in parameters {
            for property in self.property_tokens(file, ty).iter() {
                found.push(MemberToken {
                    text: format!("{name}.{property}"),
                    reach: Reach::ParameterMember,
                    through: Some((*name).to_owned()),
                });
            }
        }
        if let Some(choice) = decide(found) {
            return choice;
        }
        let Some(owner) = instance_of else { return MemberTokens::None };
        let qualify = |name: &str| if shadowed(name) { format!("this.{name}") } else { name.to_owned() };
        let own = self.memo().memoized(OwnTokens(owner.to_owned()), || self.own_token_members(owner));
        let found = own.iter().map(|n| MemberToken { text: qualify(n), reach: Reach::Member, through: None }).collect();
        if let Some(choice) = decide(found) {
            return choice;
        }
        let context = self.memo().memoized(ContextTokens(owner.to_owned()), || self.context_token_members(owner));
        let found = context
            .iter()
            .map(|(member, property)| MemberToken {
                text: format!("{}.{property}", qualify(member)),
                reach: Reach::MemberOfMember,
                through: Some(member.clone()),
            })
            .collect();
        decide(found).unwrap_or(MemberTokens::None)
    }

    /// The token properties other types may read on a value of the type `type_text` (written in
    /// `file`).
    fn property_tokens(&self, file: FileId, type_text: &str) -> std::sync::Arc<Vec<String>> {
        self.memo().memoized(PropertyTokens(file, type_text.to_owned()), || match self.read_type(file, type_text) {
            Some(ty) => self.token_properties(&ty),
            None => Vec::new(),
        })
    }

    /// The token properties of `ty` (and its bases) that other types may read.
    fn token_properties(&self, ty: &Type) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        // A token's own properties (`CancellationToken.None`) never cancel; a source's `.Token` is
        // a choice the code makes (which source, and it throws once the source is disposed).
        if matches!(ty.name.as_str(), "CancellationToken" | "CancellationTokenSource") || ty.is_unknown() {
            return out;
        }
        for t in self.family(ty) {
            if self.index.is_workspace_type(&t.name) {
                for (file, member) in self.index.members_of(&t.name) {
                    let readable = member.access == Access::Public && !member.is_static;
                    if readable && self.is_token_type_in(file, &member.type_text) && !out.contains(&member.name) {
                        out.push(member.name.clone());
                    }
                }
            } else {
                for (name, found) in self.knowledge.types.properties(&t) {
                    if gives_token(&found) && !out.contains(&name) {
                        out.push(name);
                    }
                }
            }
        }
        out
    }

    /// The members of `owner` (its own, its bases' that are not private, and the outside bases'
    /// properties the knowledge base lists), each with its type when known, nearest first.
    fn members_with_types(&self, owner: &str) -> Vec<(String, Option<Type>)> {
        let mut out: Vec<(String, Option<Type>)> = Vec::new();
        for (i, t) in self.family(&Type::named(owner)).into_iter().enumerate() {
            if self.index.is_workspace_type(&t.name) {
                for (file, member) in self.index.members_of(&t.name) {
                    let visible = i == 0 || member.access != Access::Private;
                    if visible && !out.iter().any(|(n, _)| *n == member.name) {
                        out.push((member.name.clone(), self.read_type(file, &member.type_text)));
                    }
                }
            } else {
                for (name, found) in self.knowledge.types.properties(&t) {
                    if !out.iter().any(|(n, _)| *n == name) {
                        let ty = match found {
                            MemberType::OneOf(types) if types.len() == 1 => types.into_iter().next(),
                            _ => None,
                        };
                        out.push((name, ty));
                    }
                }
            }
        }
        out
    }

    /// The token fields and properties code of `owner` can read by name.
    fn own_token_members(&self, owner: &str) -> Vec<String> {
        self.members_with_types(owner)
            .into_iter()
            .filter(|(_, ty)| ty.as_ref().is_some_and(is_token))
            .map(|(name, _)| name)
            .collect()
    }

    /// The token properties of the members of `owner`: (member, property).
    fn context_token_members(&self, owner: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (member, ty) in self.members_with_types(owner) {
            // A workspace type's token is data of that object (a job's context kept for later, a
            // request built by a test); a framework context's is the operation's by contract.
            let Some(ty) = ty.filter(|t| !self.index.is_workspace_type(&t.name)) else { continue };
            for property in self.token_properties(&ty) {
                out.push((member.clone(), property));
            }
        }
        out
    }
}

/// `CancellationToken` (not nullable).
fn is_token(ty: &Type) -> bool {
    ty.name == "CancellationToken" && ty.args.is_empty() && !ty.nullable
}

fn gives_token(found: &MemberType) -> bool {
    matches!(found, MemberType::OneOf(types) if types.len() == 1 && is_token(&types[0]))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{find, Fixture};
    use super::*;

    /// The choice at the call `HERE()` in `text` (file 0 of a workspace with `others`).
    fn choice(text: &str, others: &[&str]) -> String {
        Fixture::new(text, others).with(|sem, root| {
            let call = find(root, "invocation_expression", "HERE()");
            let tokens = sem.tokens_in_scope(call);
            match tokens.choice {
                ScopeChoice::None => "none".into(),
                ScopeChoice::One(t) => format!("{} ({:?})", t.text, t.reach),
                ScopeChoice::Ambiguous(names) => format!("ambiguous {}", names.join(",")),
            }
        })
    }

    #[test]
    fn declared_tokens_come_first() {
        let text = "class A { CancellationToken _token; void F(CancellationToken ct) { HERE(); } }";
        assert_eq!(choice(text, &[]), "ct (Declared)");
    }

    #[test]
    fn aliases_are_expanded() {
        let text = "using Ct = System.Threading.CancellationToken;\nclass A { Ct _token; void F(Ct ct) { HERE(); } void G() { HERE2(); } }";
        assert_eq!(choice(text, &[]), "ct (Declared)");
        let field = "using Ct = System.Threading.CancellationToken;\nclass A { Ct _token; void G() { HERE(); } }";
        assert_eq!(choice(field, &[]), "_token (Member)");
    }

    #[test]
    fn properties_of_parameters() {
        let text = "class H { Task Handle(Request request, ServerCallContext context) { HERE(); } }";
        let request =
            "public class Request { public CancellationToken CancellationToken { get; } CancellationToken _hidden; }";
        assert_eq!(choice(text, &[request]), "ambiguous request.CancellationToken,context.CancellationToken");
        let grpc = "class H { Task Say(Hello request, ServerCallContext context) { HERE(); } }";
        assert_eq!(choice(grpc, &[]), "context.CancellationToken (ParameterMember)", "types.txt");
        let record = "class H { Task Handle(Query query) { HERE(); } } record Query(int Id, CancellationToken Token);";
        assert_eq!(choice(record, &[]), "query.Token (ParameterMember)", "a record's positional parameter");
        let private = "class H { Task Handle(Job job) { HERE(); } } class Job(CancellationToken token) { }";
        assert_eq!(choice(private, &[]), "none", "a class's primary-constructor parameter is its own");
    }

    #[test]
    fn members_of_the_type_and_their_bases() {
        let text = "class W : Base { void F() { HERE(); } }";
        let base = "class Base { protected CancellationToken Stopping { get; } private CancellationToken _own; }";
        assert_eq!(choice(text, &[base]), "Stopping (Member)", "a base's private member is not visible");
        let primary = "class W(CancellationToken token) { void F() { HERE(); } }";
        assert_eq!(choice(primary, &[]), "token (Member)");
        let two = "class W { CancellationToken _a; CancellationToken _b; void F() { HERE(); } }";
        assert_eq!(choice(two, &[]), "ambiguous _a,_b");
        let shadowed = "class W { CancellationToken _a; void F() { var _a = 1; HERE(); } }";
        assert_eq!(choice(shadowed, &[]), "this._a (Member)");
        let nullable = "class W { CancellationToken? _a; CancellationTokenSource _cts; void F() { HERE(); } }";
        assert_eq!(choice(nullable, &[]), "none", "a nullable token and a token source are not tokens");
    }

    #[test]
    fn members_of_members_such_as_the_request_of_a_controller() {
        let controller = "class OrdersController : ControllerBase { Task<int> Count() { HERE(); } }";
        assert_eq!(choice(controller, &[]), "HttpContext.RequestAborted (MemberOfMember)");
        let hub = "class ChatHub : Hub { Task Send(string m) { HERE(); } }";
        assert_eq!(choice(hub, &[]), "Context.ConnectionAborted (MemberOfMember)");
        let stub = "class OrdersController : ControllerBase { Task<int> Count() { HERE(); } } class ControllerBase { }";
        assert_eq!(choice(stub, &[]), "none", "a workspace type of the same name hides the outside one");
        let kept = "class Bench { IJobContext _context; void Cleanup() { HERE(); } } \
                    interface IJobContext { CancellationToken CancellationToken { get; } }";
        assert_eq!(choice(kept, &[]), "none", "a token of a workspace object the type keeps is that object's");
    }

    #[test]
    fn static_code_lambdas_and_sources_stop_member_tokens() {
        let static_method = "class W { CancellationToken _a; static void F() { HERE(); } }";
        assert_eq!(choice(static_method, &[]), "none");
        let lambda = "class W { CancellationToken _a; void F() { Run(() => HERE()); } }";
        assert_eq!(choice(lambda, &[]), "none");
        let initializer = "class W { CancellationToken _a; Task _t = HERE(); }";
        assert_eq!(choice(initializer, &[]), "none");
        let source = "class W { CancellationToken _a; void F() { using (var cts = new CancellationTokenSource()) { HERE(); } } }";
        assert_eq!(choice(source, &[]), "ambiguous cts,_a");
    }

    #[test]
    fn tokens_of_a_workspace_method_through_its_members() {
        let texts = [
            "class Consumer { Task Consume(ConsumeContext<Order> context) => null; static Task S(ConsumeContext<Order> c) => null; }",
            "class Worker { CancellationToken _stopping; Task Run() => null; static Task Static() => null; }",
        ];
        Fixture::new(texts[0], &texts[1..]).with(|sem, _| {
            let tokens = |name: &str| sem.method_member_tokens(sem.index.methods_called(name)[0]);
            let text = |t: MemberTokens| match t {
                MemberTokens::One(t) => t.text,
                other => format!("{other:?}"),
            };
            assert_eq!(text(tokens("Consume")), "context.CancellationToken");
            assert_eq!(text(tokens("S")), "c.CancellationToken", "a parameter's property, even in static code");
            assert_eq!(text(tokens("Run")), "_stopping");
            assert_eq!(tokens("Static"), MemberTokens::None);
        });
    }
}
