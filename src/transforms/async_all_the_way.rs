//! `async-all-the-way`: a blocking wait on a task in a synchronous method, fixed by making the
//! method async and every caller in the workspace with it, up to the roots of the call chain.
//!
//! The user documentation is `transforms/async-all-the-way/README.md`. The seed is a wait that
//! sync-over-async knows how to replace with `await` ([`blocking_in_sync_code`]); the chain is
//! planned from the workspace index alone (the callers' files are not parsed here), and the fix is
//! one set of edits across every file the chain reaches, or none: a caller left synchronous would
//! no longer compile.

use std::collections::{HashSet, VecDeque};

use crate::check::FileContext;
use crate::diagnostic::Diagnostic;
use crate::fix::chain::Graph as ChainGraph;
use crate::fix::{Applicability, Edit, FileId, Fix};
use crate::index::{CallSite, MethodEntry, MethodRef, WorkspaceIndex};
use crate::semantic::SignatureChange;
use crate::syntax::{enclosing_function, Function, Node};
use crate::transforms::chain::{describe, handler_root_blocker, role, signature_blocker, site, Imports, Role, Site};
use crate::transforms::sync_over_async::blocking_in_sync_code;
use crate::transforms::{Meta, Transform};
use crate::workspace::ProjectKind;

static META: Meta = Meta {
    name: "async-all-the-way",
    code: "AF014",
    summary: "Blocking on a task in a synchronous method, fixed by making its whole call chain async",
    default_enabled: true,
    fix: Applicability::Unsafe,
    documentation: include_str!("../../transforms/async-all-the-way/README.md"),
    words: &["Result", "Wait", "GetResult", "WaitAll", "WaitAny"],
};

/// The most methods one chain may change; a longer one is reported without a fix.
const MAX_METHODS: usize = 100;

/// Reports blocking waits in synchronous methods and makes the chain of callers async.
pub struct AsyncAllTheWay;

impl Transform for AsyncAllTheWay {
    fn meta(&self) -> &'static Meta {
        &META
    }

    fn kinds(&self) -> &'static [&'static str] {
        &["member_access_expression", "invocation_expression"]
    }

    fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
        let Some(Seed { code, function, method: seed }) = seed_at(node, cx) else { return };
        let message = format!("{code} blocks in synchronous `{}`", describe(cx.index, seed));
        let chain = match plan(cx, seed) {
            Ok(chain) => chain,
            Err(stop) => {
                let message = format!("{message} (no automatic fix: {stop})");
                out.push(Diagnostic::new(&META, cx.file, node.range(), message));
                return;
            }
        };
        let count = chain.changed.len();
        let message = match count {
            1 => format!("{message} (async all the way up: 1 method)"),
            n => format!("{message} (async all the way up: {n} methods)"),
        };
        let mut diagnostic = Diagnostic::new(&META, cx.file, node.range(), message);
        if let Some(edits) = chain_edits(cx, function.node, &chain) {
            let title = match count {
                1 => format!("Make `{}` async", describe(cx.index, seed)),
                n => format!("Make `{}` and {} more method{} async", describe(cx.index, seed), n - 1, plural(n - 1)),
            };
            // The shape shown to the reviewer: the methods made async, from `seed` up.
            let changed: Vec<MethodRef> = chain.changed.iter().map(|(m, _)| *m).collect();
            let sem = cx.sem();
            let callers = |m| {
                let calls: Vec<(usize, usize)> = sem.references(m).calls().collect();
                let calls = calls.into_iter().map(|(f, i)| site(f, &cx.index.file(f).calls[i]));
                calls.filter_map(|s| if let Site::Method(c) = s { Some(c) } else { None }).collect()
            };
            let note = |m: MethodRef| match (changed.contains(&m), role(&cx.sem(), m)) {
                (true, Role::EntryPoint) => Some("entry point".into()),
                (true, Role::Test) => Some("test method".into()),
                (true, Role::ControllerAction) => Some("controller action".into()),
                (true, Role::EventHandler) => Some("event handler: becomes `async void`".into()),
                (false, _) if cx.index.method(m).has_modifier("async") => Some("async already: awaits the call".into()),
                _ => None,
            };
            let graph = ChainGraph {
                name: &|m| (describe(cx.index, m), m.0),
                callers: &callers,
                family: &|m| cx.index.family(m).methods,
                note: &note,
            };
            let shape = crate::fix::chain::tree(seed, &changed, &graph, Vec::new());
            diagnostic = diagnostic.with_fix(Fix::new(title, edits, Applicability::Unsafe).with_chain(shape));
        }
        out.push(diagnostic);
    }
}

