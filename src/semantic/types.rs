//! `type_of`: the type of an expression, from what the code declares and what the knowledge base
//! says of outside APIs. Evidence, not type checking: what is not written down stays Unknown.

use super::callees::Callees;
use super::views::Invocation;
use super::Semantics;
use crate::index::MemberType;
use crate::source::FileId;
use crate::syntax::{declared_type, local_initializer, member_type, simple_name, DeclaredType, Node, Type};

/// The type of an expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypeOf {
    /// Known: the declaration, a `new`, a cast, a literal or the knowledge base says so.
    Known(Type),
    /// Nothing decides it (`var x = Outside.Make();`, a lambda parameter, overloads that differ).
    Unknown,
    /// Not a value: a type or namespace name, a method group, a call of a `void` method.
    NotAValue,
}

impl TypeOf {
    /// The type, when known.
    pub fn known(&self) -> Option<&Type> {
        match self {
            TypeOf::Known(t) => Some(t),
            _ => None,
        }
    }
}

/// The types an expression may have: one, or one of a few (a knowledge-base method whose
/// overloads return different types), Unknown, or not a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Types {
    OneOf(Vec<Type>),
    Unknown,
    NotAValue,
}

impl Types {
    fn one(ty: Type) -> Self {
        if ty.is_void() {
            Types::NotAValue
        } else if ty.is_unknown() {
            Types::Unknown
        } else {
            Types::OneOf(vec![ty])
        }
    }

    fn from_parsed(ty: Option<Type>) -> Self {
        ty.map_or(Types::Unknown, Types::one)
    }

    /// The single type, when there is one.
    pub(super) fn single(self) -> TypeOf {
        match self {
            Types::OneOf(mut types) => {
                types.dedup();
                match types.as_slice() {
                    [one] => TypeOf::Known(one.clone()),
                    _ => TypeOf::Unknown,
                }
            }
            Types::Unknown => TypeOf::Unknown,
            Types::NotAValue => TypeOf::NotAValue,
        }
    }

    /// Each candidate mapped; Unknown when any maps to Unknown.
    fn map(self, f: impl Fn(&Type) -> Types) -> Types {
        let Types::OneOf(types) = self else { return self };
        let mut out: Vec<Type> = Vec::new();
        let mut not_a_value = false;
        for t in &types {
            match f(t) {
                Types::OneOf(found) => out.extend(found),
                Types::Unknown => return Types::Unknown,
                Types::NotAValue => not_a_value = true,
            }
        }
        match (out.is_empty(), not_a_value) {
            (true, true) => Types::NotAValue,
            (false, false) => Types::OneOf(out),
            // `Task|Task<bool>` awaited: a value on some overloads, none on others.
            _ => Types::Unknown,
        }
    }
}

impl From<MemberType> for Types {
    fn from(member: MemberType) -> Self {
        match member {
            MemberType::OneOf(types) if types.iter().all(Type::is_void) => Types::NotAValue,
            MemberType::OneOf(types) if types.iter().any(|t| t.is_unknown() || t.is_void()) => Types::Unknown,
            MemberType::OneOf(types) => Types::OneOf(types),
            MemberType::Unknown => Types::Unknown,
        }
    }
}

/// How deep `var` initializers and nested expressions are followed.
const MAX_DEPTH: usize = 24;

impl<'a> Semantics<'a> {
    /// The type of `expr`.
    pub fn type_of(&self, expr: Node<'a>) -> TypeOf {
        self.types_at(expr, 0).single()
    }

    /// The types `expr` may have.
    pub(super) fn types_of(&self, expr: Node<'a>) -> Types {
        self.types_at(expr, 0)
    }

