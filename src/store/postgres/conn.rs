//! Reaching the server: the `postgres://` URL (password from the URL, `$PGPASSWORD`
//! or `~/.pgpass`, shown nowhere), `sslmode` and `sslrootcert`, and TLS through rustls
//! with the `ring` provider (the one the tree already has for SMTP; no aws-lc).

use crate::store::{StoreError, StoreErrorKind};
use anyhow::Result;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How TLS is used, as libpq's `sslmode` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyFull,
}

/// A parsed `postgres://` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub user: String,
    pub password: Option<String>,
    pub host: String,
    pub port: u16,
    pub dbname: String,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
}

/// Whether `s` names a PostgreSQL database rather than a file.
pub fn is_url(s: &str) -> bool {
    let lower = s.get(..13).unwrap_or(s).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

fn bad_url(why: &str) -> StoreError {
    StoreError::new(
        StoreErrorKind::Unavailable,
        format!("the PostgreSQL URL is not valid: {why}"),
        "write it as postgres://USER@HOST[:PORT]/DBNAME[?sslmode=disable|prefer|require|verify-full&sslrootcert=FILE]",
    )
}

fn decode(s: &str) -> Result<String, StoreError> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| bad_url("a % that is not followed by two hex digits"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad_url("an escape that is not UTF-8"))
}

impl Target {
    pub fn parse(url: &str) -> Result<Target, StoreError> {
        let rest = url
            .split_once("://")
            .map(|(_, r)| r)
            .ok_or_else(|| bad_url("no scheme"))?;
        let (rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, Some(q)),
            None => (rest, None),
        };
        let (authority, path) = match rest.split_once('/') {
            Some((a, p)) => (a, p),
            None => (rest, ""),
        };
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (user, password) = match userinfo {
            Some(u) => match u.split_once(':') {
                Some((u, p)) => (decode(u)?, Some(decode(p)?)),
                None => (decode(u)?, None),
            },
            None => (String::new(), None),
        };
        let (host, port) = if let Some(h) = hostport.strip_prefix('[') {
            let (h, after) = h
                .split_once(']')
                .ok_or_else(|| bad_url("an unclosed [ in the host"))?;
            (h.to_string(), after.strip_prefix(':'))
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (h.to_string(), Some(p)),
                None => (hostport.to_string(), None),
            }
        };
        let port = match port {
            None | Some("") => 5432,
            Some(p) => p
                .parse::<u16>()
                .map_err(|_| bad_url(&format!("the port {p:?} is not a number")))?,
        };
        let host = if host.is_empty() {
            "localhost".to_string()
        } else {
            decode(&host)?
        };
        let user = if user.is_empty() {
            std::env::var("PGUSER")
                .ok()
                .filter(|u| !u.is_empty())
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "postgres".into())
        } else {
            user
        };
        let dbname = decode(path)?;
        let dbname = if dbname.is_empty() {
            user.clone()
        } else {
            dbname
        };
        let mut t = Target {
            user,
            password,
            host,
            port,
            dbname,
            sslmode: SslMode::Prefer,
            sslrootcert: None,
        };
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = decode(v)?;
            match k {
                "sslmode" => {
                    t.sslmode = match v.as_str() {
                        "disable" => SslMode::Disable,
                        "allow" | "prefer" => SslMode::Prefer,
                        "require" => SslMode::Require,
                        "verify-full" | "verify-ca" => SslMode::VerifyFull,
                        other => {
                            return Err(bad_url(&format!(
                                "sslmode {other:?} (disable, prefer, require or verify-full)"
                            )));
                        }
                    }
                }
                "sslrootcert" => t.sslrootcert = Some(PathBuf::from(v)),
                "password" => t.password = Some(v),
                "user" => t.user = v,
                "application_name" | "connect_timeout" => {}
                other => return Err(bad_url(&format!("unknown parameter {other:?}"))),
            }
        }
        Ok(t)
    }

    /// The URL as a person may see it: no password.
    pub fn shown(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let mut s = format!(
            "postgres://{}@{host}:{}/{}",
            self.user, self.port, self.dbname
        );
        let mut q = Vec::new();
        match self.sslmode {
            SslMode::Prefer => {}
            SslMode::Disable => q.push("sslmode=disable".to_string()),
            SslMode::Require => q.push("sslmode=require".to_string()),
            SslMode::VerifyFull => q.push("sslmode=verify-full".to_string()),
        }
        if let Some(c) = &self.sslrootcert {
            q.push(format!("sslrootcert={}", c.display()));
        }
        if !q.is_empty() {
            s.push('?');
            s.push_str(&q.join("&"));
        }
        s
    }

    /// Whether the server is on this machine: a loopback address, `localhost` or a
    /// Unix socket's directory.
    pub fn is_local(&self) -> bool {
        self.host == "localhost"
            || self.host.starts_with('/')
            || self
                .host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }

    /// Where the server is, for messages.
    pub fn server(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The password: the URL's, else `$PGPASSWORD`, else the first matching line of
    /// the password file.
    pub fn password(&self) -> Option<String> {
        if let Some(p) = &self.password {
            return Some(p.clone());
        }
        if let Ok(p) = std::env::var("PGPASSWORD")
            && !p.is_empty()
        {
            return Some(p);
        }
        let file = std::env::var_os("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| dirs::home_dir().map(|h| h.join(".pgpass")))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(&file).ok()?;
            // Like libpq: a file others may read is not trusted.
            if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 {
                return None;
            }
        }
        let text = std::fs::read_to_string(&file).ok()?;
        pgpass_lookup(&text, &self.host, self.port, &self.dbname, &self.user)
    }

    /// The connection settings for the driver.
    pub fn config(&self) -> postgres::Config {
        let mut c = postgres::Config::new();
        c.user(&self.user)
            .host(&self.host)
            .port(self.port)
            .dbname(&self.dbname)
            .application_name("desk")
            .connect_timeout(Duration::from_secs(10))
            .ssl_mode(match self.sslmode {
                SslMode::Disable => postgres::config::SslMode::Disable,
                // `prefer` on this machine's own loopback (or a socket): nothing to
                // protect on a path that never leaves the host, and asking costs a
                // round trip on every connection (a whole TLS handshake where the
                // server has TLS on, as Debian's clusters do). `require` still asks.
                SslMode::Prefer if self.is_local() => postgres::config::SslMode::Disable,
                SslMode::Prefer => postgres::config::SslMode::Prefer,
                SslMode::Require | SslMode::VerifyFull => postgres::config::SslMode::Require,
            });
        if let Some(p) = self.password() {
            c.password(p);
        }
        c
    }
}

