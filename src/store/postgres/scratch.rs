//! Scratch databases for the unit tests, on the server `DESK_TEST_PG` names.

/// The admin URL of the test server, or `None` (the test is skipped, and says so).
pub(crate) fn server() -> Option<String> {
    let url = std::env::var("DESK_TEST_PG").ok().filter(|u| !u.is_empty());
    if url.is_none() {
        eprintln!("skipped: DESK_TEST_PG is not set (no PostgreSQL server to test against)");
    }
    url
}

/// A database of its own on the test server, dropped with this value.
pub(crate) struct Scratch {
    admin: String,
    name: String,
    pub url: String,
}

impl Scratch {
    /// Creates the database `name` (dropping one left by an earlier run).
    pub fn new(admin: &str, name: &str) -> Scratch {
        let mut c = postgres::Client::connect(admin, postgres::NoTls).expect("admin");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        Scratch {
            admin: admin.to_string(),
            name: name.to_string(),
            url: url(admin, name),
        }
    }
}

/// `admin` with its database swapped for `name`.
pub(crate) fn url(admin: &str, name: &str) -> String {
    let base = admin.rsplit_once('/').expect("a URL with a database").0;
    format!("{base}/{name}?sslmode=disable")
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