/// A site async-all-the-way reports: what blocks there, the method it is in, and its index entry.
struct Seed<'a> {
    code: &'static str,
    function: Function<'a>,
    method: MethodRef,
}

/// The seed at `node`: a blocking wait that sync-over-async knows how to replace with `await`, in
/// the body of a synchronous method of the index. Waits in lambdas, local functions, constructors
/// and accessors are sync-over-async's to report: only a method's own body can become async; and
/// a method that returns a task without `async` has its own shape of fix (sync-over-async makes
/// it async where it stands).
fn seed_at<'a>(node: Node<'a>, cx: &FileContext<'a>) -> Option<Seed<'a>> {
    let (code, Ok(_)) = blocking_in_sync_code(node, cx)? else { return None };
    let function = enclosing_function(node).filter(|f| f.kind() == "method_declaration")?;
    let method = cx.method_declared_by(function.node)?;
    let entry = cx.index.method(method);
    if entry.has_modifier("async") || entry.returns_task() {
        return None;
    }
    Some(Seed { code, function, method })
}

/// Whether async-all-the-way reports the blocking wait at `node` in this file (sync-over-async
/// then does not: one finding per site).
pub(super) fn reports(node: Node<'_>, cx: &FileContext<'_>) -> bool {
    cx.is_active(META.name) && seed_at(node, cx).is_some()
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// What happens to a method of the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Change {
    /// `T` → `async Task<T>` (`Task<T>` without a body), renamed when `rename` is given.
    Async { rename: Option<String> },
    /// An event handler: `void` → `async void`; its signature stays.
    AsyncVoid,
}

/// The methods a chain changes and the calls it awaits.
struct Chain {
    /// Each method changed, once, in the order found.
    changed: Vec<(MethodRef, Change)>,
    /// Each call to await, once: its file, its index in that file's calls, and the new name of the
    /// method it calls, if renamed.
    calls: Vec<(FileId, usize, Option<String>)>,
}

