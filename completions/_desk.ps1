
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'desk' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'desk'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'desk' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a new ticket: a hallway request, a call, an alert')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The queue: tickets filtered and in SLA order')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Everything about one ticket: fields, history, comments, time log, links')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Give tickets to someone (default: yourself); "--to -" unassigns')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Hand tickets to the next tier (2: specialists, 3: vendor or developers)')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Mark tickets fixed; the customer verifies (closed after the verification window)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close resolved tickets (the customer confirmed the fix)')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved or closed ticket: the fix did not hold (back to its assignee)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a ticket that needs no work: a duplicate, a mistake, withdrawn')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait on the customer or a third party: the resolution clock stops')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Stop waiting: the customer answered, work goes on')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Add a comment; a public one counts as the desk''s response')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a ticket''s fields')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Log time spent on a ticket')
            [CompletionResult]::new('sla', 'sla', [CompletionResultType]::ParameterValue, 'Explain a ticket''s SLA, stretch by stretch')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link two tickets: related, duplicate (ID duplicates OTHER), parent (OTHER is ID''s parent)')
            [CompletionResult]::new('kb', 'kb', [CompletionResultType]::ParameterValue, 'The knowledge base: instructions so tier 1 solves it next time')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The monthly report: volumes, channels, speed, first contact, SLA, busiest hours')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Settings: service hours, holidays, SLA targets, windows')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Load tickets and articles from a file: all or nothing')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every organisation, article and ticket (with history) out')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'File messages from other systems')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages (desk.1 and one per command) into DIR')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The database itself: what it is, whether it is sound, a copy, an upgrade')
            [CompletionResult]::new('reply', 'reply', [CompletionResultType]::ParameterValue, 'Answer the requester: a public comment, mailed to the ticket''s email')
            [CompletionResult]::new('attach', 'attach', [CompletionResultType]::ParameterValue, 'Keep files on a ticket')
            [CompletionResult]::new('attachment', 'attachment', [CompletionResultType]::ParameterValue, 'A ticket''s attachments: write one back to a file')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'Mail and hook deliveries: what went out, what waits')
            [CompletionResult]::new('org', 'org', [CompletionResultType]::ParameterValue, 'Customer organisations: their mail domains and their own terms')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;new' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'incident (something broke), request (something wanted) or problem (a root cause)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The longer description; "-" reads it from stdin')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'The longer description; "-" reads it from stdin')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Who asked')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The requester''s email')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'The requester''s phone')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The requester''s organisation (customer)')
            [CompletionResult]::new('--location', '--location', [CompletionResultType]::ParameterName, 'Where: room, floor, site')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Category, e.g. printing, network, access, password')
            [CompletionResult]::new('--ci', '--ci', [CompletionResultType]::ParameterName, 'The configuration item: the device or system concerned, e.g. PC-0423')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'How the request came in')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag; repeat for more')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'P1 (most urgent) to P4; else --impact × --urgency decide it (P3 when neither is given)')
            [CompletionResult]::new('--impact', '--impact', [CompletionResultType]::ParameterName, 'How many are affected: high (everyone), medium (a group), low (one user)')
            [CompletionResult]::new('--urgency', '--urgency', [CompletionResultType]::ParameterName, 'How blocked the work is: high (blocked), medium (hampered), low (can continue)')
            [CompletionResult]::new('--assign', '--assign', [CompletionResultType]::ParameterName, 'Assign it at once (to USER)')
            [CompletionResult]::new('--resolve', '--resolve', [CompletionResultType]::ParameterName, 'Resolved on first contact, with this solution')
            [CompletionResult]::new('--dedup-key', '--dedup-key', [CompletionResultType]::ParameterName, 'Monitoring''s key: an active ticket with the same key absorbs this alert instead')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: the id alone, or the ticket as JSON')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--edit', '--edit', [CompletionResultType]::ParameterName, 'Write the description in $EDITOR')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Statuses, comma-separated: new, open, waiting, resolved, closed, cancelled; "active" (new,open,waiting) or "all"')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Assigned to USER')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Priorities, comma-separated (P1,P2)')
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'Tier 1, 2 or 3')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Of this kind')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'In this category (any letter case)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'For this customer organisation (any letter case)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Asked by NAME (any letter case)')
            [CompletionResult]::new('--ci', '--ci', [CompletionResultType]::ParameterName, 'About this configuration item: the device or system, e.g. PC-0423 (any letter case)')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Came in through this channel')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Has this tag (letter case aside)')
            [CompletionResult]::new('--due-within', '--due-within', [CompletionResultType]::ParameterName, 'Due within DURATION of service time (e.g. 2h), as the SLA counts it; overdue ones included')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Created on or after DATE')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Created before DATE')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Full text over titles, descriptions and comments; any language, case- and diacritics-insensitive, prefixes match')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order by: due (SLA order), priority, id, created, updated, status, assignee, requester, title; prefix "-" for descending')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N tickets')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table on a terminal, tsv otherwise')
            [CompletionResult]::new('--fields', '--fields', [CompletionResultType]::ParameterName, 'Which fields, in this order, for every format: the JSON field names (id,status,title,...)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--mine', '--mine', [CompletionResultType]::ParameterName, 'Assigned to me')
            [CompletionResult]::new('--unassigned', '--unassigned', [CompletionResultType]::ParameterName, 'Nobody has it')
            [CompletionResult]::new('--overdue', '--overdue', [CompletionResultType]::ParameterName, 'Past a due time (SLA breached on a running clock)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Ids only, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Ids only, one per line')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'text for a person, or json (with events, comments, worklog and links)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;assign' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Who gets it; "-" unassigns')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change for each id (or why it would be refused), change nothing')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;escalate' {
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'The tier to go to (higher than now, at most 3); default: one up')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Who in that tier takes it')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change for each id (or why it would be refused), change nothing')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;resolve' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'What fixed it')
            [CompletionResult]::new('--solution', '--solution', [CompletionResultType]::ParameterName, 'What fixed it')
            [CompletionResult]::new('--kb', '--kb', [CompletionResultType]::ParameterName, 'The knowledge-base article that solved it')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--kb-new', '--kb-new', [CompletionResultType]::ParameterName, 'Write a knowledge-base article from the title and solution, and link it')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change for each id (or why it would be refused), change nothing')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;close' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change for each id (or why it would be refused), change nothing')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;reopen' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change for each id (or why it would be refused), change nothing')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;cancel' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change for each id (or why it would be refused), change nothing')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;wait' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change for each id (or why it would be refused), change nothing')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;resume' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would change for each id (or why it would be refused), change nothing')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;comment' {
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--internal', '--internal', [CompletionResultType]::ParameterName, 'Internal note, not shown to the customer (not a response)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;edit' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The new title')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'incident (something broke), request (something wanted) or problem (a root cause)')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The longer description; "-" reads it from stdin')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'The longer description; "-" reads it from stdin')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Who asked')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The requester''s email')
            [CompletionResult]::new('--phone', '--phone', [CompletionResultType]::ParameterName, 'The requester''s phone')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The requester''s organisation (customer)')
            [CompletionResult]::new('--location', '--location', [CompletionResultType]::ParameterName, 'Where: room, floor, site')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Category, e.g. printing, network, access, password')
            [CompletionResult]::new('--ci', '--ci', [CompletionResultType]::ParameterName, 'The configuration item: the device or system concerned, e.g. PC-0423')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'How the request came in')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag; repeat for more')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'P1 (most urgent) to P4; else --impact × --urgency decide it (P3 when neither is given)')
            [CompletionResult]::new('--impact', '--impact', [CompletionResultType]::ParameterName, 'How many are affected: high (everyone), medium (a group), low (one user)')
            [CompletionResult]::new('--urgency', '--urgency', [CompletionResultType]::ParameterName, 'How blocked the work is: high (blocked), medium (hampered), low (can continue)')
            [CompletionResult]::new('--untag', '--untag', [CompletionResultType]::ParameterName, 'Remove a tag; repeat for more')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--edit', '--edit', [CompletionResultType]::ParameterName, 'Edit the title and description in $EDITOR')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;log' {
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'What the time went on')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;sla' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'text for a person, or json')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;link' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'related, duplicate (ID duplicates OTHER) or parent (OTHER is ID''s parent)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;kb' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new article')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the articles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one article')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an article (in $EDITOR unless fields are given)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the articles, best first (any language, with or without diacritics)')
            [CompletionResult]::new('suggest', 'suggest', [CompletionResultType]::ParameterValue, 'Articles likely to solve a ticket')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;kb;new' {
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The body; "-" reads it from stdin')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A tag; repeat for more')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'A category, e.g. printing, network, password')
            [CompletionResult]::new('--from-ticket', '--from-ticket', [CompletionResultType]::ParameterName, 'Prefill from a resolved ticket (title, solution, category); the ticket is linked to the article when it has none yet')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output: the id alone, or the article as JSON')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--edit', '--edit', [CompletionResultType]::ParameterName, 'Write it in $EDITOR: the first line is the title, the rest the body')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;kb;list' {
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'Only this category (case-insensitive)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only articles with this tag (letter case aside)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N articles')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table on a terminal, tsv otherwise')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Ids only, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Ids only, one per line')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;kb;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'text for a person, or json')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;kb;edit' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The new title')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The new body; "-" reads it from stdin')
            [CompletionResult]::new('--category', '--category', [CompletionResultType]::ParameterName, 'The new category; "" clears it')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Add a tag; repeat for more')
            [CompletionResult]::new('--untag', '--untag', [CompletionResultType]::ParameterName, 'Remove a tag; repeat for more')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;kb;search' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N results')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table on a terminal, tsv otherwise')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Ids only, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Ids only, one per line')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;kb;suggest' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most N articles')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table on a terminal, tsv otherwise')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Ids only, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Ids only, one per line')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;kb;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new article')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the articles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one article')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an article (in $EDITOR unless fields are given)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the articles, best first (any language, with or without diacritics)')
            [CompletionResult]::new('suggest', 'suggest', [CompletionResultType]::ParameterValue, 'Articles likely to solve a ticket')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;kb;help;new' {
            break
        }
        'desk;kb;help;list' {
            break
        }
        'desk;kb;help;show' {
            break
        }
        'desk;kb;help;edit' {
            break
        }
        'desk;kb;help;search' {
            break
        }
        'desk;kb;help;suggest' {
            break
        }
        'desk;kb;help;help' {
            break
        }
        'desk;report' {
            [CompletionResult]::new('--month', '--month', [CompletionResultType]::ParameterName, 'YYYY-MM, "this" or "last" (default)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'First day of the period (YYYY-MM-DD)')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The day after the period (YYYY-MM-DD, exclusive)')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Only this customer organisation (matched as `list --org` does): its tickets, their events and time log. Knowledge-base articles are shared, so `kb.articles_created` counts the whole desk''s')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the report to FILE instead of stdout, replacing FILE only once the whole report is written')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to FILE instead of stdout, replacing FILE only once the whole report is written')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--compare', '--compare', [CompletionResultType]::ParameterName, 'Add the previous period''s whole report: to the JSON as `previous`, to the CSV as a `previous` column (table, markdown and HTML always show its headline figures)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;config' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every setting, with defaults and overrides apart')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One setting''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting (validated)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Back to the default (with --org: the desk''s value; `timezone` stays set)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;config;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table on a terminal, tsv otherwise')
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The terms of this registered organisation: its own values and the desk''s where it has none')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;config;get' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'The value in force for this registered organisation''s tickets')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;config;set' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'For this registered organisation alone (hours, holidays and sla.* only)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;config;unset' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'For this registered organisation alone')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;config;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every setting, with defaults and overrides apart')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One setting''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting (validated)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Back to the default (with --org: the desk''s value; `timezone` stays set)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;config;help;list' {
            break
        }
        'desk;config;help;get' {
            break
        }
        'desk;config;help;set' {
            break
        }
        'desk;config;help;unset' {
            break
        }
        'desk;config;help;help' {
            break
        }
        'desk;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'The file''s format (default: from its extension)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'jsonl (one object a line), json (one array) or csv (tickets only)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;ingest' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('mail', 'mail', [CompletionResultType]::ParameterValue, 'File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;ingest;mail' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Organisation to record for new tickets (default: the registered organisation whose domain, or a parent domain, the sender''s address is in)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;ingest;help' {
            [CompletionResult]::new('mail', 'mail', [CompletionResultType]::ParameterValue, 'File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;ingest;help;mail' {
            break
        }
        'desk;ingest;help;help' {
            break
        }
        'desk;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;man' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;db' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Engine, location, schema version, time zone and how many of each record')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the file, the references between records and the search indexes')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'A consistent copy of the database, taken while others work (SQLite''s online backup)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Upgrade the database''s schema to this desk''s (a copy of the file is kept first)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;db;status' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: a table for people, JSON for scripts')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;db;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;db;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace FILE if it exists (only ever with a complete copy)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;db;migrate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;db;grant' {
            [CompletionResult]::new('--org', '--org', [CompletionResultType]::ParameterName, 'Only this registered organisation''s tickets (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Read, write and append history')
            [CompletionResult]::new('--reader', '--reader', [CompletionResultType]::ParameterName, 'Read and report only')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;db;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Engine, location, schema version, time zone and how many of each record')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the file, the references between records and the search indexes')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'A consistent copy of the database, taken while others work (SQLite''s online backup)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Upgrade the database''s schema to this desk''s (a copy of the file is kept first)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;db;help;status' {
            break
        }
        'desk;db;help;check' {
            break
        }
        'desk;db;help;backup' {
            break
        }
        'desk;db;help;migrate' {
            break
        }
        'desk;db;help;grant' {
            break
        }
        'desk;db;help;help' {
            break
        }
        'desk;reply' {
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'A file to send with the answer (kept on the ticket too); repeatable')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--edit', '--edit', [CompletionResultType]::ParameterName, 'Write the answer in $EDITOR')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;attach' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;attachment' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Write an attachment back to a file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;attachment;save' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write it ("-" for stdout; a folder writes the cleaned name inside it)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write it ("-" for stdout; a folder writes the cleaned name inside it)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;attachment;help' {
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Write an attachment back to a file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;attachment;help;save' {
            break
        }
        'desk;attachment;help;help' {
            break
        }
        'desk;outbox' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only deliveries in this state')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, tsv otherwise]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver what is queued or failed, now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;outbox;send' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;outbox;help' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver what is queued or failed, now')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;outbox;help;send' {
            break
        }
        'desk;outbox;help;help' {
            break
        }
        'desk;org' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Register a customer organisation, with its mail domains')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The registered organisations, with their domains, terms and tickets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One organisation: its domains, its own terms and how many tickets it has')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Rename an organisation or change its mail domains')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;org;new' {
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'A mail domain of its own (repeatable), e.g. kaupunki.fi')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;org;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'table on a terminal, tsv otherwise')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;org;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'text, or json (`name`, `domains`, `settings`, `tickets`)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;org;edit' {
            [CompletionResult]::new('--rename', '--rename', [CompletionResultType]::ParameterName, 'Its new name')
            [CompletionResult]::new('--domain', '--domain', [CompletionResultType]::ParameterName, 'A mail domain to add (repeatable)')
            [CompletionResult]::new('--no-domain', '--no-domain', [CompletionResultType]::ParameterName, 'A mail domain to remove (repeatable)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Who acts; recorded on every event [env: DESK_USER; default: the login name]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (auto: on a terminal, unless NO_COLOR is set)')
            [CompletionResult]::new('--no-notify', '--no-notify', [CompletionResultType]::ParameterName, 'Mail nobody about this command''s changes (hooks still run)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'desk;org;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Register a customer organisation, with its mail domains')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The registered organisations, with their domains, terms and tickets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One organisation: its domains, its own terms and how many tickets it has')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Rename an organisation or change its mail domains')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;org;help;new' {
            break
        }
        'desk;org;help;list' {
            break
        }
        'desk;org;help;show' {
            break
        }
        'desk;org;help;edit' {
            break
        }
        'desk;org;help;help' {
            break
        }
        'desk;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Record a new ticket: a hallway request, a call, an alert')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The queue: tickets filtered and in SLA order')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Everything about one ticket: fields, history, comments, time log, links')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Give tickets to someone (default: yourself); "--to -" unassigns')
            [CompletionResult]::new('escalate', 'escalate', [CompletionResultType]::ParameterValue, 'Hand tickets to the next tier (2: specialists, 3: vendor or developers)')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Mark tickets fixed; the customer verifies (closed after the verification window)')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close resolved tickets (the customer confirmed the fix)')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a resolved or closed ticket: the fix did not hold (back to its assignee)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a ticket that needs no work: a duplicate, a mistake, withdrawn')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait on the customer or a third party: the resolution clock stops')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Stop waiting: the customer answered, work goes on')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Add a comment; a public one counts as the desk''s response')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change a ticket''s fields')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Log time spent on a ticket')
            [CompletionResult]::new('sla', 'sla', [CompletionResultType]::ParameterValue, 'Explain a ticket''s SLA, stretch by stretch')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link two tickets: related, duplicate (ID duplicates OTHER), parent (OTHER is ID''s parent)')
            [CompletionResult]::new('kb', 'kb', [CompletionResultType]::ParameterValue, 'The knowledge base: instructions so tier 1 solves it next time')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The monthly report: volumes, channels, speed, first contact, SLA, busiest hours')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Settings: service hours, holidays, SLA targets, windows')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Load tickets and articles from a file: all or nothing')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every organisation, article and ticket (with history) out')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'File messages from other systems')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Write man pages (desk.1 and one per command) into DIR')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'The database itself: what it is, whether it is sound, a copy, an upgrade')
            [CompletionResult]::new('reply', 'reply', [CompletionResultType]::ParameterValue, 'Answer the requester: a public comment, mailed to the ticket''s email')
            [CompletionResult]::new('attach', 'attach', [CompletionResultType]::ParameterValue, 'Keep files on a ticket')
            [CompletionResult]::new('attachment', 'attachment', [CompletionResultType]::ParameterValue, 'A ticket''s attachments: write one back to a file')
            [CompletionResult]::new('outbox', 'outbox', [CompletionResultType]::ParameterValue, 'Mail and hook deliveries: what went out, what waits')
            [CompletionResult]::new('org', 'org', [CompletionResultType]::ParameterValue, 'Customer organisations: their mail domains and their own terms')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;help;new' {
            break
        }
        'desk;help;list' {
            break
        }
        'desk;help;show' {
            break
        }
        'desk;help;assign' {
            break
        }
        'desk;help;escalate' {
            break
        }
        'desk;help;resolve' {
            break
        }
        'desk;help;close' {
            break
        }
        'desk;help;reopen' {
            break
        }
        'desk;help;cancel' {
            break
        }
        'desk;help;wait' {
            break
        }
        'desk;help;resume' {
            break
        }
        'desk;help;comment' {
            break
        }
        'desk;help;edit' {
            break
        }
        'desk;help;log' {
            break
        }
        'desk;help;sla' {
            break
        }
        'desk;help;link' {
            break
        }
        'desk;help;kb' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new article')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the articles')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one article')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an article (in $EDITOR unless fields are given)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the articles, best first (any language, with or without diacritics)')
            [CompletionResult]::new('suggest', 'suggest', [CompletionResultType]::ParameterValue, 'Articles likely to solve a ticket')
            break
        }
        'desk;help;kb;new' {
            break
        }
        'desk;help;kb;list' {
            break
        }
        'desk;help;kb;show' {
            break
        }
        'desk;help;kb;edit' {
            break
        }
        'desk;help;kb;search' {
            break
        }
        'desk;help;kb;suggest' {
            break
        }
        'desk;help;report' {
            break
        }
        'desk;help;config' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every setting, with defaults and overrides apart')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'One setting''s value')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change a setting (validated)')
            [CompletionResult]::new('unset', 'unset', [CompletionResultType]::ParameterValue, 'Back to the default (with --org: the desk''s value; `timezone` stays set)')
            break
        }
        'desk;help;config;list' {
            break
        }
        'desk;help;config;get' {
            break
        }
        'desk;help;config;set' {
            break
        }
        'desk;help;config;unset' {
            break
        }
        'desk;help;import' {
            break
        }
        'desk;help;export' {
            break
        }
        'desk;help;ingest' {
            [CompletionResult]::new('mail', 'mail', [CompletionResultType]::ParameterValue, 'File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers')
            break
        }
        'desk;help;ingest;mail' {
            break
        }
        'desk;help;completions' {
            break
        }
        'desk;help;man' {
            break
        }
        'desk;help;db' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Engine, location, schema version, time zone and how many of each record')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the file, the references between records and the search indexes')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'A consistent copy of the database, taken while others work (SQLite''s online backup)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Upgrade the database''s schema to this desk''s (a copy of the file is kept first)')
            [CompletionResult]::new('grant', 'grant', [CompletionResultType]::ParameterValue, 'Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)')
            break
        }
        'desk;help;db;status' {
            break
        }
        'desk;help;db;check' {
            break
        }
        'desk;help;db;backup' {
            break
        }
        'desk;help;db;migrate' {
            break
        }
        'desk;help;db;grant' {
            break
        }
        'desk;help;reply' {
            break
        }
        'desk;help;attach' {
            break
        }
        'desk;help;attachment' {
            [CompletionResult]::new('save', 'save', [CompletionResultType]::ParameterValue, 'Write an attachment back to a file')
            break
        }
        'desk;help;attachment;save' {
            break
        }
        'desk;help;outbox' {
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Deliver what is queued or failed, now')
            break
        }
        'desk;help;outbox;send' {
            break
        }
        'desk;help;org' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Register a customer organisation, with its mail domains')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The registered organisations, with their domains, terms and tickets')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One organisation: its domains, its own terms and how many tickets it has')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Rename an organisation or change its mail domains')
            break
        }
        'desk;help;org;new' {
            break
        }
        'desk;help;org;list' {
            break
        }
        'desk;help;org;show' {
            break
        }
        'desk;help;org;edit' {
            break
        }
        'desk;help;help' {
            break
        }
    })

    $offered = @{
        'desk --color' = @('auto', 'always', 'never')
        'desk;new --kind' = @('incident', 'request', 'problem')
        'desk;new --channel' = @('phone', 'email', 'walk-in', 'portal', 'chat', 'monitoring')
        'desk;new --priority' = @('P1', 'P2', 'P3', 'P4')
        'desk;new --impact' = @('high', 'medium', 'low')
        'desk;new --urgency' = @('high', 'medium', 'low')
        'desk;new --format' = @('id', 'json')
        'desk;new --color' = @('auto', 'always', 'never')
        'desk;list --status' = @('active', 'all', 'new', 'open', 'waiting', 'resolved', 'closed', 'cancelled')
        'desk;list --priority' = @('P1', 'P2', 'P3', 'P4')
        'desk;list --tier' = @('1', '2', '3')
        'desk;list --kind' = @('incident', 'request', 'problem')
        'desk;list --channel' = @('phone', 'email', 'walk-in', 'portal', 'chat', 'monitoring')
        'desk;list --sort' = @('due', 'priority', 'id', 'created', 'updated', 'status', 'assignee', 'requester', 'title')
        'desk;list --format' = @('table', 'tsv', 'csv', 'json', 'jsonl')
        'desk;list --color' = @('auto', 'always', 'never')
        'desk;show --format' = @('text', 'json')
        'desk;show --color' = @('auto', 'always', 'never')
        'desk;assign --color' = @('auto', 'always', 'never')
        'desk;escalate --tier' = @('1', '2', '3')
        'desk;escalate --color' = @('auto', 'always', 'never')
        'desk;resolve --color' = @('auto', 'always', 'never')
        'desk;close --color' = @('auto', 'always', 'never')
        'desk;reopen --color' = @('auto', 'always', 'never')
        'desk;cancel --color' = @('auto', 'always', 'never')
        'desk;wait --color' = @('auto', 'always', 'never')
        'desk;resume --color' = @('auto', 'always', 'never')
        'desk;comment --color' = @('auto', 'always', 'never')
        'desk;edit --kind' = @('incident', 'request', 'problem')
        'desk;edit --channel' = @('phone', 'email', 'walk-in', 'portal', 'chat', 'monitoring')
        'desk;edit --priority' = @('P1', 'P2', 'P3', 'P4')
        'desk;edit --impact' = @('high', 'medium', 'low')
        'desk;edit --urgency' = @('high', 'medium', 'low')
        'desk;edit --color' = @('auto', 'always', 'never')
        'desk;log --color' = @('auto', 'always', 'never')
        'desk;sla --format' = @('text', 'json')
        'desk;sla --color' = @('auto', 'always', 'never')
        'desk;link --kind' = @('related', 'duplicate', 'parent')
        'desk;link --color' = @('auto', 'always', 'never')
        'desk;kb --color' = @('auto', 'always', 'never')
        'desk;kb;new --format' = @('id', 'json')
        'desk;kb;new --color' = @('auto', 'always', 'never')
        'desk;kb;list --format' = @('table', 'tsv', 'csv', 'json', 'jsonl')
        'desk;kb;list --color' = @('auto', 'always', 'never')
        'desk;kb;show --format' = @('text', 'json')
        'desk;kb;show --color' = @('auto', 'always', 'never')
        'desk;kb;edit --color' = @('auto', 'always', 'never')
        'desk;kb;search --format' = @('table', 'tsv', 'csv', 'json', 'jsonl')
        'desk;kb;search --color' = @('auto', 'always', 'never')
        'desk;kb;suggest --format' = @('table', 'tsv', 'csv', 'json', 'jsonl')
        'desk;kb;suggest --color' = @('auto', 'always', 'never')
        'desk;report --month' = @('this', 'last')
        'desk;report --format' = @('table', 'markdown', 'json', 'csv', 'html')
        'desk;report --color' = @('auto', 'always', 'never')
        'desk;config --color' = @('auto', 'always', 'never')
        'desk;config;list --format' = @('table', 'tsv', 'csv', 'json', 'jsonl')
        'desk;config;list --color' = @('auto', 'always', 'never')
        'desk;config;get' = @('hours', 'holidays', 'sla.P1.response', 'sla.P1.resolve', 'sla.P1.hours', 'sla.P2.response', 'sla.P2.resolve', 'sla.P2.hours', 'sla.P3.response', 'sla.P3.resolve', 'sla.P3.hours', 'sla.P4.response', 'sla.P4.resolve', 'sla.P4.hours', 'verify_window', 'fcr_window', 'timezone', 'mail.from', 'mail.transport', 'mail.sendmail', 'notify', 'template.new', 'template.reply', 'template.wait', 'template.resolve', 'template.close', 'template.reopen', 'template.cancel', 'hooks.command', 'attachments.max_size')
        'desk;config;get --color' = @('auto', 'always', 'never')
        'desk;config;set' = @('hours', 'holidays', 'sla.P1.response', 'sla.P1.resolve', 'sla.P1.hours', 'sla.P2.response', 'sla.P2.resolve', 'sla.P2.hours', 'sla.P3.response', 'sla.P3.resolve', 'sla.P3.hours', 'sla.P4.response', 'sla.P4.resolve', 'sla.P4.hours', 'verify_window', 'fcr_window', 'timezone', 'mail.from', 'mail.transport', 'mail.sendmail', 'notify', 'template.new', 'template.reply', 'template.wait', 'template.resolve', 'template.close', 'template.reopen', 'template.cancel', 'hooks.command', 'attachments.max_size')
        'desk;config;set --color' = @('auto', 'always', 'never')
        'desk;config;unset' = @('hours', 'holidays', 'sla.P1.response', 'sla.P1.resolve', 'sla.P1.hours', 'sla.P2.response', 'sla.P2.resolve', 'sla.P2.hours', 'sla.P3.response', 'sla.P3.resolve', 'sla.P3.hours', 'sla.P4.response', 'sla.P4.resolve', 'sla.P4.hours', 'verify_window', 'fcr_window', 'timezone', 'mail.from', 'mail.transport', 'mail.sendmail', 'notify', 'template.new', 'template.reply', 'template.wait', 'template.resolve', 'template.close', 'template.reopen', 'template.cancel', 'hooks.command', 'attachments.max_size')
        'desk;config;unset --color' = @('auto', 'always', 'never')
        'desk;import --format' = @('jsonl', 'json', 'csv')
        'desk;import --color' = @('auto', 'always', 'never')
        'desk;export --format' = @('jsonl', 'json', 'csv')
        'desk;export --color' = @('auto', 'always', 'never')
        'desk;ingest --color' = @('auto', 'always', 'never')
        'desk;ingest;mail --color' = @('auto', 'always', 'never')
        'desk;completions' = @('bash', 'elvish', 'fish', 'powershell', 'zsh')
        'desk;completions --color' = @('auto', 'always', 'never')
        'desk;man --color' = @('auto', 'always', 'never')
        'desk;db --color' = @('auto', 'always', 'never')
        'desk;db;status --format' = @('table', 'json')
        'desk;db;status --color' = @('auto', 'always', 'never')
        'desk;db;check --color' = @('auto', 'always', 'never')
        'desk;db;backup --color' = @('auto', 'always', 'never')
        'desk;db;migrate --color' = @('auto', 'always', 'never')
        'desk;db;grant --color' = @('auto', 'always', 'never')
        'desk;reply --color' = @('auto', 'always', 'never')
        'desk;attach --color' = @('auto', 'always', 'never')
        'desk;attachment --color' = @('auto', 'always', 'never')
        'desk;attachment;save --color' = @('auto', 'always', 'never')
        'desk;outbox --state' = @('queued', 'failed', 'sent')
        'desk;outbox --format' = @('table', 'tsv', 'csv', 'json', 'jsonl')
        'desk;outbox --color' = @('auto', 'always', 'never')
        'desk;outbox;send --color' = @('auto', 'always', 'never')
        'desk;org --color' = @('auto', 'always', 'never')
        'desk;org;new --color' = @('auto', 'always', 'never')
        'desk;org;list --format' = @('table', 'tsv', 'csv', 'json', 'jsonl')
        'desk;org;list --color' = @('auto', 'always', 'never')
        'desk;org;show --format' = @('text', 'json')
        'desk;org;show --color' = @('auto', 'always', 'never')
        'desk;org;edit --color' = @('auto', 'always', 'never')
    }
    $last = if ($wordToComplete) { $commandElements.Count - 2 } else { $commandElements.Count - 1 }
    $previous = if ($last -ge 1) { $commandElements[$last].Extent.Text } else { '' }
    $path = $command
    while (-not $offered.ContainsKey("$path $previous") -and -not $offered.ContainsKey($path) -and $path.Contains(';')) {
        $path = $path.Substring(0, $path.LastIndexOf(';'))
    }
    $words = @(if ($offered.ContainsKey("$path $previous")) { $offered["$path $previous"] } elseif ($offered.ContainsKey($path)) { $offered[$path] })
    $offeredResults = @($words | ForEach-Object { [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, $_) })
    if ($offered.ContainsKey("$path $previous")) {
        $completions = $offeredResults
    } else {
        $completions = @($completions) + $offeredResults
    }

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
