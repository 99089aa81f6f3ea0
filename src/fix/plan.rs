//! The session: files as read and as edited, and the planning loop that applies fixes.
//!
//! Each round checks the files that changed, picks the fixes the caller wants that do not overlap,
//! validates them (every edited file is re-parsed; a fix that adds a syntax error is dropped and
//! reported), lets the caller decide on each, applies the accepted ones and goes round again.
//! Overlapping fixes are not solved but postponed: the next round finds them again in the edited
//! text. This is how fixes of different transforms compose.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::check::{Checker, FileContext, Settings};
use crate::diagnostic::Diagnostic;
use crate::fix::shelf::Shelf;
use crate::fix::{Applicability, FileId, Fix};
use crate::index::triggers::Triggers;
use crate::index::{DeferredFile, FileIndex, IndexSource, Knowledge, WorkspaceIndex};
use crate::source::{Document, LineIndex};
use crate::syntax::{parse_file, ErrorRegions, Literals, Masks, Node, Parents, Parsed};
use crate::workspace::{io_message, Project, SourcePath, Workspace};

/// The most rounds of apply-and-recheck before giving up.
const MAX_ROUNDS: usize = 20;

/// A problem tied to a path: shown on stderr, one per line.
#[derive(Clone, Debug)]
pub struct Problem {
    /// The path as shown to the user.
    pub path: String,
    /// What went wrong.
    pub message: String,
}

/// One source file: what was read and what it has become.
pub struct FileState {
    /// Where it is and which project it belongs to.
    pub source: SourcePath,
    /// The text as read.
    pub original_doc: Document,
    /// The text with the fixes applied so far.
    pub doc: Document,
    tree: Option<tree_sitter::Tree>,
    regions: ErrorRegions,
    /// Bytes the tree was parsed from a masked view of (see `syntax::mask`): no edit may touch them.
    masks: Masks,
    /// Whether `regions` and `masks` are known: not for a file the pre-filter found nothing to
    /// check in, until a fix edits it or it needs a check (then the index's parse tells).
    syntax_known: bool,
    /// The diagnostics of the last check of `doc`.
    pub diagnostics: Vec<Diagnostic>,
    needs_check: bool,
    /// The settings that apply to this file.
    pub settings: Arc<Settings>,
    /// Whether a tool generates the file (see [`is_generated`]): it gets no findings, and no fix
    /// edits it.
    pub generated: bool,
}

impl FileState {
    /// The bytes as read (the text as read, encoded as it was): the writer refuses to write if
    /// the disk no longer has them. Not kept: every encoding round-trips exactly.
    pub fn original_bytes(&self) -> Vec<u8> {
        self.original_doc.to_disk()
    }

    /// Whether the current text differs from what was read.
    pub fn is_changed(&self) -> bool {
        self.doc.text() != self.original_doc.text()
    }

    /// The note for a file with a syntax error, which says where, and whether it is a mistake in
    /// the code or a construct the grammar does not support, as far as asyncfix can tell.
    fn syntax_note(&self) -> Option<Problem> {
        Some(Problem { path: self.source.display.clone(), message: self.regions.describe(self.doc.text())? })
    }

    /// Whether the current text has syntax errors (`false` for a file that was never parsed: one
    /// with nothing to check that no fix edits).
    pub fn has_syntax_errors(&self) -> bool {
        !self.regions.is_empty()
    }
}

/// What the caller says to a proposed fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Apply it.
    Yes,
    /// Do not apply it.
    No,
    /// Apply it and every later one without asking.
    All,
    /// Apply nothing more.
    Quit,
}

/// What the planning loop did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Fixes applied.
    pub applied: usize,
}

/// A fix by position: file, then diagnostic index in that file's last check.
type FixRef = (FileId, usize);

/// A file's text with some fixes applied, and its new parse.
type Edited = (Document, Parsed);

