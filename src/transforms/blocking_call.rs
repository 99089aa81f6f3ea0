//! `blocking-call`: a synchronous call inside async code where an async twin exists.
//!
//! The user documentation is `transforms/blocking-call/README.md`; the .NET twins are data in
//! `transforms/knowledge/async-twins.txt`.

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::{Applicability, Edit, Fix, Priority};
use crate::index::{Availability, MethodEntry, MethodRef, Stability, Twin};
use crate::semantic::{Callees, Invocation, Semantics};
use crate::syntax::{
    declared_type, enclosing_function, enclosing_types, in_postfix_position, invocation_parts, simple_name,
    DeclaredType, Node,
};
use crate::transforms::async_code::{code_at, combine, describe, is_zero_timeout, make_async, Code, MadeAsync};
use crate::transforms::{Meta, Transform};
use crate::workspace::{Fact, LanguageVersion};

static META: Meta = Meta {
    name: "blocking-call",
    code: "AF004",
    summary: "Synchronous call with an async twin inside async code",
    default_enabled: true,
    fix: Applicability::Safe,
    documentation: include_str!("../../transforms/blocking-call/README.md"),
    words: &["async", "await", "Task", "ValueTask"],
};

/// Awaits the async twin of a blocking call made in async code.
pub struct BlockingCall;

impl Transform for BlockingCall {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["invocation_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        if let Some(finding) = analyse(node, cx) {
            let mut diagnostic = Diagnostic::new(&META, cx.file, node.range(), finding.message);
            diagnostic.fix = finding.fix;
            out.push(diagnostic);
        }
    }
}

/// What blocking-call reports about one call.
struct Finding {
    message: String,
    fix: Option<Fix>,
}

/// The twin found for a call and how sure asyncfix is of it.
struct Plan<'a> {
    /// `StreamReader.ReadToEnd`, as shown in the message.
    what: String,
    /// The twin's name (`ReadToEndAsync`).
    twin: String,
    /// For a twin on another type (`Thread.Sleep` → `Task.Delay`): the new callee text.
    new_callee: Option<String>,
    /// The node replaced by the twin's name (or by `new_callee`).
    replaced: Node<'a>,
    applicability: Applicability,
    /// Why the fix cannot be offered, when it cannot.
    no_fix: Option<String>,
    /// Workspace twins get a different message: they need not block.
    workspace: bool,
    /// The callee as the fix title shows it (`File.ReadAllTextAsync`, `ReadToEndAsync`).
    shown: String,
    /// For a twin that gives a resource disposed asynchronously (`CreateAsyncScope`): the `using`
    /// keyword that becomes `await using`.
    using_keyword: Option<Node<'a>>,
}

fn analyse<'a>(call: Node<'a>, cx: &FileContext<'a>) -> Option<Finding> {
    // `x?.F()` and other shapes give `None`: `await` in front would not await the call alone.
    let (receiver, name) = invocation_parts(call)?;
    let function = call.field("function")?;
    let method = simple_name(name.text());
    let in_knowledge = cx.knowledge.async_twins.has_twins(method);
    if !in_knowledge && !cx.index.declares_method_named(&format!("{method}Async")) {
        return None;
    }
    let code = code_at(call, cx);
    if matches!(code, Code::Sync) || call.parent().is_some_and(|p| p.kind() == "await_expression") {
        return None;
    }
    // Near a syntax error, tree-sitter's reading of the code is a guess: a parameter called
    // `async` turns `if (async) … else …` into a broken lambda, hiding a deliberate sync path.
    if call.raw().has_error() || member(call).is_some_and(|m| m.raw().has_error()) {
        return None;
    }
    if receiver.is_some_and(|r| in_conditional_chain(r)) {
        return None;
    }
    let name_identifier = if name.kind() == "generic_name" { name.named_children().next()? } else { name };
    let plan = if in_knowledge { knowledge_twin(call, function, receiver, name_identifier, method, cx) } else { None };
    let plan = match plan {
        Some(plan) => plan,
        None => workspace_twin(call, name_identifier, method, cx)?,
    };
    if is_deliberate_sync_path(call, &plan.twin) || tests_the_synchronous_api(call, &plan.twin, cx) {
        return None;
    }
    let message = match (code, plan.workspace) {
        (Code::TaskReturning(f), true) => {
            format!(
                "synchronous `{}` in {}, which returns a task, while `{}` exists",
                plan.what,
                describe(f),
                plan.twin
            )
        }
        (Code::TaskReturning(f), false) => format!("`{}` blocks in {}, which returns a task", plan.what, describe(f)),
        (_, true) => format!("synchronous `{}` in async code while `{}` exists", plan.what, plan.twin),
        (_, false) if plan.using_keyword.is_some() => {
            format!("what `{}` gives is disposed synchronously inside async code", plan.what)
        }
        (_, false) => format!("`{}` blocks inside async code", plan.what),
    };
    let await_blocker = match code {
        Code::TaskReturning(_) => cx.sem().await_allowed_if_async(call),
        _ => cx.sem().await_allowed(call),
    };
    let no_fix = plan.no_fix.clone().or_else(|| await_blocker.err().map(|b| b.reason().to_owned()));
    if let Some(reason) = no_fix {
        return Some(Finding { message: format!("{message} (no automatic fix: {reason})"), fix: None });
    }
    let fix = await_fix(call, &plan, cx);
    let Code::TaskReturning(function) = code else { return Some(Finding { message, fix: Some(fix) }) };
    match &*make_async(function, cx) {
        Err(reason) => Some(Finding { message: format!("{message} (no automatic fix: {reason})"), fix: None }),
        Ok(made) => Some(Finding { message, fix: Some(made_async_fix(fix, made)) }),
    }
}