/// Follows the callers of `seed` up to the roots. `Err` says where and why the chain stops.
fn plan(cx: &FileContext<'_>, seed: MethodRef) -> Result<Chain, String> {
    let index = cx.index;
    let sem = cx.sem();
    let mut chain = Chain { changed: Vec::new(), calls: Vec::new() };
    let mut seen: HashSet<MethodRef> = HashSet::new();
    let mut awaited: HashSet<(FileId, usize)> = HashSet::new();
    let mut queue = VecDeque::from([seed]);
    let stop = |chain: &Chain, why: String| match chain.changed.len() {
        0 => why,
        n => format!("after {n} method{} the chain stops: {why}", plural(n)),
    };
    while let Some(m) = queue.pop_front() {
        if seen.contains(&m) {
            continue;
        }
        let entry = index.method(m);
        if entry.has_modifier("async") {
            // A caller already async only awaits the call.
            seen.insert(m);
            continue;
        }
        let role = role(&sem, m);
        let members = match role {
            Role::EventHandler => {
                if entry.returns != "void" {
                    return Err(stop(
                        &chain,
                        format!("the event handler `{}` does not return `void`", describe(index, m)),
                    ));
                }
                if let Some(why) = cannot_be_async(index, m).or_else(|| handler_root_blocker(&sem, m)) {
                    return Err(stop(&chain, why));
                }
                // Its signature stays: its callers (the event) are not changed.
                seen.insert(m);
                chain.changed.push((m, Change::AsyncVoid));
                continue;
            }
            Role::EntryPoint if entry.attributes.iter().any(|a| a == "STAThread" || a == "STAThreadAttribute") => {
                // After an `await`, an async `Main` goes on on a thread-pool thread, not the STA
                // thread that UI frameworks and COM need.
                let why = format!("`{}` is `[STAThread]`, which an async `Main` would leave", describe(index, m));
                return Err(stop(&chain, why));
            }
            Role::EntryPoint | Role::Test | Role::ControllerAction => {
                if entry.has_modifier("override") || entry.explicit_interface.is_some() {
                    return Err(stop(
                        &chain,
                        format!("`{}` implements or overrides another member", describe(index, m)),
                    ));
                }
                if let Some(why) = sem.signature_blocker(&sem.references(m), SignatureChange::ValueToTask) {
                    return Err(stop(&chain, why));
                }
                if let Some(why) = cannot_be_async(index, m).or_else(|| returns_problem(index, m)) {
                    return Err(stop(&chain, why));
                }
                // The framework finds roots by name: they keep theirs.
                chain.changed.push((m, Change::Async { rename: None }));
                vec![m]
            }
            Role::Invoked => {
                let why = format!("a framework calls `{}` with the signature it expects", describe(index, m));
                return Err(stop(&chain, why));
            }
            Role::Ordinary => {
                if let Some(why) = signature_blocker(&sem, m, SignatureChange::ValueToTask) {
                    return Err(stop(&chain, why));
                }
                let family = index.family(m).methods;
                for &f in &family {
                    if let Some(why) =
                        cannot_be_async(index, f).or_else(|| returns_problem(index, f)).or_else(|| public_api(cx, f))
                    {
                        return Err(stop(&chain, why));
                    }
                }
                let rename = new_name(cx, &family);
                for &f in &family {
                    chain.changed.push((f, Change::Async { rename: rename.clone() }));
                }
                family
            }
        };
        seen.extend(members.iter().copied());
        if chain.changed.len() > MAX_METHODS {
            return Err(format!("the chain changes more than {MAX_METHODS} methods"));
        }
        for &f in &members {
            let rename = chain.changed.iter().find(|(c, _)| *c == f).and_then(|(_, change)| match change {
                Change::Async { rename } => rename.clone(),
                Change::AsyncVoid => None,
            });
            if rename.is_some() {
                if let Some(why) = sem.signature_blocker(&sem.references(f), SignatureChange::Rename) {
                    return Err(stop(&chain, why));
                }
            }
            for (file, i) in sem.references(f).calls().collect::<Vec<_>>() {
                let call = &index.file(file).calls[i];
                let caller = match site(file, call) {
                    Site::Method(caller) => Some(caller),
                    // Top-level statements become async by holding an `await`.
                    Site::Elsewhere(_) if call.function_kind == "global_statement" => None,
                    Site::Elsewhere(what) => {
                        let owner = call.owner.as_deref().map(|o| format!(" in `{o}`")).unwrap_or_default();
                        return Err(stop(&chain, format!("`{}` is called from {what}{owner}", describe(index, f))));
                    }
                };
                if call.in_lock {
                    let at = caller.map_or_else(|| "top-level code".to_owned(), |c| describe(index, c));
                    let callee = describe(index, f);
                    let why = format!("`{at}` calls `{callee}` inside `lock` (or `unsafe`, `fixed`, a `catch` filter)");
                    return Err(stop(&chain, format!("{why}, where `await` is not allowed")));
                }
                if call.awaited {
                    continue;
                }
                if awaited.insert((file, i)) {
                    chain.calls.push((file, i, rename.clone()));
                }
                let Some(caller) = caller else { continue };
                let caller_entry = index.method(caller);
                if caller_entry.has_modifier("async") {
                    continue;
                }
                if let Some(why) = returns_problem(index, caller) {
                    return Err(stop(&chain, why));
                }
                if let Some(name) = &rename {
                    if call.receiver == crate::index::Receiver::Implicit && shadows(caller_entry, name) {
                        let at = describe(index, caller);
                        return Err(stop(
                            &chain,
                            format!("a local or parameter of `{at}` named `{name}` hides the renamed method"),
                        ));
                    }
                }
                queue.push_back(caller);
            }
        }
    }
    Ok(chain)
}