/// Identifies a finding across rounds, where offsets move: transform, file, message and the text
/// it points at.
type Fingerprint = (&'static str, FileId, String, String);

/// All files of a run, checked and fixed together.
pub struct Session {
    /// The files, in display-path order; [`FileId`] indexes this.
    pub files: Vec<FileState>,
    /// The projects of the workspace.
    pub projects: Vec<Project>,
    /// The project of each file, by [`FileId`].
    file_projects: Vec<usize>,
    checker: Checker,
    knowledge: Knowledge,
    index: WorkspaceIndex,
    /// Trees questions parsed for files still to be checked.
    shelf: Arc<Shelf>,
    /// Errors that make the exit status 2: unreadable input, internal errors.
    pub errors: Vec<Problem>,
    /// Notes that change nothing in the exit status (files with syntax errors, project warnings).
    pub notes: Vec<Problem>,
    skip: HashMap<Fingerprint, usize>,
    /// Files joined by an applied fix that spans them (union-find parents): they are written
    /// together or not at all.
    links: Vec<FileId>,
}

impl Session {
    /// Reads, decodes and parses every discovered file (on all cores) and indexes the workspace.
    /// `tick` is called once per file read, for a progress bar.
    pub fn load(ws: Workspace, checker: Checker, settings: Settings, tick: &(dyn Fn() + Sync)) -> Session {
        let settings = Arc::new(settings);
        Self::load_with(ws, checker, &|_| settings.clone(), tick)
    }

    /// [`Session::load`] with settings chosen per file (configuration files apply by path).
    pub fn load_with(
        ws: Workspace,
        checker: Checker,
        settings_for: &(dyn Fn(&SourcePath) -> Arc<Settings> + Sync),
        tick: &(dyn Fn() + Sync),
    ) -> Session {
        let mut errors: Vec<Problem> =
            ws.errors.iter().map(|(p, m)| Problem { path: p.clone(), message: m.clone() }).collect();
        let mut notes: Vec<Problem> =
            ws.warnings.iter().map(|(p, m)| Problem { path: p.clone(), message: m.clone() }).collect();
        // The word list describes the built-in transforms; any other pass sees every file.
        let words = checker.relevant_words();
        let loaded: Vec<Result<(FileState, IndexSource), Problem>> = ws
            .files
            .into_par_iter()
            .map(|source| {
                let settings = settings_for(&source);
                let result = load_file(source, settings, words.as_ref());
                tick();
                result
            })
            .collect();
        let mut files = Vec::with_capacity(loaded.len());
        let mut indexes = Vec::with_capacity(loaded.len());
        for result in loaded {
            match result {
                Ok((file, index)) => {
                    files.push(file);
                    indexes.push(index);
                }
                Err(problem) => errors.push(problem),
            }
        }
        notes.extend(files.iter().filter_map(FileState::syntax_note));
        let shelf = Arc::new(Shelf::new(indexes.len()));
        let index = WorkspaceIndex::build_with(indexes, shelf.clone());
        let file_count = files.len();
        Session {
            file_projects: files.iter().map(|f| f.source.project).collect(),
            files,
            projects: ws.projects,
            checker,
            knowledge: Knowledge::builtin(),
            index,
            shelf,
            errors,
            notes,
            skip: HashMap::new(),
            links: (0..file_count).collect(),
        }
    }

    /// The transforms the session checks.
    pub fn transforms(&self) -> &[&'static dyn crate::transforms::Transform] {
        self.checker.transforms()
    }

    /// Replaces the built-in knowledge base (with extensions from configuration). Call it before
    /// the first [`Session::check`].
    pub fn set_knowledge(&mut self, knowledge: Knowledge) {
        self.knowledge = knowledge;
    }

    /// Checks every file whose text changed since its last check (every file the first time), on
    /// all cores. A worker takes first a file whose tree a question about the index parsed (kept
    /// on the index's shelf), then the next file in order.
    pub fn check(&mut self, tick: &(dyn Fn() + Sync)) {
        let ids: Vec<FileId> = (0..self.files.len()).filter(|&f| self.files[f].needs_check).collect();
        self.shelf.want_trees(&ids);
        let this = &*self;
        let claimed: Vec<AtomicBool> = (0..this.files.len()).map(|_| AtomicBool::new(false)).collect();
        let cursor = AtomicUsize::new(0);
        let next = || -> Option<(FileId, Option<Parsed>)> {
            while let Some((file, parsed)) = this.shelf.take_any_tree() {
                if !claimed[file].swap(true, Ordering::Relaxed) {
                    return Some((file, Some(parsed)));
                }
            }
            loop {
                let &file = ids.get(cursor.fetch_add(1, Ordering::Relaxed))?;
                if !claimed[file].swap(true, Ordering::Relaxed) {
                    return Some((file, this.shelf.take_tree(file)));
                }
            }
        };
        let results = Mutex::new(Vec::with_capacity(ids.len()));
        rayon::scope(|scope| {
            for _ in 0..rayon::current_num_threads() {
                scope.spawn(|_| {
                    while let Some((file, parsed)) = next() {
                        let result = this.check_file(file, parsed);
                        tick();
                        results.lock().expect("results lock").push(result);
                    }
                });
            }
        });
        let mut results = results.into_inner().expect("results lock");
        results.sort_by_key(|(id, _, _)| *id);
        let checked: Vec<FileId> = results.iter().map(|(id, _, _)| *id).collect();
        for (id, diagnostics, panics) in results {
            // Every tree is dropped (a big workspace would otherwise hold every tree of a file
            // with a fix): a fix's edited text is parsed anew, and a file checked again for a
            // stale fix is parsed again.
            self.files[id].tree = None;
            self.files[id].diagnostics = diagnostics;
            self.files[id].needs_check = false;
            self.errors.extend(panics);
        }
        self.learn_syntax(&checked);
        self.strip_unusable_fixes();
    }

    /// Checks one file: with its tree kept since a fix, a tree a question parsed, or a new parse.
    /// A file whose index entries no question needed yet gets them from this parse.
    fn check_file(&self, id: FileId, parsed: Option<Parsed>) -> (FileId, Vec<Diagnostic>, Vec<Problem>) {
        let file = &self.files[id];
        let text = file.doc.text();
        let parsed = if file.tree.is_none() { parsed.or_else(|| parse_file(text)) } else { None };
        let tree = file.tree.as_ref().or(parsed.as_ref().map(|p| &p.tree));
        let (diagnostics, panics) = match tree {
            Some(tree) => {
                let parents = Parents::of(tree);
                let root = Node::root_with(tree, text, &parents);
                if let Some(parsed) = &parsed {
                    self.index.provide(id, || DeferredFile::of_root(id, root, parsed.masks.clone()));
                }
                self.checker.check(&FileContext {
                    file: id,
                    path: &file.source.display,
                    text,
                    root,
                    project: &self.projects[file.source.project],
                    projects: &self.projects,
                    file_projects: &self.file_projects,
                    index: &self.index,
                    knowledge: &self.knowledge,
                    settings: &file.settings,
                    memo: Default::default(),
                })
            }
            None => Default::default(),
        };
        let panics = panics
            .into_iter()
            .map(|p| Problem {
                path: file.source.display.clone(),
                message: format!("internal error: transform `{}` panicked: {}", p.transform, p.message),
            })
            .collect();
        (id, diagnostics, panics)
    }

    /// Drops findings inside a syntax-error region, where the tree is the parser's guess (the
    /// file's note says that code is left alone), and removes fixes that would edit inside such a
    /// region, insert text the file's encoding cannot hold, or change nothing at all (a fix that
    /// would be offered forever); those findings stay, without a fix.
    fn strip_unusable_fixes(&mut self) {
        for file in &mut self.files {
            if !file.regions.is_empty() {
                let regions = &file.regions;
                file.diagnostics.retain(|d| !regions.contains(&d.range));
            }
        }
        let blocked: Vec<FixRef> = self
            .fix_refs()
            .filter(|&(f, d)| {
                let fix = self.files[f].diagnostics[d].fix.as_ref().expect("fix_refs yields fixes");
                let unusable = fix.edits.iter().any(|e| {
                    let target = &self.files[e.file];
                    target.regions.touches(&e.range)
                        || target.masks.touches(&e.range)
                        || !target.doc.can_encode(&e.content)
                        || target.doc.text().get(e.range.clone()).is_none()
                });
                let no_op =
                    fix.edits.iter().all(|e| self.files[e.file].doc.text().get(e.range.clone()) == Some(&e.content));
                unusable || no_op
            })
            .collect();
        for (f, d) in blocked {
            self.files[f].diagnostics[d].fix = None;
        }
        // A fix that would edit a generated file: the tool would overwrite the edit.
        let into_generated: Vec<(FixRef, String)> = self
            .fix_refs()
            .filter_map(|r| {
                let fix = self.fix(r);
                let file = fix.edits.iter().map(|e| e.file).find(|&f| self.files[f].generated)?;
                Some((r, self.files[file].source.display.clone()))
            })
            .collect();
        for ((f, d), path) in into_generated {
            let diagnostic = &mut self.files[f].diagnostics[d];
            diagnostic.fix = None;
            diagnostic.message =
                format!("{} (no automatic fix: it would edit `{path}`, which a tool generates)", diagnostic.message);
        }
    }

    /// Takes the syntax errors and masked bytes of each file that was not parsed at load and now
    /// matters: it was `checked`, or a fix edits it. The index parsed it (or parses it now); a
    /// syntax error gets its note.
    fn learn_syntax(&mut self, checked: &[FileId]) {
        let mut needed: Vec<FileId> = checked.iter().copied().filter(|&f| !self.files[f].syntax_known).collect();
        needed.extend(self.fix_refs().flat_map(|r| self.fix(r).files()).filter(|&f| !self.files[f].syntax_known));
        needed.sort_unstable();
        needed.dedup();
        for file in needed {
            if let Some(deferred) = self.index.deferred_file(file) {
                let (regions, masks) = (deferred.regions.clone().with_blanked(&deferred.masks), deferred.masks.clone());
                let state = &mut self.files[file];
                (state.regions, state.masks, state.syntax_known) = (regions, masks, true);
                self.notes.extend(state.syntax_note());
            }
        }
    }

    fn fix_refs(&self) -> impl Iterator<Item = FixRef> + '_ {
        self.files.iter().enumerate().flat_map(|(f, file)| {
            file.diagnostics.iter().enumerate().filter(|(_, d)| d.fix.is_some()).map(move |(d, _)| (f, d))
        })
    }

    /// The diagnostic a fix reference points at.
    pub fn diagnostic(&self, (f, d): FixRef) -> &Diagnostic {
        &self.files[f].diagnostics[d]
    }

    fn fix(&self, r: FixRef) -> &Fix {
        self.diagnostic(r).fix.as_ref().expect("a fix reference points at a fix")
    }

    fn fingerprint(&self, r: FixRef) -> Fingerprint {
        let d = self.diagnostic(r);
        let text = self.files[d.file].doc.text().get(d.range.clone()).unwrap_or("").to_owned();
        (d.transform.name, d.file, d.message.clone(), text)
    }

    /// All current diagnostics, in file and position order.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.files.iter().flat_map(|f| f.diagnostics.iter())
    }

    /// The planning loop. Offers every fix at least as sure as `threshold` to `decide`, applies
    /// the accepted ones, re-checks, and repeats until no new fix is offered.
    pub fn fix_all(
        &mut self,
        threshold: Applicability,
        decide: &mut dyn FnMut(&Session, &Diagnostic) -> Decision,
    ) -> Outcome {
        self.fix_admitted(threshold, &|_, _| true, decide)
    }

    /// [`Session::fix_all`] over the fixes that `admit` lets through (`--apply-plan`: those the
    /// plan records). The others are neither offered nor applied, and never keep an admitted fix
    /// out of a round by overlapping it.
    pub fn fix_admitted(
        &mut self,
        threshold: Applicability,
        admit: &dyn Fn(&Session, &Diagnostic) -> bool,
        decide: &mut dyn FnMut(&Session, &Diagnostic) -> Decision,
    ) -> Outcome {
        let mut outcome = Outcome::default();
        let mut ask = true;
        for _round in 0..MAX_ROUNDS {
            let selected = self.select(threshold, admit);
            if selected.is_empty() {
                return outcome;
            }
            let proposed = self.validated(selected);
            let mut accepted = Vec::new();
            let mut quit = false;
            for r in proposed {
                let decision = if ask { decide(self, self.diagnostic(r)) } else { Decision::Yes };
                match decision {
                    Decision::Yes => accepted.push(r),
                    Decision::All => {
                        ask = false;
                        accepted.push(r);
                    }
                    Decision::No => *self.skip.entry(self.fingerprint(r)).or_default() += 1,
                    Decision::Quit => {
                        quit = true;
                        break;
                    }
                }
            }
            outcome.applied += self.apply(accepted);
            self.check(&|| {});
            if quit {
                return outcome;
            }
        }
        let files: Vec<_> = self.fix_refs().map(|(f, _)| self.files[f].source.display.clone()).collect();
        if !files.is_empty() {
            self.errors.push(Problem {
                path: files[0].clone(),
                message: format!("internal error: fixes did not converge after {MAX_ROUNDS} rounds; the last round's fixes were not applied"),
            });
        }
        outcome
    }

    /// Picks the fixes to offer this round: at least as sure as `threshold`, admitted, not
    /// declined or rejected before, and not overlapping a fix picked earlier in the round.
    fn select(&self, threshold: Applicability, admit: &dyn Fn(&Session, &Diagnostic) -> bool) -> Vec<FixRef> {
        let mut skip = self.skip.clone();
        let mut eligible = Vec::new();
        for r in self.fix_refs() {
            let fix = self.fix(r);
            if fix.applicability < threshold || fix.applicability == Applicability::DisplayOnly {
                continue;
            }
            if let Some(n) = skip.get_mut(&self.fingerprint(r)).filter(|n| **n > 0) {
                *n -= 1;
                continue;
            }
            if !admit(self, self.diagnostic(r)) {
                continue;
            }
            eligible.push(r);
        }
        // Of each isolation group, only the fixes of the highest priority present this round.
        let mut first: HashMap<(FileId, usize), crate::fix::Priority> = HashMap::new();
        for &r in &eligible {
            if let Some(i) = self.fix(r).isolation {
                let top = first.entry(i.group).or_insert(i.priority);
                *top = (*top).max(i.priority);
            }
        }
        let mut taken: HashMap<FileId, BTreeMap<usize, usize>> = HashMap::new();
        let mut selected = Vec::new();
        for r in eligible {
            let fix = self.fix(r);
            if fix.isolation.is_some_and(|i| first.get(&i.group).is_some_and(|&top| i.priority < top)) {
                continue;
            }
            let conflicts = fix.edits.iter().any(|e| {
                let Some(ranges) = taken.get(&e.file) else { return false };
                // Taken ranges do not overlap each other, so the one starting last before `e`
                // ends is the only one that can reach into it.
                ranges.contains_key(&e.range.start)
                    || ranges.range(..e.range.end).next_back().is_some_and(|(_, &end)| end > e.range.start)
            });
            if conflicts {
                continue;
            }
            for e in &fix.edits {
                taken.entry(e.file).or_default().insert(e.range.start, e.range.end);
            }
            selected.push(r);
        }
        selected
    }

    /// Drops (and reports) every fix in `fixes` whose result does not parse as well as the text
    /// before it; returns the rest.
    fn validated(&mut self, fixes: Vec<FixRef>) -> Vec<FixRef> {
        let (ok, _) = self.trial(fixes);
        ok
    }

    /// Applies `fixes`, re-validating them together first. Returns how many were applied.
    fn apply(&mut self, fixes: Vec<FixRef>) -> usize {
        let (ok, results) = self.trial(fixes);
        for &r in &ok {
            let files = self.fix(r).files();
            for pair in files.windows(2) {
                let (a, b) = (self.group_of(pair[0]), self.group_of(pair[1]));
                self.links[a] = b;
            }
        }
        let changed: Vec<FileId> = results.iter().map(|(file, _)| *file).collect();
        // A file whose fixes edit a changed file is checked again too: its fixes' offsets into
        // that file are stale (a cross-file fix postponed by an overlap with one applied now).
        for state in &mut self.files {
            let stale = state
                .diagnostics
                .iter()
                .filter_map(|d| d.fix.as_ref())
                .any(|fix| fix.edits.iter().any(|e| changed.contains(&e.file)));
            state.needs_check |= stale;
        }
        let mut changed_methods: HashSet<String> = HashSet::new();
        for (file, (doc, Parsed { tree, masks })) in results {
            let state = &mut self.files[file];
            state.regions = ErrorRegions::find(Node::root(&tree, doc.text())).with_blanked(&masks);
            state.masks = masks;
            state.syntax_known = true;
            let mut entry = FileIndex::extract(Node::root_with(&tree, doc.text(), &Parents::of(&tree)));
            entry.hide(doc.text(), state.masks.ranges().iter().chain(state.regions.ranges()));
            changed_methods.extend(changed_method_names(self.index.file(file), &entry));
            self.index.update(file, entry);
            state.doc = doc;
            state.tree = Some(tree);
            state.needs_check = true;
        }
        if !ok.is_empty() {
            self.index.rebuild_maps();
        }
        // Files that call a method whose declaration changed are checked again: what they may
        // pass to it, or whether it returns a task, may have changed (a token parameter added by a
        // call-chain fix lets unforwarded-cancellation pass a token there).
        for name in &changed_methods {
            let callers: Vec<FileId> = self.index.calls_named(name).map(|(file, _)| file).collect();
            for file in callers {
                self.files[file].needs_check = true;
            }
        }
        ok.len()
    }

    /// Applies `fixes` to copies of their files and re-parses them. A fix whose file comes out
    /// with more syntax errors is tried alone; each one that fails alone is dropped, reported, and
    /// never offered again. Returns the fixes kept and the edited copies they give.
    fn trial(&mut self, mut fixes: Vec<FixRef>) -> (Vec<FixRef>, Vec<(FileId, Edited)>) {
        loop {
            let mut by_file: BTreeMap<FileId, Vec<FixRef>> = BTreeMap::new();
            for &r in &fixes {
                for f in self.fix(r).files() {
                    by_file.entry(f).or_default().push(r);
                }
            }
            let this = &*self;
            let outcomes: Vec<(FileId, Result<Edited, Vec<FixRef>>)> = by_file
                .into_par_iter()
                .map(|(file, refs)| {
                    let result = this.edited(file, &refs).ok_or_else(|| {
                        let culprits: Vec<FixRef> =
                            refs.iter().copied().filter(|r| this.edited(file, &[*r]).is_none()).collect();
                        if culprits.is_empty() {
                            refs
                        } else {
                            culprits
                        }
                    });
                    (file, result)
                })
                .collect();
            let mut culprits: Vec<FixRef> =
                outcomes.iter().filter_map(|(_, r)| r.as_ref().err()).flatten().copied().collect();
            if culprits.is_empty() {
                let results = outcomes.into_iter().map(|(f, r)| (f, r.expect("no culprits"))).collect();
                return (fixes, results);
            }
            culprits.sort();
            culprits.dedup();
            for &r in &culprits {
                self.reject(r);
            }
            fixes.retain(|r| !culprits.contains(r));
        }
    }

    /// The text of `file` with `fixes` applied, re-parsed; `None` if it has more syntax errors.
    fn edited(&self, file: FileId, fixes: &[FixRef]) -> Option<Edited> {
        let state = &self.files[file];
        let mut doc = state.doc.clone();
        doc.apply(
            fixes
                .iter()
                .flat_map(|&r| self.fix(r).edits.iter())
                .filter(|e| e.file == file)
                .map(|e| (&e.range, e.content.as_str())),
        );
        let parsed = parse_file(doc.text())?;
        let errors = ErrorRegions::find(Node::root(&parsed.tree, doc.text())).with_blanked(&parsed.masks);
        (errors.count() <= state.regions.count()).then_some((doc, parsed))
    }

    /// The representative of the files an applied fix joined `file` with.
    fn group_of(&self, mut file: FileId) -> FileId {
        while self.links[file] != file {
            file = self.links[file];
        }
        file
    }

    /// The files that must be written together with `file`, because an applied fix spans them
    /// (`file` included).
    pub fn linked_files(&self, file: FileId) -> Vec<FileId> {
        let group = self.group_of(file);
        (0..self.files.len()).filter(|&f| self.group_of(f) == group).collect()
    }

    /// Drops a fix whose file came out with more syntax errors. In a file that has syntax errors
    /// already, tree-sitter's recovery around them can change with an edit elsewhere: the fix is
    /// dropped with a note. In a valid file the transform is at fault: an internal error.
    fn reject(&mut self, r: FixRef) {
        let d = self.diagnostic(r);
        let file = &self.files[d.file];
        let at = LineIndex::new(file.doc.text()).line_col(file.doc.text(), d.range.start);
        let broken = self.fix(r).files().into_iter().find(|&f| self.files[f].has_syntax_errors());
        let message = match broken {
            Some(_) => format!(
                "the fix of `{}` at line {}:{} was dropped: with it, the parser recovers differently from a syntax error in the file",
                d.transform.name, at.line, at.column
            ),
            None => format!(
                "internal error: transform `{}`: the fix at line {}:{} would introduce a syntax error; it was dropped",
                d.transform.name, at.line, at.column
            ),
        };
        let problem = Problem { path: file.source.display.clone(), message };
        match broken {
            Some(_) => self.notes.push(problem),
            None => self.errors.push(problem),
        }
        *self.skip.entry(self.fingerprint(r)).or_default() += 1;
    }
}