/// A fix inside a function that returns a task without being `async`, joined with the edits
/// that make the function async: the surer of the two applicabilities is not enough, both must
/// hold.
pub(super) fn made_async_fix(fix: Fix, made: &MadeAsync) -> Fix {
    let applicability = fix.applicability.min(made.applicability);
    let mut chars = fix.description.chars();
    let inner: String = chars.next().map_or_else(String::new, |first| first.to_lowercase().chain(chars).collect());
    let mut description = format!("Make {} async and {inner}", made.name);
    if let (Some(why), Applicability::Unsafe) = (made.unsafe_because, applicability) {
        if fix.applicability > Applicability::Unsafe {
            description.push_str(&format!(" (unsafe: {why})"));
        }
    }
    let edits = combine(&made.edits, fix.edits);
    let mut joined = Fix::new(description, edits, applicability);
    joined.isolation = fix.isolation;
    joined
}

/// A .NET API from the knowledge base.
fn knowledge_twin<'a>(
    call: Node<'a>,
    function: Node<'a>,
    receiver: Option<Node<'a>>,
    name: Node<'a>,
    method: &str,
    cx: &FileContext<'a>,
) -> Option<Plan<'a>> {
    let args = arguments(call);
    let sem = cx.sem();
    let zero_timeout = args.first().is_some_and(|a| is_zero_timeout(argument_value(*a)));
    let using_keyword = disposed_by_using(call);
    let usable = |t: &&Twin| {
        t.accepts_args(args.len())
            && t.using.as_deref().is_none_or(|ns| file_imports(cx.root, ns))
            && !args.iter().any(|a| a.field("name").is_some_and(|n| t.no_arg.iter().any(|x| x == n.text())))
            && (!t.text_arg || args.last().is_none_or(|a| is_text(argument_value(*a), &sem)))
            // `Thread.Sleep(0)`, `semaphore.Wait(0)`: a zero timeout returns at once.
            && !(t.timeout && zero_timeout)
            // A resource disposed asynchronously is worth it only where it is disposed: a `using`.
            && (!t.disposed || using_keyword.is_some())
    };
    let twins: Vec<&Twin> = cx.knowledge.async_twins.twins_of(method).iter().filter(usable).collect();
    if twins.is_empty() {
        return None;
    }
    let Some(receiver) = receiver else {
        // An unqualified call: a static method imported with `using static System.IO.File;`.
        let invocation = Invocation::cast(call)?;
        let Callees::Outside { owner: Some(owner), is_static: true } = sem.callees(&invocation) else { return None };
        let twin = twins.iter().find(|t| t.is_static && t.owner == owner.name)?;
        let new_callee = twin.twin_owner.as_ref().map(|o| format!("{}.{}", qualified_type(o, call, cx), twin.twin));
        let replaced = if new_callee.is_some() { function } else { name };
        return plan_for(twin, format!("{}.{method}", owner.name), new_callee, replaced, Evidence::Type, cx);
    };
    // A static call: `File.ReadAllText(…)`, `System.Threading.Thread.Sleep(…)`.
    let static_type = sem.static_type(receiver).map(|t| t.name).filter(|t| !cx.index.is_workspace_type(t));
    if let Some(owner) = &static_type {
        if let Some(twin) = twins.iter().find(|t| t.is_static && &t.owner == owner) {
            let new_callee = twin.twin_owner.as_ref().map(|o| format!("{}.{}", qualified_type(o, call, cx), twin.twin));
            let replaced = if new_callee.is_some() { function } else { name };
            let mut plan = plan_for(twin, format!("{owner}.{method}"), new_callee, replaced, Evidence::Type, cx)?;
            if plan.new_callee.is_none() {
                plan.shown = format!("{owner}.{}", twin.twin);
            }
            return Some(plan);
        }
    }
    let instance: Vec<&Twin> = twins.into_iter().filter(|t| !t.is_static).collect();
    match sem.type_of(receiver).known().map(|t| t.non_nullable()) {
        Some(ty) => {
            let family: Vec<String> = sem.family(&ty).into_iter().map(|t| t.name).collect();
            if family.iter().any(|t| cx.knowledge.async_twins.is_in_memory(t)) {
                return None;
            }
            let twin = family.iter().find_map(|f| instance.iter().find(|t| &t.owner == f))?;
            let mut plan = plan_for(twin, format!("{}.{method}", ty.name), None, name, Evidence::Type, cx)?;
            if twin.disposed {
                plan.using_keyword = using_keyword;
                if plan.no_fix.is_none() {
                    plan.no_fix = match cx.project.allows_language(LanguageVersion::CSHARP_8) {
                        Fact::Known(true) => None,
                        Fact::Known(false) => Some("`await using` needs C# 8".into()),
                        Fact::Unknown => {
                            Some("the project's C# version is not known, and `await using` needs C# 8".into())
                        }
                    };
                }
            }
            // EF Core's async operators throw on other queryables; `AsQueryable()` in the same
            // member says the query may be one.
            if twin.owner == "IQueryable" && plan.no_fix.is_none() && member_text(call).contains("AsQueryable(") {
                plan.no_fix = Some("the query may not come from EF Core (`AsQueryable`)".into());
            }
            Some(plan)
        }
        None => {
            // A bare capitalised name that is no variable is a type or an inherited member:
            // too little to go on.
            if static_type.is_some() && receiver.kind() == "identifier" {
                return None;
            }
            // A variable declared with a type the knowledge base knows but that has no twin
            // (`IDbCommand`), or a workspace type, would have been typed above. What is left is
            // unknown: only a specific method name is enough.
            if receiver.kind() == "identifier"
                && matches!(declared_type(receiver.text(), receiver), DeclaredType::Type(_))
            {
                return None;
            }
            let by_name: Vec<&&Twin> = instance.iter().filter(|t| t.by_name).collect();
            let first = by_name.first()?;
            if by_name.iter().any(|t| t.twin != first.twin) {
                return None;
            }
            plan_for(first, method.to_owned(), None, name, Evidence::Name, cx)
        }
    }
}