    pub(super) fn types_at(&self, expr: Node<'a>, depth: usize) -> Types {
        if depth > MAX_DEPTH {
            return Types::Unknown;
        }
        let next = depth + 1;
        let named = |name: &str| Types::one(Type::named(name));
        match expr.kind() {
            "string_literal" | "verbatim_string_literal" | "raw_string_literal" | "interpolated_string_expression" => {
                named("string")
            }
            "character_literal" => named("char"),
            "boolean_literal" | "is_expression" | "is_pattern_expression" => named("bool"),
            "integer_literal" => {
                let text = expr.text().to_ascii_lowercase();
                named(if text.ends_with("ul") || text.ends_with("lu") {
                    "ulong"
                } else if text.ends_with('l') {
                    "long"
                } else if text.ends_with('u') {
                    "uint"
                } else {
                    "int"
                })
            }
            "real_literal" => {
                let text = expr.text().to_ascii_lowercase();
                named(if text.ends_with('m') {
                    "decimal"
                } else if text.ends_with('f') {
                    "float"
                } else {
                    "double"
                })
            }
            "typeof_expression" => named("Type"),
            // `new[] { a, b }`: an array of the elements' common type.
            "implicit_array_creation_expression" => {
                let Some(init) = expr.child_of_kind("initializer_expression") else { return Types::Unknown };
                let elements: Vec<TypeOf> = init
                    .named_children()
                    .filter(|e| !crate::syntax::is_trivia(e.kind()))
                    .map(|e| self.types_at(e, next).single())
                    .collect();
                match elements.first() {
                    Some(TypeOf::Known(first)) if elements.iter().all(|e| e.known() == Some(first)) => {
                        Types::one(Type::generic("[]", vec![first.clone()]))
                    }
                    _ => Types::Unknown,
                }
            }
            "object_creation_expression" | "array_creation_expression" | "cast_expression" | "default_expression" => {
                match expr.field("type") {
                    Some(t) => Types::from_parsed(self.read_type(self.file, t.text())),
                    None => Types::Unknown,
                }
            }
            "as_expression" => match expr.field("right") {
                Some(t) => Types::from_parsed(self.read_type(self.file, t.text()).map(|mut t| {
                    t.nullable = true;
                    t
                })),
                None => Types::Unknown,
            },
            "parenthesized_expression" => self.first_child_types(expr, next),
            "postfix_unary_expression" => self.first_child_types(expr, next),
            "prefix_unary_expression" if expr.has_token("!") => named("bool"),
            "prefix_unary_expression" => self.first_child_types(expr, next),
            "await_expression" => match expr.named_children().find(|c| !crate::syntax::is_trivia(c.kind())) {
                Some(operand) => self.awaited_types(operand, next),
                None => Types::Unknown,
            },
            "conditional_expression" => {
                let (Some(a), Some(b)) = (expr.field("consequence"), expr.field("alternative")) else {
                    return Types::Unknown;
                };
                match (self.types_at(a, next).single(), self.types_at(b, next).single()) {
                    (TypeOf::Known(x), TypeOf::Known(y)) if x.non_nullable() == y.non_nullable() => Types::one(x),
                    _ => Types::Unknown,
                }
            }
            "binary_expression" => {
                let operator = expr.children().find(|c| !c.is_named()).map(|c| c.kind()).unwrap_or("");
                match operator {
                    "==" | "!=" | "<" | ">" | "<=" | ">=" | "&&" | "||" => named("bool"),
                    // `a ?? b`: the type both sides share.
                    "??" => {
                        let (Some(a), Some(b)) = (expr.field("left"), expr.field("right")) else {
                            return Types::Unknown;
                        };
                        match (self.types_at(a, next).single(), self.types_at(b, next).single()) {
                            (TypeOf::Known(x), TypeOf::Known(y)) if x.non_nullable() == y.non_nullable() => {
                                Types::one(y)
                            }
                            _ => Types::Unknown,
                        }
                    }
                    "+" => {
                        let is_string = |side: &str| {
                            expr.field(side).is_some_and(|e| {
                                matches!(self.types_at(e, next).single(), TypeOf::Known(t) if t.name == "string" || t.name == "String")
                            })
                        };
                        if is_string("left") || is_string("right") {
                            named("string")
                        } else {
                            Types::Unknown
                        }
                    }
                    _ => Types::Unknown,
                }
            }
            "this" | "this_expression" => Types::from_parsed(self.enclosing_type(expr).map(Type::named)),
            "identifier" => self.name_types(expr, next),
            "member_access_expression" => {
                let (Some(receiver), Some(name)) = (expr.field("expression"), expr.field("name")) else {
                    return Types::Unknown;
                };
                self.member_access_types(receiver, simple_name(name.text()), next)
            }
            "invocation_expression" => match Invocation::cast(expr) {
                Some(call) if call.is_nameof() => named("string"),
                Some(call) => self.call_types_at(&call, next),
                None => Types::Unknown,
            },
            "element_access_expression" => match expr.field("expression").map(|e| self.types_at(e, next)) {
                Some(Types::OneOf(types)) => Types::OneOf(types).map(|t| match (t.name.as_str(), t.args.as_slice()) {
                    ("[]", [element]) => Types::one(element.clone()),
                    ("List" | "IList" | "IReadOnlyList", [element]) => Types::one(element.clone()),
                    ("Dictionary" | "IDictionary" | "IReadOnlyDictionary", [_, value]) => Types::one(value.clone()),
                    _ => Types::Unknown,
                }),
                _ => Types::Unknown,
            },
            "qualified_name" | "generic_name" | "predefined_type" | "alias_qualified_name" => Types::NotAValue,
            _ => Types::Unknown,
        }
    }

