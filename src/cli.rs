//! Every command-line type of `desk`, derived with clap. The doc comments here are the
//! `--help` text, the man pages and the shell completions, so they are written for users.
//! No I/O and no logic live here: commands read these structs and do the work.

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum, ValueHint};
use std::path::PathBuf;

const ABOUT: &str =
    "A command-line service desk: tickets, SLA and a knowledge base in one SQLite file";

const LONG_ABOUT: &str = "\
desk keeps a small IT team's tickets and knowledge base in one SQLite file. Record a \
hallway request in seconds, work the queue in SLA order, escalate, resolve with a \
knowledge-base article, and write the monthly report. Every command is scriptable: data \
goes to stdout, messages to stderr, and ids read from stdin with `-`.";

const MAIN_EXAMPLES: &str = "\
EXAMPLES:
  desk new \"Printer on 2F jams\" --requester Ana --channel walk-in --at 09:10
  desk list                              # the queue: breached first, then nearest due
  desk assign 42                         # take ticket 42 yourself
  desk resolve 42 --solution \"Replaced the fuser\" --kb-new
  desk list -q --category printing | desk assign - --to ana
  desk report --month last --format markdown

ENVIRONMENT:
  DESK_DB     database path (default: ~/.local/share/desk/desk.db)
  DESK_USER   who acts (default: the login name)
  DESK_NOW    replaces the clock (RFC 3339 or \"YYYY-MM-DD HH:MM\" in the desk's zone)
  NO_COLOR    turns colour off
  TZ          the zone a new desk takes (its timezone setting; see `desk config`)
  EDITOR      used by --edit

FILES:
  ~/.local/share/desk/desk.db   the default database (mode 0600), with -wal and -shm beside it

EXIT STATUS:
  0    success (an empty list too; a closed pipe too)
  1    runtime failure (I/O, a damaged or too-new database)
  2    usage or invalid value (an unknown flag, a bad date, a bad priority)
  3    no such ticket or article
  4    the action is not allowed in the ticket's state
  75   the database stayed locked by another writer past the busy timeout (try again)";

#[derive(Debug, Parser)]
#[command(name = "desk", version, about = ABOUT, long_about = LONG_ABOUT, after_help = MAIN_EXAMPLES)]
#[command(propagate_version = true, max_term_width = 100)]
pub struct Cli {
    #[command(flatten, next_help_heading = "Global options")]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]
    #[arg(long, global = true, value_name = "PATH", value_hint = ValueHint::FilePath)]
    pub db: Option<PathBuf>,

    /// Who acts; recorded on every event [env: DESK_USER; default: the login name]
    #[arg(long, global = true, value_name = "NAME")]
    pub user: Option<String>,

    /// When to use colour (auto: on a terminal, unless NO_COLOR is set)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// Mail nobody about this command's changes (hooks still run)
    #[arg(long, global = true)]
    pub no_notify: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A value the command checks itself (a comma-separated list, a sort field, a setting
/// key, a tier) whose words the shell completions offer. It parses exactly as its inner
/// parser does (a plain `String` unless given one), so the types and error messages stay
/// as they are; only the completion scripts learn the words (`--help` hides them: the
/// doc comments say them in prose).
#[derive(Clone, Copy)]
pub struct Offers<P = StringValueParser> {
    parser: P,
    words: fn() -> &'static [&'static str],
}

impl Offers {
    /// Any text, offering `words`.
    pub fn new(words: fn() -> &'static [&'static str]) -> Offers {
        Offers {
            parser: StringValueParser::new(),
            words,
        }
    }
}

impl<P> Offers<P> {
    /// What `parser` takes, offering `words`.
    pub fn with(parser: P, words: fn() -> &'static [&'static str]) -> Offers<P> {
        Offers { parser, words }
    }
}

impl<P: TypedValueParser> TypedValueParser for Offers<P> {
    type Value = P::Value;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<P::Value, clap::Error> {
        self.parser.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            (self.words)().iter().map(|w| PossibleValue::new(*w)),
        ))
    }
}

/// What `report --month` takes besides YYYY-MM.
pub fn month_words() -> &'static [&'static str] {
    &["this", "last"]
}

/// The tiers.
pub fn tier_words() -> &'static [&'static str] {
    &["1", "2", "3"]
}

/// What `list --status` takes (comma-separated).
pub fn status_words() -> &'static [&'static str] {
    &[
        "active",
        "all",
        "new",
        "open",
        "waiting",
        "resolved",
        "closed",
        "cancelled",
    ]
}

/// What `list --priority` takes (comma-separated).
pub fn priority_words() -> &'static [&'static str] {
    &["P1", "P2", "P3", "P4"]
}

/// What `list --sort` takes (each also with a "-" before it, for descending).
pub fn sort_words() -> &'static [&'static str] {
    &[
        "due",
        "priority",
        "id",
        "created",
        "updated",
        "status",
        "assignee",
        "requester",
        "title",
    ]
}

/// Every key `desk config` knows, from the settings' own list.
pub fn setting_keys() -> &'static [&'static str] {
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        crate::domain::settings::defaults()
            .into_iter()
            .map(|(k, _)| &*Box::leak(k.into_boxed_str()))
            .collect()
    })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    New(NewArgs),
    List(ListArgs),
    Show(ShowArgs),
    Assign(AssignArgs),
    Escalate(EscalateArgs),
    Resolve(ResolveArgs),
    Close(CloseArgs),
    /// Reopen a resolved or closed ticket: the fix did not hold (back to its assignee)
    #[command(after_help = "\
A reopened ticket is open again with its assignee, or new if nobody had it; the
resolution clock runs on from where it stopped.

EXAMPLES:
  desk reopen 42 --reason \"still jams\"
  desk reopen 42 --reason \"the user called back\" --at \"10m ago\"")]
    Reopen(ReasonArgs),
    /// Cancel a ticket that needs no work: a duplicate, a mistake, withdrawn
    #[command(after_help = "\