/// Why a method cannot be made async, whatever its callers: `ref`, `out` and `in` parameters,
/// `yield`, `unsafe` code and `Span`s are not allowed in async methods; partial and extern
/// methods have no body of their own to change.
fn cannot_be_async(index: &WorkspaceIndex, m: MethodRef) -> Option<String> {
    let entry = index.method(m);
    let name = describe(index, m);
    if let Some(p) = entry.params.iter().find(|p| matches!(p.modifier.as_deref(), Some("ref" | "out" | "in"))) {
        let modifier = p.modifier.as_deref().unwrap_or_default();
        let article = if modifier == "ref" { "a" } else { "an" };
        return Some(format!("`{name}` has {article} `{modifier}` parameter, which async methods cannot have"));
    }
    if entry.is_iterator {
        return Some(format!("`{name}` is an iterator"));
    }
    // An async method of a struct runs on a copy of it: its changes to fields would be lost.
    if index.type_kind(&entry.owner) == Some("struct") {
        return Some(format!("`{name}` is a method of a struct, which an async method would copy"));
    }
    if let Some(m) = entry.modifiers.iter().find(|m| matches!(m.as_str(), "unsafe" | "extern" | "partial")) {
        return Some(format!("`{name}` is `{m}`"));
    }
    let mut types = entry
        .params
        .iter()
        .map(|p| p.type_text.as_str())
        .chain(entry.locals.iter().filter_map(|l| l.type_text.as_deref()));
    if types.any(|t| t.contains("Span<") || t.contains('*')) {
        return Some(format!("`{name}` uses a `Span` or a pointer, which async methods cannot hold"));
    }
    None
}

/// Why the return type of a method cannot be wrapped in `Task<…>`.
fn returns_problem(index: &WorkspaceIndex, m: MethodRef) -> Option<String> {
    let entry = index.method(m);
    let returns = entry.returns.trim();
    if returns.starts_with("ref ") {
        return Some(format!("`{}` returns by reference", describe(index, m)));
    }
    if entry.returns_task() {
        return Some(format!("`{}` returns a task without being `async`", describe(index, m)));
    }
    None
}

/// A public or protected member of a library project (or a member of an interface there) keeps
/// its signature unless `change_public_api`: code outside the workspace may call it, and a new
/// name and return type break it.
fn public_api(cx: &FileContext<'_>, m: MethodRef) -> Option<String> {
    let entry = cx.index.method(m);
    let public = entry.has_modifier("public")
        || entry.has_modifier("protected")
        || cx.index.type_kind(&entry.owner) == Some("interface");
    let library = cx.project_of(m.0).is_some_and(|p| p.kind == ProjectKind::Library);
    if !public || !library || cx.settings.change_public_api {
        return None;
    }
    let what = describe(cx.index, m);
    Some(if cx.settings.keep_public_api {
        format!("`{what}` is public API of a library (public API is kept)")
    } else {
        format!("`{what}` is public API of a library, where the chain stops (`--change-public-api` makes it async too)")
    })
}

/// Whether a local or parameter of `caller` is called `name`.
fn shadows(caller: &MethodEntry, name: &str) -> bool {
    caller.params.iter().any(|p| p.name == name) || caller.locals.iter().any(|l| l.name == name)
}