    fn first_child_types(&self, expr: Node<'a>, depth: usize) -> Types {
        match expr.named_children().find(|c| !crate::syntax::is_trivia(c.kind())) {
            Some(inner) => self.types_at(inner, depth),
            None => Types::Unknown,
        }
    }

    /// What `await operand` gives: `T` for `Task<T>`, `ValueTask<T>` and their configured forms,
    /// nothing for `Task` and `ValueTask`.
    fn awaited_types(&self, operand: Node<'a>, depth: usize) -> Types {
        self.types_at(operand, depth).map(|t| match (t.name.as_str(), t.args.as_slice()) {
            ("Task" | "ValueTask" | "ConfiguredTaskAwaitable" | "ConfiguredValueTaskAwaitable", []) => Types::NotAValue,
            ("Task" | "ValueTask" | "ConfiguredTaskAwaitable" | "ConfiguredValueTaskAwaitable", [result]) => {
                Types::one(result.clone())
            }
            _ => Types::Unknown,
        })
    }

    /// The types a name used as a value has, from its declaration in scope.
    fn name_types(&self, id: Node<'a>, depth: usize) -> Types {
        let name = id.text();
        match declared_type(name, id) {
            DeclaredType::Type(text) => Types::from_parsed(self.read_type(self.file, text)),
            // `var x = E;`: the type of `E`.
            DeclaredType::Unknown => match local_initializer(name, id) {
                Some(init) => self.types_at(init, depth),
                None => self.lambda_parameter_types(id, depth),
            },
            DeclaredType::NotFound => {
                if let Some(types) = self.global_local(name, id, depth) {
                    return types;
                }
                // A member declared in another part of a partial type, a base or a primary
                // constructor.
                if let Some(owner) = self.enclosing_type(id) {
                    if let Some((file, member)) = self.index.member_declaration(owner, name) {
                        return Types::from_parsed(self.read_type(file, &member.type_text));
                    }
                    // A property inherited from an outside base (`Database` in a `DbContext`).
                    if let found @ Types::OneOf(_) = self.member_types(&Type::named(owner), name) {
                        return found;
                    }
                }
                if self.static_type(id).is_some() {
                    return Types::NotAValue;
                }
                Types::Unknown
            }
        }
    }

