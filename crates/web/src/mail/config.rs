//! Mail settings: where they come from (an environment variable wins over the `[mail]` table
//! of the config file) and what they become (an SMTP server, a sender, the reminder delay).
//! A bad value is refused at startup, naming the variable or key that holds it; without an
//! SMTP URL, email is off and messages go to the log.

use std::fmt;
use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use serde::Deserialize;

pub const SMTP_URL_VAR: &str = "AGORA_SMTP_URL";
pub const FROM_VAR: &str = "AGORA_MAIL_FROM";
pub const REMINDER_HOURS_VAR: &str = "AGORA_REMINDER_HOURS";

/// Drafts' authors are reminded this many hours before a consultation closes, by default.
pub const DEFAULT_REMINDER_HOURS: u32 = 48;

/// The longest reminder delay accepted: a year.
const MAX_REMINDER_HOURS: u32 = 24 * 366;

/// How long one SMTP command may take before the try counts as failed.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// The `[mail]` table of the config file (`agora serve --config agora.toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailFile {
    pub smtp_url: Option<String>,
    pub from: Option<String>,
    pub reminder_hours: Option<u32>,
}

/// A mail setting that was refused: which one (a variable, or a key of a file) and why.
#[derive(Debug, thiserror::Error)]
#[error("{setting}: {reason}")]
pub struct SettingError {
    pub setting: String,
    pub reason: String,
}

/// What the deployment chose for email.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// Where mail goes; None: email is off, messages are written to the log.
    pub(crate) smtp: Option<SmtpSettings>,
    /// Drafts' authors are reminded this many hours before a consultation closes; 0: never.
    pub reminder_hours: u32,
}

impl Default for MailConfig {
    /// Email off, reminders 48 hours before closing (to the log).
    fn default() -> Self {
        MailConfig {
            smtp: None,
            reminder_hours: DEFAULT_REMINDER_HOURS,
        }
    }
}

/// An SMTP server and the sender of every message.
#[derive(Clone, Debug)]
pub(crate) struct SmtpSettings {
    server: SmtpServer,
    pub(crate) from: Mailbox,
}

/// Where to connect, how, and as whom.
#[derive(Clone)]
struct SmtpServer {
    host: String,
    port: u16,
    tls: Tls,
    credentials: Option<Credentials>,
}

/// Names the server, never the password.
impl fmt::Debug for SmtpServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpServer")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("authenticated", &self.credentials.is_some())
            .finish()
    }
}

impl SmtpSettings {
    /// `host:port`, for the admin page.
    pub(crate) fn server(&self) -> String {
        format!("{}:{}", self.server.host, self.server.port)
    }

    /// A transport with its own connection pool (needs a Tokio runtime).
    pub(crate) fn transport(&self) -> AsyncSmtpTransport<Tokio1Executor> {
        let SmtpServer {
            host,
            port,
            tls,
            credentials,
        } = &self.server;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(*port)
            .tls(tls.clone())
            .timeout(Some(SMTP_TIMEOUT));
        if let Some(credentials) = credentials {
            builder = builder.credentials(credentials.clone());
        }
        builder.build()
    }
}

/// One setting's value and where it was read.
struct Found {
    value: String,
    setting: String,
}

impl Found {
    fn refused(&self, reason: impl Into<String>) -> SettingError {
        SettingError {
            setting: self.setting.clone(),
            reason: reason.into(),
        }
    }
}