/// How the twin was matched.
enum Evidence {
    /// The receiver's type (or the static type called) is known.
    Type,
    /// The method name alone.
    Name,
}

fn plan_for<'a>(
    twin: &Twin,
    what: String,
    new_callee: Option<String>,
    replaced: Node<'a>,
    evidence: Evidence,
    cx: &FileContext<'_>,
) -> Option<Plan<'a>> {
    // Test code often calls the synchronous API on purpose, to test it.
    let in_tests = cx.project.kind == crate::workspace::ProjectKind::Test;
    let applicability = match evidence {
        Evidence::Type if !twin.behaves_differently && !in_tests => Applicability::Safe,
        Evidence::Type => Applicability::Unsafe,
        // The method name alone: the receiver may be another type that has no such twin, and then
        // the fix does not compile.
        Evidence::Name => Applicability::DisplayOnly,
    };
    let no_fix = match twin.availability(&cx.project.target_frameworks) {
        Availability::Everywhere => None,
        Availability::Unknown => Some(format!(
            "the project's target frameworks are unknown and `{}` needs one of {}",
            twin.twin,
            twin.frameworks_text()
        )),
        // The project cannot use the twin: nothing to suggest.
        Availability::Missing => return None,
    };
    let shown = new_callee.clone().unwrap_or_else(|| twin.twin.clone());
    Some(Plan {
        what,
        twin: twin.twin.clone(),
        new_callee,
        replaced,
        applicability,
        no_fix,
        workspace: false,
        shown,
        using_keyword: None,
    })
}

/// The `using` keyword of the `using` whose resource `call` is (`using var s = F();`, `using (var
/// s = F())`, `using (F())`), when the resource is declared with `var` or is no declaration: a
/// resource declared with an interface type (`using IServiceScope s = …`) would keep the type
/// that has no `DisposeAsync`.
fn disposed_by_using(call: Node<'_>) -> Option<Node<'_>> {
    let parent = call.parent()?;
    let statement = match parent.kind() {
        "using_statement" => parent,
        "variable_declarator" => {
            let declaration = parent.parent().filter(|d| d.kind() == "variable_declaration")?;
            if declaration.field("type").is_none_or(|t| t.kind() != "implicit_type") {
                return None;
            }
            declaration.parent().filter(|s| matches!(s.kind(), "using_statement" | "local_declaration_statement"))?
        }
        _ => return None,
    };
    // `await using` already, or a declaration without `using`.
    if statement.has_token("await") {
        return None;
    }
    statement.children().find(|c| c.kind() == "using")
}

/// In a test project, a blocking call inside a test whose class has another test that calls the
/// twin: the synchronous API is what this test tests.
fn tests_the_synchronous_api(call: Node<'_>, twin: &str, cx: &FileContext<'_>) -> bool {
    if cx.project.kind != crate::workspace::ProjectKind::Test {
        return false;
    }
    let is_test = |attributes: &[String]| attributes.iter().any(|a| cx.knowledge.test_attributes.contains(a));
    let Some(method) = member(call).filter(|m| m.kind() == "method_declaration") else { return false };
    let Some(this) = cx.method_declared_by(method) else { return false };
    let entry = cx.index.method(this);
    if !is_test(&entry.attributes) {
        return false;
    }
    cx.index.calls_named(twin).any(|(file, site)| {
        let caller = site.method.map(|m| &cx.index.file(file).methods[m]);
        site.owner.as_deref() == Some(entry.owner.as_str())
            && caller.is_some_and(|c| is_test(&c.attributes) && (file, site.method) != (this.0, Some(this.1)))
    })
}

/// A workspace method `M` whose type (or a base) also declares a compatible `MAsync`.
fn workspace_twin<'a>(call: Node<'a>, name: Node<'a>, method: &str, cx: &FileContext<'a>) -> Option<Plan<'a>> {
    let twin_name = format!("{method}Async");
    let invocation = Invocation::cast(call)?;
    // What the call binds to: an unqualified `M()` may be a local function of the same name,
    // which shadows the method (then it is no workspace method).
    let targets: Vec<MethodRef> = match cx.sem().callees(&invocation) {
        Callees::Workspace(methods) => methods,
        _ => return None,
    };
    if targets.is_empty() {
        return None;
    }
    // Inside `MAsync` itself (or a lambda in it), awaiting `MAsync` would recurse.
    let in_twin = call.ancestors().any(|a| {
        matches!(a.kind(), "method_declaration" | "local_function_statement")
            && a.field("name").is_some_and(|n| n.text() == twin_name)
    });
    if in_twin {
        return None;
    }
    let caller_type = enclosing_types(call).next().and_then(|t| t.field("name")).map(|n| n.text());
    // What `MAsync(…)` in its place would bind to, as the compiler would bind it: a method of the
    // receiver's type or its bases, or an extension method of the workspace.
    let twins: Vec<MethodRef> = match cx.sem().callees_named(&invocation, &twin_name) {
        Callees::Workspace(methods) => methods,
        _ => return None,
    };
    let all_have_twins = targets.iter().all(|&m| {
        let sync = cx.index.method(m);
        twins.iter().any(|&t| {
            let twin = cx.index.method(t);
            compatible(sync, twin) && (!twin.has_modifier("private") || caller_type == Some(twin.owner.as_str()))
        })
    });
    if twins.is_empty() || !all_have_twins {
        return None;
    }
    let owner = &cx.index.method(targets[0]).owner;
    Some(Plan {
        what: format!("{owner}.{method}"),
        shown: twin_name.clone(),
        twin: twin_name,
        new_callee: None,
        replaced: name,
        applicability: Applicability::Unsafe,
        no_fix: None,
        workspace: true,
        using_keyword: None,
    })
}

