//! Shared by the call-chain transforms (missing-cancellation, async-all-the-way): where a call is
//! made, the roots where a chain ends, what stops a signature from changing, fresh names, and
//! types made available in files the fix reaches into.
//!
//! Everything here works from the workspace index alone: a chain crosses files whose trees the
//! transform does not see, so its edits in them come from the ranges the index recorded.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::check::FileContext;
use crate::fix::{Edit, FileId};
use crate::index::{CallSite, GroupContext, MethodEntry, MethodRef, WorkspaceIndex};
use crate::semantic::{References, Semantics, SignatureChange, UseKind};
use crate::syntax::{simple_name, Type};
use crate::transforms::cancellation::is_token_param;
use crate::workspace::ProjectKind;

/// What a method is to the program around it: a chain ends at a root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A public action of an ASP.NET Core controller, or a minimal-API handler passed to
    /// `MapGet`/`MapPost`/…: the framework calls it and binds a `CancellationToken` parameter to
    /// the request.
    ControllerAction,
    /// `Main`.
    EntryPoint,
    /// An event handler: `(object sender, …EventArgs e)`, or subscribed with `+=`.
    EventHandler,
    /// A test method (`[Fact]`, `[Test]`, `[TestMethod]`, …): the test runner calls it.
    Test,
    /// A method a framework calls by reflection with the signature it expects (`[Benchmark]`,
    /// `[OnDeserialized]`): `transforms/knowledge/invoked-attributes.txt`.
    Invoked,
    /// Anything else: its callers are in the workspace, or unknown.
    Ordinary,
}

/// The framework entry points that bind a token parameter: `transforms/knowledge/token-roots.txt`.
struct TokenRoots {
    /// Base types that make a class an ASP.NET Core (or MVC) controller.
    controller_bases: Vec<String>,
    /// Attributes that make a class a controller.
    controller_attributes: Vec<String>,
    /// Method attributes whose framework binds a token parameter, with the framework's name.
    bound_attributes: Vec<(String, String)>,
}

static TOKEN_ROOTS: LazyLock<TokenRoots> =
    LazyLock::new(|| TokenRoots::parse(include_str!("../../transforms/knowledge/token-roots.txt")));

impl TokenRoots {
    /// The lines of the data file; a line it does not know is skipped (a unit test keeps the
    /// file free of them).
    fn parse(text: &str) -> Self {
        let mut roots = TokenRoots {
            controller_bases: Vec::new(),
            controller_attributes: Vec::new(),
            bound_attributes: Vec::new(),
        };
        for line in text.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty()) {
            let mut words = line.split_whitespace();
            match (words.next(), words.next()) {
                (Some("controller-base"), Some(name)) => roots.controller_bases.push(name.to_owned()),
                (Some("controller-attribute"), Some(name)) => roots.controller_attributes.push(name.to_owned()),
                (Some("bound-attribute"), Some(name)) => {
                    let who = words.collect::<Vec<_>>().join(" ");
                    roots.bound_attributes.push((name.to_owned(), who));
                }
                _ => {}
            }
        }
        roots
    }
}

/// The role of a workspace method.
pub fn role(sem: &Semantics<'_>, m: MethodRef) -> Role {
    let (index, knowledge) = (sem.index, sem.knowledge);
    let entry = index.method(m);
    if entry.name == "Main" && entry.has_modifier("static") {
        return Role::EntryPoint;
    }
    if entry.attributes.iter().any(|a| knowledge.test_attributes.contains(a)) {
        return Role::Test;
    }
    if entry.attributes.iter().any(|a| knowledge.invoked_attributes.contains(a)) {
        return Role::Invoked;
    }
    if has_handler_shape(entry) || is_subscribed(&sem.method_group_references(m)) {
        return Role::EventHandler;
    }
    if is_controller_action(index, entry) || index.is_route_handler(&entry.name) {
        return Role::ControllerAction;
    }
    Role::Ordinary
}

/// `(object sender, …EventArgs e)`: the shape of a .NET event handler.
pub fn has_handler_shape(entry: &MethodEntry) -> bool {
    entry.params.len() == 2
        && matches!(entry.params[0].type_text.trim_end_matches('?'), "object" | "Object" | "System.Object")
        && simple_name(&entry.params[1].type_text).trim_end_matches('?').ends_with("EventArgs")
}