/// The names of the methods that a new index of a file declares differently from the old one
/// (signature or body), or declares only in one of them.
fn changed_method_names(old: &FileIndex, new: &FileIndex) -> HashSet<String> {
    let key = |m: &crate::index::MethodEntry| {
        let params: Vec<_> = m.params.iter().map(|p| (&p.modifier, &p.type_text, &p.name, &p.default)).collect();
        format!("{}.{} {} {:?} {:?} {:?} {:?}", m.owner, m.name, m.returns, params, m.modifiers, m.uses, m.locals)
    };
    let old_keys: HashMap<String, &str> = old.methods.iter().map(|m| (key(m), m.name.as_str())).collect();
    let new_keys: HashMap<String, &str> = new.methods.iter().map(|m| (key(m), m.name.as_str())).collect();
    let gone = old_keys.iter().filter(|(k, _)| !new_keys.contains_key(*k));
    let added = new_keys.iter().filter(|(k, _)| !old_keys.contains_key(*k));
    gone.chain(added).map(|(_, name)| (*name).to_owned()).collect()
}

/// Whether a file declares itself generated, as Roslyn's analyzers tell: its name ends in
/// `.g.cs`, `.g.i.cs`, `.designer.cs` or `.generated.cs` (any case) or starts with
/// `TemporaryGeneratedFile_`, or a comment before its first line of code says `<auto-generated`
/// (or `<autogenerated`).
pub fn is_generated(path: &str, text: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path).to_ascii_lowercase();
    if [".g.cs", ".g.i.cs", ".designer.cs", ".generated.cs"].iter().any(|end| name.ends_with(end))
        || name.starts_with("temporarygeneratedfile_")
    {
        return true;
    }
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        let comment = if let Some(line) = rest.strip_prefix("//") {
            let end = line.find('\n').unwrap_or(line.len());
            let (comment, after) = line.split_at(end);
            rest = after;
            comment
        } else if let Some(block) = rest.strip_prefix("/*") {
            let end = block.find("*/").map_or(block.len(), |e| e + 2);
            let (comment, after) = block.split_at(end);
            rest = after;
            comment
        } else {
            return false;
        };
        let lower = comment.to_ascii_lowercase();
        if lower.contains("<auto-generated") || lower.contains("<autogenerated") {
            return true;
        }
    }
}

