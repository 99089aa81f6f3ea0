//! `callees`: what a call binds to.
//!
//! One binder for both ways a call is seen: with its tree, in the file being checked
//! ([`Semantics::callees`]), and as the index recorded it, in any file of the workspace
//! ([`Semantics::site_callees`], for call chains). The receiver's type comes from `type_of` in the
//! first case and from the declaration the index recorded in the second; the rest is the same.

use super::types::Types;
use super::views::{Invocation, Receiver};
use super::Semantics;
use crate::index::{CallSite, MethodEntry, MethodRef, Receiver as SiteReceiver};
use crate::source::FileId;
use crate::syntax::{declared_type, is_function, simple_name, DeclaredType, Node, Type};

/// What a call binds to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Callees<'a> {
    /// One of these workspace methods (overloads the arguments do not tell apart; extension
    /// methods of the workspace included).
    Workspace(Vec<MethodRef>),
    /// One of these local functions (`local_function_statement` nodes) of the member.
    Local(Vec<Node<'a>>),
    /// A delegate held in a variable, field or property of this type (`work()` where `work` is a
    /// `Func<Task>`).
    Delegate(Type),
    /// An API declared outside the workspace: called on a receiver of type `owner` (or a static
    /// method of `owner`); `owner` is `None` when the receiver's type is not known but no
    /// workspace method has the name.
    Outside {
        /// The receiver's type, or the type of a static call.
        owner: Option<Type>,
        /// `Type.Method(…)` or a `using static` import.
        is_static: bool,
    },
    /// Cannot be told.
    Unknown,
}

impl Callees<'_> {
    /// The workspace methods, when the call binds to some.
    pub fn methods(&self) -> &[MethodRef] {
        match self {
            Callees::Workspace(methods) => methods,
            _ => &[],
        }
    }
}

