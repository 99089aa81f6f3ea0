//! What one file declares and calls, extracted in one walk of its tree.

use std::ops::Range;
use std::sync::Arc;

use crate::source::dominant_newline;
use crate::syntax::{
    attribute_names, enclosing_types, in_postfix_position, is_function, is_trivia, is_type_declaration, simple_name,
    DeclaredType, Function, Node, ScopeCache,
};

/// A type declared in a file.
#[derive(Clone, Debug)]
pub struct TypeEntry {
    /// Simple name.
    pub name: String,
    /// `class`, `struct`, `record`, `interface` or `delegate`.
    pub kind: &'static str,
    /// The namespace it is declared in (`""` for the global namespace).
    pub namespace: String,
    /// Simple names of base types and implemented interfaces.
    pub bases: Vec<String>,
    /// Simple names of its attributes (`ApiController` for `[ApiController]`).
    pub attributes: Vec<String>,
    /// Its type parameters (`T` for `Box<T>`).
    pub type_params: Vec<String>,
    /// Whether it is declared `static` (a static class, where extension methods live).
    pub is_static: bool,
    /// For a delegate type: its return type as written.
    pub delegate_returns: Option<String>,
    /// Whether code outside its assembly can see it: declared `public` (or `protected` when
    /// nested), and so are the types around it.
    pub public: bool,
}

/// A parameter of a workspace method.
#[derive(Clone, Debug)]
pub struct Param {
    /// `ref`, `out`, `in`, `params` or `this`, if any.
    pub modifier: Option<String>,
    /// The type as written.
    pub type_text: String,
    /// The name.
    pub name: String,
    /// The default value as written, for optional parameters.
    pub default: Option<String>,
}

/// A method declared in a type.
#[derive(Clone, Debug)]
pub struct MethodEntry {
    /// Simple name of the declaring type.
    pub owner: String,
    /// Method name.
    pub name: String,
    /// Declared return type, as written.
    pub returns: String,
    /// Parameters in order.
    pub params: Vec<Param>,
    /// Modifiers as written (`public`, `async`, `override`, …).
    pub modifiers: Vec<String>,
    /// `IFoo` for an explicit interface implementation `void IFoo.M()`.
    pub explicit_interface: Option<String>,
    /// The whole declaration.
    pub range: Range<usize>,
    /// The names its body uses that are not its parameters or locals (fields, properties, types
    /// and methods it calls), each once.
    pub uses: Vec<MemberUse>,
    /// The locals its body declares, with their types where written (`T x`, `var x = new T()`).
    pub locals: Vec<LocalVar>,
    /// The name token (to rename the method).
    pub name_range: Range<usize>,
    /// The return type as written (to change it, or to insert `async ` before it).
    pub returns_range: Range<usize>,
    /// The parameter list, parentheses included (to add a parameter).
    pub params_range: Range<usize>,
    /// Simple names of its attributes (`Fact`, `HttpGet`).
    pub attributes: Vec<String>,
    /// Whether the body has a block or an expression (`false` for abstract, interface and extern
    /// members).
    pub has_body: bool,
    /// Whether its own body (not a nested function's) contains `yield`: an iterator.
    pub is_iterator: bool,
    /// Its type parameters (`T` for `Load<T>()`), in order.
    pub type_params: Vec<String>,
    /// Its `where` clauses, as written with white space collapsed (`where T : class`).
    pub constraints: Vec<String>,
    /// Whether `[Obsolete]` or `[Experimental]` marks it.
    pub stability: Stability,
}

/// Whether a member may be called at all without a warning or an error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Stability {
    /// Neither obsolete nor experimental.
    #[default]
    Stable,
    /// `[Obsolete]`: a warning at every use (CS0618), or an error with `error: true` (CS0619).
    Obsolete {
        /// `[Obsolete("…", true)]` or `error: true`.
        error: bool,
    },
    /// `[Experimental("ID")]`: an error at every use unless suppressed.
    Experimental,
}

/// A local variable (or lambda parameter, or local function) declared in a method body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocalVar {
    /// The name.
    pub name: String,
    /// The type as written (`T x`, `var x = new T(…)`), if any.
    pub type_text: Option<String>,
    /// Whether its declaration creates the object (`var x = new T(…)`, `T x = new T(…)`): then it
    /// is the method's own, a new one on each call.
    pub created: bool,
}

/// A name a method body uses that it does not declare: a field or property of its type, or a
/// method or type it calls through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemberUse {
    /// The name (`_db` for `_db.Users` and `this._db.Users`).
    pub name: String,
    /// Used as an object: `x.M()`, `x.P`, `x[i]`, `x?.M()`, `x()`.
    pub object: bool,
    /// Written, or a part of it written: `x = …`, `x.P = …`, `x[i] = …`, `x++`, `ref x`, `out x`.
    pub written: bool,
}

impl MethodEntry {
    /// Whether the declaration carries `modifier`.
    pub fn has_modifier(&self, modifier: &str) -> bool {
        self.modifiers.iter().any(|m| m == modifier)
    }

    /// Whether the declared return type is `Task`, `Task<T>`, `ValueTask` or `ValueTask<T>`.
    pub fn returns_task(&self) -> bool {
        is_task_type(&self.returns)
    }

    /// Whether a call with `args` arguments can bind to this method (defaults and `params`
    /// considered; named arguments are counted like positional ones).
    pub fn accepts_arg_count(&self, args: usize) -> bool {
        let has_params_array = self.params.last().is_some_and(|p| p.modifier.as_deref() == Some("params"));
        let required =
            self.params.iter().filter(|p| p.default.is_none() && p.modifier.as_deref() != Some("params")).count();
        let required =
            required - usize::from(self.params.first().is_some_and(|p| p.modifier.as_deref() == Some("this")));
        args >= required && (has_params_array || args <= self.params.len())
    }
}

/// Whether a type as written is `Task`, `Task<T>`, `ValueTask` or `ValueTask<T>`.
pub fn is_task_type(type_text: &str) -> bool {
    matches!(simple_name(type_text), "Task" | "ValueTask")
}

/// A field or property of a type.
#[derive(Clone, Debug)]
pub struct MemberEntry {
    /// Simple name of the declaring type.
    pub owner: String,
    /// The member's name.
    pub name: String,
    /// Its declared type, as written.
    pub type_text: String,
    /// Who may read it by name.
    pub access: Access,
    /// Whether it is declared `static` (or `const`).
    pub is_static: bool,
}

/// Who may read a member of a type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Access {
    /// Only its own type: `private` (the default in classes and structs), and the parameters of a
    /// class's primary constructor.
    #[default]
    Private,
    /// Its type and the types deriving from it: `protected`, `private protected`.
    Protected,
    /// Other types too: `public`, `internal`, `protected internal`, interface members, a record's
    /// positional parameters.
    Public,
}

/// A use of a name as a value that may be a method group, and what the use converts it to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MethodGroup {
    /// The name (`OnClick`, `manager_DeleteRequested`).
    pub name: Arc<str>,
    /// The name's identifier.
    pub range: Range<usize>,
    /// Simple name of the innermost type around the use.
    pub owner: Option<Arc<str>>,
    /// Where the group is converted to a delegate.
    pub context: GroupContext,
}