fn load_file(
    source: SourcePath,
    settings: Arc<Settings>,
    words: Option<&std::collections::HashSet<&'static str>>,
) -> Result<(FileState, IndexSource), Problem> {
    let problem = |message: String| Problem { path: source.display.clone(), message };
    let bytes = std::fs::read(&source.path).map_err(|e| problem(format!("cannot read: {}", io_message(&e))))?;
    let doc = Document::decode(&bytes).map_err(|e| problem(format!("cannot decode: {e}")))?;
    drop(bytes);
    if doc.is_binary() {
        return Err(problem("not C# text (binary)".into()));
    }
    let literals = Literals::of(doc.text());
    let generated = is_generated(&source.display, doc.text());
    let relevant = !generated && words.is_none_or(|w| super::prefilter::may_have_findings_in(doc.text(), &literals, w));
    let mut state = FileState {
        source,
        original_doc: doc.clone(),
        doc,
        // No tree is kept between checks: a tree takes about 30 times the memory of its text.
        tree: None,
        regions: ErrorRegions::default(),
        masks: Masks::default(),
        syntax_known: false,
        diagnostics: Vec::new(),
        needs_check: relevant,
        settings,
        generated,
    };
    // A file is parsed when it is checked or when a question about the index needs it first, not
    // here: most of a large solution (generated code, models) is never parsed at all. A file
    // with a `global using` is: its imports count for every file.
    let triggers = Triggers::read(state.doc.text(), &literals);
    if !triggers.global_using {
        let text = state.doc.shared_text();
        return Ok((state, IndexSource::Deferred(text, triggers)));
    }
    let text = state.doc.text();
    let Parsed { tree, masks } = parse_file(text).ok_or_else(|| Problem {
        path: state.source.display.clone(),
        message: "the parser gave up on this file".into(),
    })?;
    let parents = Parents::of(&tree);
    let root = Node::root_with(&tree, text, &parents);
    let regions = ErrorRegions::find(root).with_blanked(&masks);
    let mut index = FileIndex::extract(root);
    index.hide(text, masks.ranges().iter().chain(regions.ranges()));
    drop(parents);
    (state.regions, state.masks, state.syntax_known) = (regions, masks, true);
    Ok((state, IndexSource::Extracted(Box::new(index))))
}