    /// The implicitly typed parameter `id` names, of a lambda passed to a LINQ-style operator on a
    /// sequence (`items.Select(x => …)`, `list.ForEach(x => …)`): the sequence's element type.
    fn lambda_parameter_types(&self, id: Node<'a>, depth: usize) -> Types {
        const OPERATORS: &[&str] = &[
            "Select",
            "Where",
            "Any",
            "All",
            "First",
            "FirstOrDefault",
            "Single",
            "SingleOrDefault",
            "Last",
            "LastOrDefault",
            "Count",
            "OrderBy",
            "OrderByDescending",
            "ThenBy",
            "ThenByDescending",
            "GroupBy",
            "ToDictionary",
            "ToLookup",
            "SelectMany",
            "ForEach",
            "Sum",
            "Min",
            "Max",
            "TakeWhile",
            "SkipWhile",
            "Exists",
            "Find",
            "FindAll",
            "RemoveAll",
            "TrueForAll",
            "DistinctBy",
            "MinBy",
            "MaxBy",
        ];
        let name = id.text();
        let Some(lambda) = id.scope_ancestors().find(|a| a.kind() == "lambda_expression") else {
            return Types::Unknown;
        };
        let declares = match lambda.field("parameters") {
            Some(p) if p.kind() == "identifier" || p.kind() == "implicit_parameter" => p.text() == name,
            Some(list) => {
                let params: Vec<Node<'_>> = list.named_children().filter(|c| c.kind() == "parameter").collect();
                params.len() == 1
                    && params[0].field("type").is_none()
                    && params[0].field("name").is_some_and(|n| n.text() == name)
            }
            None => false,
        };
        let argument = lambda.parent().filter(|p| p.kind() == "argument");
        let call = argument.and_then(|a| a.parent()).and_then(|l| l.parent()).and_then(Invocation::cast);
        let (true, Some(call)) = (declares, call) else { return Types::Unknown };
        let first = call.arguments().first().is_some_and(|a| argument.is_some_and(|arg| a.node.is(&arg)));
        if !first || !OPERATORS.contains(&call.name) {
            return Types::Unknown;
        }
        let Some(receiver) = call.receiver.expression() else { return Types::Unknown };
        match self.types_at(receiver, depth).single() {
            TypeOf::Known(sequence) => self.element_type(&sequence).map_or(Types::Unknown, Types::one),
            _ => Types::Unknown,
        }
    }

    /// The element type of a sequence: `T` of `T[]`, `List<T>`, `IEnumerable<T>`, `IQueryable<T>`
    /// and the knowledge base's types deriving from them.
    pub fn element_type(&self, sequence: &Type) -> Option<Type> {
        if sequence.name == "[]" {
            return sequence.args.first().cloned();
        }
        self.family(sequence).into_iter().find_map(|t| match (t.name.as_str(), t.args.as_slice()) {
            (
                "IEnumerable"
                | "IQueryable"
                | "List"
                | "IList"
                | "ICollection"
                | "IReadOnlyList"
                | "IReadOnlyCollection"
                | "HashSet"
                | "ISet",
                [element],
            ) if !element.is_unknown() => Some(element.clone()),
            _ => None,
        })
    }

    /// A local of top-level statements (`var client = new HttpClient();` in `Program.cs`).
    fn global_local(&self, name: &str, at: Node<'a>, depth: usize) -> Option<Types> {
        if !at.scope_ancestors().any(|a| a.kind() == "global_statement") {
            return None;
        }
        let declarators = self
            .root
            .named_children()
            .filter(|g| g.kind() == "global_statement" && g.end() <= at.start())
            .filter_map(|g| g.child_of_kind("local_declaration_statement"))
            .filter_map(|s| s.child_of_kind("variable_declaration"));
        let mut found = None;
        for declaration in declarators {
            for declarator in declaration.named_children().filter(|d| d.kind() == "variable_declarator") {
                if declarator.field("name").is_some_and(|n| n.text() == name) {
                    found = Some((declaration, declarator));
                }
            }
        }
        let (declaration, declarator) = found?;
        let ty = declaration.field("type")?;
        Some(if ty.kind() == "implicit_type" {
            match declarator.named_children().nth(1) {
                Some(init) => self.types_at(init, depth),
                None => Types::Unknown,
            }
        } else {
            Types::from_parsed(self.read_type(self.file, ty.text()))
        })
    }

    /// `receiver.name` read as a value.
    fn member_access_types(&self, receiver: Node<'a>, name: &str, depth: usize) -> Types {
        if matches!(receiver.kind(), "this" | "this_expression") {
            return match member_type(name, receiver) {
                DeclaredType::Type(text) => Types::from_parsed(self.read_type(self.file, text)),
                DeclaredType::Unknown => Types::Unknown,
                DeclaredType::NotFound => match self.enclosing_type(receiver) {
                    Some(owner) => self.member_types(&Type::named(owner), name),
                    None => Types::Unknown,
                },
            };
        }
        if let Some(ty) = self.static_type(receiver) {
            return self.member_types(&ty, name);
        }
        self.types_at(receiver, depth).map(|owner| self.member_types(owner, name))
    }