/// Where a method group is converted to a delegate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupContext {
    /// `target.Event += name;` or `-=`, possibly as `new Handler(name)`: an event handler.
    Subscription {
        /// The event's simple name.
        event: Arc<str>,
        /// What the event belongs to.
        target: EventTarget,
        /// The delegate type of `new Handler(name)`, as written.
        delegate: Option<Arc<str>>,
    },
    /// `new Handler(name)` elsewhere.
    DelegateCreation {
        /// The delegate type, as written.
        delegate: Arc<str>,
    },
    /// The initializer of a variable or field declared with a type (`Action a = name;`).
    Declared {
        /// The declared type, as written.
        type_text: Arc<str>,
    },
    /// An argument of the invocation at `call` (`list.ForEach(name)`).
    Argument {
        /// The invocation expression.
        call: Range<usize>,
        /// The argument's position.
        position: usize,
        /// Whether the argument is named.
        named: bool,
    },
    /// Anywhere else: an assignment, a `return`, a conditional operand.
    Other,
}

/// What an event that a method group subscribes to belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventTarget {
    /// `Event += …` or `this.Event += …`: the enclosing type (or a base).
    Implicit,
    /// `x.Event += …`: the receiver's text (abbreviated, see [`CallSite::receiver`]).
    Expression {
        /// The receiver's text.
        text: Arc<str>,
        /// The declared type of a receiver that is a local, parameter, field or property declared
        /// in this file (`this.button` declared `Button`), as written.
        declared_type: Option<Arc<str>>,
    },
}

/// What a call is made on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Receiver {
    /// `M()`.
    Implicit,
    /// `this.M()`.
    This,
    /// `base.M()`.
    Base,
    /// `x.M()`, `Type.M()`, `F().M()`: the receiver's text.
    Expression(Arc<str>),
}

