//! `async-void`: `async void` methods and lambdas that nobody can await.
//!
//! The user documentation is `transforms/async-void/README.md`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix};
use crate::index::{GroupContext, MethodEntry};
use crate::semantic::{Callees, Invocation, References, SignatureChange, UseKind};
use crate::syntax::{attribute_names, enclosing_function, enclosing_types, invocation_parts, simple_name, Node};
use crate::transforms::{Meta, Transform};

static META: Meta = Meta {
    name: "async-void",
    code: "AF002",
    summary: "`async void` methods and lambdas that nobody can await",
    default_enabled: true,
    fix: Applicability::Safe,
    documentation: include_str!("../../transforms/async-void/README.md"),
    words: &["async"],
};

/// Turns `async void` methods into `async Task` (awaiting them at their callers), thins `async
/// void` event handlers down to one await, and reports `async` lambdas that become `async void`.
pub struct AsyncVoid;

impl Transform for AsyncVoid {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["method_declaration", "local_function_statement", "lambda_expression", "anonymous_method_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        match node.kind() {
            "method_declaration" => check_method(node, cx, out),
            "local_function_statement" => check_local_function(node, cx, out),
            _ => check_lambda(node, cx, out),
        }
    }
}

fn check_method(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    if !is_async_void(node, "returns") {
        return;
    }
    let (Some(returns), Some(name), Some(parameters), Some(body)) =
        (node.field("returns"), node.field("name"), node.field("parameters"), node.field("body"))
    else {
        return;
    };
    let Some(method) = cx.method_declared_by(node) else { return };
    let entry = cx.index.method(method);
    let range = declaration_start(node)..parameters.end();
    let name = name.text();

    let sem = cx.sem();
    let references = sem.references(method);
    let subscribed = references
        .method_groups()
        .any(|u| matches!(u.kind, UseKind::MethodGroup { context: GroupContext::Subscription { .. }, .. }));
    if has_event_args_signature(parameters) || subscribed {
        // An event handler must stay `async void`. A body that only awaits one call is the thin
        // shell this transform would produce; one that catches every exception cannot crash.
        if is_thin_shell(body) || catches_everything(body) {
            return;
        }
        let message = format!("`async void` event handler `{name}` does more than await one call");
        if !has_own_await(node) {
            let message = format!("{message} (no automatic fix: it has no `await`)");
            out.push(Diagnostic::new(&META, cx.file, range, message));
            return;
        }
        let mut diagnostic = Diagnostic::new(&META, cx.file, range, message);
        if let Some(fix) = extract_handler(node, parameters, body, entry, cx) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(diagnostic);
        return;
    }

    let message = format!("`async void` method `{name}` cannot be awaited");
    if let Some(reason) = no_task_fix_reason(node, entry, &references, cx) {
        out.push(Diagnostic::new(&META, cx.file, range, format!("{message} (no automatic fix: {reason})")));
        return;
    }
    match task_fix(node, returns, &references, cx) {
        Ok((fix, discarded)) => {
            let mut message = match discarded {
                0 => message,
                1 => format!("{message}; 1 caller that cannot await will discard its task"),
                n => format!("{message}; {n} callers that cannot await will discard its task"),
            };
            // Calls such as `saver.Save()` may be calls of this method too; the index cannot tell.
            let unresolved =
                references.uses.iter().filter(|u| matches!(u.kind, UseKind::UnresolvedCall { .. })).count();
            match unresolved {
                0 => {}
                1 => message.push_str(&format!("; 1 call of `{name}` on a receiver of unknown type is left as it is")),
                n => message
                    .push_str(&format!("; {n} calls of `{name}` on receivers of unknown type are left as they are")),
            }
            out.push(Diagnostic::new(&META, cx.file, range, message).with_fix(fix));
        }
        Err(reason) => {
            out.push(Diagnostic::new(&META, cx.file, range, format!("{message} (no automatic fix: {reason})")));
        }
    }
}