/// What overload choice looks at: how many arguments, which are named, which are `ref`, `out` or
/// `in`, and how many type arguments are given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArgShape {
    /// The number of arguments.
    pub count: usize,
    /// The names of the named arguments.
    pub names: Vec<String>,
    /// The `ref`, `out` or `in` arguments, by position.
    pub modifiers: Vec<(usize, &'static str)>,
    /// The number of explicit type arguments (0: none written).
    pub type_args: usize,
    /// The predefined type of each positional argument that is a literal (`"a"`, `1`, `true`):
    /// enough to tell `M(string)` from `M(int)` without a compiler.
    pub literals: Vec<(usize, &'static str)>,
}

impl ArgShape {
    /// The shape of an invocation.
    pub fn of(call: &Invocation<'_>) -> Self {
        let arguments = call.arguments();
        ArgShape {
            count: arguments.len(),
            names: arguments.iter().filter_map(|a| a.name.map(str::to_owned)).collect(),
            modifiers: arguments.iter().enumerate().filter_map(|(i, a)| a.modifier.map(|m| (i, m))).collect(),
            type_args: call.type_arguments().len(),
            literals: arguments
                .iter()
                .enumerate()
                .filter(|(_, a)| a.name.is_none())
                .filter_map(|(i, a)| a.value.and_then(literal_type).map(|t| (i, t)))
                .collect(),
        }
    }

    /// The shape of a call site of the index.
    pub fn of_site(site: &CallSite) -> Self {
        ArgShape {
            count: site.args,
            names: site.arg_names.iter().map(|n| n.to_string()).collect(),
            modifiers: site.arg_modifiers.to_vec(),
            type_args: site.type_args,
            literals: Vec::new(),
        }
    }

    /// Whether a call of this shape can bind to `method`; `as_extension` when it is called as an
    /// extension method (`x.M()` binding `M(this T x, …)`: the receiver is the first parameter).
    pub fn fits(&self, method: &MethodEntry, as_extension: bool) -> bool {
        let params = if as_extension { method.params.get(1..).unwrap_or_default() } else { &method.params[..] };
        if self.type_args > 0 && self.type_args != method.type_params.len() {
            return false;
        }
        let is_params = |p: &crate::index::Param| p.modifier.as_deref() == Some("params");
        let has_params_array = params.last().is_some_and(is_params);
        let positional = self.count - self.names.len().min(self.count);
        // Every named argument names a parameter, after the positional ones.
        for name in &self.names {
            match params.iter().position(|p| p.name == *name) {
                Some(i) if i >= positional || has_params_array && i + 1 == params.len() => {}
                _ => return false,
            }
        }
        let fixed = if has_params_array { params.len() - 1 } else { params.len() };
        if positional > fixed && !has_params_array {
            return false;
        }
        // Every parameter that is not given is optional (or the `params` array).
        for (i, p) in params.iter().enumerate() {
            let given = i < positional || self.names.contains(&p.name);
            if !given && p.default.is_none() && !is_params(p) {
                return false;
            }
        }
        // `ref` and `out` must match; `in` may be left out.
        for (i, p) in params.iter().enumerate().take(positional.min(fixed)) {
            let given = self.modifiers.iter().find(|(at, _)| *at == i).map(|(_, m)| *m);
            let declared = p.modifier.as_deref().filter(|m| matches!(*m, "ref" | "out" | "in"));
            let ok = match (declared, given) {
                (Some("in"), None | Some("in")) => true,
                (declared, given) => declared == given,
            };
            if !ok {
                return false;
            }
        }
        if self.modifiers.iter().any(|(at, _)| *at >= fixed.min(positional) && *at < positional) {
            return false;
        }
        // A literal converts to a predefined type only along the language's own conversions.
        self.literals.iter().all(|&(i, literal)| {
            let param = params.get(i).or_else(|| params.last().filter(|p| is_params(p)));
            param.is_none_or(|p| {
                // Past the fixed parameters, an argument is an element of the `params` array.
                let declared = if i >= fixed { p.type_text.trim_end_matches("[]") } else { &p.type_text };
                literal_converts(literal, declared.trim_end_matches('?'))
            })
        })
    }
}

/// The predefined type of a literal argument.
fn literal_type(value: Node<'_>) -> Option<&'static str> {
    Some(match value.kind() {
        "string_literal" | "verbatim_string_literal" | "raw_string_literal" | "interpolated_string_expression" => {
            "string"
        }
        "character_literal" => "char",
        "boolean_literal" => "bool",
        "integer_literal" => "int",
        _ => return None,
    })
}

/// Whether a literal of the predefined type `literal` converts to a parameter declared `declared`
/// (as written). Only predefined parameter types are judged: anything else (a type parameter, a
/// struct with an implicit conversion, an enum for `0`) is taken to fit.
fn literal_converts(literal: &str, declared: &str) -> bool {
    let declared = simple_name(declared);
    const NUMERIC: &[&str] = &[
        "int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "float", "double", "decimal", "nint",
        "nuint",
    ];
    let predefined =
        NUMERIC.contains(&declared) || matches!(declared, "string" | "String" | "char" | "bool" | "Boolean");
    if !predefined {
        return true;
    }
    match literal {
        "string" => matches!(declared, "string" | "String"),
        "char" => declared == "char" || NUMERIC.contains(&declared) && declared != "byte" && declared != "sbyte",
        "bool" => matches!(declared, "bool" | "Boolean"),
        "int" => NUMERIC.contains(&declared),
        _ => true,
    }
}

/// What the receiver of a call is, whichever way the call is seen.
enum Target {
    /// `M()`, `this.M()`: the enclosing type (and, for `M()`, the types around it).
    Own { implicit: bool },
    /// `base.M()`.
    Base,
    /// `Type.M()`.
    Static(Type),
    /// `x.M()` with `x` of this type, or of a type that is not known.
    Value(Option<Type>),
}

impl<'a> Semantics<'a> {
    /// What `call` (of this file) binds to.
    pub fn callees(&self, call: &Invocation<'a>) -> Callees<'a> {
        self.callees_named(call, call.name)
    }

    /// What `call` would bind to if it called `name` instead, with the same receiver and
    /// arguments: the async twin `LoadAsync` of a call of `Load`, an instance method of the
    /// receiver's type or an extension method of the workspace.
    pub fn callees_named(&self, call: &Invocation<'a>, name: &str) -> Callees<'a> {
        let shape = ArgShape::of(call);
        let target = match call.receiver {
            Receiver::Implicit => {
                let locals = self.local_functions(call.node, name);
                if !locals.is_empty() {
                    return Callees::Local(locals);
                }
                // A variable of a delegate type, called.
                match declared_type(name, call.node) {
                    DeclaredType::Type(text) => {
                        return self.read_type(self.file, text).map_or(Callees::Unknown, Callees::Delegate)
                    }
                    // `var work = …; work()`, a lambda's parameter: its type as far as it is known.
                    DeclaredType::Unknown if name == call.name => {
                        return match self.types_of(call.name_node) {
                            Types::OneOf(types) if types.len() == 1 => Callees::Delegate(types[0].clone()),
                            _ => Callees::Unknown,
                        }
                    }
                    DeclaredType::Unknown => return Callees::Unknown,
                    DeclaredType::NotFound => {}
                }
                Target::Own { implicit: true }
            }
            Receiver::This => Target::Own { implicit: false },
            Receiver::Base => Target::Base,
            Receiver::Expression(r) | Receiver::Conditional(r) => match self.static_type(r) {
                Some(ty) => Target::Static(ty),
                None => match self.types_of(r) {
                    Types::OneOf(types) if types.len() == 1 => Target::Value(types.into_iter().next()),
                    _ => Target::Value(None),
                },
            },
        };
        if name == "Invoke" {
            if let Target::Value(Some(ty)) = &target {
                if self.is_delegate_type(ty) {
                    return Callees::Delegate(ty.clone());
                }
            }
        }
        let owners: Vec<String> = self.enclosing_type_names(call.node);
        self.bind(self.file, name, &shape, target, &owners)
    }

    /// What `call` binds to when called on `receiver` instead of the receiver it was parsed with
    /// (tree-sitter reads `await x?.F()` as `(await x)?.F()`).
    pub fn callees_on(&self, call: &Invocation<'a>, receiver: Node<'a>) -> Callees<'a> {
        let shape = ArgShape::of(call);
        let target = match self.static_type(receiver) {
            Some(ty) => Target::Static(ty),
            None => match self.types_of(receiver) {
                Types::OneOf(types) if types.len() == 1 => Target::Value(types.into_iter().next()),
                _ => Target::Value(None),
            },
        };
        let owners = self.enclosing_type_names(call.node);
        self.bind(self.file, call.name, &shape, target, &owners)
    }

    /// What a call site recorded by the index (in any file) binds to. Local functions shadow
    /// methods ([`CallSite::local_callee`]): Unknown then.
    pub fn site_callees(&self, file: FileId, site: &CallSite) -> Callees<'a> {
        if site.local_callee {
            return Callees::Unknown;
        }
        let shape = ArgShape::of_site(site);
        let owners: Vec<String> = site.owner.iter().map(|o| o.to_string()).collect();
        let target = match &site.receiver {
            SiteReceiver::Implicit => Target::Own { implicit: true },
            SiteReceiver::This => Target::Own { implicit: false },
            SiteReceiver::Base => Target::Base,
            SiteReceiver::Expression(text) => {
                let declared = site.receiver_type.as_deref().or_else(|| {
                    site.owner.as_deref().and_then(|o| self.index.member_type(o, text)).filter(|_| is_plain_name(text))
                });
                match declared {
                    Some(t) => Target::Value(self.read_type(file, t)),
                    None if is_type_like_name(text) => match self.read_type(file, text) {
                        Some(ty) => Target::Static(ty),
                        None => Target::Value(None),
                    },
                    None => Target::Value(None),
                }
            }
        };
        self.bind(file, &site.name, &shape, target, &owners)
    }

    /// The binder: the methods called `name` that a call of `shape` on `target`, made in `file`
    /// inside the types `owners` (innermost first), may bind to.
    fn bind(&self, file: FileId, name: &str, shape: &ArgShape, target: Target, owners: &[String]) -> Callees<'a> {
        let index = self.index;
        // An explicit interface implementation (`IDbCommand IDbConnection.CreateCommand()`) is
        // called only through the interface.
        let through_interface = match &target {
            Target::Value(Some(ty)) => Some(ty.name.clone()),
            _ => None,
        };
        let fitting = |methods: Vec<MethodRef>, want_static: Option<bool>| -> Vec<MethodRef> {
            let methods: Vec<MethodRef> = methods
                .into_iter()
                .filter(|&m| {
                    let entry = index.method(m);
                    entry.explicit_interface.as_deref().is_none_or(|i| through_interface.as_deref() == Some(i))
                        && want_static.is_none_or(|s| entry.has_modifier("static") == s)
                        && shape.fits(entry, false)
                })
                .collect();
            self.visible_from(file, methods)
        };
        match target {
            Target::Own { implicit } => {
                // The innermost type that has a method of that name decides (C#'s member lookup).
                let types: Vec<&String> =
                    if implicit { owners.iter().collect() } else { owners.iter().take(1).collect() };
                for owner in types {
                    let named = index.methods_named(owner, name);
                    if !named.is_empty() {
                        return workspace(fitting(named, None));
                    }
                    if index.has_outside_bases(owner) {
                        // Inherited from a base the workspace does not declare, perhaps.
                        return Callees::Unknown;
                    }
                }
                if implicit {
                    return self.static_import(file, name, shape);
                }
                Callees::Unknown
            }
            Target::Base => {
                let Some(owner) = owners.first() else { return Callees::Unknown };
                let Some(base) = index.type_and_bases(owner).get(1).map(|b| b.to_string()) else {
                    return Callees::Unknown;
                };
                if !index.is_workspace_type(&base) {
                    return Callees::Outside { owner: Some(Type::named(&base)), is_static: false };
                }
                let named = index.methods_named(&base, name);
                match named.is_empty() {
                    true if index.has_outside_bases(&base) => Callees::Unknown,
                    true => Callees::Unknown,
                    false => workspace(fitting(named, Some(false))),
                }
            }
            Target::Static(ty) => {
                if index.is_workspace_type(&ty.name) {
                    let named = index.methods_named(&ty.name, name);
                    if named.is_empty() {
                        return Callees::Unknown;
                    }
                    return workspace(fitting(named, Some(true)));
                }
                Callees::Outside { owner: Some(ty), is_static: true }
            }
            Target::Value(Some(ty)) => {
                if index.is_workspace_type(&ty.name) && index.type_kind(&ty.name) != Some("delegate") {
                    let mut named = index.methods_named(&ty.name, name);
                    // A class's own members hide the interface members it implements: a call on
                    // a class binds to a class's method (interface methods count for interfaces).
                    if index.type_kind(&ty.name) != Some("interface") {
                        let of_classes: Vec<MethodRef> = named
                            .iter()
                            .copied()
                            .filter(|&m| index.type_kind(&index.method(m).owner) != Some("interface"))
                            .collect();
                        if !of_classes.is_empty() {
                            named = of_classes;
                        }
                    }
                    let fit = fitting(named.clone(), Some(false));
                    if !fit.is_empty() {
                        return Callees::Workspace(fit);
                    }
                    if !named.is_empty() && !index.has_outside_bases(&ty.name) {
                        return Callees::Unknown;
                    }
                    let extensions = self.extensions(file, name, shape, Some(&ty));
                    if !extensions.is_empty() {
                        return Callees::Workspace(extensions);
                    }
                    if index.has_outside_bases(&ty.name) {
                        // Inherited from an outside base the knowledge base describes.
                        let base = self
                            .family(&ty)
                            .into_iter()
                            .filter(|b| !index.is_workspace_type(&b.name))
                            .find(|b| self.knowledge.types.method(b, name).is_some());
                        return match base {
                            Some(base) => Callees::Outside { owner: Some(base), is_static: false },
                            None => Callees::Unknown,
                        };
                    }
                    // An extension method declared outside the workspace (LINQ on a workspace
                    // collection, say).
                    return Callees::Outside { owner: Some(ty), is_static: false };
                }
                // An instance method of the outside type wins over an extension method; the
                // knowledge base knows some of them.
                if self.knowledge.types.method(&ty, name).is_some() {
                    return Callees::Outside { owner: Some(ty), is_static: false };
                }
                let extensions = self.extensions(file, name, shape, Some(&ty));
                if !extensions.is_empty() {
                    return Callees::Workspace(extensions);
                }
                if self.extension_named(name) {
                    // A workspace extension method of that name that the import or receiver rules
                    // exclude: the call may still bind to it where asyncfix reads them wrong.
                    return Callees::Unknown;
                }
                Callees::Outside { owner: Some(ty), is_static: false }
            }
            Target::Value(None) => {
                if index.declares_method_named(name) {
                    Callees::Unknown
                } else {
                    Callees::Outside { owner: None, is_static: false }
                }
            }
        }
    }

    /// Of methods of types that share a simple name, those whose type's namespace `file` sees (its
    /// own namespace, a parent, an import): two `Loader` classes in two namespaces are two types.
    /// When none is visible (a namespace asyncfix reads wrong), all of them.
    fn visible_from(&self, file: FileId, methods: Vec<MethodRef>) -> Vec<MethodRef> {
        if methods.len() < 2 {
            return methods;
        }
        let namespace_of = |m: MethodRef| {
            let owner = &self.index.method(m).owner;
            self.index.file(m.0).types.iter().find(|t| t.name == *owner).map(|t| t.namespace.clone())
        };
        let visible: Vec<MethodRef> = methods
            .iter()
            .copied()
            .filter(|&m| namespace_of(m).is_none_or(|ns| self.file_imports(file, &ns)))
            .collect();
        if visible.is_empty() {
            methods
        } else {
            visible
        }
    }

    /// `using static T;` imports: the static methods called `name` of the types the file imports.
    fn static_import(&self, file: FileId, name: &str, shape: &ArgShape) -> Callees<'a> {
        let imported = &self.index.file(file).static_usings;
        let mut found: Vec<MethodRef> = Vec::new();
        let mut outside: Vec<Type> = Vec::new();
        for text in imported {
            let Some(ty) = self.read_type(file, text) else { continue };
            if self.index.is_workspace_type(&ty.name) {
                found.extend(self.index.methods_named(&ty.name, name).into_iter().filter(|&m| {
                    let entry = self.index.method(m);
                    entry.has_modifier("static") && shape.fits(entry, false)
                }));
            } else {
                outside.push(ty);
            }
        }
        match (found.is_empty(), outside.as_slice()) {
            (false, []) => Callees::Workspace(found),
            (true, [one]) if !self.index.declares_method_named(name) => {
                Callees::Outside { owner: Some(one.clone()), is_static: true }
            }
            _ => Callees::Unknown,
        }
    }

    /// The workspace extension methods called `name` that a call of `shape` on a receiver of type
    /// `receiver` (`None`: not known) made in `file` may bind to: declared in a namespace the file
    /// imports, on a `this` parameter the receiver converts to.
    fn extensions(&self, file: FileId, name: &str, shape: &ArgShape, receiver: Option<&Type>) -> Vec<MethodRef> {
        let family: Vec<Type> = receiver.map(|r| self.family(r)).unwrap_or_default();
        self.index
            .methods_called(name)
            .into_iter()
            .filter(|&m| {
                let entry = self.index.method(m);
                let Some(this) = entry.params.first().filter(|p| p.modifier.as_deref() == Some("this")) else {
                    return false;
                };
                if !shape.fits(entry, true) {
                    return false;
                }
                let namespace = self.index.type_entry(&entry.owner).map(|t| t.namespace.clone()).unwrap_or_default();
                if !self.file_imports(file, &namespace) {
                    return false;
                }
                let Some(this_type) = self.read_type(m.0, &this.type_text) else { return false };
                // `this Task<T> t` takes a `Task<int>`, not a `Task`: the arity must match too.
                receiver.is_none()
                    || entry.type_params.contains(&this_type.name)
                    || this_type.name == "object"
                    || family.iter().any(|t| t.name == this_type.name && t.args.len() == this_type.args.len())
            })
            .collect()
    }

    /// Whether the workspace declares an extension method called `name`.
    fn extension_named(&self, name: &str) -> bool {
        self.index
            .methods_called(name)
            .into_iter()
            .any(|m| self.index.method(m).params.first().is_some_and(|p| p.modifier.as_deref() == Some("this")))
    }

    /// [`Semantics::imports`] for any file of the workspace.
    fn file_imports(&self, file: FileId, namespace: &str) -> bool {
        if file == self.file {
            return self.imports(namespace);
        }
        if namespace.is_empty() {
            return true;
        }
        let entry = self.index.file(file);
        let inside = |ns: &str| ns == namespace || ns.strip_prefix(namespace).is_some_and(|rest| rest.starts_with('.'));
        entry.usings.iter().any(|u| u == namespace)
            || entry.namespaces.iter().any(|ns| inside(ns))
            || self.index.has_global_using(namespace)
    }

    /// Whether `ty` is a delegate type: `Func`, `Action`, a void delegate of the knowledge base,
    /// or a delegate the workspace declares.
    pub fn is_delegate_type(&self, ty: &Type) -> bool {
        matches!(ty.name.as_str(), "Func" | "Action" | "Predicate" | "Comparison" | "Converter")
            || self.knowledge.void_delegate_types.contains(&ty.name)
            || self.index.type_kind(&ty.name) == Some("delegate")
    }

    /// The simple names of the types declared around `node`, innermost first.
    fn enclosing_type_names(&self, node: Node<'a>) -> Vec<String> {
        crate::syntax::enclosing_types(node).filter_map(|t| t.field("name")).map(|n| n.text().to_owned()).collect()
    }

    /// The local functions called `name` visible from `at`: declared in the blocks of the
    /// functions around it, up to the member.
    fn local_functions(&self, at: Node<'a>, name: &str) -> Vec<Node<'a>> {
        let mut member = None;
        for a in at.scope_ancestors() {
            match a.kind() {
                kind if is_function(kind) => member = Some(a),
                "global_statement" => member = a.parent(),
                "class_declaration" | "struct_declaration" | "record_declaration" | "interface_declaration" => break,
                _ => {}
            }
        }
        let Some(member) = member else { return Vec::new() };
        // Collected once per member: a walk of the member per call is quadratic in a long method.
        let ranges = self.memo().memoized(LocalFunctions(member.id()), || {
            let mut out: Vec<(String, std::ops::Range<usize>)> = Vec::new();
            member.walk(|n| {
                if n.kind() == "local_function_statement" {
                    if let Some(name) = n.field("name") {
                        out.push((name.text().to_owned(), n.range()));
                    }
                }
            });
            out
        });
        ranges
            .iter()
            .filter(|(n, _)| n == name)
            .filter_map(|(_, range)| find_node(member, range, "local_function_statement"))
            .collect()
    }
}

/// The key of a member's local functions: the member's node id.
#[derive(PartialEq, Eq, Hash)]
struct LocalFunctions(usize);

/// The node of `kind` at `range` under `root`.
fn find_node<'a>(root: Node<'a>, range: &std::ops::Range<usize>, kind: &str) -> Option<Node<'a>> {
    let mut current = root;
    'down: loop {
        if current.range() == *range && current.kind() == kind {
            return Some(current);
        }
        for child in current.named_children() {
            if child.start() <= range.start && range.end <= child.end() {
                current = child;
                continue 'down;
            }
        }
        return None;
    }
}