/// The password of the first line of a `.pgpass` text matching the connection
/// (`host:port:database:username:password`, `*` matching anything, `\:` and `\\`
/// escaped).
pub fn pgpass_lookup(text: &str, host: &str, port: u16, db: &str, user: &str) -> Option<String> {
    let port = port.to_string();
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut fields: Vec<String> = Vec::with_capacity(5);
        let mut cur = String::new();
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    if let Some(n) = chars.next() {
                        cur.push(n);
                    }
                }
                ':' if fields.len() < 4 => fields.push(std::mem::take(&mut cur)),
                c => cur.push(c),
            }
        }
        fields.push(cur);
        if fields.len() != 5 {
            continue;
        }
        let host_ok = fields[0] == "*"
            || fields[0] == host
            || (fields[0] == "localhost" && (host.starts_with('/') || host == "localhost"));
        let ok = |f: &str, v: &str| f == "*" || f == v;
        if host_ok && ok(&fields[1], &port) && ok(&fields[2], db) && ok(&fields[3], user) {
            return Some(fields[4].clone());
        }
    }
    None
}

/// The TLS set-up for a mode: `verify-full` verifies the chain (against
/// `sslrootcert`, else the system's roots and `SSL_CERT_FILE`) and the host name;
/// `require` and `prefer` encrypt without verifying, as libpq does.
pub fn tls(t: &Target) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?;
    let config = if t.sslmode == SslMode::VerifyFull {
        let mut roots = rustls::RootCertStore::empty();
        match &t.sslrootcert {
            Some(file) => {
                let pem = std::fs::read(file).map_err(|e| {
                    StoreError::new(
                        StoreErrorKind::Unavailable,
                        format!("cannot read the sslrootcert {}: {e}", file.display()),
                        "sslrootcert names a PEM file of the root certificate(s) to trust",
                    )
                })?;
                use rustls::pki_types::pem::PemObject;
                for cert in rustls::pki_types::CertificateDer::pem_slice_iter(&pem) {
                    let cert = cert.map_err(|e| {
                        StoreError::new(
                            StoreErrorKind::Unavailable,
                            format!("the sslrootcert {} is not PEM: {e}", file.display()),
                            "sslrootcert names a PEM file of the root certificate(s) to trust",
                        )
                    })?;
                    roots.add(cert)?;
                }
            }
            None => {
                for cert in rustls_native_certs::load_native_certs().certs {
                    let _ = roots.add(cert);
                }
            }
        }
        builder.with_root_certificates(roots).with_no_client_auth()
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(NoVerify(provider)))
            .with_no_client_auth()
    };
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// `sslmode=require`: encrypted, the server's certificate not checked (its signature
/// over the handshake still is).
#[derive(Debug)]
struct NoVerify(Arc<rustls::crypto::CryptoProvider>);