A cancelled ticket leaves the queue, its SLA shows `none`, and its history stays.

EXAMPLES:
  desk cancel 42 --reason \"duplicate of #41\"
  desk list -q --requester test-bot | desk cancel - --reason \"monitoring test\"")]
    Cancel(ReasonArgs),
    /// Wait on the customer or a third party: the resolution clock stops
    #[command(after_help = "\
`desk resume` (or a mail from the customer) starts the clock again.

EXAMPLES:
  desk wait 42 --reason \"waiting for the user to test\"
  desk wait 42 43 --reason \"vendor ships the part on Monday\"")]
    Wait(ReasonArgs),
    Resume(ResumeArgs),
    Comment(CommentArgs),
    Edit(EditArgs),
    Log(LogArgs),
    Sla(SlaArgs),
    Link(LinkArgs),
    #[command(subcommand)]
    Kb(KbCommand),
    Report(ReportArgs),
    #[command(subcommand)]
    Config(ConfigCommand),
    Import(ImportArgs),
    Export(ExportArgs),
    #[command(subcommand)]
    Ingest(IngestCommand),
    Completions(CompletionsArgs),
    Man(ManArgs),
    #[command(subcommand)]
    Db(DbCommand),
    Reply(ReplyArgs),
    Attach(AttachArgs),
    #[command(subcommand)]
    Attachment(AttachmentCommand),
    Outbox(OutboxArgs),
    #[command(subcommand)]
    Org(OrgCommand),
}

impl Command {
    /// The name of the verb, for messages.
    pub fn name(&self) -> &'static str {
        match self {
            Command::New(_) => "new",
            Command::List(_) => "list",
            Command::Show(_) => "show",
            Command::Assign(_) => "assign",
            Command::Escalate(_) => "escalate",
            Command::Resolve(_) => "resolve",
            Command::Close(_) => "close",
            Command::Reopen(_) => "reopen",
            Command::Cancel(_) => "cancel",
            Command::Wait(_) => "wait",
            Command::Resume(_) => "resume",
            Command::Comment(_) => "comment",
            Command::Edit(_) => "edit",
            Command::Log(_) => "log",
            Command::Sla(_) => "sla",
            Command::Link(_) => "link",
            Command::Kb(_) => "kb",
            Command::Report(_) => "report",
            Command::Config(_) => "config",
            Command::Import(_) => "import",
            Command::Export(_) => "export",
            Command::Ingest(_) => "ingest",
            Command::Completions(_) => "completions",
            Command::Man(_) => "man",
            Command::Db(_) => "db",
            Command::Reply(_) => "reply",
            Command::Attach(_) => "attach",
            Command::Attachment(_) => "attachment",
            Command::Outbox(_) => "outbox",
            Command::Org(_) => "org",
        }
    }
}

