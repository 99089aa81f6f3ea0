//! The interactive prompt, driven through a pseudo-terminal like a person at a keyboard.

mod common;

use std::path::Path;

use common::*;
use rexpect::process::wait::WaitStatus;
use rexpect::session::{spawn_with_options, Options, PtySession};

const PROMPT: &str = "Apply this fix? [y]es, [n]o, [a]ll remaining, [q]uit";

/// asyncfix with `args`, in `dir`, on a terminal (its stdin, stdout and stderr), without colors.
fn spawn(dir: &Path, args: &[&str]) -> PtySession {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_asyncfix"));
    // The two-await library would also get a token parameter: keep the prompts to ConfigureAwait.
    let args: Vec<&str> = if args.contains(&"--select") {
        args.to_vec()
    } else {
        [args, &["--select", "missing-configure-await"]].concat()
    };
    cmd.args(args).current_dir(dir).env("NO_COLOR", "1");
    spawn_with_options(cmd, Options::new().timeout_ms(Some(30_000)).strip_ansi_escape_codes(true))
        .expect("spawn asyncfix in a pty")
}

/// Waits for the finding at `line:col`, its diff line `added`, then the prompt.
fn expect_prompt(p: &mut PtySession, at: &str, added: &str) {
    p.exp_string(&format!("A.cs:{at}: missing-configure-await: ")).unwrap_or_else(|e| panic!("finding {at}: {e}"));
    p.exp_string(&format!("+{added}")).unwrap_or_else(|e| panic!("diff line {added:?}: {e}"));
    p.exp_string(PROMPT).unwrap_or_else(|e| panic!("prompt after {at}: {e}"));
}

/// Reads everything up to the end of output and returns it with the exit status.
fn finish(mut p: PtySession) -> (String, i32) {
    let rest = p.exp_eof().expect("asyncfix ends");
    match p.process().wait().expect("wait for asyncfix") {
        WaitStatus::Exited(_, code) => (rest, code),
        other => panic!("asyncfix did not exit normally: {other:?}\n{rest}"),
    }
}

/// Whether `output` shows another fix to decide on (the prompt itself is redrawn with the answer).
fn asks_again(output: &str) -> bool {
    output.lines().any(|l| l.starts_with("fix: "))
}

const FIRST_FIXED: &str = "            await Task.Delay(1).ConfigureAwait(false);";
const SECOND_FIXED: &str = "            await Task.Delay(2).ConfigureAwait(false);";

#[test]
fn yes_then_no_applies_only_the_first_fix_and_exits_1() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED);
    p.send_line("y").unwrap();
    expect_prompt(&mut p, "10:13", SECOND_FIXED);
    p.send_line("n").unwrap();
    let (output, code) = finish(p);
    assert_eq!(code, 1, "a declined finding remains:\n{output}");
    assert_eq!(
        read_text(dir.path(), "A.cs"),
        TWO_AWAITS.replace("await Task.Delay(1);", "await Task.Delay(1).ConfigureAwait(false);")
    );
}

#[test]
fn all_remaining_at_the_first_prompt_applies_every_fix() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &["-i"]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED);
    p.send_line("a").unwrap();
    let (output, code) = finish(p);
    assert!(!asks_again(&output), "no second question after `a`:\n{output}");
    assert_eq!(code, 0, "{output}");
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS_FIXED);
}

#[test]
fn quit_at_the_first_prompt_writes_nothing() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let before = snapshot(dir.path());
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED);
    p.send_line("q").unwrap();
    let (output, code) = finish(p);
    assert!(!asks_again(&output), "no second question after `q`:\n{output}");
    assert_eq!(code, 1, "the findings remain:\n{output}");
    assert_eq!(snapshot(dir.path()), before, "quit must write nothing");
}

#[test]
fn file_changed_on_disk_while_asking_is_not_overwritten() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED);
    let edited_meanwhile = TWO_AWAITS.replace("RunAsync", "RenamedAsync");
    write(dir.path(), "A.cs", edited_meanwhile.as_bytes());
    p.send_line("y").unwrap();
    expect_prompt(&mut p, "10:13", SECOND_FIXED);
    p.send_line("y").unwrap();
    let (output, code) = finish(p);
    assert!(
        output.lines().any(|l| l.contains("A.cs") && l.contains("changed on disk")),
        "a line names the file and says it changed on disk:\n{output}"
    );
    assert_eq!(code, 2, "{output}");
    assert_eq!(read_text(dir.path(), "A.cs"), edited_meanwhile, "the user's edit must survive");
}

#[test]
fn unrecognised_answer_asks_again() {
    let dir = library(&[("A.cs", TWO_AWAITS.as_bytes())]);
    let mut p = spawn(dir.path(), &[]);
    expect_prompt(&mut p, "9:13", FIRST_FIXED);
    p.send_line("maybe").unwrap();
    p.exp_string("answer y, n, a or q").expect("the accepted answers are named");
    p.send_line("y").unwrap();
    expect_prompt(&mut p, "10:13", SECOND_FIXED);
    p.send_line("y").unwrap();
    let (output, code) = finish(p);
    assert_eq!(code, 0, "{output}");
    assert_eq!(read_text(dir.path(), "A.cs"), TWO_AWAITS_FIXED);
}

/// A chain across two files: `Client.FetchAsync` needs a token and `Service.LoadAsync` calls it.
const CLIENT: &str = "\
using System.Threading.Tasks;

namespace Web
{
    public class Client
    {
        public async Task FetchAsync()
        {
            await Task.Delay(1);
        }
    }
}
";

const SERVICE: &str = "\
using System.Threading.Tasks;

namespace Web
{
    public class Service
    {
        private readonly Client _client = new Client();

        public async Task LoadAsync()
        {
            await _client.FetchAsync();
        }
    }
}
";

#[test]
fn a_fix_spanning_files_is_not_written_at_all_when_one_of_them_changed_on_disk() {
    let dir = project(WEB_CSPROJ, &[("Client.cs", CLIENT.as_bytes()), ("Service.cs", SERVICE.as_bytes())]);
    let mut p = spawn(dir.path(), &["--select", "missing-cancellation"]);
    p.exp_string("Client.cs:7:27: missing-cancellation: ").expect("the finding");
    p.exp_string("+            await _client.FetchAsync(cancellationToken);").expect("the caller's diff");
    p.exp_string(PROMPT).expect("the prompt");
    let edited_meanwhile = SERVICE.replace("LoadAsync", "ReloadAsync");
    write(dir.path(), "Service.cs", edited_meanwhile.as_bytes());
    p.send_line("y").unwrap();
    let (output, code) = finish(p);
    assert_eq!(code, 2, "{output}");
    assert!(
        output.lines().any(|l| l.contains("Client.cs") && l.contains("Service.cs") && l.contains("changed on disk")),
        "the untouched file names the changed one:\n{output}"
    );
    assert_eq!(read_text(dir.path(), "Service.cs"), edited_meanwhile, "the user's edit must survive");
    assert_eq!(read_text(dir.path(), "Client.cs"), CLIENT, "half a chain must not be written");
}