/// `Name` + `Async` for a family, when the setting asks for it and nothing else has that name in
/// the types around the family (a collision keeps the old name), and no `nameof` names the
/// method (it would be left behind).
fn new_name(cx: &FileContext<'_>, family: &[MethodRef]) -> Option<String> {
    let index = cx.index;
    let name = &index.method(*family.first()?).name;
    if !cx.settings.async_suffix || name.ends_with("Async") || index.is_named_by_nameof(name) {
        return None;
    }
    let new = format!("{name}Async");
    let taken = family.iter().any(|&f| {
        let owner = &index.method(f).owner;
        index
            .type_and_bases(owner)
            .into_iter()
            .chain(index.derived_types(owner))
            .any(|t| !index.methods_named(t, &new).is_empty() || index.member_type(t, &new).is_some())
    });
    (!taken).then_some(new)
}

/// One edit of the fix, with the key that orders edits starting at the same offset.
struct Keyed {
    edit: Edit,
    /// Insertions at the same offset are written in this order (outer calls first).
    order: i64,
}

/// The edits of a chain: the waits of the seed method awaited, each method's signature changed,
/// each call awaited (and renamed), and `using System.Threading.Tasks;` where a file needs it.
fn chain_edits(cx: &FileContext<'_>, seed_node: Node<'_>, chain: &Chain) -> Option<Vec<Edit>> {
    let index = cx.index;
    let mut imports = Imports::default();
    let mut using_edits = Vec::new();
    let mut edits: Vec<Keyed> = Vec::new();
    // Every wait of the seed method that `await` can replace, the outermost of nested ones.
    let mut waits: Vec<Vec<Edit>> = Vec::new();
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    seed_node.walk(|n| {
        if !matches!(n.kind(), "member_access_expression" | "invocation_expression") {
            return;
        }
        if enclosing_function(n).is_none_or(|f| !f.node.is(&seed_node)) {
            return;
        }
        if ranges.iter().any(|r| r.start <= n.start() && n.end() <= r.end) {
            return;
        }
        if let Some((_, Ok(wait))) = blocking_in_sync_code(n, cx) {
            ranges.push(n.range());
            waits.push(wait);
        }
    });
    edits.extend(waits.into_iter().flatten().map(|edit| Keyed { edit, order: 0 }));
    for (m, change) in &chain.changed {
        let entry = index.method(*m);
        let file = m.0;
        match change {
            Change::AsyncVoid => {
                edits.push(Keyed { edit: Edit::insert(file, entry.returns_range.start, "async "), order: 0 })
            }
            Change::Async { rename } => {
                let task = imports.type_in(cx, file, "System.Threading.Tasks", "Task", &mut using_edits);
                let returns = entry.returns.trim();
                let wrapped = if returns == "void" { task } else { format!("{task}<{returns}>") };
                let text = if entry.has_body { format!("async {wrapped}") } else { wrapped };
                edits.push(Keyed { edit: Edit::replace(file, entry.returns_range.clone(), text), order: 0 });
                if let Some(name) = rename {
                    edits.push(Keyed { edit: Edit::replace(file, entry.name_range.clone(), name.clone()), order: 0 });
                }
            }
        }
    }
    for (file, i, rename) in &chain.calls {
        let call: &CallSite = &index.file(*file).calls[*i];
        let len = i64::try_from(call.range.len()).ok()?;
        if call.in_postfix_position {
            edits.push(Keyed { edit: Edit::insert(*file, call.range.start, "(await "), order: -len });
            edits.push(Keyed { edit: Edit::insert(*file, call.range.end, ")"), order: len });
        } else {
            edits.push(Keyed { edit: Edit::insert(*file, call.range.start, "await "), order: -len });
        }
        if let Some(name) = rename {
            edits.push(Keyed { edit: Edit::replace(*file, call.name_range.clone(), name.clone()), order: 0 });
        }
    }
    edits.extend(using_edits.into_iter().map(|edit| Keyed { edit, order: 0 }));
    merge(edits)
}

