//! Criterion benchmarks of asyncfix's hot paths: the textual pre-filter, the index triggers,
//! parsing, index extraction, and a whole load-and-check of a workspace on one core and on all
//! cores.
//!
//! `cargo bench --bench pipeline` measures the C# files of this repository (every transform's
//! fixtures and the demo); `ASYNCFIX_BENCH_DIR=/path/to/solution cargo bench --bench pipeline`
//! measures real code instead. Throughput is reported in bytes of source per second. Not run by
//! `cargo test`: a benchmark, not a timed test.

use std::path::{Path, PathBuf};

use asyncfix::check::{Checker, Settings};
use asyncfix::fix::{may_have_findings, Session};
use asyncfix::index::triggers::Triggers;
use asyncfix::index::FileIndex;
use asyncfix::syntax::{parse_file, Node, Parents};
use asyncfix::transforms;
use asyncfix::workspace::Workspace;
use criterion::{black_box, criterion_group, criterion_main, BatchSize, Criterion, Throughput};

const LIB_CSPROJ: &str = r#"<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>"#;

/// The folder to measure and the texts of its C# files.
struct Input {
    /// Holds the copied fixtures when no folder was given.
    _temp: Option<tempfile::TempDir>,
    root: PathBuf,
    texts: Vec<String>,
}

impl Input {
    fn bytes(&self) -> u64 {
        self.texts.iter().map(|t| t.len() as u64).sum()
    }
}

fn cs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.is_symlink() {
            cs_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "cs") {
            out.push(path);
        }
    }
}

/// `ASYNCFIX_BENCH_DIR` as it is, or this repository's fixtures and demo copied into one library
/// project.
fn input() -> Input {
    if let Some(dir) = std::env::var_os("ASYNCFIX_BENCH_DIR") {
        let root = PathBuf::from(dir);
        let mut paths = Vec::new();
        cs_files(&root, &mut paths);
        let texts = paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()).collect();
        return Input { _temp: None, root, texts };
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    cs_files(&repo.join("transforms"), &mut paths);
    cs_files(&repo.join("demo"), &mut paths);
    paths.sort();
    let temp = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(temp.path().join("Lib.csproj"), LIB_CSPROJ).expect("writes the project");
    let mut texts = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("a fixture reads");
        std::fs::write(temp.path().join(format!("F{i}.cs")), &text).expect("writes a copy");
        texts.push(text);
    }
    let root = temp.path().to_path_buf();
    Input { _temp: Some(temp), root, texts }
}

fn hot_paths(c: &mut Criterion) {
    let input = input();
    let mut group = c.benchmark_group("per file");
    group.throughput(Throughput::Bytes(input.bytes()));
    group.bench_function("pre-filter", |b| {
        let words = Checker::new(asyncfix::transforms::all().to_vec()).relevant_words().expect("built-in words");
        b.iter(|| input.texts.iter().filter(|t| may_have_findings(t, &words)).count());
    });
    group.bench_function("triggers", |b| {
        b.iter(|| {
            for text in &input.texts {
                black_box(Triggers::of(text));
            }
        });
    });
    group.bench_function("parse", |b| {
        b.iter(|| input.texts.iter().filter_map(|t| parse_file(t)).count());
    });
    let trees: Vec<_> = input.texts.iter().map(|t| parse_file(t).expect("parses").tree).collect();
    group.bench_function("parent map", |b| {
        b.iter(|| {
            for tree in &trees {
                black_box(Parents::of(tree));
            }
        });
    });
    group.bench_function("index extraction", |b| {
        b.iter(|| {
            trees
                .iter()
                .zip(&input.texts)
                .map(|(tree, text)| {
                    let parents = Parents::of(tree);
                    FileIndex::extract(Node::root_with(tree, text, &parents)).calls.len()
                })
                .sum::<usize>()
        });
    });
    group.finish();
}

/// Discover, load (read, parse, index) and check with the default transforms, as
/// `asyncfix --format json` does before printing.
fn load_and_check(root: &Path) -> usize {
    let ws = Workspace::discover(&[root.to_path_buf()]);
    let defaults = transforms::all().iter().copied().filter(|t| t.meta().default_enabled).collect();
    let mut session = Session::load(ws, Checker::new(defaults), Settings::default(), &|| {});
    session.check(&|| {});
    session.diagnostics().count()
}

fn whole_run(c: &mut Criterion) {
    let input = input();
    let mut group = c.benchmark_group("load and check");
    group.throughput(Throughput::Bytes(input.bytes()));
    group.sample_size(10);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for threads in [1, cores] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        group.bench_function(format!("{threads} thread(s)"), |b| {
            b.iter_batched(|| (), |()| pool.install(|| load_and_check(&input.root)), BatchSize::PerIteration);
        });
    }
    group.finish();
}

criterion_group!(benches, hot_paths, whole_run);
criterion_main!(benches);