/// Why turning the method into `async Task` could break code, if it could: a member whose
/// signature a contract fixes, or a use the change would break (see [`References`]).
fn no_task_fix_reason(
    node: Node<'_>,
    entry: &MethodEntry,
    references: &References,
    cx: &FileContext<'_>,
) -> Option<String> {
    let name = &entry.name;
    // Without an `await`, async-without-await removes `async`; both fixes at once would leave a
    // `Task` method that returns nothing.
    if !has_own_await(node) {
        return Some("it has no `await`".into());
    }
    if entry.has_modifier("override") {
        return Some("it overrides a `void` method".into());
    }
    if let Some(interface) = &entry.explicit_interface {
        return Some(format!(
            "it implements `{interface}.{name}`; the interface and all its implementations would have to change together"
        ));
    }
    if entry.has_modifier("virtual") || entry.has_modifier("abstract") {
        return Some("its overrides would have to change too".into());
    }
    if entry.has_modifier("partial") {
        return Some("it is a partial method".into());
    }
    if cx.index.type_kind(&entry.owner) == Some("interface") {
        return Some("it is an interface member".into());
    }
    // A method of the same name and arity in a workspace base type, interface or derived type:
    // this one implements, hides or is hidden by it, and the two must keep the same return type.
    if let Some(other) = references.family().find(|&m| !cx.index.method(m).has_modifier("private")) {
        let other = &cx.index.method(other).owner;
        let relation =
            if cx.index.type_kind(other) == Some("interface") { "implement" } else { "hide or be hidden by" };
        return Some(format!("it may {relation} `{other}.{name}`"));
    }
    // Only a public instance method can implicitly implement an interface member; the index
    // cannot see the members of types declared outside the workspace. A test method is found by
    // its attribute, not through an interface.
    let is_test = attribute_names(node).iter().any(|a| cx.knowledge.test_attributes.contains(*a));
    if entry.has_modifier("public")
        && !entry.has_modifier("static")
        && !is_test
        && cx.index.has_outside_bases(&entry.owner)
    {
        let outside = cx.index.type_and_bases(&entry.owner).into_iter().find(|t| !cx.index.is_workspace_type(t));
        let outside = outside.unwrap_or("an outside type");
        return Some(format!("it may implement a `void` member of `{outside}`, which is not in the workspace"));
    }
    let sem = cx.sem();
    // A test method is found by its attribute, not through an outside interface.
    let mut references = references.clone();
    if is_test {
        references.uses.retain(|u| !matches!(u.kind, UseKind::OutsideContract(_)));
    }
    let references = &references;
    if let Some(why) = sem.signature_blocker(references, SignatureChange::VoidToTask) {
        return Some(why);
    }
    // `await` goes before each call: a call that may bind to another `void` method of that name
    // would then await nothing.
    let ambiguous = references
        .calls()
        .any(|(file, site)| sem.site_callees(file, &cx.index.file(file).calls[site]).methods().len() > 1);
    if ambiguous {
        return Some(format!("some calls of `{name}` cannot be told apart from calls of another `{name}`"));
    }
    None
}

/// `async void` → `async Task`, with `await` at each caller in async code and `_ =` at each call
/// statement in sync code. Returns the fix and how many callers will discard the task.
fn task_fix(
    node: Node<'_>,
    returns: Node<'_>,
    references: &References,
    cx: &FileContext<'_>,
) -> Result<(Fix, usize), &'static str> {
    let (task, using) = task_type(node, cx);
    let mut edits = vec![Edit::replace(cx.file, returns.range(), task)];
    edits.extend(using);
    let (mut awaited, mut discarded) = (0, 0);
    for (file, site) in references.calls() {
        let call = &cx.index.file(file).calls[site];
        let start = call.range.start;
        if call.awaited {
            continue;
        }
        if call.in_async && !call.in_lock && call.function_kind != "query_expression" {
            if call.in_postfix_position {
                edits.push(Edit::insert(file, start, "(await "));
                edits.push(Edit::insert(file, call.range.end, ")"));
            } else {
                edits.push(Edit::insert(file, start, "await "));
            }
            awaited += 1;
        } else if call.is_statement {
            edits.push(Edit::insert(file, start, "_ = "));
            discarded += 1;
        } else {
            // `() => F()` and other expression positions discard the value already.
            discarded += 1;
        }
    }
    let description = match (awaited, discarded) {
        (0, 0) => "Return `Task`".to_owned(),
        (a, 0) => format!("Return `Task` and await it in {}", callers(a)),
        (0, d) => format!("Return `Task` and discard it in {}", callers(d)),
        (a, d) => format!("Return `Task`, await it in {} and discard it in {}", callers(a), callers(d)),
    };
    if edits.windows(2).any(|w| w[0].conflicts_with(&w[1])) {
        return Err("two of its edits overlap");
    }
    Ok((Fix::new(description, edits, Applicability::Unsafe), discarded))
}