/// A call of a method by name.
#[derive(Clone, Debug)]
pub struct CallSite {
    /// The method name called.
    pub name: Arc<str>,
    /// What it is called on.
    pub receiver: Receiver,
    /// The declared type of a receiver that is a local, parameter, field or property declared in
    /// this file (`None` when not declared here, or declared without a type).
    pub receiver_type: Option<Arc<str>>,
    /// Number of arguments.
    pub args: usize,
    /// The invocation expression.
    pub range: Range<usize>,
    /// Simple name of the innermost enclosing type.
    pub owner: Option<Arc<str>>,
    /// Whether the call runs in async code.
    pub in_async: bool,
    /// Whether the call is the operand of `await`.
    pub awaited: bool,
    /// Whether the call is a whole expression statement (`F();`).
    pub is_statement: bool,
    /// Whether `await` put before the call would need parentheses (`F().X`).
    pub in_postfix_position: bool,
    /// Whether the call is inside a `lock`, `unsafe` or `fixed` block or a `catch` filter of its
    /// function, where `await` is not allowed even in async code.
    pub in_lock: bool,
    /// The called name (the identifier, without type arguments): to rename the call.
    pub name_range: Range<usize>,
    /// The argument list, parentheses included (to add an argument).
    pub arguments: Range<usize>,
    /// Whether some argument is named (`F(x, token: t)`): a new argument must be named too.
    pub named_arguments: bool,
    /// The names of the named arguments, in order (empty for most calls: no allocation).
    pub arg_names: Box<[Arc<str>]>,
    /// The `ref`, `out` and `in` arguments, by position.
    pub arg_modifiers: Box<[(usize, &'static str)]>,
    /// How many type arguments the call gives explicitly (`Load<int>()`).
    pub type_args: usize,
    /// The method of this file whose body holds the call, through lambdas and local functions: an
    /// index into [`FileIndex::methods`].
    pub method: Option<usize>,
    /// Whether an unqualified name is a local function, local or parameter of the enclosing
    /// method (`Load()` where `Load` is a local function): it shadows the type's methods.
    pub local_callee: bool,
    /// The kind of the innermost function-like node around the call (`method_declaration`,
    /// `lambda_expression`, `local_function_statement`, `constructor_declaration`,
    /// `accessor_declaration`, …), `query_expression` inside a LINQ query, or `""` outside any
    /// (a field initializer).
    pub function_kind: &'static str,
}

/// What one file declares and calls.
#[derive(Clone, Debug, Default)]
pub struct FileIndex {
    /// Types, partial parts included (merged by the workspace index).
    pub types: Vec<TypeEntry>,
    /// The namespaces of [`FileIndex::types`], each once.
    pub namespaces: Vec<String>,
    /// Methods of types (local functions are not members and are not listed).
    pub methods: Vec<MethodEntry>,
    /// Fields and properties of types.
    pub members: Vec<MemberEntry>,
    /// Calls by name.
    pub calls: Vec<CallSite>,
    /// Uses of a name as a value that may be a method group (`Action a = Run;`,
    /// `x.Click += onClick;`, `new EventHandler(this.OnTick)`, `list.ForEach(Print)`), whatever its
    /// case: a change of the method's signature would break them. Locals, parameters and fields
    /// of the enclosing types are left out.
    pub groups: Vec<MethodGroup>,
    /// Names passed as method groups to a minimal-API route (`app.MapGet("/", GetItems)`): each
    /// is also in `groups`.
    pub route_handlers: Vec<String>,
    /// Namespaces imported with `global using` (they apply to every file of the project).
    pub global_usings: Vec<String>,
    /// Namespaces imported with a plain `using` directive anywhere in the file.
    pub usings: Vec<String>,
    /// Types imported with `using static` (as written: `System.Math`).
    pub static_usings: Vec<String>,
    /// `using Alias = Target;` directives: the alias and its target as written.
    pub aliases: Vec<(String, String)>,
    /// The plain `using` directives at the top of the file (not inside a namespace): the namespace
    /// and where the directive starts, in file order.
    pub top_usings: Vec<(String, usize)>,
    /// The end of the last `using` directive at the top of the file: where another one can go.
    pub usings_end: Option<usize>,
    /// The line ending the file mostly uses, for text inserted by fixes made elsewhere.
    pub newline: &'static str,
    /// Calls the index cannot resolve or await, by name and argument count: conditional access
    /// (`x?.M()`), whose value is null when `x` is.
    pub opaque_calls: Vec<(String, usize)>,
    /// Simple names given to `nameof(…)`: a method renamed would leave them behind.
    pub nameofs: Vec<String>,
    /// The names in code asyncfix cannot read (a syntax error, a member set aside around one, an
    /// inactive `#if` branch): each may be a use of a method of that name. See
    /// [`FileIndex::hide`].
    pub hidden_names: Vec<Arc<str>>,
}

impl FileIndex {
    /// Records the identifiers of `text` in `ranges` (code the tree does not show faithfully) as
    /// [`FileIndex::hidden_names`], each once.
    pub fn hide<'r>(&mut self, text: &str, ranges: impl IntoIterator<Item = &'r Range<usize>>) {
        let mut names: std::collections::BTreeSet<&str> = std::collections::BTreeSet::new();
        for range in ranges {
            let Some(part) = text.get(range.clone()) else { continue };
            names.extend(
                part.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .filter(|w| w.starts_with(|c: char| c.is_alphabetic() || c == '_')),
            );
        }
        self.hidden_names.extend(names.into_iter().map(Arc::from));
        self.hidden_names.sort_unstable();
        self.hidden_names.dedup();
    }

    /// The position in [`FileIndex::methods`] of the method declared at `range`. Methods are
    /// extracted in source order, so this is a binary search (a linear one per method made
    /// checking a file of 100,000 methods quadratic).
    pub fn method_at(&self, range: &Range<usize>) -> Option<usize> {
        let i = self.methods.partition_point(|m| m.range.start < range.start);
        self.methods.get(i).is_some_and(|m| m.range == *range).then_some(i)
    }

    /// The call site recorded for the invocation at `range`. Call sites are recorded in document
    /// order (sorted by start, a call before the calls nested in it): a binary search.
    pub fn call_at(&self, range: &Range<usize>) -> Option<&CallSite> {
        let first = self.calls.partition_point(|c| c.range.start < range.start);
        self.calls[first..].iter().take_while(|c| c.range.start == range.start).find(|c| c.range == *range)
    }

    /// The call sites inside `range` (a method's, say).
    pub fn calls_within(&self, range: &Range<usize>) -> impl Iterator<Item = &CallSite> {
        let first = self.calls.partition_point(|c| c.range.start < range.start);
        let end = self.calls.partition_point(|c| c.range.start < range.end);
        let limit = range.end;
        self.calls[first..end.max(first)].iter().filter(move |c| c.range.end <= limit)
    }

    /// Extracts the declarations and call sites of one parsed file.
    pub fn extract(root: Node<'_>) -> Self {
        let mut index = FileIndex {
            types: Vec::new(),
            namespaces: Vec::new(),
            methods: Vec::new(),
            members: Vec::new(),
            calls: Vec::new(),
            groups: Vec::new(),
            route_handlers: Vec::new(),
            global_usings: Vec::new(),
            usings: Vec::new(),
            static_usings: Vec::new(),
            aliases: Vec::new(),
            top_usings: Vec::new(),
            usings_end: None,
            newline: dominant_newline(root.source()),
            opaque_calls: Vec::new(),
            nameofs: Vec::new(),
            hidden_names: Vec::new(),
        };
        let mut scopes = ScopeCache::default();
        let mut names = Names::default();
        root.walk(|node| match node.kind() {
            "class_declaration" | "struct_declaration" | "record_declaration" | "interface_declaration" => {
                if let Some(entry) = type_entry(node) {
                    index.types.push(entry);
                }
                index.members.extend(primary_constructor_members(node));
            }
            "method_declaration" => {
                if let Some(entry) = method_entry(node) {
                    index.methods.push(entry);
                }
            }
            "delegate_declaration" => {
                if let Some(entry) = type_entry(node) {
                    index.types.push(entry);
                }
            }
            "field_declaration" | "property_declaration" | "event_field_declaration" | "event_declaration" => {
                index.members.extend(member_entries(node));
            }
            "invocation_expression" => {
                if let Some(call) = call_site(node, &index.methods, &mut scopes, &mut names) {
                    index.calls.push(call);
                } else if let Some(opaque) = opaque_call(node) {
                    index.opaque_calls.push(opaque);
                }
                if let Some(name) = nameof_name(node) {
                    index.nameofs.push(name.to_owned());
                }
            }
            "using_directive" => {
                let top = node.parent().is_some_and(|p| p.kind() == "compilation_unit");
                if top {
                    index.usings_end = Some(node.end());
                }
                if node.has_token("static") {
                    if let Some(ty) = node.named_children().filter(|c| !is_trivia(c.kind())).last() {
                        index.static_usings.push(ty.text().split_whitespace().collect());
                    }
                } else if let (true, Some(alias)) = (node.has_token("="), node.field("name")) {
                    if let Some(target) = node.named_children().filter(|c| !is_trivia(c.kind())).last() {
                        index.aliases.push((alias.text().to_owned(), target.text().split_whitespace().collect()));
                    }
                }
                if let Some(namespace) = imported_namespace(node) {
                    if node.has_token("global") {
                        index.global_usings.push(namespace.to_owned());
                    } else {
                        if top {
                            index.top_usings.push((namespace.to_owned(), node.start()));
                        }
                        index.usings.push(namespace.to_owned());
                    }
                }
            }
            "identifier" => {
                if let Some(group) = method_group(node, &mut scopes, &mut names) {
                    if is_route_handler(node) {
                        index.route_handlers.push(group.name.to_string());
                    }
                    index.groups.push(group);
                }
            }
            _ => {}
        });
        // A workspace holds a million call sites: no spare capacity (up to half of each list).
        for ty in &index.types {
            if !index.namespaces.contains(&ty.namespace) {
                index.namespaces.push(ty.namespace.clone());
            }
        }
        index.calls.shrink_to_fit();
        index.methods.shrink_to_fit();
        index.groups.shrink_to_fit();
        index
    }
}

fn type_entry(node: Node<'_>) -> Option<TypeEntry> {
    let name = node.field("name")?;
    let bases = node
        .child_of_kind("base_list")
        .map(|list| {
            list.named_children()
                .filter(|b| b.kind() != "argument_list")
                .map(|b| simple_name(b.text()).to_owned())
                .collect()
        })
        .unwrap_or_default();
    let kind = node.kind().trim_end_matches("_declaration");
    let kind = match kind {
        "class" => "class",
        "struct" => "struct",
        "record" => "record",
        "delegate" => "delegate",
        _ => "interface",
    };
    Some(TypeEntry {
        name: name.text().to_owned(),
        kind,
        namespace: namespace_of(node),
        bases,
        attributes: attribute_names(node).into_iter().map(str::to_owned).collect(),
        type_params: type_parameters(node),
        is_static: node.named_children().any(|c| c.kind() == "modifier" && c.text() == "static"),
        delegate_returns: (node.kind() == "delegate_declaration")
            .then(|| node.field("type").map(|t| t.text().to_owned()))
            .flatten(),
        public: is_public_type(node),
    })
}

/// The names of a declaration's type parameters, in order.
fn type_parameters(node: Node<'_>) -> Vec<String> {
    node.field("type_parameters")
        .or_else(|| node.child_of_kind("type_parameter_list"))
        .map(|list| {
            list.named_children()
                .filter(|p| p.kind() == "type_parameter")
                .filter_map(|p| p.field("name").or_else(|| p.child_of_kind("identifier")))
                .map(|n| n.text().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The namespace around a declaration: nested `namespace` blocks joined, or the file-scoped one.
fn namespace_of(node: Node<'_>) -> String {
    let mut parts: Vec<&str> = node
        .ancestors()
        .filter(|a| a.kind() == "namespace_declaration")
        .filter_map(|a| a.field("name"))
        .map(|n| n.text())
        .collect();
    parts.reverse();
    if parts.is_empty() {
        let root = node.ancestors().last();
        if let Some(scoped) = root.and_then(|r| r.child_of_kind("file_scoped_namespace_declaration")) {
            if let Some(name) = scoped.field("name") {
                return name.text().to_owned();
            }
        }
    }
    parts.join(".")
}

fn method_entry(node: Node<'_>) -> Option<MethodEntry> {
    let owner = enclosing_types(node).next()?.field("name")?;
    let parameter_list = node.field("parameters")?;
    let (name, returns) = (node.field("name")?, node.field("returns")?);
    let (locals, uses) = super::uses::method_body(node);
    let body = node.field("body").or_else(|| node.child_of_kind("arrow_expression_clause"));
    Some(MethodEntry {
        owner: owner.text().to_owned(),
        name: name.text().to_owned(),
        returns: returns.text().to_owned(),
        params: params(parameter_list),
        modifiers: node.named_children().filter(|c| c.kind() == "modifier").map(|c| c.text().to_owned()).collect(),
        explicit_interface: node
            .child_of_kind("explicit_interface_specifier")
            .map(|s| simple_name(s.text().trim_end_matches('.')).to_owned()),
        range: node.range(),
        uses,
        locals,
        name_range: name.range(),
        returns_range: returns.range(),
        params_range: parameter_list.range(),
        attributes: attribute_names(node).into_iter().map(str::to_owned).collect(),
        has_body: body.is_some(),
        is_iterator: body.is_some_and(|b| b.text().contains("yield") && contains_own_yield(b)),
        type_params: type_parameters(node),
        constraints: node
            .named_children()
            .filter(|c| c.kind() == "type_parameter_constraints_clause")
            .map(|c| c.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect(),
        stability: stability(node),
    })
}

/// What `[Obsolete]` and `[Experimental]` on a declaration say.
fn stability(declaration: Node<'_>) -> Stability {
    let mut found = Stability::Stable;
    let attributes = declaration
        .named_children()
        .filter(|c| c.kind() == "attribute_list")
        .flat_map(|list| list.named_children().filter(|a| a.kind() == "attribute"));
    for attribute in attributes {
        let Some(name) = attribute.field("name") else { continue };
        match simple_name(name.text()).trim_end_matches("Attribute") {
            "Experimental" => return Stability::Experimental,
            "Obsolete" => {
                let args: Vec<Node<'_>> = attribute
                    .child_of_kind("attribute_argument_list")
                    .map(|l| l.named_children().filter(|a| a.kind() == "attribute_argument").collect())
                    .unwrap_or_default();
                // `[Obsolete("why", true)]` or `[Obsolete("why", error: true)]`.
                let error = args.iter().enumerate().any(|(i, a)| {
                    let text: String = a.text().split_whitespace().collect();
                    text == "error:true" || (i == 1 && text == "true")
                });
                found = Stability::Obsolete { error };
            }
            _ => {}
        }
    }
    found
}

/// Whether a body contains `yield` outside nested functions.
fn contains_own_yield(body: Node<'_>) -> bool {
    let mut found = false;
    body.walk(|n| {
        if n.kind() == "yield_statement" && n.ancestors().take_while(|a| !a.is(&body)).all(|a| !is_function(a.kind())) {
            found = true;
        }
    });
    found
}

/// The parameters of a `parameter_list`. tree-sitter-c-sharp puts a `params` array's type and
/// name directly in the list rather than in a `parameter` node.
fn params(list: Node<'_>) -> Vec<Param> {
    let mut out: Vec<Param> = Vec::new();
    let mut in_params_array = false;
    for child in list.children() {
        match child.kind() {
            "parameter" => out.push(param(child)),
            "params" => {
                in_params_array = true;
                out.push(Param {
                    modifier: Some("params".into()),
                    type_text: String::new(),
                    name: String::new(),
                    default: None,
                });
            }
            _ if in_params_array && child.is_named() => {
                let last = out.last_mut().expect("pushed at `params`");
                if last.type_text.is_empty() {
                    last.type_text = child.text().to_owned();
                } else {
                    last.name = child.text().to_owned();
                }
            }
            _ => {}
        }
    }
    out
}

fn member_entries(node: Node<'_>) -> Vec<MemberEntry> {
    let Some(owner_type) = enclosing_types(node).next() else { return Vec::new() };
    let Some(owner) = owner_type.field("name") else { return Vec::new() };
    let modifiers: Vec<&str> = node.named_children().filter(|c| c.kind() == "modifier").map(|c| c.text()).collect();
    let access = if owner_type.kind() == "interface_declaration" { Access::Public } else { access_of(&modifiers) };
    let is_static = modifiers.iter().any(|m| matches!(*m, "static" | "const"));
    let entry = |name: Node<'_>, type_text: &str| MemberEntry {
        owner: owner.text().to_owned(),
        name: name.text().to_owned(),
        type_text: type_text.to_owned(),
        access,
        is_static,
    };
    if matches!(node.kind(), "property_declaration" | "event_declaration") {
        return match (node.field("name"), node.field("type")) {
            (Some(name), Some(ty)) => vec![entry(name, ty.text())],
            _ => Vec::new(),
        };
    }
    let Some(declaration) = node.child_of_kind("variable_declaration") else { return Vec::new() };
    let Some(ty) = declaration.field("type") else { return Vec::new() };
    declaration
        .named_children()
        .filter(|d| d.kind() == "variable_declarator")
        .filter_map(|d| d.field("name"))
        .map(|name| entry(name, ty.text()))
        .collect()
}

/// The parameters of a primary constructor (`class Client(HttpClient http)`): members of the type
/// for the code in its body.
fn primary_constructor_members(node: Node<'_>) -> Vec<MemberEntry> {
    let (Some(owner), Some(list)) = (node.field("name"), node.child_of_kind("parameter_list")) else {
        return Vec::new();
    };
    // A record's positional parameters are public properties; a class's or a struct's are
    // captured for its own code only.
    let access = if node.kind() == "record_declaration" { Access::Public } else { Access::Private };
    list.named_children()
        .filter(|p| p.kind() == "parameter")
        .filter_map(|p| Some((p.field("name")?, p.field("type")?)))
        .map(|(name, ty)| MemberEntry {
            owner: owner.text().to_owned(),
            name: name.text().to_owned(),
            type_text: ty.text().to_owned(),
            access,
            is_static: false,
        })
        .collect()
}

/// The access that a member's modifiers give (in a class or a struct).
fn access_of(modifiers: &[&str]) -> Access {
    let has = |m: &str| modifiers.contains(&m);
    if has("public") || has("internal") {
        Access::Public
    } else if has("protected") {
        // `protected`, and `private protected` (derived types of the same assembly).
        Access::Protected
    } else {
        Access::Private
    }
}

/// Whether a type declaration is visible outside its assembly: `public` (or `protected` when
/// nested in a type), in types that are too.
fn is_public_type(node: Node<'_>) -> bool {
    let modifiers: Vec<&str> = node.named_children().filter(|c| c.kind() == "modifier").map(|c| c.text()).collect();
    let nested = node.ancestors().find(|a| is_type_declaration(a.kind()));
    let visible = modifiers.contains(&"public")
        || (nested.is_some() && modifiers.contains(&"protected") && !modifiers.contains(&"private"))
        || (nested.is_some_and(|t| t.kind() == "interface_declaration") && !modifiers.contains(&"private"));
    visible && nested.is_none_or(is_public_type)
}

fn param(node: Node<'_>) -> Param {
    let modifier = node
        .children()
        .find(|c| matches!(c.kind(), "ref" | "out" | "in" | "this" | "modifier" | "parameter_modifier"))
        .map(|c| c.text().to_owned());
    // `T name = value`: the default is the named child after the `=` token.
    let default = node.children().skip_while(|c| c.kind() != "=").find(|c| c.is_named()).map(|d| d.text().to_owned());
    Param {
        modifier,
        type_text: node.field("type").map(|t| t.text().to_owned()).unwrap_or_default(),
        name: node.field("name").map(|n| n.text().to_owned()).unwrap_or_default(),
        default,
    }
}

/// One shared copy of each name a file's call sites repeat: a model snapshot calls `Property` on
/// `b` thousands of times, and a workspace holds a million call sites.
#[derive(Default)]
struct Names(foldhash::HashSet<Arc<str>>);

impl Names {
    fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(name) = self.0.get(text) {
            return name.clone();
        }
        let name: Arc<str> = Arc::from(text);
        self.0.insert(name.clone());
        name
    }
}

fn call_site<'a>(
    node: Node<'a>,
    methods: &[MethodEntry],
    scopes: &mut ScopeCache<'a>,
    names: &mut Names,
) -> Option<CallSite> {
    let function = node.field("function")?;
    let (receiver, name) = match function.kind() {
        "identifier" | "generic_name" => (Receiver::Implicit, function),
        "member_access_expression" => {
            let expression = function.field("expression")?;
            // tree-sitter-c-sharp gives `this` and `base` as bare tokens of those kinds.
            let receiver = match expression.kind() {
                "this" => Receiver::This,
                "base" => Receiver::Base,
                _ => Receiver::Expression(names.get(&abbreviated(expression.text()))),
            };
            (receiver, function.field("name")?)
        }
        _ => return None,
    };
    let parent = node.parent();
    let receiver_type = match &receiver {
        Receiver::Expression(text) if is_identifier(text) => match scopes.declared_type(text, node) {
            DeclaredType::Type(t) => Some(names.get(t)),
            _ => None,
        },
        _ => None,
    };
    let arguments = node.field("arguments");
    // One walk up to the enclosing type: every question about where the call is made is answered
    // from this path (each step up is a lookup, and calls are most of what the index records).
    let mut path: Vec<Node<'a>> = Vec::new();
    for a in node.scope_ancestors() {
        path.push(a);
        if is_type_declaration(a.kind()) {
            break;
        }
    }
    let function = path.iter().find(|a| is_function(a.kind())).copied();
    let member = path.iter().find(|a| is_function(a.kind()) && !is_nested_function(a.kind())).copied();
    // Methods are indexed before their bodies are walked: the last one starting at the member is it.
    let method = member
        .filter(|m| m.kind() == "method_declaration")
        .and_then(|m| methods.iter().rposition(|e| e.range.start == m.start()));
    let function_kind = path
        .iter()
        .find(|a| is_function(a.kind()) || matches!(a.kind(), "query_expression" | "global_statement"))
        .map_or("", |f| f.kind());
    let in_async = match function {
        Some(f) => Function { node: f }.is_async(),
        None => path.iter().any(|a| a.kind() == "global_statement"),
    };
    let local_callee = receiver == Receiver::Implicit
        && method.is_some_and(|m| {
            let entry: &MethodEntry = &methods[m];
            let name = simple_name(name.text());
            entry.locals.iter().any(|l| l.name == name) || entry.params.iter().any(|p| p.name == name)
        });
    Some(CallSite {
        name: names.get(simple_name(name.text())),
        receiver,
        receiver_type,
        args: node.field("arguments").map_or(0, |a| a.named_children().filter(|c| c.kind() == "argument").count()),
        range: node.range(),
        owner: path
            .last()
            .filter(|t| is_type_declaration(t.kind()))
            .and_then(|t| t.field("name"))
            .map(|n| names.get(n.text())),
        in_async,
        awaited: parent.is_some_and(|p| p.kind() == "await_expression"),
        is_statement: parent.is_some_and(|p| p.kind() == "expression_statement"),
        in_postfix_position: in_postfix_position(node),
        in_lock: in_lock(&path),
        name_range: name.child_of_kind("identifier").unwrap_or(name).range(),
        arguments: arguments.map_or(node.end()..node.end(), |a| a.range()),
        named_arguments: arguments
            .is_some_and(|a| a.named_children().any(|arg| arg.kind() == "argument" && arg.field("name").is_some())),
        arg_names: arguments
            .map(|a| {
                a.named_children()
                    .filter(|arg| arg.kind() == "argument")
                    .filter_map(|arg| arg.field("name"))
                    .map(|n| names.get(n.text()))
                    .collect()
            })
            .unwrap_or_default(),
        arg_modifiers: arguments
            .map(|a| {
                a.named_children()
                    .filter(|arg| arg.kind() == "argument")
                    .enumerate()
                    .filter_map(|(i, arg)| {
                        arg.children().find_map(|c| match c.kind() {
                            "ref" => Some((i, "ref")),
                            "out" => Some((i, "out")),
                            "in" => Some((i, "in")),
                            _ => None,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
        type_args: name
            .child_of_kind("type_argument_list")
            .map_or(0, |list| list.named_children().filter(|t| !is_trivia(t.kind())).count()),
        local_callee,
        method,
        function_kind,
    })
}

/// The text of a receiver, cut after [`RECEIVER_TEXT_LIMIT`] bytes (marked with `…`): a fluent
/// chain (`b.Property(…).HasColumnType(…).…`) would otherwise be copied once per call in it.
/// Only a receiver's start is ever looked at (its root name, or a short type or member name).
fn abbreviated(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= RECEIVER_TEXT_LIMIT {
        return text.into();
    }
    let mut end = RECEIVER_TEXT_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end]).into()
}

/// The longest receiver text kept whole.
const RECEIVER_TEXT_LIMIT: usize = 120;

/// Function-like kinds that live inside a member's body.
fn is_nested_function(kind: &str) -> bool {
    matches!(kind, "local_function_statement" | "lambda_expression" | "anonymous_method_expression")
}

/// Whether a node whose ancestors are `path` is inside a `lock`, `unsafe` or `fixed` block or a
/// `catch` filter of its own function.
fn in_lock(path: &[Node<'_>]) -> bool {
    path.iter()
        .take_while(|a| {
            !matches!(
                a.kind(),
                "method_declaration"
                    | "local_function_statement"
                    | "lambda_expression"
                    | "anonymous_method_expression"
                    | "constructor_declaration"
                    | "accessor_declaration"
                    | "operator_declaration"
            )
        })
        .any(|a| matches!(a.kind(), "lock_statement" | "unsafe_statement" | "fixed_statement" | "catch_filter_clause"))
}

/// `x?.M(…)`: the name and argument count of a call through conditional access.
fn opaque_call(node: Node<'_>) -> Option<(String, usize)> {
    let function = node.field("function").filter(|f| f.kind() == "conditional_access_expression")?;
    let binding = function.named_children().find(|c| c.kind() == "member_binding_expression")?;
    let name = binding.field("name").or_else(|| binding.named_children().last())?;
    let args = node.field("arguments").map_or(0, |a| a.named_children().filter(|c| c.kind() == "argument").count());
    Some((simple_name(name.text()).to_owned(), args))
}

/// `nameof(X)`, `nameof(a.X)`: `X`.
fn nameof_name(node: Node<'_>) -> Option<&str> {
    node.field("function").filter(|f| f.kind() == "identifier" && f.text() == "nameof")?;
    let argument = node.field("arguments")?.named_children().find(|c| c.kind() == "argument")?;
    Some(simple_name(argument.text()))
}

/// The namespace a `using` directive imports: `None` for `using static` and aliases.
pub fn imported_namespace<'a>(directive: Node<'a>) -> Option<&'a str> {
    if directive.has_token("static") || directive.has_token("=") {
        return None;
    }
    directive.named_children().last().map(|n| n.text())
}

fn is_identifier(text: &str) -> bool {
    text.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '@')
        && text.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '@')
}

/// A use of `node`, an identifier, as a possible method group: a value that is not called, in a
/// place where a method converts to a delegate (an initializer, an argument, the right of `=`,
/// `+=` or `-=`, a `return`, a conditional operand, a cast), bare or after `this.` or another
/// receiver. A bare name declared in scope as a local, parameter, field or property is a variable,
/// not a method group.
fn method_group<'a>(node: Node<'a>, scopes: &mut ScopeCache<'a>, names: &mut Names) -> Option<MethodGroup> {
    let parent = node.parent()?;
    // The expression that holds the name: the name itself, or `receiver.name`.
    let (expression, receiver) = match parent.kind() {
        "member_access_expression" if parent.field("name").is_some_and(|n| n.is(&node)) => {
            (parent, parent.field("expression"))
        }
        _ => (node, None),
    };
    // Climb the wrappers a method group may sit in.
    let mut value = expression;
    let mut position = value.parent()?;
    loop {
        let through = match position.kind() {
            "parenthesized_expression" => true,
            "cast_expression" => position.field("value").is_some_and(|v| v.is(&value)),
            "conditional_expression" => position.field("condition").is_none_or(|c| !c.is(&value)),
            _ => false,
        };
        if !through {
            break;
        }
        value = position;
        position = value.parent()?;
    }
    let context = match position.kind() {
        "equals_value_clause" => declared_context(position.parent()?, names),
        "variable_declarator" if position.field("name").is_none_or(|n| !n.is(&value)) => {
            declared_context(position, names)
        }
        "return_statement" | "arrow_expression_clause" => GroupContext::Other,
        // `nameof(Run)` names the method without converting it to a delegate.
        "argument" if is_nameof_argument(position) => return None,
        "argument" if position.field("name").is_none_or(|n| !n.is(&value)) => {
            let list = position.parent().filter(|l| l.kind() == "argument_list")?;
            let call = list.parent()?;
            match call.kind() {
                "object_creation_expression" => {
                    let delegate = call.field("type")?;
                    match subscription_of(call, scopes, names) {
                        Some(GroupContext::Subscription { event, target, .. }) => {
                            GroupContext::Subscription { event, target, delegate: Some(names.get(delegate.text())) }
                        }
                        _ => GroupContext::DelegateCreation { delegate: names.get(delegate.text()) },
                    }
                }
                "invocation_expression" => {
                    let mut args = list.named_children().filter(|a| a.kind() == "argument");
                    let index = args.position(|a| a.is(&position))?;
                    GroupContext::Argument {
                        call: call.range(),
                        position: index,
                        named: position.field("name").is_some(),
                    }
                }
                _ => GroupContext::Other,
            }
        }
        "assignment_expression" if position.field("right").is_some_and(|r| r.is(&value)) => {
            subscription_of(value, scopes, names).unwrap_or(GroupContext::Other)
        }
        _ => return None,
    };
    // A bare name in scope is a variable; `this.name` is a member of the type.
    let shadowed = match receiver {
        None => scopes.declared_type(node.text(), node) != DeclaredType::NotFound,
        Some(r) if matches!(r.kind(), "this" | "this_expression") => {
            crate::syntax::member_type(node.text(), node) != DeclaredType::NotFound
        }
        Some(_) => false,
    };
    if shadowed {
        return None;
    }
    let owner = enclosing_types(node).next().and_then(|t| t.field("name")).map(|n| names.get(n.text()));
    Some(MethodGroup { name: names.get(simple_name(node.text())), range: node.range(), owner, context })
}

/// The declared type of `x` or `this.x`, as written, when this file declares `x`.
fn receiver_declared_type<'a>(receiver: Node<'a>, scopes: &mut ScopeCache<'a>) -> Option<&'a str> {
    let found = match receiver.kind() {
        "identifier" => scopes.declared_type(receiver.text(), receiver),
        "member_access_expression"
            if receiver.field("expression").is_some_and(|e| matches!(e.kind(), "this" | "this_expression")) =>
        {
            crate::syntax::member_type(receiver.field("name")?.text(), receiver)
        }
        _ => return None,
    };
    match found {
        DeclaredType::Type(t) => Some(t),
        _ => None,
    }
}

/// The context of a method group that initialises a variable declared with a type (`Action a =
/// Run;`, a field), from the declarator.
fn declared_context(declarator: Node<'_>, names: &mut Names) -> GroupContext {
    let declared = declarator
        .parent()
        .filter(|d| d.kind() == "variable_declaration")
        .and_then(|d| d.field("type"))
        .filter(|t| t.kind() != "implicit_type");
    match declared {
        Some(ty) => GroupContext::Declared { type_text: names.get(ty.text()) },
        None => GroupContext::Other,
    }
}

/// When `value` is the right side of `target += value` or `target -= value`: the subscription.
fn subscription_of<'a>(value: Node<'a>, scopes: &mut ScopeCache<'a>, names: &mut Names) -> Option<GroupContext> {
    let assignment = value.parent().filter(|p| p.kind() == "assignment_expression")?;
    if !assignment.field("right").is_some_and(|r| r.is(&value))
        || !assignment.children().any(|c| matches!(c.kind(), "+=" | "-="))
    {
        return None;
    }
    let left = assignment.field("left")?;
    let (event, target) = match left.kind() {
        "identifier" => (left, EventTarget::Implicit),
        "member_access_expression" => {
            let event = left.field("name")?;
            let receiver = left.field("expression")?;
            let target = match receiver.kind() {
                "this" | "this_expression" => EventTarget::Implicit,
                _ => EventTarget::Expression {
                    text: names.get(&abbreviated(receiver.text())),
                    declared_type: receiver_declared_type(receiver, scopes).map(|t| names.get(t)),
                },
            };
            (event, target)
        }
        _ => (left, EventTarget::Expression { text: names.get(&abbreviated(left.text())), declared_type: None }),
    };
    Some(GroupContext::Subscription { event: names.get(simple_name(event.text())), target, delegate: None })
}

/// Whether a method group is an argument of a minimal-API route mapping (`MapGet`, `MapPost`,
/// `MapPut`, `MapDelete`, `MapPatch`, `MapMethods`, `MapFallback`): ASP.NET Core calls it and
/// binds its parameters, a `CancellationToken` to the request.
fn is_route_handler(node: Node<'_>) -> bool {
    let Some(argument) = node.parent().filter(|p| p.kind() == "argument") else { return false };
    let Some(call) = argument.parent().and_then(|list| list.parent()).filter(|c| c.kind() == "invocation_expression")
    else {
        return false;
    };
    let name = call.field("function").map(|f| match f.kind() {
        "member_access_expression" => f.field("name").map_or("", |n| n.text()),
        _ => f.text(),
    });
    name.is_some_and(|n| {
        matches!(n, "MapGet" | "MapPost" | "MapPut" | "MapDelete" | "MapPatch" | "MapMethods" | "MapFallback")
    })
}

/// Whether `argument` is the argument of `nameof(…)`.
fn is_nameof_argument(argument: Node<'_>) -> bool {
    argument
        .parent()
        .and_then(|list| list.parent())
        .filter(|call| call.kind() == "invocation_expression")
        .and_then(|call| call.field("function"))
        .is_some_and(|f| f.text() == "nameof")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    fn index(text: &str) -> FileIndex {
        let tree = parse(text).unwrap();
        FileIndex::extract(Node::root(&tree, text))
    }

    #[test]
    fn primary_constructor_parameters_are_members() {
        let ix =
            index("class Client(HttpClient http, ILogger log) { Task<string> Get() => http.GetStringAsync(\"/\"); }");
        let members: Vec<(&str, &str)> = ix.members.iter().map(|m| (m.name.as_str(), m.type_text.as_str())).collect();
        assert_eq!(members, [("http", "HttpClient"), ("log", "ILogger")]);
        assert_eq!(ix.methods[0].uses[0].name, "http");
    }

    #[test]
    fn members_record_who_may_read_them() {
        let ix = index(
            "public class A(int x) { internal int a; protected static int B { get; } private protected int c; int d; const int E = 1; \
             protected internal int f; public record R(int Token); interface I { int T { get; } } }",
        );
        let members: Vec<(&str, Access, bool)> =
            ix.members.iter().map(|m| (m.name.as_str(), m.access, m.is_static)).collect();
        assert_eq!(
            members,
            [
                ("x", Access::Private, false),
                ("a", Access::Public, false),
                ("B", Access::Protected, true),
                ("c", Access::Protected, false),
                ("d", Access::Private, false),
                ("E", Access::Private, true),
                ("f", Access::Public, false),
                ("Token", Access::Public, false),
                ("T", Access::Public, false),
            ]
        );
    }

    #[test]
    fn types_record_whether_other_assemblies_see_them() {
        let ix = index(
            "public class A { public class N {} protected class P {} private class Q {} class R {} } internal class B { public class M {} } \
             class C {} public interface I { class J {} }",
        );
        let public: Vec<(&str, bool)> = ix.types.iter().map(|t| (t.name.as_str(), t.public)).collect();
        assert_eq!(
            public,
            [
                ("A", true),
                ("N", true),
                ("P", true),
                ("Q", false),
                ("R", false),
                ("B", false),
                ("M", false),
                ("C", false),
                ("I", true),
                ("J", true),
            ]
        );
    }

    #[test]
    fn methods_with_parameters_and_modifiers() {
        let ix = index(
            "class A : B { public async Task<int> Load(string id, int n = 3, params object[] rest) => 1; void IFoo.Run() {} }",
        );
        let load = &ix.methods[0];
        assert_eq!((load.owner.as_str(), load.name.as_str(), load.returns.as_str()), ("A", "Load", "Task<int>"));
        assert!(load.has_modifier("async") && load.returns_task());
        assert_eq!(load.params.len(), 3);
        assert_eq!(load.params[1].default.as_deref(), Some("3"));
        assert_eq!(load.params[2].modifier.as_deref(), Some("params"));
        assert!(load.accepts_arg_count(1) && load.accepts_arg_count(5) && !load.accepts_arg_count(0));
        assert_eq!(ix.methods[1].explicit_interface.as_deref(), Some("IFoo"));
    }

    #[test]
    fn call_at_and_calls_within_find_nested_and_chained_calls() {
        let text = "class A { void F() { a.B(c.D()).E(); } void G() { H(); } }";
        let ix = index(text);
        for c in &ix.calls {
            assert!(std::ptr::eq(ix.call_at(&c.range).unwrap(), c), "{}", c.name);
        }
        let names = |m: usize| -> Vec<&str> { ix.calls_within(&ix.methods[m].range).map(|c| &*c.name).collect() };
        assert_eq!(names(0), ["E", "B", "D"]);
        assert_eq!(names(1), ["H"]);
    }

    #[test]
    fn method_at_finds_each_method_of_nested_types() {
        let text = "class A { void F() {} class B { void G() {} void H() {} } void I() {} }";
        let ix = index(text);
        for (i, m) in ix.methods.iter().enumerate() {
            assert_eq!(ix.method_at(&m.range), Some(i), "{}", m.name);
        }
        assert_eq!(ix.methods.len(), 4);
        let body = text.find("{}").unwrap();
        assert_eq!(ix.method_at(&(body..body + 2)), None);
    }

    #[test]
    fn long_receivers_keep_only_their_start() {
        let chain: String = (0..40).map(|i| format!(".Has{i}(\"é\")")).collect();
        let ix = index(&format!("class A {{ void F() {{ b{chain}.Last(); }} }}"));
        let last = ix.calls.iter().find(|c| &*c.name == "Last").unwrap();
        let Receiver::Expression(text) = &last.receiver else { panic!("an expression receiver") };
        assert!(text.starts_with("b.Has0(") && text.ends_with('…') && text.len() <= RECEIVER_TEXT_LIMIT + 3);
    }

    #[test]
    fn call_sites_know_their_receiver_and_context() {
        let ix = index("class A { async Task F() { await G(1); this.H(); _x.K().L(); } }");
        let calls: Vec<_> =
            ix.calls.iter().map(|c| (&*c.name, c.receiver.clone(), c.awaited, c.is_statement)).collect();
        assert!(calls.contains(&("G", Receiver::Implicit, true, false)));
        assert!(calls.contains(&("H", Receiver::This, false, true)));
        assert!(calls.contains(&("L", Receiver::Expression("_x.K()".into()), false, true)));
        let k = ix.calls.iter().find(|c| &*c.name == "K").unwrap();
        assert!(k.in_postfix_position && k.in_async);
    }

    #[test]
    fn call_sites_share_the_names_they_repeat() {
        let ix = index("class A { void F(B b) { b.Property(1); b.Property(2); } void G(B b) { b.Property(3); } }");
        let [first, second, third] = &ix.calls[..] else { panic!("three calls: {:?}", ix.calls) };
        assert!(Arc::ptr_eq(&first.name, &second.name) && Arc::ptr_eq(&first.name, &third.name));
        assert!(Arc::ptr_eq(first.owner.as_ref().unwrap(), third.owner.as_ref().unwrap()));
        assert!(Arc::ptr_eq(first.receiver_type.as_ref().unwrap(), third.receiver_type.as_ref().unwrap()));
        let (Receiver::Expression(a), Receiver::Expression(b)) = (&first.receiver, &third.receiver) else {
            panic!("receivers: {:?}", (&first.receiver, &third.receiver))
        };
        assert!(Arc::ptr_eq(a, b) && &**a == "b");
    }

    #[test]
    fn members_and_receiver_types() {
        let ix = index(
            "class A { private readonly IRepo _repo, _other; public Db Context { get; } \
             void F(Store store) { var local = new Cache(); _repo.Load(); store.Save(); local.Get(); Context.Run(); } }",
        );
        let members: Vec<_> = ix.members.iter().map(|m| (m.name.as_str(), m.type_text.as_str())).collect();
        assert_eq!(members, [("_repo", "IRepo"), ("_other", "IRepo"), ("Context", "Db")]);
        let types: Vec<_> = ix.calls.iter().map(|c| (&*c.name, c.receiver_type.as_deref())).collect();
        assert_eq!(
            types,
            [("Load", Some("IRepo")), ("Save", Some("Store")), ("Get", Some("Cache")), ("Run", Some("Db"))]
        );
    }

    #[test]
    fn method_groups_are_recorded_whatever_their_case() {
        let ix = index(
            "class A { Item _item; void F(int local) { Action a = Run; b.Click += OnClick; list.ForEach(print); G(x); \
             manager.DeleteRequested += manager_DeleteRequested; H(local, _item); Func<int> f = c ? one : two; } }",
        );
        let names: Vec<_> = ix.groups.iter().map(|g| &*g.name).collect();
        assert_eq!(names, ["Run", "OnClick", "print", "x", "manager_DeleteRequested", "one", "two"]);
        assert_eq!(ix.groups[0].context, GroupContext::Declared { type_text: "Action".into() });
        assert!(matches!(ix.groups[2].context, GroupContext::Argument { position: 0, named: false, .. }));
        assert_eq!(
            ix.groups[4].context,
            GroupContext::Subscription {
                event: "DeleteRequested".into(),
                target: EventTarget::Expression { text: "manager".into(), declared_type: None },
                delegate: None
            }
        );
        assert_eq!(ix.groups[5].context, GroupContext::Declared { type_text: "Func<int>".into() });
    }

    #[test]
    fn subscriptions_know_their_event_and_delegate() {
        let ix = index(
            "class A { Button btn; void F() { this.btn.ColorChanged += new ColorButton.ColorChangedEventHandler(this.btn_ColorChanged); \
             Tick -= new EventHandler(OnTick); Action a = Run; x = nameof(Log); } }",
        );
        let groups: Vec<(&str, &GroupContext)> = ix.groups.iter().map(|g| (&*g.name, &g.context)).collect();
        assert_eq!(
            groups,
            [
                (
                    "btn_ColorChanged",
                    &GroupContext::Subscription {
                        event: "ColorChanged".into(),
                        target: EventTarget::Expression {
                            text: "this.btn".into(),
                            declared_type: Some("Button".into())
                        },
                        delegate: Some("ColorButton.ColorChangedEventHandler".into()),
                    }
                ),
                (
                    "OnTick",
                    &GroupContext::Subscription {
                        event: "Tick".into(),
                        target: EventTarget::Implicit,
                        delegate: Some("EventHandler".into()),
                    }
                ),
                ("Run", &GroupContext::Declared { type_text: "Action".into() }),
            ],
            "`nameof` is not a method group"
        );
    }

    #[test]
    fn methods_know_their_type_parameters_constraints_and_stability() {
        let ix = index(
            "class A { [Obsolete(\"use B\", true)] T Load<T, U>() where T : class where U : new() => default; \
             [System.Obsolete] void Old() {} [Experimental(\"X1\")] void New() {} [Obsolete(\"x\", error: false)] void Soft() {} }",
        );
        let load = &ix.methods[0];
        assert_eq!(load.type_params, ["T", "U"]);
        assert_eq!(load.constraints, ["where T : class", "where U : new()"]);
        assert_eq!(load.stability, Stability::Obsolete { error: true });
        assert_eq!(ix.methods[1].stability, Stability::Obsolete { error: false });
        assert_eq!(ix.methods[2].stability, Stability::Experimental);
        assert_eq!(ix.methods[3].stability, Stability::Obsolete { error: false });
    }

    #[test]
    fn delegates_and_events_are_declared() {
        let ix = index("class A { public delegate void D(object s, EventArgs e); event D Changed { add {} remove {} } event Action<int> Done; }");
        assert_eq!(
            ix.types.iter().map(|t| (t.name.as_str(), t.kind)).collect::<Vec<_>>(),
            [("A", "class"), ("D", "delegate")]
        );
        let members: Vec<_> = ix.members.iter().map(|m| (m.name.as_str(), m.type_text.as_str())).collect();
        assert_eq!(members, [("Changed", "D"), ("Done", "Action<int>")]);
    }

    #[test]
    fn conditional_calls_nameofs_and_call_names_are_recorded() {
        let ix = index("class A { void F() { x?.Load(1); var n = nameof(this.Save); Get<int>(); this.Put(); } }");
        assert_eq!(ix.opaque_calls, [("Load".to_owned(), 1)]);
        assert_eq!(ix.nameofs, ["Save"]);
        let text = "class A { void F() { x?.Load(1); var n = nameof(this.Save); Get<int>(); this.Put(); } }";
        let names: Vec<&str> = ix.calls.iter().map(|c| &text[c.name_range.clone()]).collect();
        assert_eq!(names, ["nameof", "Get", "Put"]);
    }

    #[test]
    fn catch_filters_and_fixed_blocks_cannot_await_either() {
        let ix = index(
            "class A { void F() { try { } catch (E e) when (G()) { } unsafe { fixed (int* p = a) { H(); } } K(); } }",
        );
        let locked: Vec<_> = ix.calls.iter().filter(|c| c.in_lock).map(|c| &*c.name).collect();
        assert_eq!(locked, ["G", "H"]);
    }

    #[test]
    fn calls_inside_lock_cannot_be_awaited() {
        let ix = index("class A { async Task F() { lock (x) { G(); } H(); lock (x) { Run(async () => K()); } } }");
        let locked: Vec<_> = ix.calls.iter().filter(|c| c.in_lock).map(|c| &*c.name).collect();
        assert_eq!(locked, ["G", "Run"]);
    }
}
