# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_desk_global_optspecs
    string join \n db= user= color= no-notify h/help V/version
end

function __fish_desk_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_desk_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_desk_using_subcommand
    set -l cmd (__fish_desk_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c desk -n "__fish_desk_needs_command" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_needs_command" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_needs_command" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_needs_command" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_needs_command" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_needs_command" -f -a "new" -d 'Record a new ticket: a hallway request, a call, an alert'
complete -c desk -n "__fish_desk_needs_command" -f -a "list" -d 'The queue: tickets filtered and in SLA order'
complete -c desk -n "__fish_desk_needs_command" -f -a "show" -d 'Everything about one ticket: fields, history, comments, time log, links'
complete -c desk -n "__fish_desk_needs_command" -f -a "assign" -d 'Give tickets to someone (default: yourself); "--to -" unassigns'
complete -c desk -n "__fish_desk_needs_command" -f -a "escalate" -d 'Hand tickets to the next tier (2: specialists, 3: vendor or developers)'
complete -c desk -n "__fish_desk_needs_command" -f -a "resolve" -d 'Mark tickets fixed; the customer verifies (closed after the verification window)'
complete -c desk -n "__fish_desk_needs_command" -f -a "close" -d 'Close resolved tickets (the customer confirmed the fix)'
complete -c desk -n "__fish_desk_needs_command" -f -a "reopen" -d 'Reopen a resolved or closed ticket: the fix did not hold (back to its assignee)'
complete -c desk -n "__fish_desk_needs_command" -f -a "cancel" -d 'Cancel a ticket that needs no work: a duplicate, a mistake, withdrawn'
complete -c desk -n "__fish_desk_needs_command" -f -a "wait" -d 'Wait on the customer or a third party: the resolution clock stops'
complete -c desk -n "__fish_desk_needs_command" -f -a "resume" -d 'Stop waiting: the customer answered, work goes on'
complete -c desk -n "__fish_desk_needs_command" -f -a "comment" -d 'Add a comment; a public one counts as the desk\'s response'
complete -c desk -n "__fish_desk_needs_command" -f -a "edit" -d 'Change a ticket\'s fields'
complete -c desk -n "__fish_desk_needs_command" -f -a "log" -d 'Log time spent on a ticket'
complete -c desk -n "__fish_desk_needs_command" -f -a "sla" -d 'Explain a ticket\'s SLA, stretch by stretch'
complete -c desk -n "__fish_desk_needs_command" -f -a "link" -d 'Link two tickets: related, duplicate (ID duplicates OTHER), parent (OTHER is ID\'s parent)'
complete -c desk -n "__fish_desk_needs_command" -f -a "kb" -d 'The knowledge base: instructions so tier 1 solves it next time'
complete -c desk -n "__fish_desk_needs_command" -f -a "report" -d 'The monthly report: volumes, channels, speed, first contact, SLA, busiest hours'
complete -c desk -n "__fish_desk_needs_command" -f -a "config" -d 'Settings: service hours, holidays, SLA targets, windows'
complete -c desk -n "__fish_desk_needs_command" -f -a "import" -d 'Load tickets and articles from a file: all or nothing'
complete -c desk -n "__fish_desk_needs_command" -f -a "export" -d 'Write every organisation, article and ticket (with history) out'
complete -c desk -n "__fish_desk_needs_command" -f -a "ingest" -d 'File messages from other systems'
complete -c desk -n "__fish_desk_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c desk -n "__fish_desk_needs_command" -f -a "man" -d 'Write man pages (desk.1 and one per command) into DIR'
complete -c desk -n "__fish_desk_needs_command" -f -a "db" -d 'The database itself: what it is, whether it is sound, a copy, an upgrade'
complete -c desk -n "__fish_desk_needs_command" -f -a "reply" -d 'Answer the requester: a public comment, mailed to the ticket\'s email'
complete -c desk -n "__fish_desk_needs_command" -f -a "attach" -d 'Keep files on a ticket'
complete -c desk -n "__fish_desk_needs_command" -f -a "attachment" -d 'A ticket\'s attachments: write one back to a file'
complete -c desk -n "__fish_desk_needs_command" -f -a "outbox" -d 'Mail and hook deliveries: what went out, what waits'
complete -c desk -n "__fish_desk_needs_command" -f -a "org" -d 'Customer organisations: their mail domains and their own terms'
complete -c desk -n "__fish_desk_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand new" -l kind -d 'incident (something broke), request (something wanted) or problem (a root cause)' -r -f -a "incident\t''
request\t''
problem\t''"
complete -c desk -n "__fish_desk_using_subcommand new" -s d -l description -d 'The longer description; "-" reads it from stdin' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l requester -d 'Who asked' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l email -d 'The requester\'s email' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l phone -d 'The requester\'s phone' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l org -d 'The requester\'s organisation (customer)' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l location -d 'Where: room, floor, site' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l category -d 'Category, e.g. printing, network, access, password' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l ci -d 'The configuration item: the device or system concerned, e.g. PC-0423' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l channel -d 'How the request came in' -r -f -a "phone\t''
email\t''
walk-in\t''
portal\t''
chat\t''
monitoring\t''"
complete -c desk -n "__fish_desk_using_subcommand new" -l tag -d 'Add a tag; repeat for more' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l priority -d 'P1 (most urgent) to P4; else --impact × --urgency decide it (P3 when neither is given)' -r -f -a "P1\t''
P2\t''
P3\t''
P4\t''"
complete -c desk -n "__fish_desk_using_subcommand new" -l impact -d 'How many are affected: high (everyone), medium (a group), low (one user)' -r -f -a "high\t''
medium\t''
low\t''"
complete -c desk -n "__fish_desk_using_subcommand new" -l urgency -d 'How blocked the work is: high (blocked), medium (hampered), low (can continue)' -r -f -a "high\t''
medium\t''
low\t''"
complete -c desk -n "__fish_desk_using_subcommand new" -l assign -d 'Assign it at once (to USER)' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l resolve -d 'Resolved on first contact, with this solution' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l dedup-key -d 'Monitoring\'s key: an active ticket with the same key absorbs this alert instead' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l format -d 'Output: the id alone, or the ticket as JSON' -r -f -a "id\t''
json\t''"
complete -c desk -n "__fish_desk_using_subcommand new" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand new" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand new" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand new" -l edit -d 'Write the description in $EDITOR'
complete -c desk -n "__fish_desk_using_subcommand new" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand new" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand new" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand list" -l status -d 'Statuses, comma-separated: new, open, waiting, resolved, closed, cancelled; "active" (new,open,waiting) or "all"' -r -f -a "active\t''
all\t''
new\t''
open\t''
waiting\t''
resolved\t''
closed\t''
cancelled\t''"
complete -c desk -n "__fish_desk_using_subcommand list" -l assignee -d 'Assigned to USER' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l priority -d 'Priorities, comma-separated (P1,P2)' -r -f -a "P1\t''
P2\t''
P3\t''
P4\t''"
complete -c desk -n "__fish_desk_using_subcommand list" -l tier -d 'Tier 1, 2 or 3' -r -f -a "1\t''
2\t''
3\t''"
complete -c desk -n "__fish_desk_using_subcommand list" -l kind -d 'Of this kind' -r -f -a "incident\t''
request\t''
problem\t''"
complete -c desk -n "__fish_desk_using_subcommand list" -l category -d 'In this category (any letter case)' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l org -d 'For this customer organisation (any letter case)' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l requester -d 'Asked by NAME (any letter case)' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l ci -d 'About this configuration item: the device or system, e.g. PC-0423 (any letter case)' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l channel -d 'Came in through this channel' -r -f -a "phone\t''
email\t''
walk-in\t''
portal\t''
chat\t''
monitoring\t''"
complete -c desk -n "__fish_desk_using_subcommand list" -l tag -d 'Has this tag (letter case aside)' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l due-within -d 'Due within DURATION of service time (e.g. 2h), as the SLA counts it; overdue ones included' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l since -d 'Created on or after DATE' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l until -d 'Created before DATE' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l search -d 'Full text over titles, descriptions and comments; any language, case- and diacritics-insensitive, prefixes match' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l sort -d 'Order by: due (SLA order), priority, id, created, updated, status, assignee, requester, title; prefix "-" for descending' -r -f -a "due\t''
priority\t''
id\t''
created\t''
updated\t''
status\t''
assignee\t''
requester\t''
title\t''"
complete -c desk -n "__fish_desk_using_subcommand list" -l limit -d 'At most N tickets' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l format -d 'table on a terminal, tsv otherwise' -r -f -a "table\t''
tsv\t''
csv\t''
json\t''
jsonl\t''"
complete -c desk -n "__fish_desk_using_subcommand list" -l fields -d 'Which fields, in this order, for every format: the JSON field names (id,status,title,...)' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand list" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand list" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand list" -l mine -d 'Assigned to me'
complete -c desk -n "__fish_desk_using_subcommand list" -l unassigned -d 'Nobody has it'
complete -c desk -n "__fish_desk_using_subcommand list" -l overdue -d 'Past a due time (SLA breached on a running clock)'
complete -c desk -n "__fish_desk_using_subcommand list" -s q -l quiet -d 'Ids only, one per line'
complete -c desk -n "__fish_desk_using_subcommand list" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand list" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand show" -l format -d 'text for a person, or json (with events, comments, worklog and links)' -r -f -a "text\t''
json\t''"
complete -c desk -n "__fish_desk_using_subcommand show" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand show" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand show" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand show" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand show" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand show" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand assign" -l to -d 'Who gets it; "-" unassigns' -r -f
complete -c desk -n "__fish_desk_using_subcommand assign" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand assign" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand assign" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand assign" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand assign" -l dry-run -d 'Print what would change for each id (or why it would be refused), change nothing'
complete -c desk -n "__fish_desk_using_subcommand assign" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand assign" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand assign" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand escalate" -l tier -d 'The tier to go to (higher than now, at most 3); default: one up' -r -f -a "1\t''
2\t''
3\t''"
complete -c desk -n "__fish_desk_using_subcommand escalate" -l to -d 'Who in that tier takes it' -r -f
complete -c desk -n "__fish_desk_using_subcommand escalate" -l reason -d 'Why' -r -f
complete -c desk -n "__fish_desk_using_subcommand escalate" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand escalate" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand escalate" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand escalate" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand escalate" -l dry-run -d 'Print what would change for each id (or why it would be refused), change nothing'
complete -c desk -n "__fish_desk_using_subcommand escalate" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand escalate" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand escalate" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand resolve" -s s -l solution -d 'What fixed it' -r -f
complete -c desk -n "__fish_desk_using_subcommand resolve" -l kb -d 'The knowledge-base article that solved it' -r -f
complete -c desk -n "__fish_desk_using_subcommand resolve" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand resolve" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand resolve" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand resolve" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand resolve" -l kb-new -d 'Write a knowledge-base article from the title and solution, and link it'
complete -c desk -n "__fish_desk_using_subcommand resolve" -l dry-run -d 'Print what would change for each id (or why it would be refused), change nothing'
complete -c desk -n "__fish_desk_using_subcommand resolve" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand resolve" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand resolve" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand close" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand close" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand close" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand close" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand close" -l dry-run -d 'Print what would change for each id (or why it would be refused), change nothing'
complete -c desk -n "__fish_desk_using_subcommand close" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand close" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand close" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand reopen" -l reason -d 'Why' -r -f
complete -c desk -n "__fish_desk_using_subcommand reopen" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand reopen" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand reopen" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand reopen" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand reopen" -l dry-run -d 'Print what would change for each id (or why it would be refused), change nothing'
complete -c desk -n "__fish_desk_using_subcommand reopen" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand reopen" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand reopen" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand cancel" -l reason -d 'Why' -r -f
complete -c desk -n "__fish_desk_using_subcommand cancel" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand cancel" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand cancel" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand cancel" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand cancel" -l dry-run -d 'Print what would change for each id (or why it would be refused), change nothing'
complete -c desk -n "__fish_desk_using_subcommand cancel" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand cancel" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand cancel" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand wait" -l reason -d 'Why' -r -f
complete -c desk -n "__fish_desk_using_subcommand wait" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand wait" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand wait" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand wait" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand wait" -l dry-run -d 'Print what would change for each id (or why it would be refused), change nothing'
complete -c desk -n "__fish_desk_using_subcommand wait" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand wait" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand wait" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand resume" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand resume" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand resume" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand resume" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand resume" -l dry-run -d 'Print what would change for each id (or why it would be refused), change nothing'
complete -c desk -n "__fish_desk_using_subcommand resume" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand resume" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand resume" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand comment" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand comment" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand comment" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand comment" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand comment" -l internal -d 'Internal note, not shown to the customer (not a response)'
complete -c desk -n "__fish_desk_using_subcommand comment" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand comment" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand comment" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand edit" -l title -d 'The new title' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l kind -d 'incident (something broke), request (something wanted) or problem (a root cause)' -r -f -a "incident\t''
request\t''
problem\t''"
complete -c desk -n "__fish_desk_using_subcommand edit" -s d -l description -d 'The longer description; "-" reads it from stdin' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l requester -d 'Who asked' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l email -d 'The requester\'s email' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l phone -d 'The requester\'s phone' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l org -d 'The requester\'s organisation (customer)' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l location -d 'Where: room, floor, site' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l category -d 'Category, e.g. printing, network, access, password' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l ci -d 'The configuration item: the device or system concerned, e.g. PC-0423' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l channel -d 'How the request came in' -r -f -a "phone\t''
email\t''
walk-in\t''
portal\t''
chat\t''
monitoring\t''"
complete -c desk -n "__fish_desk_using_subcommand edit" -l tag -d 'Add a tag; repeat for more' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l priority -d 'P1 (most urgent) to P4; else --impact × --urgency decide it (P3 when neither is given)' -r -f -a "P1\t''
P2\t''
P3\t''
P4\t''"
complete -c desk -n "__fish_desk_using_subcommand edit" -l impact -d 'How many are affected: high (everyone), medium (a group), low (one user)' -r -f -a "high\t''
medium\t''
low\t''"
complete -c desk -n "__fish_desk_using_subcommand edit" -l urgency -d 'How blocked the work is: high (blocked), medium (hampered), low (can continue)' -r -f -a "high\t''
medium\t''
low\t''"
complete -c desk -n "__fish_desk_using_subcommand edit" -l untag -d 'Remove a tag; repeat for more' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand edit" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand edit" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand edit" -l edit -d 'Edit the title and description in $EDITOR'
complete -c desk -n "__fish_desk_using_subcommand edit" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand edit" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand edit" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand log" -l note -d 'What the time went on' -r -f
complete -c desk -n "__fish_desk_using_subcommand log" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand log" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand log" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand log" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand log" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand log" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand log" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand sla" -l format -d 'text for a person, or json' -r -f -a "text\t''
json\t''"
complete -c desk -n "__fish_desk_using_subcommand sla" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand sla" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand sla" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand sla" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand sla" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand sla" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand link" -l kind -d 'related, duplicate (ID duplicates OTHER) or parent (OTHER is ID\'s parent)' -r -f -a "related\t''
duplicate\t''
parent\t''"
complete -c desk -n "__fish_desk_using_subcommand link" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand link" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand link" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand link" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand link" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand link" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand link" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -f -a "new" -d 'Write a new article'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -f -a "list" -d 'List the articles'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -f -a "show" -d 'Show one article'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -f -a "edit" -d 'Change an article (in $EDITOR unless fields are given)'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -f -a "search" -d 'Search the articles, best first (any language, with or without diacritics)'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -f -a "suggest" -d 'Articles likely to solve a ticket'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from new list show edit search suggest help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l body -d 'The body; "-" reads it from stdin' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l tag -d 'A tag; repeat for more' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l category -d 'A category, e.g. printing, network, password' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l from-ticket -d 'Prefill from a resolved ticket (title, solution, category); the ticket is linked to the article when it has none yet' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l format -d 'Output: the id alone, or the article as JSON' -r -f -a "id\t''
json\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l edit -d 'Write it in $EDITOR: the first line is the title, the rest the body'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l category -d 'Only this category (case-insensitive)' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l tag -d 'Only articles with this tag (letter case aside)' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l limit -d 'At most N articles' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l format -d 'table on a terminal, tsv otherwise' -r -f -a "table\t''
tsv\t''
csv\t''
json\t''
jsonl\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Ids only, one per line'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l format -d 'text for a person, or json' -r -f -a "text\t''
json\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l title -d 'The new title' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l body -d 'The new body; "-" reads it from stdin' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l category -d 'The new category; "" clears it' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l tag -d 'Add a tag; repeat for more' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l untag -d 'Remove a tag; repeat for more' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l limit -d 'At most N results' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l format -d 'table on a terminal, tsv otherwise' -r -f -a "table\t''
tsv\t''
csv\t''
json\t''
jsonl\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Ids only, one per line'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from suggest" -l limit -d 'At most N articles' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from suggest" -l format -d 'table on a terminal, tsv otherwise' -r -f -a "table\t''
tsv\t''
csv\t''
json\t''
jsonl\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from suggest" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from suggest" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from suggest" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from suggest" -s q -l quiet -d 'Ids only, one per line'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from suggest" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from suggest" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from suggest" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "new" -d 'Write a new article'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the articles'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one article'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change an article (in $EDITOR unless fields are given)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "search" -d 'Search the articles, best first (any language, with or without diacritics)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "suggest" -d 'Articles likely to solve a ticket'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand report" -l month -d 'YYYY-MM, "this" or "last" (default)' -r -f -a "this\t''
last\t''"
complete -c desk -n "__fish_desk_using_subcommand report" -l from -d 'First day of the period (YYYY-MM-DD)' -r -f
complete -c desk -n "__fish_desk_using_subcommand report" -l to -d 'The day after the period (YYYY-MM-DD, exclusive)' -r -f
complete -c desk -n "__fish_desk_using_subcommand report" -l org -d 'Only this customer organisation (matched as `list --org` does): its tickets, their events and time log. Knowledge-base articles are shared, so `kb.articles_created` counts the whole desk\'s' -r -f
complete -c desk -n "__fish_desk_using_subcommand report" -l format -d 'Output format' -r -f -a "table\t''
markdown\t''
json\t''
csv\t''
html\t''"
complete -c desk -n "__fish_desk_using_subcommand report" -s o -l output -d 'Write the report to FILE instead of stdout, replacing FILE only once the whole report is written' -r -F
complete -c desk -n "__fish_desk_using_subcommand report" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand report" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand report" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand report" -l compare -d 'Add the previous period\'s whole report: to the JSON as `previous`, to the CSV as a `previous` column (table, markdown and HTML always show its headline figures)'
complete -c desk -n "__fish_desk_using_subcommand report" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand report" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand report" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "list" -d 'Every setting, with defaults and overrides apart'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "get" -d 'One setting\'s value'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "set" -d 'Change a setting (validated)'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "unset" -d 'Back to the default (with --org: the desk\'s value; `timezone` stays set)'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from list get set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from list" -l format -d 'table on a terminal, tsv otherwise' -r -f -a "table\t''
tsv\t''
csv\t''
json\t''
jsonl\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from list" -l org -d 'The terms of this registered organisation: its own values and the desk\'s where it has none' -r -f
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from list" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from list" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from list" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from get" -l org -d 'The value in force for this registered organisation\'s tickets' -r -f
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from get" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from get" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from get" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from get" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from set" -l org -d 'For this registered organisation alone (hours, holidays and sla.* only)' -r -f
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from set" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from set" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from set" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from set" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from set" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from unset" -l org -d 'For this registered organisation alone' -r -f
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from unset" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from unset" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from unset" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from unset" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from unset" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every setting, with defaults and overrides apart'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "get" -d 'One setting\'s value'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change a setting (validated)'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Back to the default (with --org: the desk\'s value; `timezone` stays set)'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand import" -l format -d 'The file\'s format (default: from its extension)' -r -f -a "jsonl\t''
json\t''
csv\t''"
complete -c desk -n "__fish_desk_using_subcommand import" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand import" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand import" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand import" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand import" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand import" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand export" -l format -d 'jsonl (one object a line), json (one array) or csv (tickets only)' -r -f -a "jsonl\t''
json\t''
csv\t''"
complete -c desk -n "__fish_desk_using_subcommand export" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand export" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand export" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand export" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand export" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand export" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from mail help" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from mail help" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from mail help" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from mail help" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from mail help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from mail help" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from mail help" -f -a "mail" -d 'File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from mail help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from mail" -l org -d 'Organisation to record for new tickets (default: the registered organisation whose domain, or a parent domain, the sender\'s address is in)' -r -f
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from mail" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from mail" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from mail" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from mail" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from mail" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from mail" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from help" -f -a "mail" -d 'File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand completions" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand completions" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand completions" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand completions" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand completions" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand completions" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand man" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand man" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand man" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand man" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand man" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand man" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -f -a "status" -d 'Engine, location, schema version, time zone and how many of each record'
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -f -a "check" -d 'Check the file, the references between records and the search indexes'
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -f -a "backup" -d 'A consistent copy of the database, taken while others work (SQLite\'s online backup)'
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -f -a "migrate" -d 'Upgrade the database\'s schema to this desk\'s (a copy of the file is kept first)'
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -f -a "grant" -d 'Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)'
complete -c desk -n "__fish_desk_using_subcommand db; and not __fish_seen_subcommand_from status check backup migrate grant help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from status" -l format -d 'Output format: a table for people, JSON for scripts' -r -f -a "table\t''
json\t''"
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from status" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from status" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from status" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from status" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from check" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from check" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from check" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from check" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from backup" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from backup" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from backup" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from backup" -l force -d 'Replace FILE if it exists (only ever with a complete copy)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from backup" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from backup" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from migrate" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from migrate" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from migrate" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from migrate" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from grant" -l org -d 'Only this registered organisation\'s tickets (repeatable)' -r -f
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from grant" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from grant" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from grant" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from grant" -l agent -d 'Read, write and append history'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from grant" -l reader -d 'Read and report only'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from grant" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from grant" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from grant" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "status" -d 'Engine, location, schema version, time zone and how many of each record'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the file, the references between records and the search indexes'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "backup" -d 'A consistent copy of the database, taken while others work (SQLite\'s online backup)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Upgrade the database\'s schema to this desk\'s (a copy of the file is kept first)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "grant" -d 'Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)'
complete -c desk -n "__fish_desk_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand reply" -l attach -d 'A file to send with the answer (kept on the ticket too); repeatable' -r -F
complete -c desk -n "__fish_desk_using_subcommand reply" -l at -d 'When it happened, if earlier than now: HH:MM (today), "YYYY-MM-DD HH:MM", RFC 3339, "yesterday HH:MM" or "N{m,h,d} ago", wall-clock times in the desk\'s zone. Not in the future, not before the ticket existed' -r -f
complete -c desk -n "__fish_desk_using_subcommand reply" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand reply" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand reply" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand reply" -l edit -d 'Write the answer in $EDITOR'
complete -c desk -n "__fish_desk_using_subcommand reply" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand reply" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand reply" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand attach" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand attach" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand attach" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand attach" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand attach" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand attach" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand attachment; and not __fish_seen_subcommand_from save help" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand attachment; and not __fish_seen_subcommand_from save help" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand attachment; and not __fish_seen_subcommand_from save help" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand attachment; and not __fish_seen_subcommand_from save help" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand attachment; and not __fish_seen_subcommand_from save help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand attachment; and not __fish_seen_subcommand_from save help" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand attachment; and not __fish_seen_subcommand_from save help" -f -a "save" -d 'Write an attachment back to a file'
complete -c desk -n "__fish_desk_using_subcommand attachment; and not __fish_seen_subcommand_from save help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand attachment; and __fish_seen_subcommand_from save" -s o -l output -d 'Where to write it ("-" for stdout; a folder writes the cleaned name inside it)' -r -F
complete -c desk -n "__fish_desk_using_subcommand attachment; and __fish_seen_subcommand_from save" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand attachment; and __fish_seen_subcommand_from save" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand attachment; and __fish_seen_subcommand_from save" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand attachment; and __fish_seen_subcommand_from save" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand attachment; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand attachment; and __fish_seen_subcommand_from save" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand attachment; and __fish_seen_subcommand_from help" -f -a "save" -d 'Write an attachment back to a file'
complete -c desk -n "__fish_desk_using_subcommand attachment; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -l state -d 'Only deliveries in this state' -r -f -a "queued\t''
failed\t''
sent\t''"
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -l format -d 'Output format [default: table on a terminal, tsv otherwise]' -r -f -a "table\t''
tsv\t''
csv\t''
json\t''
jsonl\t''"
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -f -a "send" -d 'Deliver what is queued or failed, now'
complete -c desk -n "__fish_desk_using_subcommand outbox; and not __fish_seen_subcommand_from send help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand outbox; and __fish_seen_subcommand_from send" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand outbox; and __fish_seen_subcommand_from send" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand outbox; and __fish_seen_subcommand_from send" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand outbox; and __fish_seen_subcommand_from send" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand outbox; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand outbox; and __fish_seen_subcommand_from send" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "send" -d 'Deliver what is queued or failed, now'
complete -c desk -n "__fish_desk_using_subcommand outbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -f -a "new" -d 'Register a customer organisation, with its mail domains'
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -f -a "list" -d 'The registered organisations, with their domains, terms and tickets'
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -f -a "show" -d 'One organisation: its domains, its own terms and how many tickets it has'
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -f -a "edit" -d 'Rename an organisation or change its mail domains'
complete -c desk -n "__fish_desk_using_subcommand org; and not __fish_seen_subcommand_from new list show edit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from new" -l domain -d 'A mail domain of its own (repeatable), e.g. kaupunki.fi' -r -f
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from new" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from new" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from new" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from new" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from list" -l format -d 'table on a terminal, tsv otherwise' -r -f -a "table\t''
tsv\t''
csv\t''
json\t''
jsonl\t''"
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from list" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from list" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from list" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from show" -l format -d 'text, or json (`name`, `domains`, `settings`, `tickets`)' -r -f -a "text\t''
json\t''"
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from show" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from show" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from show" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from show" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from edit" -l rename -d 'Its new name' -r -f
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from edit" -l domain -d 'A mail domain to add (repeatable)' -r -f
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from edit" -l no-domain -d 'A mail domain to remove (repeatable)' -r -f
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from edit" -l db -d 'Database file [env: DESK_DB; default: the platform data dir, e.g. ~/.local/share/desk/desk.db]' -r -F
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from edit" -l user -d 'Who acts; recorded on every event [env: DESK_USER; default: the login name]' -r -f
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from edit" -l color -d 'When to use colour (auto: on a terminal, unless NO_COLOR is set)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from edit" -l no-notify -d 'Mail nobody about this command\'s changes (hooks still run)'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from edit" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "new" -d 'Register a customer organisation, with its mail domains'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "list" -d 'The registered organisations, with their domains, terms and tickets'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "show" -d 'One organisation: its domains, its own terms and how many tickets it has'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Rename an organisation or change its mail domains'
complete -c desk -n "__fish_desk_using_subcommand org; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "new" -d 'Record a new ticket: a hallway request, a call, an alert'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "list" -d 'The queue: tickets filtered and in SLA order'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "show" -d 'Everything about one ticket: fields, history, comments, time log, links'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "assign" -d 'Give tickets to someone (default: yourself); "--to -" unassigns'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "escalate" -d 'Hand tickets to the next tier (2: specialists, 3: vendor or developers)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "resolve" -d 'Mark tickets fixed; the customer verifies (closed after the verification window)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "close" -d 'Close resolved tickets (the customer confirmed the fix)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "reopen" -d 'Reopen a resolved or closed ticket: the fix did not hold (back to its assignee)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "cancel" -d 'Cancel a ticket that needs no work: a duplicate, a mistake, withdrawn'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "wait" -d 'Wait on the customer or a third party: the resolution clock stops'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "resume" -d 'Stop waiting: the customer answered, work goes on'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "comment" -d 'Add a comment; a public one counts as the desk\'s response'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "edit" -d 'Change a ticket\'s fields'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "log" -d 'Log time spent on a ticket'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "sla" -d 'Explain a ticket\'s SLA, stretch by stretch'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "link" -d 'Link two tickets: related, duplicate (ID duplicates OTHER), parent (OTHER is ID\'s parent)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "kb" -d 'The knowledge base: instructions so tier 1 solves it next time'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "report" -d 'The monthly report: volumes, channels, speed, first contact, SLA, busiest hours'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "config" -d 'Settings: service hours, holidays, SLA targets, windows'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "import" -d 'Load tickets and articles from a file: all or nothing'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "export" -d 'Write every organisation, article and ticket (with history) out'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "ingest" -d 'File messages from other systems'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "completions" -d 'Print a shell completion script'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "man" -d 'Write man pages (desk.1 and one per command) into DIR'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "db" -d 'The database itself: what it is, whether it is sound, a copy, an upgrade'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "reply" -d 'Answer the requester: a public comment, mailed to the ticket\'s email'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "attach" -d 'Keep files on a ticket'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "attachment" -d 'A ticket\'s attachments: write one back to a file'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "outbox" -d 'Mail and hook deliveries: what went out, what waits'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "org" -d 'Customer organisations: their mail domains and their own terms'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from new list show assign escalate resolve close reopen cancel wait resume comment edit log sla link kb report config import export ingest completions man db reply attach attachment outbox org help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "new" -d 'Write a new article'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "list" -d 'List the articles'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "show" -d 'Show one article'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "edit" -d 'Change an article (in $EDITOR unless fields are given)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "search" -d 'Search the articles, best first (any language, with or without diacritics)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "suggest" -d 'Articles likely to solve a ticket'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'Every setting, with defaults and overrides apart'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "get" -d 'One setting\'s value'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set" -d 'Change a setting (validated)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "unset" -d 'Back to the default (with --org: the desk\'s value; `timezone` stays set)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ingest" -f -a "mail" -d 'File one RFC 5322 mail from stdin: a new ticket, or a comment on the one it answers'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "status" -d 'Engine, location, schema version, time zone and how many of each record'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "check" -d 'Check the file, the references between records and the search indexes'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "backup" -d 'A consistent copy of the database, taken while others work (SQLite\'s online backup)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "migrate" -d 'Upgrade the database\'s schema to this desk\'s (a copy of the file is kept first)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "grant" -d 'Let a PostgreSQL role work tickets (--agent) or only read and report (--reader)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from attachment" -f -a "save" -d 'Write an attachment back to a file'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from outbox" -f -a "send" -d 'Deliver what is queued or failed, now'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "new" -d 'Register a customer organisation, with its mail domains'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "list" -d 'The registered organisations, with their domains, terms and tickets'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "show" -d 'One organisation: its domains, its own terms and how many tickets it has'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from org" -f -a "edit" -d 'Rename an organisation or change its mail domains'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from get" -f -a "hours holidays sla.P1.response sla.P1.resolve sla.P1.hours sla.P2.response sla.P2.resolve sla.P2.hours sla.P3.response sla.P3.resolve sla.P3.hours sla.P4.response sla.P4.resolve sla.P4.hours verify_window fcr_window timezone mail.from mail.transport mail.sendmail notify template.new template.reply template.wait template.resolve template.close template.reopen template.cancel hooks.command attachments.max_size"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from set" -f -a "hours holidays sla.P1.response sla.P1.resolve sla.P1.hours sla.P2.response sla.P2.resolve sla.P2.hours sla.P3.response sla.P3.resolve sla.P3.hours sla.P4.response sla.P4.resolve sla.P4.hours verify_window fcr_window timezone mail.from mail.transport mail.sendmail notify template.new template.reply template.wait template.resolve template.close template.reopen template.cancel hooks.command attachments.max_size"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from unset" -f -a "hours holidays sla.P1.response sla.P1.resolve sla.P1.hours sla.P2.response sla.P2.resolve sla.P2.hours sla.P3.response sla.P3.resolve sla.P3.hours sla.P4.response sla.P4.resolve sla.P4.hours verify_window fcr_window timezone mail.from mail.transport mail.sendmail notify template.new template.reply template.wait template.resolve template.close template.reopen template.cancel hooks.command attachments.max_size"
complete -c desk -n "__fish_desk_using_subcommand completions" -f -a "bash elvish fish powershell zsh"