fn callers(n: usize) -> String {
    if n == 1 {
        "1 caller".into()
    } else {
        format!("{n} callers")
    }
}

/// Moves the body of an event handler to a new `private async Task …Async` method placed after
/// it, and leaves the handler as `await …Async(sender, e);`.
fn extract_handler(
    node: Node<'_>,
    parameters: Node<'_>,
    body: Node<'_>,
    entry: &MethodEntry,
    cx: &FileContext<'_>,
) -> Option<Fix> {
    let owner = enclosing_types(node).next()?;
    if owner.kind() == "interface_declaration" {
        return None;
    }
    // `this`, `ref`, `out` and `in` parameters cannot be passed through to an async method.
    if entry.params.iter().any(|p| p.modifier.as_deref().is_some_and(|m| m != "params")) {
        return None;
    }
    if entry.params.iter().any(|p| p.name.is_empty()) {
        return None;
    }
    // A directive between the declaration's start and its body would be split in two.
    if cx.text[node.start()..body.start()].lines().any(|l| l.trim_start().starts_with('#')) {
        return None;
    }
    let new_name = fresh_name(&entry.name, &entry.owner, owner, cx)?;
    let type_params = node.field("type_parameters");
    let type_args = type_params
        .map(|tp| {
            let names: Vec<&str> = tp
                .named_children()
                .filter(|p| p.kind() == "type_parameter")
                .filter_map(|p| p.child_of_kind("identifier").or(p.field("name")))
                .map(|n| n.text())
                .collect();
            format!("<{}>", names.join(", "))
        })
        .unwrap_or_default();
    let args: Vec<&str> = entry.params.iter().map(|p| p.name.as_str()).collect();
    let call = format!("await {new_name}{type_args}({})", args.join(", "));

    let newline = cx.newline();
    let indent = cx.indent_at(node.start());
    let unit = cx.indent_unit();
    let (task, using) = task_type(node, cx);
    let is_static = if has_modifier(node, "static") { "static " } else { "" };
    // The new method's header is built from the parts of the handler's; comments between the
    // handler's header and its body stay with the handler.
    let constraints: Vec<Node<'_>> =
        node.named_children().filter(|c| c.kind() == "type_parameter_constraints_clause").collect();
    let header_end = constraints.last().map_or(parameters.end(), |c| c.end());
    let separator =
        if cx.text[header_end..body.start()].contains('\n') { format!("{newline}{indent}") } else { " ".into() };
    let constraints: String = constraints.iter().map(|c| format!(" {}", c.text())).collect();
    // The new method goes after the end of the handler's last line, trailing comment included.
    let line_end = cx.text[node.end()..].find(['\r', '\n']).map_or(cx.text.len(), |i| node.end() + i);
    let rest_of_line = &cx.text[node.end()..line_end];
    let insert_at = if rest_of_line.trim().is_empty() || rest_of_line.trim_start().starts_with("//") {
        line_end
    } else {
        node.end()
    };
    let new_method = format!(
        "{indent}private {is_static}async {task} {new_name}{}{}{constraints}{separator}{}",
        type_params.map_or("", |tp| tp.text()),
        parameters.text(),
        &cx.text[body.start()..node.end()],
    );
    let shell = match body.kind() {
        "block" => format!("{{{newline}{indent}{unit}{call};{newline}{indent}}}"),
        _ => format!("=> {call};"),
    };
    let content = format!("{shell}{}{newline}{newline}{new_method}", &cx.text[node.end()..insert_at]);
    let mut edits = vec![Edit::replace(cx.file, body.start()..insert_at, content)];
    edits.extend(using);
    Some(Fix::new(format!("Move the body to `{new_name}` and await it"), edits, Applicability::Safe))
}

