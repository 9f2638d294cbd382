//! How a mail leaves: `sendmail` (the `mail.sendmail` command, the message on its
//! stdin) or SMTP through lettre's blocking transport: `smtp://HOST:PORT` upgrades with
//! STARTTLS when the server offers it, `smtps://` speaks TLS from the first byte.
//! Certificates are checked against the system's trust store (rustls with the native
//! roots, which honours `SSL_CERT_FILE`). No async runtime: one mail, one connection.

use lettre::Transport as _;
use lettre::address::Envelope;
use lettre::transport::smtp::SmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The default of `mail.sendmail`.
pub const DEFAULT_SENDMAIL: &str = "/usr/sbin/sendmail -t -i";

/// How long an SMTP server may keep us waiting at any one step.
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Where mail goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Transport {
    /// A program and its arguments; it reads the message on stdin.
    Sendmail(Vec<String>),
    Smtp {
        host: String,
        port: u16,
        /// TLS from the start (`smtps://`), else STARTTLS when offered.
        wrapped: bool,
        user: Option<String>,
        password: Option<String>,
    },
}

pub use crate::domain::outbox::SendError;

/// Checks a `mail.transport` value and returns it canonical.
pub fn check_transport(value: &str) -> Result<String, String> {
    let v = value.trim();
    parse(v, DEFAULT_SENDMAIL, None)?;
    Ok(v.to_string())
}

/// Checks a `mail.sendmail` value: a program, then its arguments, separated by spaces.
pub fn check_sendmail(value: &str) -> Result<String, String> {
    let words: Vec<&str> = value.split_whitespace().collect();
    if words.is_empty() {
        return Err("the sendmail command is empty".into());
    }
    Ok(words.join(" "))
}