/// Whether `twin` can replace `sync` at every call: the same parameters (plus, optionally, a
/// trailing `CancellationToken` with a default), the same static-ness, and `Task`/`Task<T>` (or
/// `ValueTask`) where `sync` returns `void`/`T`.
fn compatible(sync: &MethodEntry, twin: &MethodEntry) -> bool {
    let normal = |s: &str| s.split_whitespace().collect::<String>();
    // An extension method is called like an instance method; its `this` parameter is the receiver.
    let is_extension = |m: &MethodEntry| m.params.first().is_some_and(|p| p.modifier.as_deref() == Some("this"));
    let instance_like = |m: &MethodEntry| !m.has_modifier("static") || is_extension(m);
    if instance_like(sync) != instance_like(twin) {
        return false;
    }
    let params = |m: &MethodEntry| if is_extension(m) { m.params[1..].to_vec() } else { m.params.clone() };
    let (sync_params, twin_params) = (params(sync), params(twin));
    // An obsolete or experimental twin warns or does not compile (CS0618, CS0619).
    if twin.stability != Stability::Stable {
        return false;
    }
    // `Load<int>()` must stay valid as `LoadAsync<int>()`: the same type parameters, with the same
    // constraints (a `where T : class` the sync method lacks would reject `int`, CS0452).
    if sync.type_params.len() != twin.type_params.len() || sync.constraints != twin.constraints {
        return false;
    }
    if sync_params.iter().any(|p| matches!(p.modifier.as_deref(), Some("ref" | "out" | "in"))) {
        return false;
    }
    let extra_token = twin_params.len() == sync_params.len() + 1
        && twin_params.last().is_some_and(|p| simple_name(&p.type_text) == "CancellationToken" && p.default.is_some());
    if twin_params.len() != sync_params.len() && !extra_token {
        return false;
    }
    let same_params = sync_params.iter().zip(&twin_params).all(|(a, b)| {
        normal(&a.type_text) == normal(&b.type_text)
            && a.modifier == b.modifier
            && (a.default.is_none() || b.default.is_some())
    });
    if !same_params {
        return false;
    }
    let returns = normal(&twin.returns);
    let Some((outer, inner)) = split_generic(&returns) else { return false };
    if !matches!(simple_name(outer), "Task" | "ValueTask") {
        return false;
    }
    match inner {
        None => normal(&sync.returns) == "void",
        Some(inner) => inner == normal(&sync.returns),
    }
}

/// `Task<List<int>>` → (`Task`, Some(`List<int>`)); `Task` → (`Task`, None).
fn split_generic(text: &str) -> Option<(&str, Option<&str>)> {
    match text.find('<') {
        Some(open) => {
            let inner = text.get(open + 1..)?.strip_suffix('>')?;
            Some((&text[..open], Some(inner)))
        }
        None => Some((text, None)),
    }
}

/// The edits: `await ` (parenthesised where a postfix chain follows) and the twin's name.
fn await_fix(call: Node<'_>, plan: &Plan<'_>, cx: &FileContext<'_>) -> Fix {
    if let Some(keyword) = plan.using_keyword {
        // `using var scope = sp.CreateScope();` → `await using var scope = sp.CreateAsyncScope();`
        let edits = vec![
            Edit::insert(cx.file, keyword.start(), "await "),
            Edit::replace(cx.file, plan.replaced.range(), plan.twin.clone()),
        ];
        // The scope's services are then disposed with `DisposeAsync()`, which may do other work
        // than their `Dispose()` (blocking-dispose's rule for `AsyncServiceScope`).
        let applicability = plan.applicability.min(Applicability::Unsafe);
        let description = format!(
            "Replace with `await using` and `{}` (unsafe: what it gives disposes its services with `DisposeAsync()`, which may do other work than `Dispose()`)",
            plan.shown
        );
        let fix = Fix::new(description, edits, applicability);
        return match enclosing_function(call) {
            Some(function) => fix.isolated((cx.file, function.node.start()), Priority::First),
            None => fix,
        };
    }
    let parens = in_postfix_position(call);
    let prefix = if parens { "(await " } else { "await " };
    let callee = plan.new_callee.clone().unwrap_or_else(|| plan.twin.clone());
    let mut edits = Vec::new();
    if plan.replaced.start() == call.start() {
        edits.push(Edit::replace(cx.file, plan.replaced.range(), format!("{prefix}{callee}")));
    } else {
        edits.push(Edit::insert(cx.file, call.start(), prefix));
        edits.push(Edit::replace(cx.file, plan.replaced.range(), callee.clone()));
    }
    if parens {
        edits.push(Edit::insert(cx.file, call.end(), ")"));
    }
    let mut title = format!("Replace with `await {}`", plan.shown);
    if plan.applicability == Applicability::DisplayOnly {
        title.push_str(" (not applied: only the method's name says which API this is, so the twin may not exist)");
    }
    let fix = Fix::new(title, edits, plan.applicability);
    match enclosing_function(call) {
        Some(function) => fix.isolated((cx.file, function.node.start()), Priority::First),
        None => fix,
    }
}