/// When an event happened, if not now.
#[derive(Debug, Args, Clone, Default)]
pub struct AtArg {
    /// When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM",
    /// RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk's
    /// zone. Not in the future, not before the ticket existed
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Incident,
    Request,
    Problem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    High,
    Medium,
    Low,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChannelArg {
    Phone,
    Email,
    #[value(name = "walk-in")]
    WalkIn,
    Portal,
    Chat,
    Monitoring,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PriorityArg {
    #[value(name = "P1")]
    P1,
    #[value(name = "P2")]
    P2,
    #[value(name = "P3")]
    P3,
    #[value(name = "P4")]
    P4,
}

/// Record a new ticket: a hallway request, a call, an alert
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk new \"Printer on 2F jams\" --requester Ana --channel walk-in --at 09:10
  desk new \"VPN down for the whole office\" --impact high --urgency high --ci VPN-GW-1
  desk new \"Password reset for Jussi\" --kind request --resolve \"Reset, told him by phone\"
  id=$(desk new \"Need access to the HR share\" --kind request --requester Mia)
  echo \"Backup job failed at 02:00\" | desk new \"Nightly backup failed\" -d - --channel monitoring
  desk new \"disk /var 95% on db-1\" --channel monitoring --dedup-key db-1:disk-var

With --dedup-key, a monitoring check that fires every five minutes makes one ticket:
while a ticket with the same key is active, each further alert only counts an occurrence
and prints that ticket's id.

Without a TITLE on a terminal, desk asks for the fields one by one.")]
pub struct NewArgs {
    /// The title: what is wrong or wanted, in a few words
    pub title: Option<String>,

    #[command(flatten)]
    pub fields: TicketFields,

    /// Write the description in $EDITOR
    #[arg(long, conflicts_with = "description")]
    pub edit: bool,

    /// Assign it at once (to USER)
    #[arg(long, value_name = "USER")]
    pub assign: Option<String>,

    /// Resolved on first contact, with this solution
    #[arg(long, value_name = "SOLUTION")]
    pub resolve: Option<String>,

    /// Monitoring's key: an active ticket with the same key absorbs this alert instead
    #[arg(long, value_name = "KEY")]
    pub dedup_key: Option<String>,

    /// Output: the id alone, or the ticket as JSON
    #[arg(long, value_enum, default_value_t = NewFormat::Id)]
    pub format: NewFormat,

    #[command(flatten)]
    pub at: AtArg,
}

/// The ticket's own fields, as `new` sets them and `edit` changes them: one definition,
/// so both verbs take the same flags with the same descriptions.
#[derive(Debug, Args, Clone, Default)]
pub struct TicketFields {
    /// incident (something broke), request (something wanted) or problem (a root cause)
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,

    /// The longer description; "-" reads it from stdin
    #[arg(short, long, value_name = "TEXT")]
    pub description: Option<String>,

    /// Who asked
    #[arg(long, value_name = "NAME")]
    pub requester: Option<String>,

    /// The requester's email
    #[arg(long)]
    pub email: Option<String>,

    /// The requester's phone
    #[arg(long)]
    pub phone: Option<String>,

    /// The requester's organisation (customer)
    #[arg(long)]
    pub org: Option<String>,

    /// Where: room, floor, site
    #[arg(long)]
    pub location: Option<String>,

    /// Category, e.g. printing, network, access, password
    #[arg(long)]
    pub category: Option<String>,

    /// The configuration item: the device or system concerned, e.g. PC-0423
    #[arg(long)]
    pub ci: Option<String>,

    /// How the request came in
    #[arg(long, value_enum)]
    pub channel: Option<ChannelArg>,

    /// Add a tag; repeat for more
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// P1 (most urgent) to P4; else --impact × --urgency decide it (P3 when neither is
    /// given)
    #[arg(long, value_enum, ignore_case = true)]
    pub priority: Option<PriorityArg>,

    /// How many are affected: high (everyone), medium (a group), low (one user)
    #[arg(long, value_enum)]
    pub impact: Option<LevelArg>,

    /// How blocked the work is: high (blocked), medium (hampered), low (can continue)
    #[arg(long, value_enum)]
    pub urgency: Option<LevelArg>,
}

// The commands read `a.requester` whichever verb they serve.
impl std::ops::Deref for NewArgs {
    type Target = TicketFields;
    fn deref(&self) -> &TicketFields {
        &self.fields
    }
}

impl std::ops::DerefMut for NewArgs {
    fn deref_mut(&mut self) -> &mut TicketFields {
        &mut self.fields
    }
}

impl std::ops::Deref for EditArgs {
    type Target = TicketFields;
    fn deref(&self) -> &TicketFields {
        &self.fields
    }
}

impl std::ops::DerefMut for EditArgs {
    fn deref_mut(&mut self) -> &mut TicketFields {
        &mut self.fields
    }
}

/// `--dry-run` of the commands that take several ids.
#[derive(Debug, Args, Clone, Default)]
pub struct DryRunArg {
    /// Print what would change for each id (or why it would be refused), change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewFormat {
    Id,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Tsv,
    Csv,
    Json,
    Jsonl,
}

/// How a list of records comes out: the flags of list, kb list, kb search and kb
/// suggest.
#[derive(Debug, Args)]
pub struct ListOutput {
    /// table on a terminal, tsv otherwise
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,

    /// Ids only, one per line
    #[arg(short, long)]
    pub quiet: bool,
}

/// The queue: tickets filtered and in SLA order
#[derive(Debug, Args)]
#[command(after_help = "\
The default is the active queue (new, open, waiting), breached tickets first, then the
nearest due, then priority. Output is a table on a terminal, TSV with a header otherwise.

EXAMPLES:
  desk list                                   # the queue
  desk list --mine
  desk list --overdue
  desk list --due-within 2h --priority P1,P2
  desk list --status all --since 2026-11-01 --format csv > november.csv
  desk list --search \"sähköposti\"
  desk list -q --unassigned --category printing | desk assign - --to ana")]
pub struct ListArgs {
    /// Statuses, comma-separated: new, open, waiting, resolved, closed, cancelled;
    /// "active" (new,open,waiting) or "all"
    #[arg(long, value_name = "STATUS", default_value = "active", value_parser = Offers::new(status_words), hide_possible_values = true)]
    pub status: String,

    /// Assigned to USER
    #[arg(long, value_name = "USER")]
    pub assignee: Option<String>,

    /// Assigned to me
    #[arg(long, conflicts_with_all = ["assignee", "unassigned"])]
    pub mine: bool,

    /// Nobody has it
    #[arg(long, conflicts_with = "assignee")]
    pub unassigned: bool,

    /// Priorities, comma-separated (P1,P2)
    #[arg(long, value_name = "P", value_parser = Offers::new(priority_words), hide_possible_values = true)]
    pub priority: Option<String>,

    /// Tier 1, 2 or 3
    #[arg(long, value_parser = Offers::with(clap::value_parser!(u8).range(1..=3), tier_words), hide_possible_values = true)]
    pub tier: Option<u8>,

    /// Of this kind
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,

    /// In this category (any letter case)
    #[arg(long)]
    pub category: Option<String>,

    /// For this customer organisation (any letter case)
    #[arg(long)]
    pub org: Option<String>,

    /// Asked by NAME (any letter case)
    #[arg(long, value_name = "NAME")]
    pub requester: Option<String>,

    /// About this configuration item: the device or system, e.g. PC-0423 (any letter case)
    #[arg(long)]
    pub ci: Option<String>,

    /// Came in through this channel
    #[arg(long, value_enum)]
    pub channel: Option<ChannelArg>,

    /// Has this tag (letter case aside)
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// Past a due time (SLA breached on a running clock)
    #[arg(long)]
    pub overdue: bool,

    /// Due within DURATION of service time (e.g. 2h), as the SLA counts it; overdue
    /// ones included
    #[arg(long, value_name = "DURATION")]
    pub due_within: Option<String>,

    /// Created on or after DATE
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Created before DATE
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// Full text over titles, descriptions and comments; any language, case- and
    /// diacritics-insensitive, prefixes match
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,

    /// Order by: due (SLA order), priority, id, created, updated, status, assignee,
    /// requester, title; prefix "-" for descending
    #[arg(long, value_name = "FIELD", allow_hyphen_values = true, value_parser = Offers::new(sort_words), hide_possible_values = true)]
    pub sort: Option<String>,

    /// At most N tickets
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,

    #[command(flatten)]
    pub output: ListOutput,

    /// Which fields, in this order, for every format: the JSON field names
    /// (id,status,title,...)
    #[arg(long, value_name = "a,b,c")]
    pub fields: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

/// Everything about one ticket: fields, history, comments, time log, links
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk show 42
  desk show '#42' --format json > ticket-42.json")]
pub struct ShowArgs {
    /// Ticket id (42 or #42)
    pub id: String,

    /// text for a person, or json (with events, comments, worklog and links)
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Give tickets to someone (default: yourself); "--to -" unassigns
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk assign 42                   # take it yourself
  desk assign 42 43 --to ana
  desk assign 42 --to -            # back to the queue
  desk list -q --unassigned --category printing | desk assign - --to ana")]
pub struct AssignArgs {
    /// Ticket ids; "-" reads them from stdin, one per line
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// Who gets it; "-" unassigns
    #[arg(long, value_name = "USER", allow_hyphen_values = true)]
    pub to: Option<String>,

    #[command(flatten)]
    pub at: AtArg,

    #[command(flatten)]
    pub dry_run: DryRunArg,
}

/// The tickets a move applies to, when it happened, and whether only to show it (the
/// last arguments of escalate, resolve, close, reopen, cancel, wait and resume).
#[derive(Debug, Args)]
pub struct Batch {
    /// Ticket ids; "-" reads them from stdin
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub at: AtArg,

    #[command(flatten)]
    pub dry_run: DryRunArg,
}

/// Hand tickets to the next tier (2: specialists, 3: vendor or developers)
#[derive(Debug, Args)]
#[command(after_help = "\
Without --to the ticket goes to the new tier's queue: nobody has it, status new.

EXAMPLES:
  desk escalate 42 --reason \"needs a network admin\"
  desk escalate 42 --tier 3 --to vendor-support")]
pub struct EscalateArgs {
    /// The tier to go to (higher than now, at most 3); default: one up
    #[arg(long, value_parser = Offers::with(clap::value_parser!(u8).range(1..=3), tier_words), hide_possible_values = true)]
    pub tier: Option<u8>,

    /// Who in that tier takes it
    #[arg(long, value_name = "USER")]
    pub to: Option<String>,

    #[command(flatten)]
    pub moved: ReasonArgs,
}

/// Mark tickets fixed; the customer verifies (closed after the verification window)
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk resolve 42 --solution \"Replaced the fuser unit\"
  desk resolve 42 --solution \"Cleared the print queue\" --kb 7
  desk resolve 42 --solution \"Reset the VPN profile: ...\" --kb-new")]
pub struct ResolveArgs {
    /// What fixed it
    #[arg(long, short, value_name = "TEXT")]
    pub solution: String,

    /// The knowledge-base article that solved it
    #[arg(long, value_name = "ID", conflicts_with = "kb_new")]
    pub kb: Option<String>,

    /// Write a knowledge-base article from the title and solution, and link it
    #[arg(long)]
    pub kb_new: bool,

    #[command(flatten)]
    pub batch: Batch,
}

/// Close resolved tickets (the customer confirmed the fix)
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk close 42
  desk list -q --status resolved --requester Ana | desk close -")]
pub struct CloseArgs {
    #[command(flatten)]
    pub batch: Batch,
}

/// Why, and the tickets: the arguments of reopen, cancel and wait (each has its own
/// help, on its variant) and the last ones of escalate.
#[derive(Debug, Args)]
pub struct ReasonArgs {
    /// Why
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    #[command(flatten)]
    pub batch: Batch,
}

/// Stop waiting: the customer answered, work goes on
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk resume 42")]
pub struct ResumeArgs {
    #[command(flatten)]
    pub batch: Batch,
}

/// Add a comment; a public one counts as the desk's response
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk comment 42 \"Called Ana, she will test after lunch\"
  desk comment 42 \"Toner order no. 5531\" --internal
  desk comment 42 - < cups-error.log")]
pub struct CommentArgs {
    /// Ticket id
    pub id: String,

    /// The text; "-" reads it from stdin
    pub text: String,

    /// Internal note, not shown to the customer (not a response)
    #[arg(long)]
    pub internal: bool,

    #[command(flatten)]
    pub at: AtArg,
}

/// Change a ticket's fields
#[derive(Debug, Args)]
#[command(after_help = "\
An empty value clears a text field (--ci \"\"); the title cannot be empty. The changes
are recorded in one event.

EXAMPLES:
  desk edit 42 --priority P2 --category network
  desk edit 42 --tag vip --untag later
  desk edit 42 --edit                  # title and description in $EDITOR")]
pub struct EditArgs {
    /// Ticket id
    pub id: String,

    /// The new title
    #[arg(long)]
    pub title: Option<String>,

    #[command(flatten)]
    pub fields: TicketFields,

    /// Remove a tag; repeat for more
    #[arg(long = "untag", value_name = "TAG")]
    pub untags: Vec<String>,

    /// Edit the title and description in $EDITOR
    #[arg(long)]
    pub edit: bool,

    #[command(flatten)]
    pub at: AtArg,
}

/// Log time spent on a ticket
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk log 42 30m --note \"replaced the fuser\"
  desk log 42 1h30m
  desk log 42 1.5h --at \"yesterday 14:00\"")]
pub struct LogArgs {
    /// Ticket id
    pub id: String,

    /// How long: 30m, 1h30m, 1.5h
    pub duration: String,

    /// What the time went on
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,

    #[command(flatten)]
    pub at: AtArg,
}

/// Explain a ticket's SLA, stretch by stretch
#[derive(Debug, Args)]
#[command(after_help = "\
Each stretch of time since the ticket was created: counted (in service hours), outside
service hours, a holiday, or paused while waiting, with running totals against the
response and resolution targets.

EXAMPLES:
  desk sla 42")]
pub struct SlaArgs {
    /// Ticket id
    pub id: String,

    /// text for a person, or json
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LinkKind {
    Related,
    Duplicate,
    Parent,
}

/// Link two tickets: related, duplicate (ID duplicates OTHER), parent (OTHER is ID's parent)
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk link 42 41                     # related
  desk link 43 41 --kind duplicate    # 43 is a duplicate of 41
  desk link 44 40 --kind parent       # 40 is the problem behind incident 44")]
pub struct LinkArgs {
    /// Ticket id
    pub id: String,

    /// The other ticket
    pub other: String,

    /// related, duplicate (ID duplicates OTHER) or parent (OTHER is ID's parent)
    #[arg(long, value_enum, default_value_t = LinkKind::Related)]
    pub kind: LinkKind,

    #[command(flatten)]
    pub at: AtArg,
}

/// The knowledge base: instructions so tier 1 solves it next time
#[derive(Debug, Subcommand)]
#[command(after_help = "\
Search ignores case and diacritics in any language: `sahkoposti` finds `sähköposti`.

EXAMPLES:
  desk kb new \"Printer on 2F jams\" --body \"Open tray 2, remove the torn sheet\" --tag printing
  desk kb search tulostin
  desk kb suggest 42
  desk resolve 42 --solution \"Cleared tray 2\" --kb-new")]
pub enum KbCommand {
    New(KbNewArgs),
    List(KbListArgs),
    Show(KbShowArgs),
    Edit(KbEditArgs),
    Search(KbSearchArgs),
    Suggest(KbSuggestArgs),
}

/// Write a new article
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk kb new \"Printer jams on 2F\" --body \"Open tray 2, remove the paper, ...\" --category printing
  desk kb new \"VPN: reset the profile\" --body - < vpn.md
  desk kb new --from-ticket 42          # title and solution from a resolved ticket")]
pub struct KbNewArgs {
    /// The title (default with --from-ticket: the ticket's title)
    pub title: Option<String>,