#[cfg(test)]
mod tests {
    //! The planning loop with made-up transforms that misbehave in each way the engine guards
    //! against.

    use super::*;

    #[test]
    fn generated_files_by_name_or_header() {
        for (path, text) in [
            ("obj/Debug/App.g.cs", "class A {}"),
            ("Views/Main.g.i.cs", "class A {}"),
            ("Forms/Main.Designer.cs", "partial class Main {}"),
            ("Api/Client.generated.cs", ""),
            ("TemporaryGeneratedFile_1234.cs", ""),
            ("A.cs", "\u{feff}// ----\n// <auto-generated>\n//   by a tool\n// </auto-generated>\nclass A {}"),
            ("B.cs", "/* <autogenerated /> */ class B {}"),
        ] {
            assert!(is_generated(path, text), "{path}");
        }
        for (path, text) in [
            ("Generated.cs", "class A {}"),
            ("A.cs", "class A {} // <auto-generated>"),
            ("B.cs", "using System;\n// <auto-generated>\nclass B {}"),
        ] {
            assert!(!is_generated(path, text), "{path}");
        }
    }
    use crate::fix::Edit;
    use crate::transforms::{Meta, Transform};

    static META: Meta = Meta {
        name: "test-transform",
        code: "AF999",
        summary: "a test transform",
        default_enabled: false,
        fix: Applicability::Safe,
        documentation: "",
        words: &[],
    };