    /// The types of the property, field or event `name` of `owner`: from the workspace's
    /// declaration (its type arguments put in place), else the knowledge base.
    pub(super) fn member_types(&self, owner: &Type, name: &str) -> Types {
        if self.index.is_workspace_type(&owner.name) {
            if let Some((file, member)) = self.index.member_declaration(&owner.name, name) {
                let params = self.index.type_entry(&owner.name).map(|t| t.type_params.clone()).unwrap_or_default();
                return Types::from_parsed(
                    self.read_type(file, &member.type_text).map(|t| t.substitute(&params, &owner.args)),
                );
            }
            // Inherited from a base declared outside the workspace, perhaps.
            for base in self.family(owner).iter().filter(|b| !self.index.is_workspace_type(&b.name)) {
                if let Some(found) = self.knowledge.types.property(base, name) {
                    return found.into();
                }
            }
            return Types::Unknown;
        }
        self.knowledge.types.property(owner, name).map_or(Types::Unknown, Types::from)
    }

    /// What a call returns (`depth` deep in the expression asked about): the generic outside
    /// methods whose type arguments are inferred from their arguments, then what it binds to.
    fn call_types_at(&self, call: &Invocation<'a>, depth: usize) -> Types {
        let callees = self.callees(call);
        if let Callees::Outside { owner: Some(owner), .. } = &callees {
            if let Some(inferred) = self.inferred_types(call, owner, depth) {
                return inferred;
            }
        }
        self.call_types_of(call, callees)
    }

    /// What `call` returns, given what it binds to.
    pub(super) fn call_types_of(&self, call: &Invocation<'a>, callees: Callees<'a>) -> Types {
        match callees {
            Callees::Workspace(methods) => {
                let owner_args = self.receiver_args(call);
                let mut types = Vec::new();
                for m in methods {
                    let Some(returns) = self.method_returns(m, &owner_args) else { return Types::Unknown };
                    types.push(returns);
                }
                types.dedup();
                match types.as_slice() {
                    [one] => Types::one(one.clone()),
                    _ if types.iter().all(Type::is_void) => Types::NotAValue,
                    _ => Types::Unknown,
                }
            }
            Callees::Local(functions) => {
                let returns: Vec<Option<Type>> = functions
                    .iter()
                    .map(|f| f.field("type").and_then(|t| self.read_type(self.file, t.text())))
                    .collect();
                match returns.as_slice() {
                    [Some(one)] => Types::one(one.clone()),
                    _ => Types::Unknown,
                }
            }
            Callees::Delegate(delegate) => self.delegate_result(&delegate),
            Callees::Outside { owner: Some(owner), .. } => {
                self.knowledge.types.method(&owner, call.name).map_or(Types::Unknown, Types::from)
            }
            Callees::Outside { owner: None, .. } | Callees::Unknown => Types::Unknown,
        }
    }

    /// The declared return type of the workspace method `m`, with the type arguments of its
    /// owner (`owner_args`, from the receiver's type) in place and its own type parameters
    /// unknown (`?`).
    pub(super) fn method_returns(&self, m: crate::index::MethodRef, owner_args: &[Type]) -> Option<Type> {
        let entry = self.index.method(m);
        let returns = self.read_type(m.0, &entry.returns)?;
        let owner_params = self.index.type_entry(&entry.owner).map(|t| t.type_params.clone()).unwrap_or_default();
        Some(returns.substitute(&owner_params, owner_args).substitute(&entry.type_params, &[]))
    }

    /// The type arguments of the receiver of `call` (to put in place of a generic workspace type's
    /// parameters in what its methods return).
    pub(super) fn receiver_args(&self, call: &Invocation<'a>) -> Vec<Type> {
        match call.receiver.expression().map(|r| self.types_at(r, 1).single()) {
            Some(TypeOf::Known(t)) => t.args,
            _ => Vec::new(),
        }
    }