impl MailConfig {
    /// The settings from the environment (`env` looks a variable up; empty counts as unset)
    /// and from the `[mail]` table of the file called `file_name`; the environment wins.
    pub fn from_sources(
        file: &MailFile,
        file_name: &str,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<MailConfig, SettingError> {
        let pick = |var: &str, key: &str, in_file: Option<String>| {
            let from_env = env(var)
                .filter(|v| !v.trim().is_empty())
                .map(|value| Found {
                    value,
                    setting: var.to_owned(),
                });
            from_env.or_else(|| {
                in_file.map(|value| Found {
                    value,
                    setting: format!("{file_name}: [mail] {key}"),
                })
            })
        };
        let url = pick(SMTP_URL_VAR, "smtp_url", file.smtp_url.clone());
        let from = pick(FROM_VAR, "from", file.from.clone());
        let hours = pick(
            REMINDER_HOURS_VAR,
            "reminder_hours",
            file.reminder_hours.map(|h| h.to_string()),
        );
        let reminder_hours = match hours {
            None => DEFAULT_REMINDER_HOURS,
            Some(found) => match found.value.trim().parse::<u32>() {
                Ok(hours) if hours <= MAX_REMINDER_HOURS => hours,
                _ => {
                    return Err(found.refused(format!(
                        "{:?} is not a number of hours from 0 (no reminders) to {MAX_REMINDER_HOURS}",
                        found.value
                    )));
                }
            },
        };
        let smtp = match url {
            None => None,
            Some(url) => {
                let server = smtp_server(&url.value).map_err(|reason| url.refused(reason))?;
                let from = from.ok_or_else(|| SettingError {
                    setting: format!("{FROM_VAR} (or [mail] from in {file_name})"),
                    reason: format!("the sender's address is needed when {} is set", url.setting),
                })?;
                let sender = from.value.trim().parse::<Mailbox>().map_err(|e| {
                    from.refused(format!(
                        "{:?} is not an address ({e}): write noreply@example.org or \
                         \"Agora <noreply@example.org>\"",
                        from.value
                    ))
                })?;
                Some(SmtpSettings {
                    server,
                    from: sender,
                })
            }
        };
        Ok(MailConfig {
            smtp,
            reminder_hours,
        })
    }

    /// Whether messages are sent (otherwise they are written to the log).
    pub fn is_on(&self) -> bool {
        self.smtp.is_some()
    }

    /// The SMTP server as `host:port`, when email is on.
    pub fn server(&self) -> Option<String> {
        self.smtp.as_ref().map(SmtpSettings::server)
    }
}

/// How the connection to the server is protected, from the URL's `tls` parameter.
const TLS_MODES: &str = "use tls=starttls (the server must offer STARTTLS), tls=opportunistic \
                         (STARTTLS when offered) or tls=none; smtps:// is TLS from the start";

/// How the connection is protected.
enum Security {
    Plain,
    StartTls,
    Opportunistic,
    Wrapper,
}

/// Reads `smtp://[USER:PASSWORD@]HOST[:PORT][?tls=starttls|opportunistic|none]` or
/// `smtps://[USER:PASSWORD@]HOST[:PORT]`. User and password are percent-decoded. Default
/// ports: 25 plain, 587 with STARTTLS, 465 for smtps.
fn smtp_server(text: &str) -> Result<SmtpServer, String> {
    let usage = "write smtp://HOST:PORT, smtp://USER:PASSWORD@HOST:587?tls=starttls or smtps://USER:PASSWORD@HOST";
    let url = url::Url::parse(text.trim()).map_err(|e| format!("not a URL ({e}): {usage}"))?;
    let mut tls_mode = None;
    for (key, value) in url.query_pairs() {
        match key.as_ref() {
            "tls" if tls_mode.is_none() => tls_mode = Some(value.into_owned()),
            other => {
                return Err(format!(
                    "unknown or repeated parameter {other:?}: {TLS_MODES}"
                ));
            }
        }
    }
    let (security, default_port) = match (url.scheme(), tls_mode.as_deref()) {
        ("smtp", None | Some("none")) => (Security::Plain, 25),
        ("smtp", Some("starttls" | "required")) => (Security::StartTls, 587),
        ("smtp", Some("opportunistic")) => (Security::Opportunistic, 587),
        ("smtp", Some(other)) => return Err(format!("unknown tls mode {other:?}: {TLS_MODES}")),
        ("smtps", None) => (Security::Wrapper, 465),
        ("smtps", Some(_)) => {
            return Err("smtps:// is TLS from the start: leave out the tls parameter".into());
        }
        (scheme, _) => return Err(format!("unknown scheme {scheme:?}: {usage}")),
    };
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| format!("the URL names no server: {usage}"))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let parameters =
        || TlsParameters::new(host.clone()).map_err(|e| format!("cannot use TLS with {host}: {e}"));
    let tls = match security {
        Security::Plain => Tls::None,
        Security::StartTls => Tls::Required(parameters()?),
        Security::Opportunistic => Tls::Opportunistic(parameters()?),
        Security::Wrapper => Tls::Wrapper(parameters()?),
    };
    if url.path().len() > 1 {
        return Err(format!("the URL has a path ({}): {usage}", url.path()));
    }
    let decode = |part: &str, what: &str| {
        percent_encoding::percent_decode_str(part)
            .decode_utf8()
            .map(|s| s.into_owned())
            .map_err(|_| format!("the {what} is not UTF-8 once percent-decoded"))
    };
    let credentials = match (url.username(), url.password()) {
        ("", None) => None,
        (user, Some(password)) => Some(Credentials::new(
            decode(user, "user name")?,
            decode(password, "password")?,
        )),
        (_, None) => return Err(format!("a user name needs a password: {usage}")),
    };
    Ok(SmtpServer {
        port: url.port().unwrap_or(default_port),
        host,
        tls,
        credentials,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn config(file: &MailFile, env: &[(&str, &str)]) -> Result<MailConfig, SettingError> {
        let env: HashMap<String, String> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        MailConfig::from_sources(file, "agora.toml", |var| env.get(var).cloned())
    }

    fn file(url: Option<&str>, from: Option<&str>) -> MailFile {
        MailFile {
            smtp_url: url.map(str::to_owned),
            from: from.map(str::to_owned),
            reminder_hours: None,
        }
    }

    #[test]
    fn without_a_url_email_is_off_with_reminders_at_48_hours() {
        let off = config(&MailFile::default(), &[]).unwrap();
        assert!(!off.is_on());
        assert_eq!(off.reminder_hours, 48);
        let blank = config(&MailFile::default(), &[(SMTP_URL_VAR, " ")]).unwrap();
        assert!(!blank.is_on(), "an empty variable is unset");
    }

    #[test]
    fn the_environment_wins_over_the_file() {
        let both = config(
            &MailFile {
                reminder_hours: Some(24),
                ..file(Some("smtp://file.example.org"), Some("file@example.org"))
            },
            &[
                (SMTP_URL_VAR, "smtp://env.example.org:2525"),
                (REMINDER_HOURS_VAR, "12"),
            ],
        )
        .unwrap();
        let smtp = both.smtp.unwrap();
        assert_eq!(smtp.server(), "env.example.org:2525");
        assert_eq!(smtp.from.email.to_string(), "file@example.org");
        assert_eq!(both.reminder_hours, 12);
        let from_file = config(
            &file(
                Some("smtp://file.example.org"),
                Some("Agora <a@example.org>"),
            ),
            &[],
        )
        .unwrap();
        assert_eq!(from_file.smtp.unwrap().server(), "file.example.org:25");
    }

    #[test]
    fn schemes_tls_modes_ports_and_credentials() {
        let plain = smtp_server("smtp://127.0.0.1:2525").unwrap();
        assert!(matches!(plain.tls, Tls::None));
        assert_eq!((plain.host.as_str(), plain.port), ("127.0.0.1", 2525));
        assert!(plain.credentials.is_none());
        let starttls =
            smtp_server("smtp://user%40example.org:p%3Ass@mail.example.org?tls=starttls").unwrap();
        assert!(matches!(starttls.tls, Tls::Required(_)));
        assert_eq!(starttls.port, 587);
        assert_eq!(
            starttls.credentials,
            Some(Credentials::new("user@example.org".into(), "p:ss".into()))
        );
        assert!(
            !format!("{starttls:?}").contains("p:ss"),
            "no password in logs"
        );
        assert!(matches!(
            smtp_server("smtp://mail.example.org?tls=opportunistic")
                .unwrap()
                .tls,
            Tls::Opportunistic(_)
        ));
        let wrapped = smtp_server("smtps://u:p@mail.example.org").unwrap();
        assert!(matches!(wrapped.tls, Tls::Wrapper(_)));
        assert_eq!(wrapped.port, 465);
    }

    #[test]
    fn bad_settings_name_their_variable_or_key() {
        let refused = |file: &MailFile, env: &[(&str, &str)]| config(file, env).unwrap_err();
        let with_from = [(FROM_VAR, "noreply@example.org")];
        for (url, says) in [
            ("mail.example.org", "not a URL"),
            ("http://mail.example.org", "unknown scheme \"http\""),
            (
                "smtp://mail.example.org?tls=yes",
                "unknown tls mode \"yes\"",
            ),
            (
                "smtp://mail.example.org?port=25",
                "unknown or repeated parameter \"port\"",
            ),
            (
                "smtps://mail.example.org?tls=starttls",
                "leave out the tls parameter",
            ),
            (
                "smtp://user@mail.example.org",
                "a user name needs a password",
            ),
            ("smtp://mail.example.org/relay", "has a path"),
        ] {
            let error = refused(&MailFile::default(), &[(SMTP_URL_VAR, url), with_from[0]]);
            assert_eq!(error.setting, SMTP_URL_VAR, "{url}");
            assert!(error.to_string().contains(says), "{url}: {error}");
        }
        let in_file = refused(&file(Some("smtp://"), Some("a@example.org")), &[]);
        assert_eq!(in_file.setting, "agora.toml: [mail] smtp_url");
        let no_from = refused(&file(Some("smtp://127.0.0.1"), None), &[]);
        assert!(no_from.setting.starts_with(FROM_VAR), "{no_from}");
        let bad_from = refused(
            &file(Some("smtp://127.0.0.1"), None),
            &[(FROM_VAR, "not an address")],
        );
        assert_eq!(bad_from.setting, FROM_VAR);
        let hours = refused(&MailFile::default(), &[(REMINDER_HOURS_VAR, "soon")]);
        assert_eq!(hours.setting, REMINDER_HOURS_VAR);
        let too_many = refused(
            &MailFile {
                reminder_hours: Some(100_000),
                ..MailFile::default()
            },
            &[],
        );
        assert_eq!(too_many.setting, "agora.toml: [mail] reminder_hours");
    }
}