    /// Reports every `invocation_expression`; its fix is built by the closure.
    struct Calls(fn(&Node<'_>, FileId) -> Option<Fix>);

    impl Transform for Calls {
        fn meta(&self) -> &'static Meta {
            &META
        }
        fn kinds(&self) -> &'static [&'static str] {
            &["invocation_expression"]
        }
        fn check(&self, node: Node<'_>, cx: &FileContext<'_>, out: &mut Vec<Diagnostic>) {
            let d = Diagnostic::new(&META, cx.file, node.range(), "a call");
            out.push(match (self.0)(&node, cx.file) {
                Some(fix) => d.with_fix(fix),
                None => d,
            });
        }
    }

    fn session(transform: &'static dyn Transform, files: &[(&str, &str)]) -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let ws = Workspace::discover(&[dir.path().to_path_buf()]);
        let mut session = Session::load(ws, Checker::new(vec![transform]), Settings::default(), &|| {});
        session.check(&|| {});
        (dir, session)
    }

    fn fix_all(session: &mut Session) -> Outcome {
        session.fix_all(Applicability::Safe, &mut |_, _| Decision::Yes)
    }

    #[test]
    fn fix_that_breaks_the_syntax_is_dropped_and_reported_while_others_apply() {
        static BREAKS_F: Calls = Calls(|node, file| {
            let content = match node.text() {
                "F()" => "F((",
                "G()" => "H()",
                _ => return None,
            };
            Some(Fix::safe("replace", vec![Edit::replace(file, node.range(), content)]))
        });
        let (_dir, mut session) = session(&BREAKS_F, &[("A.cs", "class A { void M() { F(); G(); } }")]);
        let outcome = fix_all(&mut session);
        assert_eq!(outcome.applied, 1);
        assert_eq!(session.files[0].doc.text(), "class A { void M() { F(); H(); } }");
        assert_eq!(session.errors.len(), 1, "{:?}", session.errors);
        assert!(session.errors[0].message.contains("`test-transform`"));
        assert!(session.errors[0].message.contains("syntax error"));
    }