    /// The body; "-" reads it from stdin
    #[arg(long, value_name = "TEXT")]
    pub body: Option<String>,

    /// Write it in $EDITOR: the first line is the title, the rest the body
    #[arg(long, conflicts_with = "body")]
    pub edit: bool,

    /// A tag; repeat for more
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// A category, e.g. printing, network, password
    #[arg(long)]
    pub category: Option<String>,

    /// Prefill from a resolved ticket (title, solution, category); the ticket is
    /// linked to the article when it has none yet
    #[arg(long, value_name = "ID")]
    pub from_ticket: Option<String>,

    /// Output: the id alone, or the article as JSON
    #[arg(long, value_enum, default_value_t = NewFormat::Id)]
    pub format: NewFormat,
}

/// List the articles
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk kb list
  desk kb list --category printing --format json")]
pub struct KbListArgs {
    /// Only this category (case-insensitive)
    #[arg(long)]
    pub category: Option<String>,

    /// Only articles with this tag (letter case aside)
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,

    /// At most N articles
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,

    #[command(flatten)]
    pub output: ListOutput,
}

/// Show one article
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk kb show 7
  desk kb show 7 --format json")]
pub struct KbShowArgs {
    /// Article id
    pub id: String,

    /// text for a person, or json
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Change an article (in $EDITOR unless fields are given)
#[derive(Debug, Args)]
#[command(after_help = "\
Without field flags the article opens in $EDITOR: its title on the first line, then a
blank line and its body (a .md file). An empty title there is refused and changes
nothing. With field flags only the fields given change.

EXAMPLES:
  desk kb edit 7                       # in $EDITOR
  desk kb edit 7 --title \"Printer jams (all floors)\" --tag printer
  desk kb edit 7 --body - < printer-jams.md")]
pub struct KbEditArgs {
    /// Article id
    pub id: String,