/// `async ? await r.ReadAsync() : r.Read()`, `if (async) … else r.Read()`: code that offers both
/// paths on purpose (tests of both APIs, libraries with a `bool async` parameter).
fn is_deliberate_sync_path(call: Node<'_>, twin: &str) -> bool {
    let mentions_twin = |n: Node<'_>| {
        let text = n.text();
        text.match_indices(twin).any(|(i, _)| text[i + twin.len()..].starts_with(['(', '<']))
    };
    let mut child = call;
    for a in call.ancestors() {
        if crate::syntax::is_function(a.kind()) {
            return serves_both_paths(a);
        }
        let other_branch = match a.kind() {
            "conditional_expression" | "if_statement" => {
                // `if (async) await F(); else G();`: code that runs one path or the other on a flag.
                if a.field("condition").is_some_and(is_async_flag)
                    && !a.field("condition").is_some_and(|c| c.is(&child))
                {
                    return true;
                }
                let (then, otherwise) = (a.field("consequence"), a.field("alternative"));
                match (then, otherwise) {
                    (Some(t), Some(o)) if t.is(&child) => Some(o),
                    (Some(t), Some(o)) if o.is(&child) => Some(t),
                    _ => None,
                }
            }
            _ => None,
        };
        if other_branch.is_some_and(mentions_twin) {
            return true;
        }
        child = a;
    }
    false
}

/// `ValueTask Write(bool async, …)` without `async`: a function that returns a task and is told
/// which path to take completes synchronously when the flag is false, on purpose (npgsql's
/// converters: `if (async) return WriteAsync(…); Write(…); return new();`).
fn serves_both_paths(function: Node<'_>) -> bool {
    let is_async = function.named_children().any(|c| c.kind() == "modifier" && c.text() == "async");
    let Some(parameters) = function.field("parameters") else { return false };
    !is_async
        && parameters
            .named_children()
            .filter(|p| p.kind() == "parameter")
            .any(|p| p.field("type").is_some_and(|t| t.text() == "bool") && p.field("name").is_some_and(is_async_flag))
}

/// `async`, `!isAsync`, `this.useAsync`, `(async)`: a condition that picks the synchronous or the
/// asynchronous path of code written both ways (npgsql's `bool async` parameters).
fn is_async_flag(condition: Node<'_>) -> bool {
    let text = condition.text().trim().trim_start_matches('!').trim_start_matches('(').trim_end_matches(')').trim();
    let name = text.rsplit('.').next().unwrap_or(text).trim_start_matches('@');
    !name.is_empty()
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && name.to_ascii_lowercase().ends_with("async")
}

/// `Task`, or `System.Threading.Tasks.Task` when the file may not have `Task` in scope.
fn qualified_type(name: &str, call: Node<'_>, cx: &FileContext<'_>) -> String {
    if name != "Task" {
        return name.to_owned();
    }
    let returns_task = enclosing_function(call)
        .and_then(|f| f.node.field("returns").or_else(|| f.node.field("type")))
        .is_some_and(|t| t.text().starts_with("Task") || t.text().starts_with("ValueTask"));
    if returns_task || file_imports(cx.root, "System.Threading.Tasks") {
        "Task".into()
    } else {
        "System.Threading.Tasks.Task".into()
    }
}

/// Whether the file has `using <namespace>;` (at the top or in a namespace).
fn file_imports(root: Node<'_>, namespace: &str) -> bool {
    let mut pending = vec![root];
    while let Some(scope) = pending.pop() {
        for child in scope.named_children() {
            match child.kind() {
                "using_directive" => {
                    let alias = child.field("name").is_some();
                    let is_static = child.has_token("static");
                    let target = child.named_children().last().map(|n| n.text().split_whitespace().collect::<String>());
                    if !alias && !is_static && target.as_deref() == Some(namespace) {
                        return true;
                    }
                }
                "namespace_declaration" | "file_scoped_namespace_declaration" | "declaration_list" => {
                    pending.push(child)
                }
                _ => {}
            }
        }
    }
    false
}

/// The `argument` nodes of a call.
fn arguments<'a>(call: Node<'a>) -> Vec<Node<'a>> {
    call.field("arguments").map(|a| a.named_children().filter(|c| c.kind() == "argument").collect()).unwrap_or_default()
}

