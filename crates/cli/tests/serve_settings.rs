//! `agora serve` reads its mail settings from the environment and a `--config` file, and
//! refuses bad ones at startup, naming the variable or key.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const MAIL_VARS: [&str; 4] = [
    "AGORA_SMTP_URL",
    "AGORA_MAIL_FROM",
    "AGORA_REMINDER_HOURS",
    "AGORA_CONFIG",
];

/// `agora serve` on a fresh database and a free port, with only the given mail settings.
fn serve(dir: &tempfile::TempDir, env: &[(&str, &str)], args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_agora"));
    command
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("agora.db"))
        .args(args);
    for var in MAIL_VARS {
        command.env_remove(var);
    }
    command.envs(env.iter().copied());
    command
}

/// Runs a `serve` that must refuse to start; returns what it said.
fn refused(dir: &tempfile::TempDir, env: &[(&str, &str)], args: &[&str]) -> String {
    let output = serve(dir, env, args).output().expect("agora runs");
    assert!(!output.status.success());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn bad_mail_settings_stop_the_server_and_name_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let said = refused(&dir, &[("AGORA_SMTP_URL", "mail.example.org:25")], &[]);
    assert!(
        said.contains("agora: AGORA_SMTP_URL: unknown scheme \"mail.example.org\""),
        "{said}"
    );

    let config = dir.path().join("agora.toml");
    std::fs::write(
        &config,
        "[mail]\nsmtp_url = \"smtp://127.0.0.1:2525?tls=yes\"\n",
    )
    .unwrap();
    let path = config.to_str().unwrap();
    let said = refused(
        &dir,
        &[("AGORA_MAIL_FROM", "noreply@example.org")],
        &["--config", path],
    );
    assert!(
        said.contains(&format!(
            "{path}: [mail] smtp_url: unknown tls mode \"yes\""
        )),
        "{said}"
    );
    // An SMTP URL without a sender; then a key the file may not have.
    std::fs::write(&config, "[mail]\nsmtp_url = \"smtp://127.0.0.1:2525\"\n").unwrap();
    let said = refused(&dir, &[], &["--config", path]);
    assert!(
        said.contains(&format!("AGORA_MAIL_FROM (or [mail] from in {path})")),
        "{said}"
    );
    std::fs::write(&config, "[mail]\nsmtp = \"smtp://127.0.0.1\"\n").unwrap();
    let said = refused(&dir, &[], &["--config", path]);
    assert!(said.contains("unknown field `smtp`"), "{said}");
    let said = refused(&dir, &[("AGORA_REMINDER_HOURS", "two days")], &[]);
    assert!(
        said.contains("AGORA_REMINDER_HOURS: \"two days\""),
        "{said}"
    );
}

/// Whether a `serve` with these settings starts listening (it is stopped at once).
fn starts(dir: &tempfile::TempDir, env: &[(&str, &str)], args: &[&str]) -> bool {
    let mut child = serve(dir, env, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("agora runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    first.starts_with("Agora listening on http://127.0.0.1:")
}

#[test]
fn good_mail_settings_start_the_server() {
    let dir = tempfile::tempdir().unwrap();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../../agora.example.toml");
    assert!(
        starts(&dir, &[], &["--config", example]),
        "the example is valid"
    );
    let config = dir.path().join("agora.toml");
    std::fs::write(
        &config,
        "[mail]\nsmtp_url = \"smtp://127.0.0.1:2525?tls=yes\"\nfrom = \"Agora <noreply@example.org>\"\n",
    )
    .unwrap();
    let path = config.to_str().unwrap();
    assert!(!starts(&dir, &[], &["--config", path]));
    assert!(
        starts(
            &dir,
            &[("AGORA_SMTP_URL", "smtp://127.0.0.1:2525")],
            &["--config", path]
        ),
        "the environment wins over the file"
    );
    assert!(starts(&dir, &[], &[]), "no settings: email off");
}