    /// The new title
    #[arg(long)]
    pub title: Option<String>,

    /// The new body; "-" reads it from stdin
    #[arg(long)]
    pub body: Option<String>,

    /// The new category; "" clears it
    #[arg(long)]
    pub category: Option<String>,

    /// Add a tag; repeat for more
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Remove a tag; repeat for more
    #[arg(long = "untag", value_name = "TAG")]
    pub untags: Vec<String>,
}

/// Search the articles, best first (any language, with or without diacritics)
#[derive(Debug, Args)]
#[command(after_help = "\
Words match case- and diacritics-insensitively and as prefixes; a match in the title
counts more than one in the body. Articles with all the words come first; when none has
them all, those with any of them. Any text is a valid query: quotes, * and AND are
just characters.

EXAMPLES:
  desk kb search sahkoposti            # finds \"Sähköposti ei toimi\"
  desk kb search \"tulost\"              # prefixes match: tulostin, tulostaa
  desk kb search vpn --limit 3 --format json")]
pub struct KbSearchArgs {
    /// What to look for
    pub query: String,

    /// At most N results
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: u64,

    #[command(flatten)]
    pub output: ListOutput,
}

/// Articles likely to solve a ticket
#[derive(Debug, Args)]
#[command(after_help = "\
Ranks the articles by the words of the ticket's title, description and category
(inflected forms match: `tulostimesta` finds `tulostin`); articles of the ticket's
category rank higher. `desk new` on a terminal shows the first three.

EXAMPLES:
  desk kb suggest 42
  desk kb suggest 42 --limit 1 -q")]
pub struct KbSuggestArgs {
    /// Ticket id
    pub ticket: String,

    /// At most N articles
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub limit: u64,

    #[command(flatten)]
    pub output: ListOutput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Json,
    Csv,
    Html,
}

/// The monthly report: volumes, channels, speed, first contact, SLA, busiest hours
#[derive(Debug, Args)]
#[command(after_help = "\
The period is [from, to) in the desk's zone (`desk config get timezone`). Same database
and clock: the same bytes.

EXAMPLES:
  desk report                          # last month
  desk report --month 2026-10 --format markdown > october.md
  desk report --month this --org Meita
  desk report --from 2026-07-01 --to 2026-10-01 --format json
  desk report --format html > report.html")]
pub struct ReportArgs {
    /// YYYY-MM, "this" or "last" (default)
    #[arg(long, value_name = "MONTH", conflicts_with_all = ["from", "to"], value_parser = Offers::new(month_words), hide_possible_values = true)]
    pub month: Option<String>,

    /// First day of the period (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,

    /// The day after the period (YYYY-MM-DD, exclusive)
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,

    /// Only this customer organisation (matched as `list --org` does): its tickets,
    /// their events and time log. Knowledge-base articles are shared, so
    /// `kb.articles_created` counts the whole desk's
    #[arg(long)]
    pub org: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Add the previous period's whole report: to the JSON as `previous`, to the CSV
    /// as a `previous` column (table, markdown and HTML always show its headline
    /// figures)
    #[arg(long)]
    pub compare: bool,