    /// What invoking a delegate of type `delegate` gives: `R` for `Func<…, R>`, nothing for
    /// `Action<…>` and the void delegates of the knowledge base.
    pub(super) fn delegate_result(&self, delegate: &Type) -> Types {
        match delegate.name.as_str() {
            "Func" => delegate.args.last().cloned().map_or(Types::Unknown, Types::one),
            "Action" => Types::NotAValue,
            name if self.knowledge.void_delegate_types.contains(name) => Types::NotAValue,
            name => match self
                .index
                .type_entry(name)
                .and_then(|t| t.delegate_returns.clone().map(|r| (t.type_params.clone(), r)))
            {
                Some((params, returns)) => Types::from_parsed(
                    self.read_type(self.file, &returns).map(|r| r.substitute(&params, &delegate.args)),
                ),
                None => Types::Unknown,
            },
        }
    }

    /// The type a receiver names when it is a type rather than a value (`File` in `File.Open()`,
    /// `System.IO.File`, `string` in `string.Join`): a name or a qualified name that no variable
    /// or member in scope is called, naming a workspace type, a type of the knowledge base, or
    /// written with a capital letter as types are.
    pub fn static_type(&self, receiver: Node<'a>) -> Option<Type> {
        match receiver.kind() {
            "predefined_type" => return Some(Type::named(receiver.text())),
            "generic_name" => return self.read_type(self.file, receiver.text()),
            "identifier" | "qualified_name" | "member_access_expression" | "alias_qualified_name" => {}
            _ => return None,
        }
        let leftmost = leftmost_name(receiver)?;
        if declared_type(leftmost.text(), leftmost) != DeclaredType::NotFound {
            return None;
        }
        if let Some(owner) = self.enclosing_type(receiver) {
            if self.index.member_type(owner, leftmost.text()).is_some() {
                return None;
            }
        }
        let name = simple_name(receiver.text());
        let is_type = self.index.is_workspace_type(name)
            || self.knowledge.types.is_known(name)
            || name.starts_with(|c: char| c.is_ascii_uppercase());
        is_type.then(|| self.read_type(self.file, receiver.text())).flatten()
    }

    /// A type as written in `file`, with that file's `using` aliases put in place.
    pub fn read_type(&self, file: FileId, text: &str) -> Option<Type> {
        let ty = Type::parse(text)?;
        Some(self.expand_aliases(file, ty, 0))
    }

    fn expand_aliases(&self, file: FileId, ty: Type, depth: usize) -> Type {
        let aliases = &self.index.file(file).aliases;
        if aliases.is_empty() || depth > 4 {
            return ty;
        }
        let args = ty.args.into_iter().map(|a| self.expand_aliases(file, a, depth + 1)).collect();
        let ty = Type { args, ..ty };
        if ty.args.is_empty() {
            if let Some((_, target)) = aliases.iter().find(|(alias, _)| *alias == ty.name) {
                if let Some(mut expanded) = Type::parse(target) {
                    expanded.nullable |= ty.nullable;
                    return self.expand_aliases(file, expanded, depth + 1);
                }
            }
        }
        ty
    }

    /// The type and its bases, nearest first: the workspace's declarations (type arguments not
    /// followed), then the knowledge base's.
    pub fn family(&self, ty: &Type) -> Vec<Type> {
        let mut out: Vec<Type> = Vec::new();
        let push = |t: Type, out: &mut Vec<Type>| {
            if !out.iter().any(|o| o.name == t.name && o.args.len() == t.args.len()) {
                out.push(t);
            }
        };
        for name in self.index.type_and_bases(&ty.name) {
            let t = if name == ty.name { ty.non_nullable() } else { Type::named(name) };
            for u in self.knowledge.types.family(&t) {
                push(u, &mut out);
            }
        }
        out
    }
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
    use super::super::testing::Fixture;
    use super::*;