/// Reads `mail.transport` (with `mail.sendmail` for `sendmail`, and the password from
/// `$DESK_SMTP_PASSWORD` when the URL carries none).
pub fn parse(
    transport: &str,
    sendmail: &str,
    env_password: Option<String>,
) -> Result<Transport, String> {
    let t = transport.trim();
    if t == "sendmail" {
        let words: Vec<String> = sendmail.split_whitespace().map(str::to_string).collect();
        if words.is_empty() {
            return Err("mail.sendmail is empty".into());
        }
        return Ok(Transport::Sendmail(words));
    }
    let bad =
        || format!("{t:?} is neither `sendmail` nor an smtp://HOST:PORT or smtps://HOST:PORT URL");
    let url = url::Url::parse(t).map_err(|_| bad())?;
    let wrapped = match url.scheme() {
        "smtp" => false,
        "smtps" => true,
        _ => return Err(bad()),
    };
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(bad)?
        .trim_matches(['[', ']'])
        .to_string();
    if url.path().len() > 1 || url.query().is_some() || url.fragment().is_some() {
        return Err(bad());
    }
    let port = url.port().unwrap_or(if wrapped { 465 } else { 25 });
    let decode = |s: &str| {
        percent_decode(s).ok_or_else(|| format!("{t:?}: the user or password is not valid UTF-8"))
    };
    let user = Some(url.username())
        .filter(|u| !u.is_empty())
        .map(decode)
        .transpose()?;
    let password = match url.password() {
        Some(p) => Some(decode(p)?),
        None => env_password.filter(|p| !p.is_empty()),
    };
    Ok(Transport::Smtp {
        host,
        port,
        wrapped,
        user,
        password,
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

impl Transport {
    /// Hands one message over. `from` and `to` are the envelope; `raw` the whole message.
    pub fn send(&self, from: &str, to: &[String], raw: &[u8]) -> Result<(), SendError> {
        match self {
            Transport::Sendmail(words) => sendmail(words, raw),
            Transport::Smtp {
                host,
                port,
                wrapped,
                user,
                password,
            } => {
                let transient = |message: String| SendError {
                    message,
                    permanent: false,
                };
                let params = TlsParameters::new(host.clone())
                    .map_err(|e| transient(format!("TLS for {host}: {e}")))?;
                let tls = if *wrapped {
                    Tls::Wrapper(params)
                } else {
                    Tls::Opportunistic(params)
                };
                let mut b = SmtpTransport::builder_dangerous(host.as_str())
                    .port(*port)
                    .tls(tls)
                    .timeout(Some(SMTP_TIMEOUT));
                if let Some(u) = user {
                    b = b.credentials(Credentials::new(
                        u.clone(),
                        password.clone().unwrap_or_default(),
                    ));
                }
                let envelope = envelope(from, to).map_err(transient)?;
                b.build().send_raw(&envelope, raw).map(|_| ()).map_err(|e| {
                    // lettre's message names its cause already.
                    SendError {
                        message: format!("SMTP {host}:{port}: {e}"),
                        permanent: e.is_permanent(),
                    }
                })
            }
        }
    }
}

fn envelope(from: &str, to: &[String]) -> Result<Envelope, String> {
    let from = from
        .parse()
        .map_err(|e| format!("{from:?} is not a mail address ({e})"))?;
    let to = to
        .iter()
        .map(|t| {
            t.parse()
                .map_err(|e| format!("{t:?} is not a mail address ({e})"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Envelope::new(Some(from), to).map_err(|e| e.to_string())
}

/// Runs the sendmail command with the message on its stdin; its exit status decides.
fn sendmail(words: &[String], raw: &[u8]) -> Result<(), SendError> {
    let fail = |message: String| SendError {
        message,
        permanent: false,
    };
    let program = &words[0];
    let mut child = Command::new(program)
        .args(&words[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("running {program}: {e}")))?;
    // sendmail reads LF line ends; the message is built with CRLF for SMTP.
    let text: Vec<u8> = lf(raw);
    let wrote = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(&text))
        .unwrap_or(Ok(()));
    let out = child
        .wait_with_output()
        .map_err(|e| fail(format!("running {program}: {e}")))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        let said = said.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let status = match out.status.code() {
            Some(c) => format!("exit status {c}"),
            None => "killed by a signal".into(),
        };
        return Err(fail(if said.is_empty() {
            format!("{program} failed ({status})")
        } else {
            format!("{program} failed ({status}): {}", said.trim())
        }));
    }
    wrote.map_err(|e| fail(format!("writing to {program}: {e}")))
}

fn lf(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\r' && raw.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_transports() {
        assert_eq!(
            parse("sendmail", DEFAULT_SENDMAIL, None).unwrap(),
            Transport::Sendmail(vec!["/usr/sbin/sendmail".into(), "-t".into(), "-i".into()])
        );
        assert_eq!(
            parse("smtp://mail.example.fi:587", "", Some("pw".into())).unwrap(),
            Transport::Smtp {
                host: "mail.example.fi".into(),
                port: 587,
                wrapped: false,
                user: None,
                password: Some("pw".into()),
            }
        );
        assert_eq!(
            parse("smtps://desk%40x:p%3Ass@mail.example.fi", "", None).unwrap(),
            Transport::Smtp {
                host: "mail.example.fi".into(),
                port: 465,
                wrapped: true,
                user: Some("desk@x".into()),
                password: Some("p:ss".into()),
            }
        );
    }

    #[test]
    fn refuses_what_is_neither_url_nor_sendmail() {
        for bad in [
            "",
            "smtp:/",
            "http://x",
            "mail.example.fi",
            "smtp://",
            "smtp://h/x",
        ] {
            assert!(check_transport(bad).is_err(), "{bad:?} accepted");
        }
        assert!(check_sendmail("  ").is_err());
        assert_eq!(check_sendmail(" /bin/msmtp  -t ").unwrap(), "/bin/msmtp -t");
    }

    #[test]
    fn sendmail_gets_lf_line_ends() {
        assert_eq!(lf(b"a\r\nb\r\n\r\n.x\r"), b"a\nb\n\n.x\r");
    }
}