/// Joins edits that start at the same offset (insertions in their order, then at most one
/// replacement) and checks that no two of the rest overlap. `None` if some do.
fn merge(mut edits: Vec<Keyed>) -> Option<Vec<Edit>> {
    edits.sort_by_key(|k| (k.edit.file, k.edit.range.start, !k.edit.range.is_empty(), k.order));
    let mut out: Vec<Edit> = Vec::new();
    for Keyed { edit, .. } in edits {
        match out.last_mut() {
            Some(last) if last.file == edit.file && last.range.start == edit.range.start => {
                if !last.range.is_empty() {
                    return None;
                }
                last.range = edit.range;
                last.content.push_str(&edit.content);
            }
            Some(last) if last.file == edit.file && edit.range.start < last.range.end => return None,
            _ => out.push(edit),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Settings;
    use crate::transforms::testing;
    use crate::workspace::Project;

    /// The first finding's message and the text after its fix, in a one-file project of `kind`.
    fn run_with(text: &str, kind: ProjectKind, settings: Settings) -> (String, String) {
        let project = Project { kind, target_frameworks: vec!["net8.0".into()], ..Project::unknown() };
        let out = testing::check(&AsyncAllTheWay, text, project, &settings);
        let Some(first) = out.into_iter().next() else { return (String::new(), text.to_owned()) };
        let result = testing::apply(text, first.fix.into_iter().flat_map(|f| f.edits));
        (first.message, result)
    }

    fn run(text: &str) -> (String, String) {
        run_with(text, ProjectKind::Application, Settings::default())
    }

    const LOAD: &str = "using System.Threading.Tasks; class A { Task<int> GetAsync() => null; ";

    #[test]
    fn nested_and_postfix_calls_are_awaited_outer_first() {
        let text = format!("{LOAD}int F(int x) => GetAsync().Result + x; int H() => F(F(1)).ToString().Length; }}");
        let (_, fixed) = run(&text);
        assert!(fixed.contains("async Task<int> FAsync(int x) => await GetAsync() + x;"), "{fixed}");
        assert!(
            fixed.contains("async Task<int> HAsync() => (await FAsync(await FAsync(1))).ToString().Length;"),
            "{fixed}"
        );
    }

    #[test]
    fn makes_a_waiting_method_and_its_caller_async() {
        testing::assert_fix(
            &AsyncAllTheWay,
            &format!("{LOAD}int F() => GetAsync().Result; async Task G() {{ var x = F(); await Task.Yield(); }} }}"),
            &format!("{LOAD}async Task<int> FAsync() => await GetAsync(); async Task G() {{ var x = await FAsync(); await Task.Yield(); }} }}"),
        );
    }

    #[test]
    fn does_not_apply_where_a_caller_is_a_lambda() {
        testing::assert_not_fixed(
            &AsyncAllTheWay,
            &format!("{LOAD}int F() => GetAsync().Result; void G() {{ System.Func<int> f = () => F(); }} }}"),
        );
    }

    #[test]
    fn the_suffix_setting_off_keeps_names() {
        let text = format!("{LOAD}void F() {{ GetAsync().Wait(); }} void G() {{ F(); }} }}");
        let (_, fixed) =
            run_with(&text, ProjectKind::Application, Settings { async_suffix: false, ..Settings::default() });
        assert!(fixed.contains("async Task F() { await GetAsync(); } async Task G() { await F(); }"), "{fixed}");
    }

    #[test]
    fn kept_public_api_of_a_library_stops_the_chain() {
        let text = format!("{LOAD}public int F() => GetAsync().Result; }}");
        let settings = Settings { keep_public_api: true, ..Settings::default() };
        let (message, fixed) = run_with(&text, ProjectKind::Library, settings);
        assert!(message.contains("`A.F` is public API of a library"), "{message}");
        assert_eq!(fixed, text);
        let (message, _) =
            run_with(&text, ProjectKind::Application, Settings { keep_public_api: true, ..Settings::default() });
        assert!(message.contains("async all the way up: 1 method"), "{message}");
    }

    #[test]
    fn public_api_of_a_library_stops_the_chain_unless_it_may_change() {
        let text = format!("{LOAD}public int F() => GetAsync().Result; }}");
        let (message, fixed) = run_with(&text, ProjectKind::Library, Settings::default());
        assert!(
            message.contains(
                "`A.F` is public API of a library, where the chain stops (`--change-public-api` makes it async too)"
            ),
            "{message}"
        );
        assert_eq!(fixed, text);
        let change = Settings { change_public_api: true, ..Settings::default() };
        let (message, fixed) = run_with(&text, ProjectKind::Library, change);
        assert!(message.contains("async all the way up: 1 method"), "{message}");
        assert!(fixed.contains("public async Task<int> FAsync() => await GetAsync();"), "{fixed}");
        let private = format!("{LOAD}int F() => GetAsync().Result; }}");
        let (message, _) = run_with(&private, ProjectKind::Library, Settings::default());
        assert!(message.contains("async all the way up: 1 method"), "a private member is no API: {message}");
    }

    #[test]
    fn callers_in_lambdas_and_catch_filters_stop_the_chain() {
        let lambda = format!("{LOAD}int F() => GetAsync().Result; System.Func<int> G() => () => F(); }}");
        assert!(run(&lambda).0.contains("`A.F` is called from a lambda in `A`"), "{}", run(&lambda).0);
        let filter =
            format!("{LOAD}bool F() => GetAsync().Result > 0; void G() {{ try {{ }} catch when (F()) {{ }} }} }}");
        assert!(run(&filter).0.contains("`A.G` calls `A.F` inside `lock` (or"), "{}", run(&filter).0);
    }

    #[test]
    fn an_sta_thread_main_stops_the_chain() {
        let text =
            format!("{LOAD}int F() => GetAsync().Result; [System.STAThread] static void Main() {{ var a = new A(); a.F(); }} }}");
        let (message, _) = run(&text);
        assert!(message.contains("`A.Main` is `[STAThread]`"), "{message}");
    }

    #[test]
    fn waits_in_async_methods_lambdas_and_task_returning_methods_are_not_seeds() {
        for body in [
            "async Task F() { var x = GetAsync().Result; }",
            "void F() { System.Func<int> f = () => GetAsync().Result; }",
            "Task<int> F() { return Task.FromResult(GetAsync().Result); }",
        ] {
            assert_eq!(run(&format!("{LOAD}{body} }}")).0, "", "{body}");
        }
    }

    fn keyed(start: usize, end: usize, content: &str, order: i64) -> Keyed {
        Keyed { edit: Edit::replace(0, start..end, content), order }
    }

    #[test]
    fn insertions_at_one_offset_join_outer_first_before_a_replacement() {
        let merged = merge(vec![
            keyed(0, 1, "FAsync", 0),
            keyed(0, 0, "(await ", -3),
            keyed(0, 0, "await ", -10),
            keyed(3, 3, ")", 3),
        ])
        .unwrap();
        assert_eq!(merged.len(), 2);
        assert_eq!((merged[0].range.clone(), merged[0].content.as_str()), (0..1, "await (await FAsync"));
        assert_eq!(merged[1].content, ")");
    }

    #[test]
    fn overlapping_replacements_give_no_edits() {
        assert!(merge(vec![keyed(0, 4, "a", 0), keyed(2, 6, "b", 0)]).is_none());
        assert!(merge(vec![keyed(0, 4, "a", 0), keyed(0, 2, "b", 0)]).is_none());
    }
}