fn workspace<'a>(methods: Vec<MethodRef>) -> Callees<'a> {
    if methods.is_empty() {
        Callees::Unknown
    } else {
        Callees::Workspace(methods)
    }
}

/// `x`, `_field`: a name, not a chain or a call.
fn is_plain_name(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '@')
}

/// `File`, `System.IO.File`: a name chain whose last part starts with a capital letter, as types
/// are written.
fn is_type_like_name(text: &str) -> bool {
    let last = simple_name(text);
    text.split(['.', ':']).all(|p| p.is_empty() || is_plain_name(p))
        && last.starts_with(|c: char| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::super::testing::Fixture;
    use super::*;

    /// What the first call of `name` in the first text binds to, as `Owner.Name/arity` lines.
    fn bound(texts: &[&str], name: &str) -> String {
        Fixture::new(texts[0], &texts[1..]).with(|sem, root| {
            let mut call = None;
            root.walk(|n| {
                if call.is_none() {
                    call = Invocation::cast(n).filter(|c| c.name == name);
                }
            });
            let call = call.unwrap_or_else(|| panic!("no call of {name}"));
            let tree_answer = describe(&sem, &sem.callees(&call));
            tree_answer
        })
    }

    fn describe(sem: &Semantics<'_>, callees: &Callees<'_>) -> String {
        match callees {
            Callees::Workspace(ms) => ms
                .iter()
                .map(|&m| {
                    let e = sem.index.method(m);
                    format!("{}.{}/{}", e.owner, e.name, e.params.len())
                })
                .collect::<Vec<_>>()
                .join(" "),
            Callees::Local(fs) => format!("local x{}", fs.len()),
            Callees::Delegate(t) => format!("delegate {t}"),
            Callees::Outside { owner, is_static } => {
                format!(
                    "outside {}{}",
                    owner.as_ref().map_or("?".into(), |o| o.to_string()),
                    if *is_static { " static" } else { "" }
                )
            }
            Callees::Unknown => "unknown".into(),
        }
    }

    #[test]
    fn overloads_chosen_by_arguments() {
        let text = "class A { void M(int a) {} void M(int a, int b = 2) {} void M(string s, params int[] rest) {} \
                    void N(int a, ref int b) {} void N(int a, out int b) { b = 1; } void G<T>() {} void G<T, U>() {} \
                    void F() { M(1); M(a: 1, b: 2); M(\"x\", 1, 2, 3); N(1, out var z); G<int>(); } }";
        assert_eq!(bound(&[text], "M"), "A.M/1 A.M/2");
        let named = text.replace("M(1);", "");
        assert_eq!(bound(&[&named], "M"), "A.M/2", "a named argument only the second has");
        let params = named.replace("M(a: 1, b: 2);", "");
        assert_eq!(bound(&[&params], "M"), "A.M/2", "a params array: the binder filters by parameter names only");
        assert_eq!(bound(&[text], "N"), "A.N/2");
        assert_eq!(bound(&[text], "G"), "A.G/0");
    }

    #[test]
    fn extension_methods_of_the_workspace() {
        let ext = "namespace Lib { static class TaskExtensions { public static ConfiguredTaskAwaitable ForAwait(this Task t) => t.ConfigureAwait(false); \
                   public static ConfiguredTaskAwaitable<T> ForAwait<T>(this Task<T> t) => t.ConfigureAwait(false); } }";
        let user = "using Lib; class A { async Task F(Task t) { await t.ForAwait(); } }";
        assert_eq!(bound(&[user, ext], "ForAwait"), "TaskExtensions.ForAwait/1");
        let not_imported = "class A { async Task F(Task t) { await t.ForAwait(); } }";
        assert_eq!(bound(&[not_imported, ext], "ForAwait"), "unknown", "not imported, yet named like one");
        let unknown_receiver = "using Lib; class A { async Task F() { await Make().ForAwait(); } }";
        assert_eq!(bound(&[unknown_receiver, ext], "ForAwait"), "unknown");
    }

    #[test]
    fn a_call_renamed_binds_as_the_compiler_would_bind_the_twin() {
        let texts = [
            "using Lib; class A { void F(Repo r) { r.Save(1); r.Load(); r.Drop(); } }",
            "namespace Lib { class Repo { public void Save(int x) {} public int Load() => 1; public void Drop() {} public Task<int> LoadAsync() => null; } \
             static class RepoExtensions { public static Task SaveAsync(this Repo r, int x) => null; } }",
        ];
        Fixture::new(texts[0], &texts[1..]).with(|sem, root| {
            let renamed = |name: &str| {
                let mut call = None;
                root.walk(|n| {
                    if call.is_none() {
                        call = Invocation::cast(n).filter(|c| c.name == name);
                    }
                });
                describe(&sem, &sem.callees_named(&call.expect("the call"), &format!("{name}Async")))
            };
            assert_eq!(renamed("Save"), "RepoExtensions.SaveAsync/2", "an extension method of the workspace");
            assert_eq!(renamed("Load"), "Repo.LoadAsync/0", "a method of the receiver's type");
            // No such method in the workspace: an extension method declared outside it, perhaps (as for
            // any call of a name the workspace type lacks); never a workspace twin.
            assert_eq!(renamed("Drop"), "outside Repo", "no such method in the workspace");
        });
    }

    #[test]
    fn receivers_of_every_kind() {
        let text = "using static System.Math; class Base { protected virtual void Save() {} } \
                    class A : Base { HttpClient _http; Func<Task<int>> _work; static void S() {} \
                    void F(Store store) { _http.GetAsync(u); store.Put(); A.S(); File.ReadAllText(p); base.Save(); _work(); \
                    Local(); void Local() {} Max(1, 2); Outside.Thing(); unknownThing.Frob(); } } \
                    class Store { public void Put() {} }";
        assert_eq!(bound(&[text], "GetAsync"), "outside HttpClient");
        assert_eq!(bound(&[text], "Put"), "Store.Put/0");
        assert_eq!(bound(&[text], "S"), "A.S/0");
        assert_eq!(bound(&[text], "ReadAllText"), "outside File static");
        assert_eq!(bound(&[text], "Save"), "Base.Save/0");
        assert_eq!(bound(&[text], "_work"), "delegate Func<Task<int>>");
        assert_eq!(bound(&[text], "Local"), "local x1");
        assert_eq!(bound(&[text], "Max"), "outside Math static");
        assert_eq!(bound(&[text], "Frob"), "outside ?");
    }

    #[test]
    fn site_resolution_agrees_with_the_tree() {
        let texts = [
            "class A { Store _s; void F() { _s.Put(1); Helper(); } void Helper() {} }",
            "class Store { public void Put(int x) {} public void Put(string s, int y) {} }",
        ];
        Fixture::new(texts[0], &texts[1..]).with(|sem, root| {
            root.walk(|n| {
                if let Some(call) = Invocation::cast(n) {
                    let site = sem.index.file(0).call_at(&n.range()).expect("recorded");
                    assert_eq!(sem.callees(&call), sem.site_callees(0, site), "{}", call.name);
                }
            });
        });
    }

    /// What each recorded call of `name` binds to, read from the index alone (as call chains
    /// read calls in other files).
    fn sites(texts: &[&str], name: &str) -> Vec<String> {
        Fixture::new(texts[0], &texts[1..]).with(|sem, _| {
            sem.index.calls_named(name).map(|(file, site)| describe(&sem, &sem.site_callees(file, site))).collect()
        })
    }

    #[test]
    fn sites_resolve_through_bases_static_types_and_argument_counts() {
        let texts = [
            "class Base { protected void Save(int a) {} protected void Save(int a, int b) {} }",
            "class Repo : Base { async Task F() { Save(1); this.Save(1, 2); Util.Log(); _db.Save(1); Other(); } }",
            "static class Util { public static void Log() {} }",
        ];
        assert_eq!(
            sites(&texts, "Save"),
            ["Base.Save/1", "Base.Save/2", "unknown"],
            "`_db`: a receiver of unknown type"
        );
        assert_eq!(sites(&texts, "Log"), ["Util.Log/0"]);
        assert_eq!(sites(&texts, "Other"), ["unknown"]);
    }

    #[test]
    fn sites_resolve_through_typed_fields_and_properties_across_files() {
        let texts = [
            "partial class Service { async Task F(Store local) { await _repo.Load(); await local.Save(); await Db.Save(); } }",
            "partial class Service { private readonly IRepo _repo; Store Db { get; } }",
            "interface IRepo { Task Load(); } class Store { public Task Save() => null; }",
        ];
        assert_eq!(sites(&texts, "Load"), ["IRepo.Load/0"]);
        assert_eq!(sites(&texts, "Save"), ["Store.Save/0", "Store.Save/0"]);
    }

    #[test]
    fn a_local_function_shadows_the_method_of_that_name() {
        let text = "class A { void Load() {} void F() { Load(); void Load() {} } void G() { Load(); } }";
        assert_eq!(sites(&[text], "Load"), ["unknown", "A.Load/0"]);
    }

    #[test]
    fn shapes_fit_parameters() {
        let method = |text: &str| {
            let tree = crate::syntax::parse(text).unwrap();
            crate::index::FileIndex::extract(Node::root(&tree, text)).methods.remove(0)
        };
        let m = method("class A { void M(int a, string b = null, params int[] rest) {} }");
        let shape = |count, names: &[&str]| ArgShape {
            count,
            names: names.iter().map(|s| s.to_string()).collect(),
            ..ArgShape::default()
        };
        assert!(shape(1, &[]).fits(&m, false));
        assert!(shape(5, &[]).fits(&m, false));
        assert!(shape(2, &["b"]).fits(&m, false));
        assert!(!shape(0, &[]).fits(&m, false));
        assert!(!shape(2, &["c"]).fits(&m, false));
        let ext = method("static class E { public static void M(this Task t, int x) {} }");
        assert!(shape(1, &[]).fits(&ext, true));
        assert!(!shape(0, &[]).fits(&ext, true));
    }
}
