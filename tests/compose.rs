//! All transforms together on one small solution (a library and an application), where several
//! pitfalls meet in the same methods: the fixes compose, converge, and a second run finds nothing
//! left to fix — whether the transforms run all at once or one after another, in either order.
//! That the results compile is checked by `tests/compile.rs`, which says so when it cannot run.

#[path = "common/fixtures.rs"]
mod fixtures;

use std::path::Path;

use fixtures::{asyncfix, copy_to_temp, describe, root, slash_path, snapshot_bytes};

const ALL: [&str; 2] = ["--yes", "--unsafe-fixes"];

fn solution() -> std::path::PathBuf {
    root().join("tests/solutions/composition")
}

/// Runs asyncfix with `args` and checks it ran cleanly (exit 0 or 1, no error on stderr).
fn run(dir: &Path, args: &[&str]) -> String {
    let output = asyncfix(dir, args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(matches!(output.status.code(), Some(0 | 1)) && !stderr.contains("error:"), "{}", describe(args, &output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A further run of every transform applies nothing.
fn assert_converged(dir: &Path) {
    let before = snapshot_bytes(dir);
    let stdout = run(dir, &ALL);
    assert!(stdout.contains("Applied 0 fixes"), "a second run still fixed something:\n{stdout}");
    assert_eq!(before, snapshot_bytes(dir), "a second run changed files");
}

#[test]
fn all_transforms_at_once_compose_and_converge() {
    let copy = copy_to_temp(&solution());
    run(copy.path(), &ALL);
    assert_converged(copy.path());

    let before = snapshot_bytes(&solution());
    let after = snapshot_bytes(copy.path());
    let mut diff = String::new();
    for ((path, old), (_, new)) in before.iter().zip(&after) {
        let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
        let text = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
        diff.push_str(
            &text.unified_diff().context_radius(3).header(&format!("a/{path}"), &format!("b/{path}")).to_string(),
        );
    }
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!("composition__all-transforms", diff);
    });
}

#[test]
fn transforms_one_after_another_in_either_order_converge() {
    let names: Vec<&str> =
        asyncfix::transforms::all().iter().filter(|t| t.meta().default_enabled).map(|t| t.meta().name).collect();
    let reversed: Vec<&str> = names.iter().rev().copied().collect();
    for order in [names, reversed] {
        let copy = copy_to_temp(&solution());
        for name in &order {
            run(copy.path(), &["--yes", "--unsafe-fixes", "--select", name]);
        }
        run(copy.path(), &ALL);
        assert_converged(copy.path());
        eprintln!("order {} converged in {}", order.join(" → "), slash_path(copy.path()));
    }
}
