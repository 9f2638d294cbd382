
use builtin;
use str;

set edit:completion:arg-completer[desk] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'desk'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'desk'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Record a new ticket: a hallway request, a call, an alert'
            cand list 'The queue: tickets filtered and in SLA order'
            cand show 'Everything about one ticket: fields, history, comments, time log, links'
            cand assign 'Give tickets to someone (default: yourself); "--to -" unassigns'
            cand escalate 'Hand tickets to the next tier (2: specialists, 3: vendor or developers)'
            cand resolve 'Mark tickets fixed; the customer verifies (closed after the verification window)'
            cand close 'Close resolved tickets (the customer confirmed the fix)'
            cand reopen 'Reopen a resolved or closed ticket: the fix did not hold (back to its assignee)'
            cand cancel 'Cancel a ticket that needs no work: a duplicate, a mistake, withdrawn'
            cand wait 'Wait on the customer or a third party: the resolution clock stops'
            cand resume 'Stop waiting: the customer answered, work goes on'
            cand comment 'Add a comment; a public one counts as the desk''s response'
            cand edit 'Change a ticket''s fields'
            cand log 'Log time spent on a ticket'
            cand sla 'Explain a ticket''s SLA, stretch by stretch'
            cand link 'Link two tickets: related, duplicate (ID duplicates OTHER), parent (OTHER is ID''s parent)'
            cand kb 'The knowledge base: instructions so tier 1 solves it next time'
            cand report 'The monthly report: volumes, channels, speed, first contact, SLA, busiest hours'
            cand config 'Settings: service hours, holidays, SLA targets, windows'
            cand import 'Load tickets and articles from a file: all or nothing'
            cand export 'Write every organisation, article and ticket (with history) out'
            cand ingest 'File messages from other systems'
            cand completions 'Print a shell completion script'
            cand man 'Write man pages (desk.1 and one per command) into DIR'
            cand db 'The database itself: what it is, whether it is sound, a copy, an upgrade'
            cand reply 'Answer the requester: a public comment, mailed to the ticket''s email'
            cand attach 'Keep files on a ticket'
            cand attachment 'A ticket''s attachments: write one back to a file'
            cand outbox 'Mail and hook deliveries: what went out, what waits'
            cand org 'Customer organisations: their mail domains and their own terms'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;new'= {
            cand --kind 'incident (something broke), request (something wanted) or problem (a root cause)'
            cand -d 'The longer description; "-" reads it from stdin'
            cand --description 'The longer description; "-" reads it from stdin'
            cand --requester 'Who asked'
            cand --email 'The requester''s email'
            cand --phone 'The requester''s phone'
            cand --org 'The requester''s organisation (customer)'
            cand --location 'Where: room, floor, site'
            cand --category 'Category, e.g. printing, network, access, password'
            cand --ci 'The configuration item: the device or system concerned, e.g. PC-0423'
            cand --channel 'How the request came in'
            cand --tag 'Add a tag; repeat for more'
            cand --priority 'P1 (most urgent) to P4; else --impact × --urgency decide it (P3 when neither is given)'
            cand --impact 'How many are affected: high (everyone), medium (a group), low (one user)'
            cand --urgency 'How blocked the work is: high (blocked), medium (hampered), low (can continue)'
            cand --assign 'Assign it at once (to USER)'
            cand --resolve 'Resolved on first contact, with this solution'
            cand --dedup-key 'Monitoring''s key: an active ticket with the same key absorbs this alert instead'
            cand --format 'Output: the id alone, or the ticket as JSON'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --edit 'Write the description in $EDITOR'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;list'= {
            cand --status 'Statuses, comma-separated: new, open, waiting, resolved, closed, cancelled; "active" (new,open,waiting) or "all"'
            cand --assignee 'Assigned to USER'
            cand --priority 'Priorities, comma-separated (P1,P2)'
            cand --tier 'Tier 1, 2 or 3'
            cand --kind 'Of this kind'
            cand --category 'In this category (any letter case)'
            cand --org 'For this customer organisation (any letter case)'
            cand --requester 'Asked by NAME (any letter case)'
            cand --ci 'About this configuration item: the device or system, e.g. PC-0423 (any letter case)'
            cand --channel 'Came in through this channel'
            cand --tag 'Has this tag (letter case aside)'
            cand --due-within 'Due within DURATION of service time (e.g. 2h), as the SLA counts it; overdue ones included'
            cand --since 'Created on or after DATE'
            cand --until 'Created before DATE'
            cand --search 'Full text over titles, descriptions and comments; any language, case- and diacritics-insensitive, prefixes match'
            cand --sort 'Order by: due (SLA order), priority, id, created, updated, status, assignee, requester, title; prefix "-" for descending'
            cand --limit 'At most N tickets'
            cand --format 'table on a terminal, tsv otherwise'
            cand --fields 'Which fields, in this order, for every format: the JSON field names (id,status,title,...)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --mine 'Assigned to me'
            cand --unassigned 'Nobody has it'
            cand --overdue 'Past a due time (SLA breached on a running clock)'
            cand -q 'Ids only, one per line'
            cand --quiet 'Ids only, one per line'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;show'= {
            cand --format 'text for a person, or json (with events, comments, worklog and links)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;assign'= {
            cand --to 'Who gets it; "-" unassigns'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --dry-run 'Print what would change for each id (or why it would be refused), change nothing'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;escalate'= {
            cand --tier 'The tier to go to (higher than now, at most 3); default: one up'
            cand --to 'Who in that tier takes it'
            cand --reason 'Why'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --dry-run 'Print what would change for each id (or why it would be refused), change nothing'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;resolve'= {
            cand -s 'What fixed it'
            cand --solution 'What fixed it'
            cand --kb 'The knowledge-base article that solved it'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --kb-new 'Write a knowledge-base article from the title and solution, and link it'
            cand --dry-run 'Print what would change for each id (or why it would be refused), change nothing'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;close'= {
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --dry-run 'Print what would change for each id (or why it would be refused), change nothing'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;reopen'= {
            cand --reason 'Why'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --dry-run 'Print what would change for each id (or why it would be refused), change nothing'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;cancel'= {
            cand --reason 'Why'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --dry-run 'Print what would change for each id (or why it would be refused), change nothing'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;wait'= {
            cand --reason 'Why'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --dry-run 'Print what would change for each id (or why it would be refused), change nothing'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;resume'= {
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --dry-run 'Print what would change for each id (or why it would be refused), change nothing'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;comment'= {
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --internal 'Internal note, not shown to the customer (not a response)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;edit'= {
            cand --title 'The new title'
            cand --kind 'incident (something broke), request (something wanted) or problem (a root cause)'
            cand -d 'The longer description; "-" reads it from stdin'
            cand --description 'The longer description; "-" reads it from stdin'
            cand --requester 'Who asked'
            cand --email 'The requester''s email'
            cand --phone 'The requester''s phone'
            cand --org 'The requester''s organisation (customer)'
            cand --location 'Where: room, floor, site'
            cand --category 'Category, e.g. printing, network, access, password'
            cand --ci 'The configuration item: the device or system concerned, e.g. PC-0423'
            cand --channel 'How the request came in'
            cand --tag 'Add a tag; repeat for more'
            cand --priority 'P1 (most urgent) to P4; else --impact × --urgency decide it (P3 when neither is given)'
            cand --impact 'How many are affected: high (everyone), medium (a group), low (one user)'
            cand --urgency 'How blocked the work is: high (blocked), medium (hampered), low (can continue)'
            cand --untag 'Remove a tag; repeat for more'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --edit 'Edit the title and description in $EDITOR'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;log'= {
            cand --note 'What the time went on'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;sla'= {
            cand --format 'text for a person, or json'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;link'= {
            cand --kind 'related, duplicate (ID duplicates OTHER) or parent (OTHER is ID''s parent)'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;kb'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Write a new article'
            cand list 'List the articles'
            cand show 'Show one article'
            cand edit 'Change an article (in $EDITOR unless fields are given)'
            cand search 'Search the articles, best first (any language, with or without diacritics)'
            cand suggest 'Articles likely to solve a ticket'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;kb;new'= {
            cand --body 'The body; "-" reads it from stdin'
            cand --tag 'A tag; repeat for more'
            cand --category 'A category, e.g. printing, network, password'
            cand --from-ticket 'Prefill from a resolved ticket (title, solution, category); the ticket is linked to the article when it has none yet'
            cand --format 'Output: the id alone, or the article as JSON'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --edit 'Write it in $EDITOR: the first line is the title, the rest the body'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;kb;list'= {
            cand --category 'Only this category (case-insensitive)'
            cand --tag 'Only articles with this tag (letter case aside)'
            cand --limit 'At most N articles'
            cand --format 'table on a terminal, tsv otherwise'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand -q 'Ids only, one per line'
            cand --quiet 'Ids only, one per line'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;kb;show'= {
            cand --format 'text for a person, or json'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;kb;edit'= {
            cand --title 'The new title'
            cand --body 'The new body; "-" reads it from stdin'
            cand --category 'The new category; "" clears it'
            cand --tag 'Add a tag; repeat for more'
            cand --untag 'Remove a tag; repeat for more'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;kb;search'= {
            cand --limit 'At most N results'
            cand --format 'table on a terminal, tsv otherwise'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand -q 'Ids only, one per line'
            cand --quiet 'Ids only, one per line'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;kb;suggest'= {
            cand --limit 'At most N articles'
            cand --format 'table on a terminal, tsv otherwise'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand -q 'Ids only, one per line'
            cand --quiet 'Ids only, one per line'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;kb;help'= {
            cand new 'Write a new article'
            cand list 'List the articles'
            cand show 'Show one article'
            cand edit 'Change an article (in $EDITOR unless fields are given)'
            cand search 'Search the articles, best first (any language, with or without diacritics)'
            cand suggest 'Articles likely to solve a ticket'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;kb;help;new'= {
        }
        &'desk;kb;help;list'= {
        }
        &'desk;kb;help;show'= {
        }
        &'desk;kb;help;edit'= {
        }
        &'desk;kb;help;search'= {
        }
        &'desk;kb;help;suggest'= {
        }
        &'desk;kb;help;help'= {
        }
        &'desk;report'= {
            cand --month 'YYYY-MM, "this" or "last" (default)'
            cand --from 'First day of the period (YYYY-MM-DD)'
            cand --to 'The day after the period (YYYY-MM-DD, exclusive)'
            cand --org 'Only this customer organisation (matched as `list --org` does): its tickets, their events and time log. Knowledge-base articles are shared, so `kb.articles_created` counts the whole desk''s'
            cand --format 'Output format'
            cand -o 'Write the report to FILE instead of stdout, replacing FILE only once the whole report is written'
            cand --output 'Write the report to FILE instead of stdout, replacing FILE only once the whole report is written'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --compare 'Add the previous period''s whole report: to the JSON as `previous`, to the CSV as a `previous` column (table, markdown and HTML always show its headline figures)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;config'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'Every setting, with defaults and overrides apart'
            cand get 'One setting''s value'
            cand set 'Change a setting (validated)'
            cand unset 'Back to the default (with --org: the desk''s value; `timezone` stays set)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;config;list'= {
            cand --format 'table on a terminal, tsv otherwise'
            cand --org 'The terms of this registered organisation: its own values and the desk''s where it has none'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;config;get'= {
            cand --org 'The value in force for this registered organisation''s tickets'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;config;set'= {
            cand --org 'For this registered organisation alone (hours, holidays and sla.* only)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;config;unset'= {
            cand --org 'For this registered organisation alone'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;config;help'= {
            cand list 'Every setting, with defaults and overrides apart'
            cand get 'One setting''s value'
            cand set 'Change a setting (validated)'
            cand unset 'Back to the default (with --org: the desk''s value; `timezone` stays set)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;config;help;list'= {
        }
        &'desk;config;help;get'= {
        }
        &'desk;config;help;set'= {
        }
        &'desk;config;help;unset'= {
        }
        &'desk;config;help;help'= {
        }
        &'desk;import'= {
            cand --format 'The file''s format (default: from its extension)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;export'= {
            cand --format 'jsonl (one object a line), json (one array) or csv (tickets only)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;ingest'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand mail 'File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;ingest;mail'= {
            cand --org 'Organisation to record for new tickets (default: the registered organisation whose domain, or a parent domain, the sender''s address is in)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;ingest;help'= {
            cand mail 'File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;ingest;help;mail'= {
        }
        &'desk;ingest;help;help'= {
        }
        &'desk;completions'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;man'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;db'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Engine, location, schema version, time zone and how many of each record'
            cand check 'Check the file, the references between records and the search indexes'
            cand backup 'A consistent copy of the database, taken while others work (SQLite''s online backup)'
            cand migrate 'Upgrade the database''s schema to this desk''s (a copy of the file is kept first)'
            cand grant 'Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;db;status'= {
            cand --format 'Output format: a table for people, JSON for scripts'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;db;check'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;db;backup'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --force 'Replace FILE if it exists (only ever with a complete copy)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;db;migrate'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;db;grant'= {
            cand --org 'Only this registered organisation''s tickets (repeatable)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --agent 'Read, write and append history'
            cand --reader 'Read and report only'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;db;help'= {
            cand status 'Engine, location, schema version, time zone and how many of each record'
            cand check 'Check the file, the references between records and the search indexes'
            cand backup 'A consistent copy of the database, taken while others work (SQLite''s online backup)'
            cand migrate 'Upgrade the database''s schema to this desk''s (a copy of the file is kept first)'
            cand grant 'Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;db;help;status'= {
        }
        &'desk;db;help;check'= {
        }
        &'desk;db;help;backup'= {
        }
        &'desk;db;help;migrate'= {
        }
        &'desk;db;help;grant'= {
        }
        &'desk;db;help;help'= {
        }
        &'desk;reply'= {
            cand --attach 'A file to send with the answer (kept on the ticket too); repeatable'
            cand --at 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk''s zone. Not in the future, not before the ticket existed'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --edit 'Write the answer in $EDITOR'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;attach'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;attachment'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand save 'Write an attachment back to a file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;attachment;save'= {
            cand -o 'Where to write it ("-" for stdout; a folder writes the cleaned name inside it)'
            cand --output 'Where to write it ("-" for stdout; a folder writes the cleaned name inside it)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;attachment;help'= {
            cand save 'Write an attachment back to a file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;attachment;help;save'= {
        }
        &'desk;attachment;help;help'= {
        }
        &'desk;outbox'= {
            cand --state 'Only deliveries in this state'
            cand --format 'Output format [default: table on a terminal, tsv otherwise]'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand send 'Deliver what is queued or failed, now'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;outbox;send'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;outbox;help'= {
            cand send 'Deliver what is queued or failed, now'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;outbox;help;send'= {
        }
        &'desk;outbox;help;help'= {
        }
        &'desk;org'= {
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Register a customer organisation, with its mail domains'
            cand list 'The registered organisations, with their domains, terms and tickets'
            cand show 'One organisation: its domains, its own terms and how many tickets it has'
            cand edit 'Rename an organisation or change its mail domains'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;org;new'= {
            cand --domain 'A mail domain of its own (repeatable), e.g. kaupunki.fi'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;org;list'= {
            cand --format 'table on a terminal, tsv otherwise'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;org;show'= {
            cand --format 'text, or json (`name`, `domains`, `settings`, `tickets`)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;org;edit'= {
            cand --rename 'Its new name'
            cand --domain 'A mail domain to add (repeatable)'
            cand --no-domain 'A mail domain to remove (repeatable)'
            cand --db 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]'
            cand --user 'Who acts; recorded on every event [env: DESK_USER; default: the login name]'
            cand --color 'When to use colour (auto: on a terminal, unless NO_COLOR is set)'
            cand --no-notify 'Mail nobody about this command''s changes (hooks still run)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'desk;org;help'= {
            cand new 'Register a customer organisation, with its mail domains'
            cand list 'The registered organisations, with their domains, terms and tickets'
            cand show 'One organisation: its domains, its own terms and how many tickets it has'
            cand edit 'Rename an organisation or change its mail domains'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;org;help;new'= {
        }
        &'desk;org;help;list'= {
        }
        &'desk;org;help;show'= {
        }
        &'desk;org;help;edit'= {
        }
        &'desk;org;help;help'= {
        }
        &'desk;help'= {
            cand new 'Record a new ticket: a hallway request, a call, an alert'
            cand list 'The queue: tickets filtered and in SLA order'
            cand show 'Everything about one ticket: fields, history, comments, time log, links'
            cand assign 'Give tickets to someone (default: yourself); "--to -" unassigns'
            cand escalate 'Hand tickets to the next tier (2: specialists, 3: vendor or developers)'
            cand resolve 'Mark tickets fixed; the customer verifies (closed after the verification window)'
            cand close 'Close resolved tickets (the customer confirmed the fix)'
            cand reopen 'Reopen a resolved or closed ticket: the fix did not hold (back to its assignee)'
            cand cancel 'Cancel a ticket that needs no work: a duplicate, a mistake, withdrawn'
            cand wait 'Wait on the customer or a third party: the resolution clock stops'
            cand resume 'Stop waiting: the customer answered, work goes on'
            cand comment 'Add a comment; a public one counts as the desk''s response'
            cand edit 'Change a ticket''s fields'
            cand log 'Log time spent on a ticket'
            cand sla 'Explain a ticket''s SLA, stretch by stretch'
            cand link 'Link two tickets: related, duplicate (ID duplicates OTHER), parent (OTHER is ID''s parent)'
            cand kb 'The knowledge base: instructions so tier 1 solves it next time'
            cand report 'The monthly report: volumes, channels, speed, first contact, SLA, busiest hours'
            cand config 'Settings: service hours, holidays, SLA targets, windows'
            cand import 'Load tickets and articles from a file: all or nothing'
            cand export 'Write every organisation, article and ticket (with history) out'
            cand ingest 'File messages from other systems'
            cand completions 'Print a shell completion script'
            cand man 'Write man pages (desk.1 and one per command) into DIR'
            cand db 'The database itself: what it is, whether it is sound, a copy, an upgrade'
            cand reply 'Answer the requester: a public comment, mailed to the ticket''s email'
            cand attach 'Keep files on a ticket'
            cand attachment 'A ticket''s attachments: write one back to a file'
            cand outbox 'Mail and hook deliveries: what went out, what waits'
            cand org 'Customer organisations: their mail domains and their own terms'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;help;new'= {
        }
        &'desk;help;list'= {
        }
        &'desk;help;show'= {
        }
        &'desk;help;assign'= {
        }
        &'desk;help;escalate'= {
        }
        &'desk;help;resolve'= {
        }
        &'desk;help;close'= {
        }
        &'desk;help;reopen'= {
        }
        &'desk;help;cancel'= {
        }
        &'desk;help;wait'= {
        }
        &'desk;help;resume'= {
        }
        &'desk;help;comment'= {
        }
        &'desk;help;edit'= {
        }
        &'desk;help;log'= {
        }
        &'desk;help;sla'= {
        }
        &'desk;help;link'= {
        }
        &'desk;help;kb'= {
            cand new 'Write a new article'
            cand list 'List the articles'
            cand show 'Show one article'
            cand edit 'Change an article (in $EDITOR unless fields are given)'
            cand search 'Search the articles, best first (any language, with or without diacritics)'
            cand suggest 'Articles likely to solve a ticket'
        }
        &'desk;help;kb;new'= {
        }
        &'desk;help;kb;list'= {
        }
        &'desk;help;kb;show'= {
        }
        &'desk;help;kb;edit'= {
        }
        &'desk;help;kb;search'= {
        }
        &'desk;help;kb;suggest'= {
        }
        &'desk;help;report'= {
        }
        &'desk;help;config'= {
            cand list 'Every setting, with defaults and overrides apart'
            cand get 'One setting''s value'
            cand set 'Change a setting (validated)'
            cand unset 'Back to the default (with --org: the desk''s value; `timezone` stays set)'
        }
        &'desk;help;config;list'= {
        }
        &'desk;help;config;get'= {
        }
        &'desk;help;config;set'= {
        }
        &'desk;help;config;unset'= {
        }
        &'desk;help;import'= {
        }
        &'desk;help;export'= {
        }
        &'desk;help;ingest'= {
            cand mail 'File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers'
        }
        &'desk;help;ingest;mail'= {
        }
        &'desk;help;completions'= {
        }
        &'desk;help;man'= {
        }
        &'desk;help;db'= {
            cand status 'Engine, location, schema version, time zone and how many of each record'
            cand check 'Check the file, the references between records and the search indexes'
            cand backup 'A consistent copy of the database, taken while others work (SQLite''s online backup)'
            cand migrate 'Upgrade the database''s schema to this desk''s (a copy of the file is kept first)'
            cand grant 'Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)'
        }
        &'desk;help;db;status'= {
        }
        &'desk;help;db;check'= {
        }
        &'desk;help;db;backup'= {
        }
        &'desk;help;db;migrate'= {
        }
        &'desk;help;db;grant'= {
        }
        &'desk;help;reply'= {
        }
        &'desk;help;attach'= {
        }
        &'desk;help;attachment'= {
            cand save 'Write an attachment back to a file'
        }
        &'desk;help;attachment;save'= {
        }
        &'desk;help;outbox'= {
            cand send 'Deliver what is queued or failed, now'
        }
        &'desk;help;outbox;send'= {
        }
        &'desk;help;org'= {
            cand new 'Register a customer organisation, with its mail domains'
            cand list 'The registered organisations, with their domains, terms and tickets'
            cand show 'One organisation: its domains, its own terms and how many tickets it has'
            cand edit 'Rename an organisation or change its mail domains'
        }
        &'desk;help;org;new'= {
        }
        &'desk;help;org;list'= {
        }
        &'desk;help;org;show'= {
        }
        &'desk;help;org;edit'= {
        }
        &'desk;help;help'= {
        }
    ]
    var offered = [
        &'desk --color'= ['auto' 'always' 'never']
        &'desk;new --kind'= ['incident' 'request' 'problem']
        &'desk;new --channel'= ['phone' 'email' 'walk-in' 'portal' 'chat' 'monitoring']
        &'desk;new --priority'= ['P1' 'P2' 'P3' 'P4']
        &'desk;new --impact'= ['high' 'medium' 'low']
        &'desk;new --urgency'= ['high' 'medium' 'low']
        &'desk;new --format'= ['id' 'json']
        &'desk;new --color'= ['auto' 'always' 'never']
        &'desk;list --status'= ['active' 'all' 'new' 'open' 'waiting' 'resolved' 'closed' 'cancelled']
        &'desk;list --priority'= ['P1' 'P2' 'P3' 'P4']
        &'desk;list --tier'= ['1' '2' '3']
        &'desk;list --kind'= ['incident' 'request' 'problem']
        &'desk;list --channel'= ['phone' 'email' 'walk-in' 'portal' 'chat' 'monitoring']
        &'desk;list --sort'= ['due' 'priority' 'id' 'created' 'updated' 'status' 'assignee' 'requester' 'title']
        &'desk;list --format'= ['table' 'tsv' 'csv' 'json' 'jsonl']
        &'desk;list --color'= ['auto' 'always' 'never']
        &'desk;show --format'= ['text' 'json']
        &'desk;show --color'= ['auto' 'always' 'never']
        &'desk;assign --color'= ['auto' 'always' 'never']
        &'desk;escalate --tier'= ['1' '2' '3']
        &'desk;escalate --color'= ['auto' 'always' 'never']
        &'desk;resolve --color'= ['auto' 'always' 'never']
        &'desk;close --color'= ['auto' 'always' 'never']
        &'desk;reopen --color'= ['auto' 'always' 'never']
        &'desk;cancel --color'= ['auto' 'always' 'never']
        &'desk;wait --color'= ['auto' 'always' 'never']
        &'desk;resume --color'= ['auto' 'always' 'never']
        &'desk;comment --color'= ['auto' 'always' 'never']
        &'desk;edit --kind'= ['incident' 'request' 'problem']
        &'desk;edit --channel'= ['phone' 'email' 'walk-in' 'portal' 'chat' 'monitoring']
        &'desk;edit --priority'= ['P1' 'P2' 'P3' 'P4']
        &'desk;edit --impact'= ['high' 'medium' 'low']
        &'desk;edit --urgency'= ['high' 'medium' 'low']
        &'desk;edit --color'= ['auto' 'always' 'never']
        &'desk;log --color'= ['auto' 'always' 'never']
        &'desk;sla --format'= ['text' 'json']
        &'desk;sla --color'= ['auto' 'always' 'never']
        &'desk;link --kind'= ['related' 'duplicate' 'parent']
        &'desk;link --color'= ['auto' 'always' 'never']
        &'desk;kb --color'= ['auto' 'always' 'never']
        &'desk;kb;new --format'= ['id' 'json']
        &'desk;kb;new --color'= ['auto' 'always' 'never']
        &'desk;kb;list --format'= ['table' 'tsv' 'csv' 'json' 'jsonl']
        &'desk;kb;list --color'= ['auto' 'always' 'never']
        &'desk;kb;show --format'= ['text' 'json']
        &'desk;kb;show --color'= ['auto' 'always' 'never']
        &'desk;kb;edit --color'= ['auto' 'always' 'never']
        &'desk;kb;search --format'= ['table' 'tsv' 'csv' 'json' 'jsonl']
        &'desk;kb;search --color'= ['auto' 'always' 'never']
        &'desk;kb;suggest --format'= ['table' 'tsv' 'csv' 'json' 'jsonl']
        &'desk;kb;suggest --color'= ['auto' 'always' 'never']
        &'desk;report --month'= ['this' 'last']
        &'desk;report --format'= ['table' 'markdown' 'json' 'csv' 'html']
        &'desk;report --color'= ['auto' 'always' 'never']
        &'desk;config --color'= ['auto' 'always' 'never']
        &'desk;config;list --format'= ['table' 'tsv' 'csv' 'json' 'jsonl']
        &'desk;config;list --color'= ['auto' 'always' 'never']
        &'desk;config;get'= ['hours' 'holidays' 'sla.P1.response' 'sla.P1.resolve' 'sla.P1.hours' 'sla.P2.response' 'sla.P2.resolve' 'sla.P2.hours' 'sla.P3.response' 'sla.P3.resolve' 'sla.P3.hours' 'sla.P4.response' 'sla.P4.resolve' 'sla.P4.hours' 'verify_window' 'fcr_window' 'timezone' 'mail.from' 'mail.transport' 'mail.sendmail' 'notify' 'template.new' 'template.reply' 'template.wait' 'template.resolve' 'template.close' 'template.reopen' 'template.cancel' 'hooks.command' 'attachments.max_size']
        &'desk;config;get --color'= ['auto' 'always' 'never']
        &'desk;config;set'= ['hours' 'holidays' 'sla.P1.response' 'sla.P1.resolve' 'sla.P1.hours' 'sla.P2.response' 'sla.P2.resolve' 'sla.P2.hours' 'sla.P3.response' 'sla.P3.resolve' 'sla.P3.hours' 'sla.P4.response' 'sla.P4.resolve' 'sla.P4.hours' 'verify_window' 'fcr_window' 'timezone' 'mail.from' 'mail.transport' 'mail.sendmail' 'notify' 'template.new' 'template.reply' 'template.wait' 'template.resolve' 'template.close' 'template.reopen' 'template.cancel' 'hooks.command' 'attachments.max_size']
        &'desk;config;set --color'= ['auto' 'always' 'never']
        &'desk;config;unset'= ['hours' 'holidays' 'sla.P1.response' 'sla.P1.resolve' 'sla.P1.hours' 'sla.P2.response' 'sla.P2.resolve' 'sla.P2.hours' 'sla.P3.response' 'sla.P3.resolve' 'sla.P3.hours' 'sla.P4.response' 'sla.P4.resolve' 'sla.P4.hours' 'verify_window' 'fcr_window' 'timezone' 'mail.from' 'mail.transport' 'mail.sendmail' 'notify' 'template.new' 'template.reply' 'template.wait' 'template.resolve' 'template.close' 'template.reopen' 'template.cancel' 'hooks.command' 'attachments.max_size']
        &'desk;config;unset --color'= ['auto' 'always' 'never']
        &'desk;import --format'= ['jsonl' 'json' 'csv']
        &'desk;import --color'= ['auto' 'always' 'never']
        &'desk;export --format'= ['jsonl' 'json' 'csv']
        &'desk;export --color'= ['auto' 'always' 'never']
        &'desk;ingest --color'= ['auto' 'always' 'never']
        &'desk;ingest;mail --color'= ['auto' 'always' 'never']
        &'desk;completions'= ['bash' 'elvish' 'fish' 'powershell' 'zsh']
        &'desk;completions --color'= ['auto' 'always' 'never']
        &'desk;man --color'= ['auto' 'always' 'never']
        &'desk;db --color'= ['auto' 'always' 'never']
        &'desk;db;status --format'= ['table' 'json']
        &'desk;db;status --color'= ['auto' 'always' 'never']
        &'desk;db;check --color'= ['auto' 'always' 'never']
        &'desk;db;backup --color'= ['auto' 'always' 'never']
        &'desk;db;migrate --color'= ['auto' 'always' 'never']
        &'desk;db;grant --color'= ['auto' 'always' 'never']
        &'desk;reply --color'= ['auto' 'always' 'never']
        &'desk;attach --color'= ['auto' 'always' 'never']
        &'desk;attachment --color'= ['auto' 'always' 'never']
        &'desk;attachment;save --color'= ['auto' 'always' 'never']
        &'desk;outbox --state'= ['queued' 'failed' 'sent']
        &'desk;outbox --format'= ['table' 'tsv' 'csv' 'json' 'jsonl']
        &'desk;outbox --color'= ['auto' 'always' 'never']
        &'desk;outbox;send --color'= ['auto' 'always' 'never']
        &'desk;org --color'= ['auto' 'always' 'never']
        &'desk;org;new --color'= ['auto' 'always' 'never']
        &'desk;org;list --format'= ['table' 'tsv' 'csv' 'json' 'jsonl']
        &'desk;org;list --color'= ['auto' 'always' 'never']
        &'desk;org;show --format'= ['text' 'json']
        &'desk;org;show --color'= ['auto' 'always' 'never']
        &'desk;org;edit --color'= ['auto' 'always' 'never']
    ]
    while (and (not (has-key $completions $command)) (str:contains $command ';')) {
        var parts = [(str:split ';' $command)]
        set command = (str:join ';' $parts[0..-1])
    }
    var previous = $words[-2]
    if (has-key $offered $command' '$previous) {
        for w $offered[$command' '$previous] { edit:complex-candidate $w }
    } else {
        $completions[$command]
        if (has-key $offered $command) {
            for w $offered[$command] { edit:complex-candidate $w }
        }
    }
}