    /// Write the report to FILE instead of stdout, replacing FILE only once the
    /// whole report is written
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

/// Settings: service hours, holidays, SLA targets, windows
#[derive(Debug, Subcommand)]
#[command(after_help = "\
KEYS:
  hours             service hours, e.g. \"mon-fri 07:30-16:00\", \"mon-thu 08:00-16:00; fri 08:00-14:00\", 24x7
  holidays          comma-separated dates with no service: 2026-12-24,2026-12-25
  sla.P1.response   response target of P1 (service time: 30m, 4h, 1d = one service day)
  sla.P1.resolve    resolution target of P1
  sla.P1.hours      P1's own service hours, e.g. 24x7
  verify_window     resolved tickets are closed after this (wall clock), default 24h
  fcr_window        resolved this soon after creation = first contact, default 30m
  timezone          the desk's zone, an IANA name (Europe/Helsinki): service hours, holidays,
                    HH:MM arguments, report periods and printed times are in it, for every
                    admin alike. A new desk takes its creator's zone (TZ, else the
                    system's, else UTC); it can be changed but not unset
  mail.from         the address desk mails as, e.g. \"Service Desk <desk@example.fi>\"; no mail while unset
  mail.transport    sendmail (the default) or smtp://HOST:PORT (STARTTLS), smtps://HOST:PORT
  mail.sendmail     the sendmail command, default \"/usr/sbin/sendmail -t -i\"
  notify            the moves that mail the requester, default new,reply,wait,resolve
  template.new      the text of a notice (also .reply .wait .resolve .close .reopen .cancel);
                    {id} {title} {status} {solution} {reason} {verify_window} {requester} {actor}
  hooks.command     run after every change, the change as JSON on stdin
  attachments.max_size  the largest file kept, default 25MiB

EXAMPLES:
  desk config list
  desk config set hours \"mon-fri 07:30-16:00\"
  desk config set holidays 2026-12-24,2026-12-25,2026-12-26
  desk config set sla.P1.hours 24x7
  desk config set timezone Europe/Helsinki
  desk config unset sla.P1.hours

  # A registered organisation's own terms (hours, holidays, sla.*), which its
  # tickets use instead of the desk's:
  desk config set --org \"Kaupunki Oy\" hours 24x7
  desk config set --org \"Kaupunki Oy\" sla.P2.resolve 4h
  desk config list --org \"Kaupunki Oy\"
  desk config unset --org \"Kaupunki Oy\" hours")]
pub enum ConfigCommand {
    /// Every setting, with defaults and overrides apart
    List(ConfigListArgs),
    /// One setting's value
    Get {
        /// The setting, e.g. hours, sla.P1.resolve
        #[arg(value_parser = Offers::new(setting_keys), hide_possible_values = true)]
        key: String,
        /// The value in force for this registered organisation's tickets
        #[arg(long, value_name = "NAME")]
        org: Option<String>,
    },
    /// Change a setting (validated)
    Set {
        /// The setting, e.g. hours, sla.P1.resolve
        #[arg(value_parser = Offers::new(setting_keys), hide_possible_values = true)]
        key: String,
        /// Its new value, e.g. "mon-fri 07:30-16:00", 4h
        value: String,
        /// For this registered organisation alone (hours, holidays and sla.* only)
        #[arg(long, value_name = "NAME")]
        org: Option<String>,
    },
    /// Back to the default (with --org: the desk's value; `timezone` stays set)
    Unset {
        /// The setting, e.g. hours, sla.P1.resolve
        #[arg(value_parser = Offers::new(setting_keys), hide_possible_values = true)]
        key: String,
        /// For this registered organisation alone
        #[arg(long, value_name = "NAME")]
        org: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ConfigListArgs {
    /// table on a terminal, tsv otherwise
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
    /// The terms of this registered organisation: its own values and the desk's
    /// where it has none
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
}

/// Customer organisations: their mail domains and their own terms
#[derive(Debug, Subcommand)]
#[command(after_help = "\
A ticket's org is a free name; one that names a registered organisation (letter case
aside) is held to that organisation's terms (`desk config set --org NAME KEY VALUE`:
hours, holidays, sla.*), and `desk ingest mail` files senders from its domains (and
their subdomains) under it.

EXAMPLES:
  desk org new \"Meita Oy\" --domain meita.fi
  desk org new \"Põhja-Eesti Haigla\" --domain regionaalhaigla.ee --domain pernau.ee
  desk org list
  desk org show \"Kaupunki Oy\" --format json
  desk org edit \"Kaupunki Oy\" --domain kaupunki.example --no-domain kaupunki.fi
  desk org edit \"Kaupunki Oy\" --rename \"Kaupunki Oyj\"")]
pub enum OrgCommand {
    New(OrgNewArgs),
    List(OrgListArgs),
    Show(OrgShowArgs),
    Edit(OrgEditArgs),
}

/// Register a customer organisation, with its mail domains
#[derive(Debug, Args)]
#[command(after_help = "\
A domain belongs to one organisation; mail from it or from any of its subdomains
(it.kaupunki.fi for kaupunki.fi), letter case aside, is filed under the organisation.

EXAMPLES:
  desk org new \"Meita Oy\" --domain meita.fi --domain meita.example
  desk org new \"Põhja-Eesti Haigla\"
  desk config set --org \"Kaupunki Oy\" hours 24x7")]
pub struct OrgNewArgs {
    /// Its name, as tickets' org carries it
    pub name: String,
    /// A mail domain of its own (repeatable), e.g. kaupunki.fi
    #[arg(long = "domain", value_name = "DOMAIN")]
    pub domains: Vec<String>,
}

/// The registered organisations, with their domains, terms and tickets
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk org list
  desk org list --format json")]
pub struct OrgListArgs {
    /// table on a terminal, tsv otherwise
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
}

/// One organisation: its domains, its own terms and how many tickets it has
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk org show \"Kaupunki Oy\"
  desk org show \"kaupunki oy\" --format json")]