/// Whether some use subscribes the method to an event (`x.Changed += OnChanged;`, whatever the
/// handler's name).
pub fn is_subscribed(references: &References) -> bool {
    references
        .method_groups()
        .any(|u| matches!(u.kind, UseKind::MethodGroup { context: GroupContext::Subscription { .. }, .. }))
}

/// Why an event handler cannot become the `async void` root of a chain, if it cannot. A root may
/// only be a handler of the `(object sender, XxxEventArgs e)` shape whose every subscription is to
/// an event of a UI framework's type (a `Button`'s `Click`, a `Form`'s `Load`): such an event is
/// raised on the UI thread and returns nothing, so the handler's first `await` hands control back
/// to the message loop, which is what `async void` handlers are for. A handler wired in markup
/// (no subscription in code) counts when its type is a UI type. Any other subscriber (a worker
/// thread's `Action` event, a custom delegate the workspace raises, a method group passed on) would
/// report completion at its first `await` and go on on pool threads: no root.
pub fn handler_root_blocker(sem: &Semantics<'_>, m: MethodRef) -> Option<String> {
    let (index, knowledge) = (sem.index, sem.knowledge);
    let entry = index.method(m);
    let name = describe(index, m);
    if !has_handler_shape(entry) {
        return Some(format!("`{name}` handles an event that is not a UI event (it has no `(object sender, …EventArgs e)` signature), so an `async void` handler would report completion at its first `await`"));
    }
    let ui = |ty: &str| {
        sem.family(&Type::named(ty))
            .iter()
            .any(|t| knowledge.ui_element_types.contains(&t.name) && !index.is_own_type(&t.name))
    };
    let references = sem.references(m);
    let mut subscriptions = 0;
    for used in references.method_groups() {
        let UseKind::MethodGroup { context, owner } = &used.kind else { continue };
        let GroupContext::Subscription { event, target, .. } = context else {
            return Some(format!("`{name}` is used as a method group that is not a UI event subscription"));
        };
        subscriptions += 1;
        let (event_owner, _) = sem.event_of(target, event, owner.as_deref());
        let on_ui_type = event_owner.as_deref().is_some_and(ui);
        // An event the workspace declares is raised by the workspace's code, on any thread.
        let declared_here = event_owner
            .as_deref()
            .and_then(|o| index.member_declaration(o, event))
            .is_some_and(|(_, member)| index.is_own_type(&member.owner));
        if !on_ui_type || declared_here {
            let on = event_owner.map_or_else(|| event.to_string(), |o| format!("{o}.{event}"));
            return Some(format!(
                "`{name}` is subscribed to `{on}`, which is not known to be a UI framework's event: an `async void` handler would report completion at its first `await`"
            ));
        }
    }
    if subscriptions == 0 && !ui(&entry.owner) {
        return Some(format!("`{name}` is not subscribed to an event in code, and `{}` is not a UI type", entry.owner));
    }
    None
}

fn is_controller_action(index: &WorkspaceIndex, entry: &MethodEntry) -> bool {
    if !entry.has_modifier("public")
        || entry.has_modifier("static")
        || entry.attributes.iter().any(|a| a == "NonAction")
    {
        return false;
    }
    let roots = &*TOKEN_ROOTS;
    index.type_and_bases(&entry.owner).into_iter().any(|t| {
        roots.controller_bases.iter().any(|b| b == t)
            || index.type_attributes(t).into_iter().any(|a| roots.controller_attributes.iter().any(|c| c == a))
    })
}

/// Who binds a `CancellationToken` parameter of `m` if it declares one, when a framework calls it
/// and does (`transforms/knowledge/token-roots.txt`): the note a chain shows at such a root.
pub fn token_binder(sem: &Semantics<'_>, m: MethodRef) -> Option<String> {
    let entry = sem.index.method(m);
    if let Some((_, who)) = TOKEN_ROOTS.bound_attributes.iter().find(|(a, _)| entry.attributes.contains(a)) {
        return Some(format!("{who} passes the invocation's token"));
    }
    if role(sem, m) != Role::ControllerAction {
        return None;
    }
    Some(if sem.index.is_route_handler(&entry.name) {
        "minimal-API handler: ASP.NET Core passes the request's token".to_owned()
    } else {
        "controller action: ASP.NET Core passes the request's token".to_owned()
    })
}