    /// The type of the expression `expr` in `text` (the last node with that text: a use, not the
    /// declaration).
    fn type_in(text: &str, others: &[&str], expr: &str) -> String {
        Fixture::new(text, others).with(|sem, root| {
            let mut node = None;
            root.walk(|n| {
                let excluded = matches!(n.kind(), "expression_statement" | "argument" | "global_statement");
                if n.text() == expr && !excluded && node.is_none_or(|prev: Node<'_>| prev.start() != n.start()) {
                    node = Some(n);
                }
            });
            match sem.type_of(node.unwrap_or_else(|| panic!("no `{expr}`"))) {
                TypeOf::Known(t) => t.to_string(),
                TypeOf::Unknown => "unknown".into(),
                TypeOf::NotAValue => "not a value".into(),
            }
        })
    }

    #[test]
    fn expressions_and_their_types() {
        let text = "using Ct = System.Threading.CancellationToken;
            class Base { protected Stream _inherited; }
            class A : Base { HttpClient _http; Stream S { get; } Box<string> _box;
            async Task F(TextWriter w, Ct token, Func<Task<int>> work) {
                var x = new MemoryStream(); var s = \"a\"; var n = 1; var r = await _http.GetAsync(u);
                var c = r.Content; var body = await c.ReadAsStreamAsync(); var t = Make(); var m = Make2();
                var boxed = _box.Value; var task = work(); var count = await work(); var q = _db.Users.Where(u => u.Ok);
                var unknown = Outside.Make(); var result = Task.FromResult(1); var l = Local(); int Local() => 1;
                use(x, s, n, r, c, body, t, m, boxed, token, task, count, q, unknown, result, w, S, l, this, _inherited);
            }
            Task<int> Make() => null; string Make2() => null; }
            class Box<T> { public T Value; }
            class Db : DbContext { public DbSet<User> Users { get; set; } }";
        let others = ["partial class A { Db _db; }"];
        let table = [
            ("x", "MemoryStream"),
            ("s", "string"),
            ("n", "int"),
            ("r", "HttpResponseMessage"),
            ("c", "HttpContent"),
            ("body", "Stream"),
            ("t", "Task<int>"),
            ("m", "string"),
            ("boxed", "string"),
            ("token", "CancellationToken"),
            ("task", "Task<int>"),
            ("count", "int"),
            ("q", "IQueryable<User>"),
            ("unknown", "unknown"),
            ("result", "Task<int>"),
            ("w", "TextWriter"),
            ("S", "Stream"),
            ("l", "int"),
            ("this", "A"),
            ("_inherited", "Stream"),
        ];
        for (expr, expected) in table {
            assert_eq!(type_in(text, &others, expr), expected, "{expr}");
        }
    }

    #[test]
    fn literals_casts_and_operators() {
        let text = "class A { void F(object o) { G(1L, 2.5m, 'c', o as Stream, (Task)o, a == b, \"a\" + 1, c ? 1 : 2, c ? 1 : \"x\", nameof(F), typeof(A)); } }";
        for (expr, expected) in [
            ("1L", "long"),
            ("2.5m", "decimal"),
            ("'c'", "char"),
            ("o as Stream", "Stream?"),
            ("(Task)o", "Task"),
            ("a == b", "bool"),
            ("\"a\" + 1", "string"),
            ("c ? 1 : 2", "int"),
            ("c ? 1 : \"x\"", "unknown"),
            ("nameof(F)", "string"),
            ("typeof(A)", "Type"),
        ] {
            assert_eq!(type_in(text, &[], expr), expected, "{expr}");
        }
    }

    #[test]
    fn types_and_void_calls_are_not_values() {
        let text = "class A { void V() {} void F() { File.Open(p); V(); System.IO.Path.Combine(a, b); } }";
        assert_eq!(type_in(text, &[], "File"), "not a value");
        assert_eq!(type_in(text, &[], "V()"), "not a value");
        assert_eq!(type_in(text, &[], "File.Open(p)"), "FileStream");
        assert_eq!(type_in(text, &[], "System.IO.Path.Combine(a, b)"), "string");
    }

    #[test]
    fn top_level_statements_and_overloads_that_differ() {
        let text =
            "var client = new HttpClient(); var s = new FileStream(p); var read = s.ReadAsync(b); client.GetAsync(u);";
        assert_eq!(type_in(text, &[], "client"), "HttpClient");
        assert_eq!(type_in(text, &[], "read"), "unknown", "Task<int> or ValueTask<int>");
    }
}
