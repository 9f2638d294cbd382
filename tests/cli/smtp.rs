//! A small SMTP server for the tests: a `TcpListener` on 127.0.0.1 in a thread that
//! speaks enough ESMTP for lettre (EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing,
//! RSET, NOOP, QUIT, and STARTTLS or TLS from the start), records each message, and
//! fails on demand. It stops when dropped. Its certificate (tests/fixtures/tls) is for
//! 127.0.0.1, signed by a test CA whose key was thrown away.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message after dot-unstuffing, CRLF line ends as sent.
    pub data: Vec<u8>,
    /// It came over TLS.
    pub tls: bool,
}

impl Received {
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(&self.data)
            .expect("a parseable message")
    }

    pub fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or("").to_string()
    }

    pub fn text(&self) -> String {
        self.parsed()
            .body_text(0)
            .map(|t| t.replace("\r\n", "\n"))
            .unwrap_or_default()
    }

    pub fn header(&self, name: &str) -> Option<String> {
        let raw = String::from_utf8_lossy(&self.data).to_string();
        raw.split("\r\n\r\n").next().and_then(|head| {
            head.split("\r\n").find_map(|l| {
                l.split_once(':')
                    .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.trim().to_string())
            })
        })
    }
}

/// How the server misbehaves, for the next messages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    Accept,
    /// `421` at once: the service is down.
    Down,
    /// `451` after DATA: try again later (the message is not kept).
    TempFail,
    /// `550` after DATA: refused for good.
    Reject,
    /// The message is kept, then the connection closes without an answer: the client
    /// cannot know whether it went through.
    Vanish,
}

/// How the server speaks TLS.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Encryption {
    None,
    /// Offers STARTTLS (`smtp://`).
    StartTls,
    /// TLS from the first byte (`smtps://`).
    Wrapper,
}

fn tls_config() -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls");
    let certs = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(certs, key)
            .unwrap(),
    )
}

/// The CA that signed the server's certificate, for `SSL_CERT_FILE`.
pub fn test_ca() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls/ca.pem")
}

trait Io: Read + Write + Send {}
impl<T: Read + Write + Send> Io for T {}

pub struct SmtpServer {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    mode: Arc<Mutex<Mode>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl SmtpServer {
    pub fn start() -> SmtpServer {
        SmtpServer::start_with(Encryption::None)
    }

    pub fn start_with(tls: Encryption) -> SmtpServer {
        let config = (tls != Encryption::None).then(tls_config);
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("addr").port();
        listener.set_nonblocking(true).expect("nonblocking");
        let received = Arc::new(Mutex::new(Vec::new()));
        let mode = Arc::new(Mutex::new(Mode::Accept));
        let stop = Arc::new(AtomicBool::new(false));
        let (r, m, s) = (received.clone(), mode.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            // Bounded: the server lives at most two minutes, whatever the test does.
            let deadline = std::time::Instant::now() + Duration::from_secs(120);
            while !s.load(Ordering::SeqCst) && std::time::Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let mode = *m.lock().unwrap();
                        let _ = serve(stream, mode, tls, config.clone(), &r);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        SmtpServer {
            port,
            received,
            mode,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn smtps_url(&self) -> String {
        format!("smtps://127.0.0.1:{}", self.port)
    }

    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(
    stream: TcpStream,
    mode: Mode,
    tls: Encryption,
    config: Option<Arc<rustls::ServerConfig>>,
    received: &Mutex<Vec<Received>>,
) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let wrap = |s: Box<dyn Io>| -> std::io::Result<Box<dyn Io>> {
        let conn = rustls::ServerConnection::new(config.clone().expect("a TLS config"))
            .map_err(std::io::Error::other)?;
        Ok(Box::new(rustls::StreamOwned::new(conn, s)))
    };
    let mut secure = tls == Encryption::Wrapper;
    let raw: Box<dyn Io> = Box::new(stream);
    let mut io = BufReader::new(if secure { wrap(raw)? } else { raw });
    if mode == Mode::Down {
        io.get_mut().write_all(b"421 4.3.2 test server down\r\n")?;
        return Ok(());
    }
    io.get_mut().write_all(b"220 127.0.0.1 ESMTP test\r\n")?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if io.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let cmd = line.trim_end().to_string();
        let upper = cmd.to_ascii_uppercase();
        let out = io.get_mut();
        if upper.starts_with("EHLO") {
            if tls == Encryption::StartTls && !secure {
                out.write_all(b"250-127.0.0.1\r\n250-STARTTLS\r\n250 8BITMIME\r\n")?;
            } else {
                out.write_all(b"250-127.0.0.1\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")?;
            }
        } else if upper == "STARTTLS" && tls == Encryption::StartTls && !secure {
            out.write_all(b"220 2.0.0 go ahead\r\n")?;
            out.flush()?;
            let plain = io.into_inner();
            io = BufReader::new(wrap(plain)?);
            secure = true;
        } else if upper.starts_with("HELO") {
            out.write_all(b"250 127.0.0.1\r\n")?;
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&cmd[10..]);
            to.clear();
            out.write_all(b"250 2.1.0 OK\r\n")?;
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&cmd[8..]));
            out.write_all(b"250 2.1.5 OK\r\n")?;
        } else if upper == "DATA" {
            out.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
            let mut data = Vec::new();
            loop {
                let mut raw = Vec::new();
                if io.read_until(b'\n', &mut raw)? == 0 {
                    return Ok(());
                }
                if raw == b".\r\n" {
                    break;
                }
                // Dot-unstuffing (RFC 5321 4.5.2).
                let body = if raw.starts_with(b".") {
                    &raw[1..]
                } else {
                    &raw[..]
                };
                data.extend_from_slice(body);
            }
            let out = io.get_mut();
            let message = Received {
                from: from.clone(),
                to: to.clone(),
                data,
                tls: secure,
            };
            match mode {
                Mode::TempFail => out.write_all(b"451 4.3.0 try again later\r\n")?,
                Mode::Reject => out.write_all(b"550 5.1.1 no such user\r\n")?,
                Mode::Vanish => {
                    received.lock().unwrap().push(message);
                    return Ok(());
                }
                _ => {
                    received.lock().unwrap().push(message);
                    out.write_all(b"250 2.0.0 queued\r\n")?;
                }
            }
        } else if upper == "RSET" || upper == "NOOP" {
            out.write_all(b"250 OK\r\n")?;
        } else if upper == "QUIT" {
            out.write_all(b"221 bye\r\n")?;
            out.flush()?;
            return Ok(());
        } else {
            out.write_all(b"502 5.5.2 not implemented\r\n")?;
        }
        io.get_mut().flush()?;
    }
}

fn address(s: &str) -> String {
    let s = s.trim();
    let s = s.split_whitespace().next().unwrap_or("");
    s.trim_start_matches('<').trim_end_matches('>').to_string()
}