/// Whether `m` is public API of a library project: a public or protected member (or an interface
/// member, or an explicit implementation of one) of a public type, which code outside the
/// repository may call or implement.
pub fn is_public_api(cx: &FileContext<'_>, m: MethodRef) -> bool {
    let index = cx.index;
    let entry = index.method(m);
    let library = cx.project_of(m.0).is_some_and(|p| p.kind == ProjectKind::Library);
    let member = entry.has_modifier("public")
        || entry.has_modifier("protected")
        || entry.explicit_interface.is_some()
        || index.type_kind(&entry.owner) == Some("interface");
    library && member && index.is_public_type(&entry.owner)
}

/// Where a call is made, as a chain sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// Directly in the body of a workspace method.
    Method(MethodRef),
    /// Somewhere a chain cannot follow (a lambda, a local function, a constructor, an accessor, a
    /// field initializer, a LINQ query): what it is, for messages.
    Elsewhere(&'static str),
}

/// Where `call` (of `file`) is made.
pub fn site(file: FileId, call: &CallSite) -> Site {
    match (call.function_kind, call.method) {
        ("method_declaration", Some(m)) => Site::Method((file, m)),
        (kind, _) => Site::Elsewhere(match kind {
            "lambda_expression" | "anonymous_method_expression" => "a lambda",
            "local_function_statement" => "a local function",
            "constructor_declaration" => "a constructor",
            "destructor_declaration" => "a finalizer",
            "accessor_declaration" | "property_declaration" | "indexer_declaration" => "a property",
            "operator_declaration" | "conversion_operator_declaration" => "an operator",
            "query_expression" => "a LINQ query",
            "global_statement" => "top-level statements",
            _ => "an initializer",
        }),
    }
}

/// `Owner.Name`, for messages.
pub fn describe(index: &WorkspaceIndex, m: MethodRef) -> String {
    let entry = index.method(m);
    format!("{}.{}", entry.owner, entry.name)
}

/// Why the signature of `m` (with its family) cannot change in the way `change` says, whoever
/// asks: a family member declared outside the workspace, a use no fix changes with it (a method
/// group, a call the index cannot resolve), or another method of the same name the change could
/// make ambiguous.
pub fn signature_blocker(sem: &Semantics<'_>, m: MethodRef, change: SignatureChange) -> Option<String> {
    let index = sem.index;
    let family = index.family(m);
    if let Some(outside) = family.outside {
        return Some(outside);
    }
    for &f in &family.methods {
        if let Some(why) = sem.signature_blocker(&sem.references(f), change) {
            return Some(why);
        }
    }
    let overloaded = family.methods.iter().any(|&f| {
        let member = index.method(f);
        let owners = index.type_and_bases(&member.owner).into_iter().chain(index.derived_types(&member.owner));
        owners
            .flat_map(|t| index.methods_named(t, &member.name))
            .any(|o| !family.methods.contains(&o) && index.method(o).name == member.name)
    });
    if overloaded {
        return Some(format!("`{}` has overloads", describe(index, m)));
    }
    None
}

/// The names a method's body can see: its parameters, its locals and the members it uses. A new
/// parameter must not take one of them (it would shadow a field, or clash with a local).
pub fn names_in(entry: &MethodEntry) -> HashSet<&str> {
    entry
        .params
        .iter()
        .map(|p| p.name.as_str())
        .chain(entry.locals.iter().map(|l| l.name.as_str()))
        .chain(entry.uses.iter().map(|u| u.name.as_str()))
        .collect()
}

/// `base`, or `base1`, `base2`, … : the first that `taken` does not hold.
pub fn fresh_name(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_owned();
    }
    (1..).map(|i| format!("{base}{i}")).find(|n| !taken(n)).expect("some suffix is free")
}

/// The names of the `CancellationToken` parameters of a method, types read by name (without the
/// file's aliases: [`token_params_of`] reads them). Kept for chains that have no [`Semantics`] at
/// hand; the cancellation transforms use [`token_params_of`].
#[allow(dead_code)]
pub fn token_params(entry: &MethodEntry) -> Vec<&str> {
    entry.params.iter().filter(|p| is_token_param(p)).map(|p| p.name.as_str()).collect()
}

/// The names of the `CancellationToken` parameters of the workspace method `m`, types read with
/// its file's `using` aliases (`Ct ct` after `using Ct = System.Threading.CancellationToken;`).
pub fn token_params_of<'s>(sem: &Semantics<'s>, m: MethodRef) -> Vec<&'s str> {
    let types = sem.token_types(m.0);
    let entry = sem.index.method(m);
    entry
        .params
        .iter()
        .filter(|p| p.modifier.is_none() && types.is_token(&p.type_text))
        .map(|p| p.name.as_str())
        .collect()
}