    #[test]
    fn fix_dropped_in_a_file_with_syntax_errors_is_a_note() {
        static BREAKS_F: Calls = Calls(|node, file| {
            (node.text() == "F()").then(|| Fix::safe("replace", vec![Edit::replace(file, node.range(), "F((")]))
        });
        let (_dir, mut session) = session(&BREAKS_F, &[("A.cs", "class A { void M() { F(); } void N() { G(; } }")]);
        assert_eq!(fix_all(&mut session).applied, 0);
        assert!(session.errors.is_empty(), "{:?}", session.errors);
        assert!(session.notes.iter().any(|n| n.message.contains("fix of `test-transform` at line 1:22 was dropped")));
    }

    #[test]
    fn overlapping_fixes_are_postponed_to_the_next_round() {
        // Each call is wrapped in `W(…)`; the outer and inner fixes insert at the same place, so
        // they cannot both apply in one round. `W` calls are left alone.
        static WRAP: Calls = Calls(|node, file| {
            let wrapped = |n: &Node<'_>| n.kind() == "invocation_expression" && n.text().starts_with("W(");
            if wrapped(node)
                || node.parent().and_then(|p| p.parent()).and_then(|p| p.parent()).is_some_and(|p| wrapped(&p))
            {
                return None;
            }
            Some(Fix::safe("wrap", vec![Edit::insert(file, node.start(), "W("), Edit::insert(file, node.end(), ")")]))
        });
        let (_dir, mut session) = session(&WRAP, &[("A.cs", "class A { void M() { F(G()); } }")]);
        let outcome = fix_all(&mut session);
        assert_eq!(outcome.applied, 2);
        assert_eq!(session.files[0].doc.text(), "class A { void M() { W(F(W(G()))); } }");
        assert!(session.errors.is_empty(), "{:?}", session.errors);
    }

    #[test]
    fn a_fix_that_changes_nothing_is_not_offered() {
        static SAME: Calls =
            Calls(|node, file| Some(Fix::safe("same", vec![Edit::replace(file, node.range(), node.text())])));
        let (_dir, mut session) = session(&SAME, &[("A.cs", "class A { void M() { F(); } }")]);
        assert_eq!(fix_all(&mut session).applied, 0);
        assert!(session.files[0].diagnostics[0].fix.is_none());
        assert!(session.errors.is_empty());
    }