/// `<Name>Async`, else `<Name>CoreAsync`, else `<Name>Core2Async`, …: the first name that no method
/// of the type or its workspace bases has and that the type's text does not mention (fields,
/// properties, events, nested types).
fn fresh_name(name: &str, owner: &str, owner_node: Node<'_>, cx: &FileContext<'_>) -> Option<String> {
    let stem = name.strip_suffix("Async").unwrap_or(name);
    let first = (!name.ends_with("Async")).then(|| format!("{stem}Async"));
    let rest = std::iter::once(format!("{stem}CoreAsync")).chain((2..10).map(|n| format!("{stem}Core{n}Async")));
    first
        .into_iter()
        .chain(rest)
        .find(|c| cx.index.methods_named(owner, c).is_empty() && !mentions_word(owner_node.text(), c))
}

/// Whether `word` occurs in `text` as a whole identifier.
fn mentions_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// How to write `Task` here: `Task` when `System.Threading.Tasks` is imported around the node or
/// `Task` is already used unqualified in the file (a global or implicit using), or when the import
/// can be added with an edit among the nearest using directives; else the full name.
fn task_type(node: Node<'_>, cx: &FileContext<'_>) -> (&'static str, Option<Edit>) {
    const FULL: &str = "System.Threading.Tasks.Task";
    const NAMESPACE: &str = "System.Threading.Tasks";
    // A workspace type called `Task` would take precedence over the imported one.
    if cx.index.is_workspace_type("Task") {
        return (FULL, None);
    }
    let scopes: Vec<Node<'_>> = node
        .ancestors()
        .filter(|a| matches!(a.kind(), "compilation_unit" | "declaration_list" | "file_scoped_namespace_declaration"))
        .collect();
    if scopes.iter().any(|s| usings(s).iter().any(|u| imported_namespace(*u) == Some(NAMESPACE)))
        || uses_task_unqualified(cx.root)
    {
        return ("Task", None);
    }
    // Among the using directives of the innermost scope that has some: before the first plain one
    // that sorts after it (`System` namespaces first), else after the last.
    let Some(directives) = scopes.iter().map(usings).find(|u| !u.is_empty()) else { return (FULL, None) };
    let key = |name: &str| (!(name == "System" || name.starts_with("System.")), name.to_owned());
    let line = format!("using {NAMESPACE};");
    let newline = cx.newline();
    let edit = match directives.iter().find(|u| imported_namespace(**u).is_some_and(|n| key(n) > key(NAMESPACE))) {
        Some(next) if cx.indent_at(next.start()).len() == next.start() - line_start(cx.text, next.start()) => {
            Edit::insert(cx.file, next.start(), format!("{line}{newline}{}", cx.indent_at(next.start())))
        }
        _ => {
            let last = directives.last().expect("not empty");
            Edit::insert(cx.file, last.end(), format!("{newline}{}{line}", cx.indent_at(last.start())))
        }
    };
    ("Task", Some(edit))
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// The namespace a plain `using N;` imports (not `using static`, `global using` or an alias).
fn imported_namespace(directive: Node<'_>) -> Option<&str> {
    if directive.has_token("static") || directive.has_token("global") || directive.has_token("=") {
        return None;
    }
    directive.named_children().filter(|c| c.kind() != "comment").last().map(|n| n.text())
}

/// Whether the file names `Task` without a namespace somewhere in code (`async Task F()`,
/// `Task.Delay`): then `Task` is in scope already, through a global or an implicit using.
fn uses_task_unqualified(root: Node<'_>) -> bool {
    let mut found = false;
    root.walk(|n| {
        if found || n.kind() != "identifier" || n.text() != "Task" {
            return;
        }
        let qualified = n.parent().is_some_and(|p| {
            matches!(p.kind(), "qualified_name" | "member_access_expression" | "alias_qualified_name")
                && p.field("name").is_some_and(|name| name.is(&n))
        });
        let in_using = n.ancestors().any(|a| a.kind() == "using_directive");
        found = !qualified && !in_using;
    });
    found
}

fn check_local_function(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    if !is_async_void(node, "type") {
        return;
    }
    let (Some(name), Some(parameters)) = (node.field("name"), node.field("parameters")) else { return };
    // A local function subscribed to an event (its name is no method's: the index has no group).
    if has_event_args_signature(parameters) || is_subscribed_here(node, name.text()) {
        return;
    }
    let message = format!(
        "`async void` local function `{}` cannot be awaited (no automatic fix: local functions are not indexed)",
        name.text()
    );
    out.push(Diagnostic::new(&META, cx.file, declaration_start(node)..parameters.end(), message));
}

fn check_lambda(node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
    if !has_modifier(node, "async") && !node.has_token("async") {
        return;
    }
    // `async Task () => …` (C# 10) says what it returns.
    if node.field("type").is_some_and(|t| t.text() != "void") {
        return;
    }
    let Some(target) = void_delegate_target(node, cx) else { return };
    let what = if node.kind() == "lambda_expression" { "lambda" } else { "anonymous method" };
    let end = node.field("parameters").map_or_else(|| node.start() + "async".len(), |p| p.end());
    let message = format!("`async` {what} {target} runs as `async void`");
    out.push(Diagnostic::new(&META, cx.file, node.start()..end, message));
}

/// Where an async lambda is converted to a delegate type known to return `void`: a variable or
/// cast of such a type, or an argument of a call or constructor known to take one. `None` when the
/// target cannot be told (an assignment, a `+=` event subscription, a method of unknown type).
fn void_delegate_target(node: Node<'_>, cx: &FileContext<'_>) -> Option<String> {
    let mut parent = node.parent()?;
    while parent.kind() == "parenthesized_expression" {
        parent = parent.parent()?;
    }
    let is_void_delegate = |ty: &str| cx.knowledge.void_delegate_types.contains(simple_name(ty));
    match parent.kind() {
        "variable_declarator" => {
            let ty = parent.parent().filter(|d| d.kind() == "variable_declaration")?.field("type")?;
            is_void_delegate(ty.text()).then(|| format!("assigned to `{}`", ty.text()))
        }
        "cast_expression" => {
            let ty = parent.field("type")?;
            is_void_delegate(ty.text()).then(|| format!("cast to `{}`", ty.text()))
        }
        "argument" => {
            let list = parent.parent().filter(|l| l.kind() == "argument_list")?;
            let call = list.parent()?;
            match call.kind() {
                "object_creation_expression" => {
                    let ty = call.field("type")?.text();
                    (is_void_delegate(ty) || cx.knowledge.is_void_callback_constructor(ty))
                        .then(|| format!("passed to `new {ty}(…)`"))
                }
                "invocation_expression" => {
                    let position =
                        list.named_children().filter(|a| a.kind() == "argument").position(|a| a.is(&parent))?;
                    let named = parent.field("name").is_some();
                    invocation_target(call, position, named, cx)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// For an async lambda passed as argument `position` of `call`: the callee if its parameter there
/// is a `void` delegate (a workspace method whose parameter type says so, or an outside API in the
/// knowledge base).
fn invocation_target(call: Node<'_>, position: usize, named: bool, cx: &FileContext<'_>) -> Option<String> {
    let (receiver, name) = invocation_parts(call)?;
    let name = simple_name(name.text());
    // A call that binds to workspace methods: their parameter types decide.
    if let Some(invocation) = Invocation::cast(call) {
        if let Callees::Workspace(methods) = cx.sem().callees(&invocation) {
            if named {
                return None;
            }
            let all_void = methods.iter().all(|&m| {
                let params = &cx.index.method(m).params;
                let param =
                    params.get(position).or_else(|| params.last().filter(|p| p.modifier.as_deref() == Some("params")));
                param.is_some_and(|p| cx.knowledge.void_delegate_types.contains(simple_name(&p.type_text)))
            });
            return all_void.then(|| format!("passed to `{name}`"));
        }
    }
    if !cx.knowledge.is_void_callback(receiver.map(|r| r.text()), name) {
        return None;
    }
    // A workspace method of that name taking a `Func<…, Task>` (an extension `ForEach`, say) may be
    // what the call binds to.
    let workspace_takes_task = cx
        .index
        .methods_called(name)
        .iter()
        .any(|&m| cx.index.method(m).params.iter().any(|p| p.type_text.contains("Task")));
    if workspace_takes_task {
        return None;
    }
    // `Parallel.ForEach`, but `ForEach` for `items.ForEach` and `F().ForEach`.
    let shown =
        match receiver.filter(|r| matches!(r.kind(), "identifier" | "qualified_name" | "member_access_expression")) {
            Some(r)
                if r.text().chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                    && simple_name(r.text()).starts_with(|c: char| c.is_ascii_uppercase()) =>
            {
                format!("{}.{name}", simple_name(r.text()))
            }
            _ => name.to_owned(),
        };
    Some(format!("passed to `{shown}`"))
}

/// Whether the member around a local function subscribes it to an event (`x.E += name`).
fn is_subscribed_here(function: Node<'_>, name: &str) -> bool {
    let Some(member) =
        function.ancestors().find(|a| a.kind() == "method_declaration" || a.kind() == "global_statement")
    else {
        return false;
    };
    let mut found = false;
    member.walk(|n| {
        found |= n.kind() == "assignment_expression"
            && n.children().any(|c| matches!(c.kind(), "+=" | "-="))
            && n.field("right").is_some_and(|r| r.text() == name || r.text().ends_with(&format!("({name})")));
    });
    found
}

fn has_modifier(node: Node<'_>, modifier: &str) -> bool {
    node.named_children().any(|c| c.kind() == "modifier" && c.text() == modifier)
}

fn is_async_void(node: Node<'_>, returns_field: &str) -> bool {
    has_modifier(node, "async") && node.field(returns_field).is_some_and(|t| t.text() == "void")
}

/// Where a declaration's signature starts: its first modifier or its return type, after any
/// attributes (which may sit on lines above).
fn declaration_start(node: Node<'_>) -> usize {
    node.named_children()
        .find(|c| !matches!(c.kind(), "attribute_list" | "comment"))
        .map_or(node.start(), |c| c.start())
}

/// The using directives directly in a compilation unit or namespace.
fn usings<'a>(scope: &Node<'a>) -> Vec<Node<'a>> {
    scope.named_children().filter(|c| c.kind() == "using_directive").collect()
}

/// `(object sender, XxxEventArgs e)`: two parameters, the second of a type ending in `EventArgs`.
fn has_event_args_signature(parameters: Node<'_>) -> bool {
    let params: Vec<Node<'_>> = parameters.named_children().filter(|p| p.kind() == "parameter").collect();
    params.len() == 2
        && params[1].field("type").is_some_and(|t| simple_name(t.text()).trim_end_matches('?').ends_with("EventArgs"))
}

/// The only statement of a block body, comments aside.
fn single_statement(body: Node<'_>) -> Option<Node<'_>> {
    if body.kind() != "block" {
        return None;
    }
    let mut statements = body.named_children().filter(|c| c.kind() != "comment");
    let first = statements.next()?;
    statements.next().is_none().then_some(first)
}

/// `{ await F(…); }` or `=> await F(…)` (a `.ConfigureAwait(…)` chain included).
fn is_thin_shell(body: Node<'_>) -> bool {
    let expression = match body.kind() {
        "arrow_expression_clause" => body.named_children().find(|c| c.kind() != "comment"),
        _ => single_statement(body)
            .filter(|s| s.kind() == "expression_statement")
            .and_then(|s| s.named_children().next()),
    };
    expression.is_some_and(|e| {
        e.kind() == "await_expression" && e.named_children().next().is_some_and(|o| o.kind() == "invocation_expression")
    })
}

/// `{ try { … } catch (Exception) { … } }`: the body is one `try` with a catch clause that takes
/// every exception, unfiltered.
fn catches_everything(body: Node<'_>) -> bool {
    let Some(statement) = single_statement(body).filter(|s| s.kind() == "try_statement") else { return false };
    statement.named_children().filter(|c| c.kind() == "catch_clause").any(|clause| {
        clause.child_of_kind("catch_filter_clause").is_none()
            && clause
                .child_of_kind("catch_declaration")
                .is_none_or(|d| d.field("type").is_some_and(|t| simple_name(t.text()) == "Exception"))
    })
}

/// Whether the function itself (not a lambda or local function inside it) awaits anything.
fn has_own_await(function: Node<'_>) -> bool {
    let mut found = false;
    function.walk(|n| {
        if found {
            return;
        }
        let awaits = n.kind() == "await_expression"
            || (matches!(n.kind(), "foreach_statement" | "using_statement" | "local_declaration_statement")
                && n.has_token("await"));
        if awaits && enclosing_function(n).is_some_and(|f| f.node.is(&function)) {
            found = true;
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;
    use crate::transforms::testing::{assert_fix, assert_not_fixed};

    fn first<'a>(root: Node<'a>, kind: &str) -> Node<'a> {
        crate::syntax::first_of_kind(root, kind)
    }

    fn body_check(body: &str, check: fn(Node<'_>) -> bool) -> bool {
        method_check(body, |method| check(method.field("body").unwrap()))
    }

    fn method_check(body: &str, check: impl Fn(Node<'_>) -> bool) -> bool {
        let text = format!("class A {{ async void F(object s, EventArgs e) {body} }}");
        let tree = parse(&text).unwrap();
        check(first(Node::root(&tree, &text), "method_declaration"))
    }

    #[test]
    fn a_single_awaited_call_is_a_thin_shell() {
        assert!(body_check("{ await DoAsync(s, e); }", is_thin_shell));
        assert!(body_check("{ // why\n await DoAsync().ConfigureAwait(true); }", is_thin_shell));
        assert!(body_check("=> await DoAsync();", is_thin_shell));
        assert!(!body_check("{ Log(); await DoAsync(); }", is_thin_shell));
        assert!(!body_check("{ await _task; }", is_thin_shell));
    }

    #[test]
    fn only_an_unfiltered_catch_of_everything_counts() {
        assert!(body_check("{ try { await X(); } catch (Exception ex) { Log(ex); } }", catches_everything));
        assert!(body_check("{ try { await X(); } catch { } }", catches_everything));
        assert!(!body_check("{ try { await X(); } catch (IOException) { } }", catches_everything));
        assert!(!body_check(
            "{ try { await X(); } catch (Exception ex) when (ex is IOException) { } }",
            catches_everything
        ));
        assert!(!body_check("{ try { await X(); } finally { } Log(); }", catches_everything));
    }

    #[test]
    fn awaits_in_nested_lambdas_do_not_count() {
        assert!(!method_check("{ Run(async () => await X()); }", has_own_await));
        assert!(method_check("{ Run(async () => await X()); await Y(); }", has_own_await));
        assert!(method_check("=> await Y();", has_own_await));
    }

    #[test]
    fn whole_words_only() {
        assert!(mentions_word("int OnClickAsync;", "OnClickAsync"));
        assert!(!mentions_word("int OnClickAsync2; _OnClickAsync", "OnClickAsync"));
    }

    #[test]
    fn an_async_void_method_returns_task_and_its_callers_await() {
        assert_fix(
            &AsyncVoid,
            "using System.Threading.Tasks; class A { async void Save() { await Task.Delay(1); } async Task F() { Save(); } }",
            "using System.Threading.Tasks; class A { async Task Save() { await Task.Delay(1); } async Task F() { await Save(); } }",
        );
    }

    #[test]
    fn a_handler_of_any_name_keeps_its_signature() {
        crate::transforms::testing::assert_fix(
            &AsyncVoid,
            "using System.Threading.Tasks; class A { void W(M m) { m.Deleted += m_deleted; } async void m_deleted(int n) { await Task.Delay(n); Log(); } void Log() {} }",
            "using System.Threading.Tasks; class A { void W(M m) { m.Deleted += m_deleted; } async void m_deleted(int n) {\n    await m_deletedAsync(n);\n}\n\nprivate async Task m_deletedAsync(int n) { await Task.Delay(n); Log(); } void Log() {} }",
        );
    }

    #[test]
    fn does_not_apply_to_a_method_converted_to_a_void_delegate() {
        assert_not_fixed(
            &AsyncVoid,
            "using System; using System.Threading.Tasks; class A { async void Tick() { await Task.Delay(1); } void F() { Action a = Tick; } }",
        );
    }
}