/// Makes `namespace.name` usable in files by its simple name: one `using` per file that lacks it,
/// placed among the file's `using` directives in order (`System` ones first, as
/// `dotnet_sort_system_directives_first` does); a file with none gets the qualified name.
#[derive(Default)]
pub struct Imports {
    added: HashSet<FileId>,
}

impl Imports {
    /// The text naming the type in `file`, adding a `using` edit to `edits` the first time a file
    /// needs one.
    pub fn type_in(
        &mut self,
        cx: &FileContext<'_>,
        file: FileId,
        namespace: &str,
        name: &str,
        edits: &mut Vec<Edit>,
    ) -> String {
        let index = cx.index;
        let entry = index.file(file);
        let imported = entry.usings.iter().chain(&entry.global_usings).any(|u| u == namespace)
            || cx.project_of(file).is_some_and(|p| p.imports_implicitly(namespace))
            || index.has_global_using(namespace)
            || entry
                .namespaces
                .iter()
                .any(|ns| ns.strip_prefix(namespace).is_some_and(|rest| rest.is_empty() || rest.starts_with('.')));
        if imported || self.added.contains(&file) {
            return name.to_owned();
        }
        let Some(end) = entry.usings_end else { return format!("{namespace}.{name}") };
        self.added.insert(file);
        let key = |ns: &str| (ns != "System" && !ns.starts_with("System."), ns.to_ascii_lowercase());
        let edit = match entry.top_usings.iter().find(|(ns, _)| key(ns) > key(namespace)) {
            Some(&(_, start)) => Edit::insert(file, start, format!("using {namespace};{}", entry.newline)),
            None => Edit::insert(file, end, format!("{}using {namespace};", entry.newline)),
        };
        edits.push(edit);
        name.to_owned()
    }
}

/// The edit that adds `parameter` (the full text, `CancellationToken ct = default`) as the last
/// parameter of `entry`, declared in `file`.
pub fn add_parameter(file: FileId, entry: &MethodEntry, parameter: &str) -> Edit {
    let close = entry.params_range.end - 1;
    if entry.params.is_empty() {
        Edit::insert(file, entry.params_range.start + 1, parameter)
    } else {
        Edit::insert(file, close, format!(", {parameter}"))
    }
}