/// The expression of an argument (after its name and modifiers).
fn argument_value(argument: Node<'_>) -> Node<'_> {
    argument.named_children().last().unwrap_or(argument)
}

/// Whether an expression is known to be a string or a char.
fn is_text(expr: Node<'_>, sem: &Semantics<'_>) -> bool {
    match expr.kind() {
        "string_literal"
        | "verbatim_string_literal"
        | "raw_string_literal"
        | "interpolated_string_expression"
        | "character_literal" => true,
        "parenthesized_expression" => expr.named_children().next().is_some_and(|e| is_text(e, sem)),
        "binary_expression" => {
            expr.children().any(|c| c.kind() == "+")
                && [expr.field("left"), expr.field("right")].into_iter().flatten().any(|e| is_text(e, sem))
        }
        "invocation_expression" => {
            let callee = expr.field("function").map(|f| f.text()).unwrap_or("");
            callee.ends_with(".ToString")
                || ["string.Format", "String.Format", "string.Join", "String.Join", "string.Concat", "String.Concat"]
                    .contains(&callee)
        }
        _ => {
            sem.type_of(expr).known().is_some_and(|t| matches!(t.name.as_str(), "string" | "String" | "char" | "Char"))
        }
    }
}

/// Whether the receiver chain starts inside a `?.` (`a?.B.C()`): `await` would not cover it.
fn in_conditional_chain(receiver: Node<'_>) -> bool {
    let mut node = receiver;
    loop {
        let next = match node.kind() {
            "member_binding_expression" | "element_binding_expression" | "conditional_access_expression" => {
                return true
            }
            "invocation_expression" => node.field("function"),
            "member_access_expression" | "element_access_expression" => node.field("expression"),
            _ => return false,
        };
        match next {
            Some(next) => node = next,
            None => return false,
        }
    }
}

/// The member (method, accessor, constructor, top-level statement) around `call`.
fn member(call: Node<'_>) -> Option<Node<'_>> {
    call.ancestors().find(|a| {
        matches!(
            a.kind(),
            "method_declaration"
                | "constructor_declaration"
                | "accessor_declaration"
                | "global_statement"
                | "property_declaration"
                | "operator_declaration"
        )
    })
}

/// The text of the member around `call`.
fn member_text<'a>(call: Node<'a>) -> &'a str {
    member(call).map_or("", |m| m.text())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Settings;
    use crate::transforms::testing;
    use crate::workspace::{Project, ProjectKind};

    /// Runs the pass over `text` in a net8.0 application and applies every fix.
    fn fixed(text: &str) -> String {
        fixed_in(text, &["net8.0"])
    }

    fn fixed_in(text: &str, tfms: &[&str]) -> String {
        let project = Project {
            kind: ProjectKind::Application,
            target_frameworks: tfms.iter().map(|s| s.to_string()).collect(),
            ..Project::unknown()
        };
        let out = testing::check(&BlockingCall, text, project, &Settings::default());
        testing::apply(text, out.into_iter().filter_map(|d| d.fix).flat_map(|f| f.edits))
    }

    fn method(body: &str) -> String {
        format!("using System.IO; using System.Threading; using System.Threading.Tasks; class A {{ async Task F(Stream s, byte[] b) {{ {body} }} }}")
    }

    #[test]
    fn sleep_becomes_delay() {
        assert_eq!(fixed(&method("Thread.Sleep(10);")), method("await Task.Delay(10);"));
    }

    #[test]
    fn postfix_chains_get_parentheses() {
        let before = method("var r = new StreamReader(s); var t = r.ReadToEnd().Trim();");
        let after = method("var r = new StreamReader(s); var t = (await r.ReadToEndAsync()).Trim();");
        assert_eq!(fixed(&before), after);
    }

    #[test]
    fn memory_streams_are_left_alone() {
        let text = method("var ms = new MemoryStream(); ms.Read(b, 0, 1); StringWriter w = null; w.Write(\"x\");");
        assert_eq!(fixed(&text), text);
    }

    #[test]
    fn generic_names_need_type_evidence() {
        let text = method("x.Read(b, 0, 1); s.Read(b, 0, 1);");
        assert_eq!(fixed(&text), method("x.Read(b, 0, 1); await s.ReadAsync(b, 0, 1);"));
    }

    #[test]
    fn does_not_apply_inside_lock_or_sync_lambda() {
        let text = method("lock (this) { Thread.Sleep(1); } Run(() => Thread.Sleep(1));");
        assert_eq!(fixed(&text), text);
    }

    #[test]
    fn file_twins_need_every_target_framework() {
        let text = method("var t = File.ReadAllText(\"a\");");
        assert_eq!(fixed_in(&text, &["net8.0", "net472"]), text);
        assert_eq!(
            fixed_in(&text, &["net8.0", "netstandard2.1"]),
            method("var t = await File.ReadAllTextAsync(\"a\");")
        );
    }

    #[test]
    fn workspace_twins_with_compatible_parameters() {
        let text = "class A { void Save(int x) {} Task SaveAsync(int x, CancellationToken ct = default) => null; int Load() => 1; Task<long> LoadAsync() => null; async Task F() { Save(1); Load(); } }";
        let after = "class A { void Save(int x) {} Task SaveAsync(int x, CancellationToken ct = default) => null; int Load() => 1; Task<long> LoadAsync() => null; async Task F() { await SaveAsync(1); Load(); } }";
        assert_eq!(fixed(text), after);
    }

    #[test]
    fn does_not_recurse_into_the_twin() {
        let text = "class A { void Save() {} async Task SaveAsync() { Save(); } }";
        assert_eq!(fixed(text), text);
    }

    #[test]
    fn text_writer_needs_text() {
        let text = method("var w = new StreamWriter(s); w.Write(42); w.WriteLine(\"a\" + 1); w.WriteLine();");
        let after = method(
            "var w = new StreamWriter(s); w.Write(42); await w.WriteLineAsync(\"a\" + 1); await w.WriteLineAsync();",
        );
        assert_eq!(fixed(&text), after);
    }

    const IO: &str = "using System; using System.IO; using System.Threading; using System.Threading.Tasks; ";

    /// The fixes offered on `text` in a .NET 8 application: (applicability, description).
    fn fixes(text: &str) -> Vec<(Applicability, String)> {
        let out = testing::check(&BlockingCall, text, testing::application(), &Settings::default());
        out.into_iter().filter_map(|d| d.fix).map(|f| (f.applicability, f.description)).collect()
    }

    fn messages(text: &str) -> Vec<String> {
        testing::check(&BlockingCall, text, testing::application(), &Settings::default())
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn a_method_returning_a_task_becomes_async_and_returns_its_value() {
        let before = format!("{IO}class A {{ public Task<int> CountAsync(string p) {{ var text = File.ReadAllText(p); return Task.FromResult(text.Length); }} async Task Use() {{ await CountAsync(\"a\"); }} }}");
        let after = format!("{IO}class A {{ public async Task<int> CountAsync(string p) {{ var text = await File.ReadAllTextAsync(p); return text.Length; }} async Task Use() {{ await CountAsync(\"a\"); }} }}");
        testing::assert_fix(&BlockingCall, &before, &after);
        assert_eq!(
            fixes(&before),
            [(Applicability::Safe, "Make `A.CountAsync` async and replace with `await File.ReadAllTextAsync`".into())],
            "every caller awaits it"
        );
        assert_eq!(messages(&before), ["`File.ReadAllText` blocks in `A.CountAsync`, which returns a task"]);
    }

    #[test]
    fn completed_tasks_become_plain_returns_and_the_last_one_goes() {
        let before = format!("{IO}class A {{ Task Save(Stream s, byte[] b) {{ if (b == null) return Task.CompletedTask; s.Write(b, 0, 1); return Task.CompletedTask; }} void Use() {{ var t = Save(null, null); }} }}");
        let after = format!("{IO}class A {{ async Task Save(Stream s, byte[] b) {{ if (b == null) return; await s.WriteAsync(b, 0, 1); }} void Use() {{ var t = Save(null, null); }} }}");
        testing::assert_fix(&BlockingCall, &before, &after);
        assert_eq!(fixes(&before)[0].0, Applicability::Unsafe, "a caller keeps the task without awaiting it");
    }

    #[test]
    fn expression_bodies_and_value_tasks_return_the_awaited_value() {
        let before = format!("{IO}class A {{ Task<string> Read(StreamReader r) => Task.FromResult(r.ReadToEnd()); ValueTask<int> V(Stream s, byte[] b) {{ return new ValueTask<int>(s.Read(b, 0, 1)); }} }}");
        let after = format!("{IO}class A {{ async Task<string> Read(StreamReader r) => await r.ReadToEndAsync(); async ValueTask<int> V(Stream s, byte[] b) {{ return await s.ReadAsync(b, 0, 1); }} }}");
        testing::assert_fix(&BlockingCall, &before, &after);
    }

    #[test]
    fn another_task_returned_is_awaited_and_the_fix_is_unsafe() {
        let before = format!("{IO}class A {{ Task Save(Stream s, byte[] b) {{ s.Flush(); return s.WriteAsync(b, 0, 1); }} async Task Use(Stream s) {{ await Save(s, null); }} }}");
        let after = format!("{IO}class A {{ async Task Save(Stream s, byte[] b) {{ await s.FlushAsync(); await s.WriteAsync(b, 0, 1); }} async Task Use(Stream s) {{ await Save(s, null); }} }}");
        testing::assert_fix(&BlockingCall, &before, &after);
        let (applicability, description) = &fixes(&before)[0];
        assert_eq!(*applicability, Applicability::Unsafe);
        assert!(description.contains("unsafe: a task it passed on is awaited instead"), "{description}");
    }

    #[test]
    fn a_lambda_converted_to_a_task_delegate_becomes_async() {
        let before = format!("{IO}class A {{ void F(StreamReader r) {{ Func<Task<string>> f = () => Task.FromResult(r.ReadToEnd()); }} }}");
        let after = format!("{IO}class A {{ void F(StreamReader r) {{ Func<Task<string>> f = async () => await r.ReadToEndAsync(); }} }}");
        testing::assert_fix(&BlockingCall, &before, &after);
        let untyped =
            format!("{IO}class A {{ void F(StreamReader r) {{ Run(() => Task.FromResult(r.ReadToEnd())); }} }}");
        assert!(messages(&untyped).is_empty(), "the delegate type is not known");
    }

    #[test]
    fn a_task_method_told_which_path_to_take_completes_synchronously_on_purpose() {
        // npgsql's converters: `bool async` says which path the caller wants.
        let told = format!("{IO}class A {{ ValueTask Write(bool async, Stream s, byte[] b) {{ if (async) return s.WriteAsync(b); s.Write(b, 0, 1); return new(); }} Task Flush(bool isAsync, Stream s) {{ s.Flush(); return Task.CompletedTask; }} }}");
        assert!(messages(&told).is_empty(), "{:?}", messages(&told));
        let other_flag =
            format!("{IO}class A {{ Task Flush(bool force, Stream s) {{ s.Flush(); return Task.CompletedTask; }} }}");
        assert_eq!(messages(&other_flag).len(), 1, "a flag that does not pick the path says nothing");
        let awaiting =
            format!("{IO}class A {{ async Task Flush(bool async, Stream s) {{ s.Flush(); await Task.Yield(); }} }}");
        assert_eq!(messages(&awaiting).len(), 1, "an async method blocks its caller on either path");
    }

    #[test]
    fn task_from_exception_is_thrown() {
        let before = format!("{IO}class A {{ Task F(Stream s) {{ if (s == null) return Task.FromException(new ArgumentNullException()); s.Flush(); return Task.CompletedTask; }} }}");
        let after = format!("{IO}class A {{ async Task F(Stream s) {{ if (s == null) throw new ArgumentNullException(); await s.FlushAsync(); }} }}");
        testing::assert_fix(&BlockingCall, &before, &after);
    }

    #[test]
    fn out_parameters_null_tasks_and_synchronous_methods_get_no_fix() {
        let out = format!(
            "{IO}class A {{ Task<int> F(out int x) {{ x = 1; Thread.Sleep(1); return Task.FromResult(x); }} }}"
        );
        testing::assert_not_fixed(&BlockingCall, &out);
        assert!(messages(&out)[0].contains("has an `out` parameter"), "{:?}", messages(&out));
        let null = format!("{IO}class A {{ Task F() {{ Thread.Sleep(1); return null; }} }}");
        testing::assert_not_fixed(&BlockingCall, &null);
        assert!(messages(&null)[0].contains("returns `null` for its task"), "{:?}", messages(&null));
        let sync = format!("{IO}class A {{ int F(StreamReader r) {{ return r.ReadToEnd().Length; }} }}");
        assert!(messages(&sync).is_empty(), "synchronous code may block");
    }

    #[test]
    fn zero_timeouts_do_not_block() {
        let text = format!("{IO}class A {{ async Task F(SemaphoreSlim s) {{ Thread.Sleep(0); s.Wait(0); s.Wait(TimeSpan.Zero); await Task.Yield(); }} }}");
        assert!(messages(&text).is_empty(), "{:?}", messages(&text));
        let waits = format!(
            "{IO}class A {{ async Task F(SemaphoreSlim s) {{ Thread.Sleep(10); s.Wait(); await Task.Yield(); }} }}"
        );
        assert_eq!(messages(&waits).len(), 2);
    }

    #[test]
    fn a_static_method_imported_with_using_static_gets_its_imported_twin() {
        let before = format!("{IO}using static System.IO.File; class A {{ async Task<string> F() {{ var s = ReadAllText(\"a\"); await Task.Yield(); return s; }} }}");
        // `using static` imports the twin too.
        let after = fixed(&before);
        assert!(after.contains("var s = await ReadAllTextAsync(\"a\");"), "{after}");
    }

    #[test]
    fn a_twin_that_is_an_extension_method_of_the_workspace_is_used() {
        let before = format!("{IO}class Repo {{ public void Save(int x) {{ }} }} static class RepoExtensions {{ public static Task SaveAsync(this Repo r, int x) => null; }} class A {{ async Task F(Repo r) {{ r.Save(1); await Task.Yield(); }} }}");
        let after = before.replace("{ r.Save(1);", "{ await r.SaveAsync(1);");
        testing::assert_fix(&BlockingCall, &before, &after);
    }

    #[test]
    fn process_and_joinable_task_waits_have_twins() {
        let process = "using System.Diagnostics; using System.Threading.Tasks; class A { async Task F(Process p) { p.WaitForExit(); await Task.Yield(); } }";
        testing::assert_fix(
            &BlockingCall,
            process,
            &process.replace("{ p.WaitForExit();", "{ await p.WaitForExitAsync();"),
        );
        let timed = "using System.Diagnostics; using System.Threading.Tasks; class A { async Task F(Process p) { p.WaitForExit(100); await Task.Yield(); } }";
        assert!(messages(timed).is_empty(), "`WaitForExit(int)` returns whether it exited in time");
        let join = "using Microsoft.VisualStudio.Threading; using System.Threading.Tasks; class A { async Task F(JoinableTask t) { t.Join(); await Task.Yield(); } }";
        testing::assert_fix(&BlockingCall, join, &join.replace("{ t.Join();", "{ await t.JoinAsync();"));
    }

    #[test]
    fn a_synchronous_api_under_test_next_to_its_async_twin_is_deliberate() {
        let client = "class Client { public void Load() { } public Task LoadAsync() => null; }";
        let both = format!("using Xunit; {IO}{client} class ClientTests {{ [Fact] public async Task Loads() {{ new Client().Load(); await Task.Yield(); }} [Fact] public async Task LoadsAsync() {{ await new Client().LoadAsync(); }} }}");
        let test_project = || Project { kind: ProjectKind::Test, ..testing::application() };
        let found = testing::check(&BlockingCall, &both, test_project(), &Settings::default());
        assert!(found.is_empty(), "{:?}", found.iter().map(|d| &d.message).collect::<Vec<_>>());
        let only_sync = format!("using Xunit; {IO}{client} class ClientTests {{ [Fact] public async Task Loads() {{ new Client().Load(); await Task.Yield(); }} }}");
        assert_eq!(testing::check(&BlockingCall, &only_sync, test_project(), &Settings::default()).len(), 1);
        let application = testing::check(&BlockingCall, &both, testing::application(), &Settings::default());
        assert_eq!(application.len(), 1, "outside a test project the call is reported");
    }
}