    #[test]
    fn fixes_that_never_converge_stop_with_an_error() {
        static GROWS: Calls =
            Calls(|node, file| Some(Fix::safe("grow", vec![Edit::insert(file, node.end() - 1, "1")])));
        let (_dir, mut session) = session(&GROWS, &[("A.cs", "class A { void M() { F(); } }")]);
        fix_all(&mut session);
        assert_eq!(session.errors.len(), 1);
        assert!(session.errors[0].message.contains("did not converge"), "{:?}", session.errors);
    }

    #[test]
    fn a_panicking_pass_is_reported_with_the_file_and_the_run_goes_on() {
        static PANICS: Calls = Calls(|node, _| if node.text().starts_with('F') { panic!("boom") } else { None });
        let (_dir, session) =
            session(&PANICS, &[("A.cs", "class A { void M() { F(); } }"), ("B.cs", "class B { void M() { G(); } }")]);
        assert_eq!(session.errors.len(), 1);
        assert_eq!(session.errors[0].path.rsplit('/').next(), Some("A.cs"));
        assert!(session.errors[0].message.contains("panicked: boom"));
        assert_eq!(session.files[1].diagnostics.len(), 1, "the other file is still checked");
    }

    #[test]
    fn declined_fixes_are_not_offered_again() {
        static RENAME: Calls = Calls(|node, file| {
            let name = node.field("function")?;
            (name.text() != "Done").then(|| Fix::safe("rename", vec![Edit::replace(file, name.range(), "Done")]))
        });
        let (_dir, mut session) = session(&RENAME, &[("A.cs", "class A { void M() { F(); G(); } }")]);
        let mut asked = Vec::new();
        let outcome = session.fix_all(Applicability::Safe, &mut |s, d| {
            asked.push(s.files[d.file].doc.text()[d.range.clone()].to_owned());
            if asked.len() == 1 {
                Decision::No
            } else {
                Decision::Yes
            }
        });
        assert_eq!(asked, ["F()", "G()"]);
        assert_eq!(outcome.applied, 1);
        assert_eq!(session.files[0].doc.text(), "class A { void M() { F(); Done(); } }");
    }

    #[test]
    fn a_postponed_fix_into_an_edited_file_is_not_applied_at_its_old_offsets() {
        // In A.cs each call gets wrapped in `W(…)`. The fix found in B.cs renames `F` in A.cs by
        // offset and overlaps the wrap of `F()`, so it waits for the next round; by then A.cs has
        // changed under it. B.cs must be checked again (here its transform then finds nothing)
        // rather than its old offsets applied to the new text.
        static B_CHECKS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        static CROSS: Calls = Calls(|node, file| match file {
            0 if !node.text().starts_with("W(")
                && node
                    .parent()
                    .and_then(|p| p.parent())
                    .and_then(|p| p.parent())
                    .is_none_or(|p| !p.text().starts_with("W(")) =>
            {
                Some(Fix::safe("wrap", vec![Edit::insert(0, node.start(), "W("), Edit::insert(0, node.end(), ")")]))
            }
            1 if B_CHECKS.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0 => {
                Some(Fix::safe("rename F in A.cs", vec![Edit::replace(0, 27..28, "Done")]))
            }
            _ => None,
        });
        let (_dir, mut session) = session(
            &CROSS,
            &[("A.cs", "class A { void M() { G(1); F(); } }"), ("B.cs", "class B { void M() { Go(); } }")],
        );
        let outcome = fix_all(&mut session);
        assert!(session.errors.is_empty(), "{:?}", session.errors);
        assert_eq!(session.files[0].doc.text(), "class A { void M() { W(G(1)); W(F()); } }");
        assert_eq!(outcome.applied, 2);
    }

    #[test]
    fn a_file_deleted_between_discovery_and_reading_is_named_and_the_run_goes_on() {
        static NONE: Calls = Calls(|_, _| None);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("A.cs"), "class A { void M() { F(); } }").unwrap();
        std::fs::write(dir.path().join("B.cs"), "class B { void M() { G(); } }").unwrap();
        let ws = Workspace::discover(&[dir.path().to_path_buf()]);
        std::fs::remove_file(dir.path().join("A.cs")).unwrap();
        let mut session = Session::load(ws, Checker::new(vec![&NONE]), Settings::default(), &|| {});
        session.check(&|| {});
        assert_eq!(session.files.len(), 1);
        assert_eq!(session.errors.len(), 1, "{:?}", session.errors);
        assert!(session.errors[0].path.ends_with("A.cs") && session.errors[0].message.starts_with("cannot read"));
    }

    #[test]
    fn fixes_spanning_files_apply_together_or_not_at_all() {
        // The fix for a call in A.cs also edits B.cs; in B.cs its edit would break the syntax.
        static TWO_FILES: Calls = Calls(|node, file| {
            (file == 0)
                .then(|| Fix::safe("both", vec![Edit::replace(0, node.range(), "H()"), Edit::insert(1, 0, "class {")]))
        });
        let (_dir, mut session) =
            session(&TWO_FILES, &[("A.cs", "class A { void M() { F(); } }"), ("B.cs", "class B { }")]);
        let outcome = fix_all(&mut session);
        assert_eq!(outcome.applied, 0);
        assert!(!session.files[0].is_changed() && !session.files[1].is_changed());
        assert_eq!(session.errors.len(), 1);
    }
}