/// The edit that adds `argument` as the last argument of `call`, made in `file`.
pub fn add_argument(file: FileId, call: &CallSite, argument: &str) -> Edit {
    if call.args == 0 {
        Edit::insert(file, call.arguments.start + 1, argument)
    } else {
        Edit::insert(file, call.arguments.end - 1, format!(", {argument}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{build_from_texts, Knowledge};
    use crate::semantic::testing::Fixture;

    fn method(index: &WorkspaceIndex, name: &str) -> MethodRef {
        index.methods_called(name)[0]
    }

    #[test]
    fn roles_of_entry_points_tests_handlers_and_actions() {
        let texts = [
            "class Program { static async Task Main(string[] args) {} }",
            "class Tests { [Fact] public async Task Loads() {} [Benchmark] public Task Run() => null; }",
            "class Form1 { void OnClick(object sender, EventArgs e) {} void Init() { b.Tick += OnTick; m.Deleted += m_deleted; } void OnTick() {} void m_deleted(Item[] items) {} }",
            "[ApiController] class Orders : BaseApi { public Task<int> Get() => null; [NonAction] public Task Helper() => null; }",
            "class Home : Controller { public Task Index() => null; private Task Hidden() => null; }",
            "static class Api { static void Map(App app) { app.MapGet(\"/\", GetItems); } static Task GetItems() => null; }",
        ];
        Fixture::new(texts[0], &texts[1..]).with(|sem, _| {
            let role = |name: &str| role(&sem, method(sem.index, name));
            assert_eq!(role("Run"), Role::Invoked);
            assert_eq!(role("Main"), Role::EntryPoint);
            assert_eq!(role("Loads"), Role::Test);
            assert_eq!(role("OnClick"), Role::EventHandler);
            assert_eq!(role("OnTick"), Role::EventHandler);
            assert_eq!(role("m_deleted"), Role::EventHandler, "a handler whatever its name's case");
            assert_eq!(role("Init"), Role::Ordinary);
            assert_eq!(role("Get"), Role::ControllerAction);
            assert_eq!(role("Helper"), Role::Ordinary);
            assert_eq!(role("Index"), Role::ControllerAction);
            assert_eq!(role("Hidden"), Role::Ordinary);
            assert_eq!(role("GetItems"), Role::ControllerAction);
        });
    }

    #[test]
    fn only_handlers_of_ui_events_are_async_void_roots() {
        let texts = [
            "class MainForm : Form { Button _save; void Wire(Worker w) { _save.Click += OnSave; w.DoWork += OnWork; Load += OnLoad; Changed += OnChanged; } \
             void OnSave(object sender, EventArgs e) {} void OnWork(object sender, EventArgs e) {} void OnLoad(object sender, EventArgs e) {} \
             void OnChanged(object sender, EventArgs e) {} void OnMarkup(object sender, EventArgs e) {} public event EventHandler Changed; }",
            "class Worker { public event EventHandler DoWork; } class Job { void OnTick(object sender, EventArgs e) {} void G(Item[] i) {} }",
        ];
        Fixture::new(texts[0], &texts[1..]).with(|sem, _| {
            let blocker = |name: &str| handler_root_blocker(&sem, method(sem.index, name));
            assert_eq!(blocker("OnSave"), None, "a Button's Click");
            assert_eq!(blocker("OnLoad"), None, "the Form's own Load");
            assert_eq!(blocker("OnMarkup"), None, "wired in the designer's markup, in a Form");
            assert!(
                blocker("OnWork").unwrap().contains("`Worker.DoWork`, which is not known to be a UI"),
                "{:?}",
                blocker("OnWork")
            );
            assert!(blocker("OnChanged").unwrap().contains("`MainForm.Changed`"), "an event the workspace declares");
            assert!(blocker("OnTick").unwrap().contains("not a UI type"));
            assert!(blocker("G").unwrap().contains("no `(object sender"));
        });
    }

    #[test]
    fn sites_tell_method_bodies_from_lambdas_and_constructors() {
        let index = build_from_texts(&[
            "class A { A() { Load(); } void F() { Load(); Run(() => Load()); int G() => Load(); } int P => Load(); }",
        ]);
        let sites: Vec<Site> = index.calls_named("Load").map(|(f, c)| site(f, c)).collect();
        assert_eq!(
            sites,
            [
                Site::Elsewhere("a constructor"),
                Site::Method((0, 0)),
                Site::Elsewhere("a lambda"),
                Site::Elsewhere("a local function"),
                Site::Elsewhere("a property"),
            ]
        );
    }

    #[test]
    fn signatures_with_outside_members_groups_or_overloads_cannot_change() {
        let texts = [
            "class A : Outside { public override Task Run() => null; }",
            "class B { Task Load() => null; void F() { Func<Task> f = Load; } }",
            "class C { Task Save() => null; Task Save(int x) => null; Task Free() => null; }",
            "class D { void Tell() {} void F() { var u = Make(); u.Tell(); } }",
        ];
        Fixture::new(texts[0], &texts[1..]).with(|sem, _| {
            let blocker = |name: &str, change| signature_blocker(&sem, method(sem.index, name), change);
            let add = SignatureChange::AddOptionalParameter;
            assert!(blocker("Run", add).unwrap().contains("outside"));
            assert!(blocker("Load", add).unwrap().contains("is converted to `Func<Task>`"));
            assert!(blocker("Save", add).unwrap().contains("overloads"));
            assert_eq!(blocker("Free", add), None);
            assert_eq!(blocker("Tell", add), None, "an optional parameter: the unresolved call still compiles");
            assert!(blocker("Tell", SignatureChange::Rename).unwrap().contains("receiver of unknown type"));
        });
    }

    #[test]
    fn parameters_and_arguments_go_last_or_alone() {
        let text = "class A { void F() {} void G(int a) {} void H() { F(); G(1); } }";
        let index = build_from_texts(&[text]);
        let apply = |edit: Edit| {
            let mut s = text.to_owned();
            s.replace_range(edit.range, &edit.content);
            s
        };
        let f = index.method(method(&index, "F"));
        assert!(apply(add_parameter(0, f, "int x")).contains("void F(int x)"));
        let g = index.method(method(&index, "G"));
        assert!(apply(add_parameter(0, g, "int x")).contains("void G(int a, int x)"));
        let calls: Vec<&CallSite> = index.calls_named("F").chain(index.calls_named("G")).map(|(_, c)| c).collect();
        assert!(apply(add_argument(0, calls[0], "t")).contains("{ F(t);"));
        assert!(apply(add_argument(0, calls[1], "t")).contains("G(1, t);"));
    }

    #[test]
    fn imports_add_one_using_per_file_or_qualify() {
        use crate::check::Settings;
        use crate::workspace::Project;
        let texts = [
            "using System;\nclass A {}",
            "class B {}",
            "using System.Threading;\nclass C {}",
            "using System.Threading.Tasks;\nusing Microsoft.Extensions;\nclass D {}",
            "using Microsoft.Extensions;\nclass E {}",
        ];
        let index = build_from_texts(&texts);
        let tree = crate::syntax::parse(texts[0]).unwrap();
        let (knowledge, settings) = (Knowledge::builtin(), Settings::default());
        let implicit = Project { implicit_usings: true, ..Project::unknown() };
        let projects = [Project::unknown(), implicit];
        let cx = FileContext {
            file: 0,
            path: "A.cs",
            text: texts[0],
            root: crate::syntax::Node::root(&tree, texts[0]),
            project: &projects[0],
            projects: &projects,
            file_projects: &[0, 0, 0, 0, 1],
            index: &index,
            knowledge: &knowledge,
            settings: &settings,
            memo: Default::default(),
        };
        let mut imports = Imports::default();
        let mut edits = Vec::new();
        let mut type_in = |file| imports.type_in(&cx, file, "System.Threading", "CancellationToken", &mut edits);
        assert_eq!(type_in(0), "CancellationToken");
        assert_eq!(type_in(0), "CancellationToken", "one using per file");
        assert_eq!(type_in(1), "System.Threading.CancellationToken", "no using to go after");
        assert_eq!(type_in(2), "CancellationToken");
        type_in(3);
        assert_eq!(type_in(4), "CancellationToken", "the project's implicit usings");
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].content, "\nusing System.Threading;");
        assert_eq!((edits[1].range.start, edits[1].content.as_str()), (0, "using System.Threading;\n"), "before Tasks");
    }

    #[test]
    fn token_roots_are_data() {
        let text = include_str!("../../transforms/knowledge/token-roots.txt");
        let known = ["controller-base", "controller-attribute", "bound-attribute"];
        for line in text.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty()) {
            let words: Vec<&str> = line.split_whitespace().collect();
            assert!(known.contains(&words[0]) && words.len() >= 2, "token-roots.txt: unknown line `{line}`");
        }
        let roots = TokenRoots::parse("controller-base Base\nbound-attribute Fn Azure Functions\n");
        assert_eq!(roots.controller_bases, ["Base"]);
        assert_eq!(roots.bound_attributes, [("Fn".to_owned(), "Azure Functions".to_owned())]);
    }

    #[test]
    fn framework_binders_and_public_api() {
        let texts = [
            "public class Api : ControllerBase { public Task Get() => null; } public class Funcs { [FunctionName(\"Export\")] public Task Run() => null; \
             public Task Plain() => null; } internal class Hidden { public Task Inner() => null; } public interface IStore { Task Save(); }",
        ];
        Fixture::new(texts[0], &[]).with(|sem, _| {
            let binder = |name: &str| token_binder(&sem, method(sem.index, name));
            assert_eq!(binder("Get").as_deref(), Some("controller action: ASP.NET Core passes the request's token"));
            assert_eq!(binder("Run").as_deref(), Some("Azure Functions passes the invocation's token"));
            assert_eq!(binder("Plain"), None);
        });
        use crate::check::Settings;
        use crate::workspace::Project;
        let index = build_from_texts(&texts);
        let tree = crate::syntax::parse(texts[0]).unwrap();
        let (knowledge, settings) = (Knowledge::builtin(), Settings::default());
        let projects = [Project { kind: ProjectKind::Library, ..Project::unknown() }];
        let cx = FileContext {
            file: 0,
            path: "A.cs",
            text: texts[0],
            root: crate::syntax::Node::root(&tree, texts[0]),
            project: &projects[0],
            projects: &projects,
            file_projects: &[0],
            index: &index,
            knowledge: &knowledge,
            settings: &settings,
            memo: Default::default(),
        };
        assert!(is_public_api(&cx, method(&index, "Plain")));
        assert!(is_public_api(&cx, method(&index, "Save")), "an interface member");
        assert!(!is_public_api(&cx, method(&index, "Inner")), "a member of an internal type");
    }

    #[test]
    fn fresh_names_skip_taken_ones() {
        assert_eq!(fresh_name("ct", |n| n == "ct" || n == "ct1"), "ct2");
        assert_eq!(fresh_name("ct", |_| false), "ct");
    }
}