impl rustls::client::danger::ServerCertVerifier for NoVerify {
    fn verify_server_cert(
        &self,
        _end_entity: &rustls::pki_types::CertificateDer<'_>,
        _intermediates: &[rustls::pki_types::CertificateDer<'_>],
        _server_name: &rustls::pki_types::ServerName<'_>,
        _ocsp_response: &[u8],
        _now: rustls::pki_types::UnixTime,
    ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
        Ok(rustls::client::danger::ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &rustls::pki_types::CertificateDer<'_>,
        dss: &rustls::DigitallySignedStruct,
    ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_and_show_without_password() {
        let t = Target::parse(
            "postgres://ann:s%3Acret@db.example:6543/desk?sslmode=verify-full&sslrootcert=/etc/ca.pem",
        )
        .unwrap();
        assert_eq!(t.user, "ann");
        assert_eq!(t.password.as_deref(), Some("s:cret"));
        assert_eq!((t.host.as_str(), t.port), ("db.example", 6543));
        assert_eq!(t.dbname, "desk");
        assert_eq!(t.sslmode, SslMode::VerifyFull);
        assert_eq!(
            t.shown(),
            "postgres://ann@db.example:6543/desk?sslmode=verify-full&sslrootcert=/etc/ca.pem"
        );
        assert!(!t.shown().contains("cret"));
        let t = Target::parse("postgresql://bob@[::1]/d").unwrap();
        assert_eq!((t.host.as_str(), t.port), ("::1", 5432));
        assert_eq!(t.shown(), "postgres://bob@[::1]:5432/d");
        assert!(Target::parse("postgres://a@h:x/d").is_err());
        assert!(Target::parse("postgres://a@h/d?sslmode=maybe").is_err());
        assert!(is_url("PostgreSQL://x") && is_url("postgres://") && !is_url("/tmp/desk.db"));
        for (url, local) in [
            ("postgres://a@127.0.0.1/d", true),
            ("postgres://a@127.1.2.3:5433/d", true),
            ("postgres://a@[::1]/d", true),
            ("postgres://a@localhost/d", true),
            ("postgres://a@%2Frun%2Fpostgresql/d", true),
            ("postgres://a@db.example/d", false),
            ("postgres://a@10.0.0.1/d", false),
        ] {
            assert_eq!(Target::parse(url).unwrap().is_local(), local, "{url}");
        }
    }

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let text =
            "# comment\nother:5432:*:ann:no\ndb\\:x:*:desk:ann:p\\:w\\\\d\n*:*:*:*:fallback\n";
        assert_eq!(
            pgpass_lookup(text, "db:x", 5432, "desk", "ann").as_deref(),
            Some("p:w\\d")
        );
        assert_eq!(
            pgpass_lookup(text, "elsewhere", 1, "x", "y").as_deref(),
            Some("fallback")
        );
        assert_eq!(pgpass_lookup("h:1:d:u:pw", "h", 2, "d", "u"), None);
    }
}