pub struct OrgShowArgs {
    /// Its name (letter case aside)
    pub name: String,
    /// text, or json (`name`, `domains`, `settings`, `tickets`)
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

/// Rename an organisation or change its mail domains
#[derive(Debug, Args)]
#[command(after_help = "\
A rename renames the org of its tickets too, with an edit event on each, in the same
transaction; its terms stay with it.

EXAMPLES:
  desk org edit \"Kaupunki Oy\" --domain kaupunki.example
  desk org edit \"Kaupunki Oy\" --no-domain kaupunki.fi
  desk org edit \"Kaupunki Oy\" --rename \"Kaupunki Oyj\"")]
pub struct OrgEditArgs {
    /// Its name (letter case aside)
    pub name: String,
    /// Its new name
    #[arg(long, value_name = "NEW")]
    pub rename: Option<String>,
    /// A mail domain to add (repeatable)
    #[arg(long = "domain", value_name = "DOMAIN")]
    pub domains: Vec<String>,
    /// A mail domain to remove (repeatable)
    #[arg(long = "no-domain", value_name = "DOMAIN")]
    pub no_domains: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InterchangeFormat {
    Jsonl,
    Json,
    Csv,
}

/// Load tickets and articles from a file: all or nothing
#[derive(Debug, Args)]
#[command(after_help = "\
JSON objects are tickets in the shape `desk show --format json` prints (any subset of
the fields; title is required), articles when they carry \"type\": \"article\", or
organisations with their domains and terms when they carry \"type\": \"org\" (one
registered here already must agree with the file).
CSV holds tickets, one per row; common spreadsheet column names are understood
(subject/summary → title, reporter/name → requester, date → created_at, ...).

EXAMPLES:
  desk import backup.jsonl
  desk import old-tickets.csv
  zcat archive.jsonl.gz | desk import - --format jsonl")]
pub struct ImportArgs {
    /// .jsonl, .json or .csv; "-" reads stdin (then --format is needed)
    #[arg(value_hint = ValueHint::FilePath)]
    pub file: PathBuf,

    /// The file's format (default: from its extension)
    #[arg(long, value_enum)]
    pub format: Option<InterchangeFormat>,
}

/// Write every organisation, article and ticket (with history) out
#[derive(Debug, Args)]
#[command(after_help = "\
Export, then import into an empty database, then export again gives the same bytes.

EXAMPLES:
  desk export > backup.jsonl
  desk export --format csv > tickets.csv")]
pub struct ExportArgs {
    /// jsonl (one object a line), json (one array) or csv (tickets only)
    #[arg(long, value_enum, default_value_t = InterchangeFormat::Jsonl)]
    pub format: InterchangeFormat,
}

/// File messages from other systems
#[derive(Debug, Subcommand)]
#[command(after_help = "\
EXAMPLES:
  desk ingest mail < message.eml
  # a mail server piping each message in (/etc/aliases):
  #   helpdesk: \"|/usr/local/bin/desk --db /srv/desk/desk.db --user mail ingest mail\"")]
pub enum IngestCommand {
    Mail(IngestMailArgs),
}

/// File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers
#[derive(Debug, Args)]
#[command(after_help = "\
Requester and email come from From, the title from Subject, the description from the
text. A subject with [#42], or In-Reply-To/References naming a filed message, makes it a
comment on ticket 42 (reopening it if resolved, resuming it if waiting). A message
filed before (same Message-ID) is not filed again. A sender from a registered
organisation's domain or a subdomain of it (`desk org new NAME --domain D`) is filed
under that organisation. Prints the ticket id.

EXAMPLES:
  desk ingest mail < message.eml
  # in /etc/aliases:  support: \"|/usr/local/bin/desk --db /srv/desk/desk.db ingest mail\"")]
pub struct IngestMailArgs {
    /// Organisation to record for new tickets (default: the registered organisation
    /// whose domain, or a parent domain, the sender's address is in)
    #[arg(long)]
    pub org: Option<String>,
}

/// Print a shell completion script
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk completions bash > ~/.local/share/bash-completion/completions/desk
  desk completions zsh > ~/.zfunc/_desk
  desk completions fish > ~/.config/fish/completions/desk.fish")]
pub struct CompletionsArgs {
    /// The shell the script is for
    pub shell: clap_complete::Shell,
}

/// Write man pages (desk.1 and one per command) into DIR
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk man ~/.local/share/man/man1     # then: man desk")]
pub struct ManArgs {
    /// The folder to write the pages into (made if missing)
    #[arg(value_hint = ValueHint::DirPath)]
    pub dir: PathBuf,
}

/// The database itself: what it is, whether it is sound, a copy, an upgrade
#[derive(Debug, Subcommand)]
#[command(after_help = "\
EXAMPLES:
  desk db status
  desk db check && desk db backup ~/desk-$(date +%F).db
  desk db migrate")]
pub enum DbCommand {
    Status(DbStatusArgs),
    Check(DbCheckArgs),
    Backup(DbBackupArgs),
    Migrate(DbMigrateArgs),
    Grant(DbGrantArgs),
}

/// Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)
#[derive(Debug, Args)]
#[command(after_help = "\
Run by the database's owner. An agent may read and write tickets, comments, work,
links, articles and the outbox, and append history that no one can change afterwards:
on events it has only SELECT and INSERT, so even psql cannot UPDATE or DELETE them. A
reader may only read (list, show, report, export); its writes exit 1 with a hint.
--org limits the role to those registered organisations' tickets (their org, letter
case aside) and their history, comments, work, links, mail and attachments, enforced
by the database's row-level security, so the limit holds for psql too; it can neither
see nor create nor move a ticket outside them, and it may not change settings or
organisations. Articles stay shared. Granting again replaces the role's list; without
--org the role sees every ticket. PostgreSQL only.

EXAMPLES:
  createuser --pwprompt anna
  desk db grant anna --agent
  desk db grant auditor --reader
  desk db grant kalle --agent --org 'Kaupunki Oy' --org 'Satama Oy'")]
#[command(group(clap::ArgGroup::new("grant_as").required(true).args(["agent", "reader"])))]
pub struct DbGrantArgs {
    /// The PostgreSQL role (it must exist: createuser or CREATE ROLE)
    pub role: String,

    /// Read, write and append history
    #[arg(long)]
    pub agent: bool,

    /// Read and report only
    #[arg(long)]
    pub reader: bool,

    /// Only this registered organisation's tickets (repeatable)
    #[arg(long = "org", value_name = "ORG")]
    pub orgs: Vec<String>,
}

/// Engine, location, schema version, time zone and how many of each record
#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  desk db status
  desk db status --format json")]
pub struct DbStatusArgs {
    /// Output format: a table for people, JSON for scripts
    #[arg(long, value_enum, default_value_t = DbFormat::Table)]
    pub format: DbFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DbFormat {
    Table,
    Json,
}

/// Check the file, the references between records and the search indexes
#[derive(Debug, Args)]
#[command(after_help = "\
Runs SQLite's integrity check and foreign-key check, and compares each full-text
index with the text it indexes. Exits 0 when all is well, 1 naming what is wrong. It
only reads: run it while others work.

EXAMPLES:
  desk db check
  desk db check && desk db backup ~/desk-checked.db")]
pub struct DbCheckArgs {}

/// A consistent copy of the database, taken while others work (SQLite's online backup)
#[derive(Debug, Args)]
#[command(after_help = "\
The copy is the database as of one moment, even while others write; it is a desk
database of its own (`desk --db FILE list` reads it). An existing FILE is not replaced
unless --force is given. To restore, stop using desk and put the copy in place of the
database file.

EXAMPLES:
  desk db backup ~/desk-backup.db
  desk db backup ~/desk-$(date +%F).db     # e.g. nightly from cron")]
pub struct DbBackupArgs {
    /// Where to write the copy (a new file)
    pub file: PathBuf,

    /// Replace FILE if it exists (only ever with a complete copy)
    #[arg(long)]
    pub force: bool,
}

/// Upgrade the database's schema to this desk's (a copy of the file is kept first)
#[derive(Debug, Args)]
#[command(after_help = "\
Any command that writes upgrades an older database too; this does it explicitly and
says what it did. Before changing the schema, the file is copied beside itself as
desk.db.before-vN (N the old version), so the upgrade can be undone. On a path with no
database it creates one.

EXAMPLES:
  desk db migrate
  desk --db ~/desk.db db migrate")]
pub struct DbMigrateArgs {}
/// Answer the requester: a public comment, mailed to the ticket's email
#[derive(Debug, Args)]
#[command(after_help = "\
The answer is recorded as a public comment (a first response for the SLA) and mailed to
the ticket's email from mail.from, threaded to the requester's own mail, with [#ID] in
the subject so their answer comes back to the ticket. The mail goes out after the
commit; if it cannot be sent it stays queued (see `desk outbox`).

EXAMPLES:
  desk reply 42 \"Could you restart the printer and try again?\"
  desk reply 42 - < vpn.md
  desk reply 42 \"Here is the error log you asked for\" --attach cups-error.log")]
pub struct ReplyArgs {
    /// Ticket id
    pub id: String,

    /// The answer; "-" reads it from stdin
    #[arg(required_unless_present = "edit")]
    pub text: Option<String>,

    /// Write the answer in $EDITOR
    #[arg(long, conflicts_with = "text")]
    pub edit: bool,

    /// A file to send with the answer (kept on the ticket too); repeatable
    #[arg(long, value_name = "FILE")]
    pub attach: Vec<PathBuf>,

    #[command(flatten)]
    pub at: AtArg,
}

/// Keep files on a ticket
#[derive(Debug, Args)]
#[command(after_help = "\
Each file is kept whole in the database, up to attachments.max_size (25MiB unless set).
`desk show` lists them; `desk attachment save ID` writes one back.

EXAMPLES:
  desk attach 42 cups-error.log vpn.md      # prints the new attachments' ids")]
pub struct AttachArgs {
    /// Ticket id
    pub id: String,

    /// The files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// A ticket's attachments: write one back to a file
#[derive(Debug, Subcommand)]
pub enum AttachmentCommand {
    /// Write an attachment back to a file
    #[command(after_help = "\
Without -o the file is written into the current folder under the attachment's cleaned
name (never outside it, and never over an existing file); -o - writes to stdout.

EXAMPLES:
  desk attachment save \"$(desk attach 42 cups-error.log)\" -o copy-of-the-log.txt
  desk attachment save \"$(desk attach 42 cups-error.log)\" -o - | head")]
    Save(AttachmentSaveArgs),
}

#[derive(Debug, Args)]
pub struct AttachmentSaveArgs {
    /// Attachment id, as `desk show` lists it
    pub id: String,

    /// Where to write it ("-" for stdout; a folder writes the cleaned name inside it)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Mail and hook deliveries: what went out, what waits
#[derive(Debug, Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "\
Notices and hook runs are queued in the transaction of the change and delivered after
it. One that fails stays queued; the next command that writes, or `desk outbox send`,
tries again (a failed one, which the receiver refused for good, only with `send`).

EXAMPLES:
  desk outbox
  desk outbox --state queued
  desk outbox send"
)]
pub struct OutboxArgs {
    #[command(subcommand)]
    pub command: Option<OutboxCommand>,

    /// Only deliveries in this state
    #[arg(long, value_enum)]
    pub state: Option<OutboxState>,

    /// Output format [default: table on a terminal, tsv otherwise]
    #[arg(long, value_enum)]
    pub format: Option<ListFormat>,
}

#[derive(Debug, Subcommand)]
pub enum OutboxCommand {
    /// Deliver what is queued or failed, now
    Send,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutboxState {
    Queued,
    Failed,
    Sent,
}

impl OutboxState {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Failed => "failed",
            OutboxState::Sent => "sent",
        }
    }
}
