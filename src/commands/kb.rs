//! `desk kb`: the knowledge base. Tier 1 solves what it has an instruction for; what
//! tier 2 solved is written here (`kb new`, `resolve --kb-new`) so that `kb search`
//! and `kb suggest` find it next time, in whatever language and spelling it is asked.

use super::{Tx, clean, clean_tags, edit_text, one_id, text_arg, write, write_and_print};
use crate::cli::{
    KbCommand, KbEditArgs, KbListArgs, KbNewArgs, KbSearchArgs, KbShowArgs, KbSuggestArgs,
    ListFormat, NewFormat, ShowFormat,
};
use crate::context::Context;
use crate::domain::article::{Article, Hit, MARK_END, MARK_START, split_title_body, suggest_terms};
use crate::domain::search::{Join, TextQuery, rank, shown_score, snippet};
use crate::domain::text::one_line;
use crate::domain::ticket::{Status, Ticket, action};
use crate::error::DeskError;
use crate::output::articles::{View, article_json, write_article_text, write_articles, write_hits};
use crate::store::{ArticleFilter, ReadTxn};
use anyhow::Result;

/// How much a suggestion in the ticket's own category counts over one in another.
const CATEGORY_BOOST: f64 = 1.5;

/// At most this many words of a ticket go into a suggestion query.
const SUGGEST_TERMS: usize = 40;

pub fn run(ctx: &mut Context, c: KbCommand) -> Result<()> {
    match c {
        KbCommand::New(a) => new(ctx, a),
        KbCommand::List(a) => list(ctx, a),
        KbCommand::Show(a) => show(ctx, a),
        KbCommand::Edit(a) => edit(ctx, a),
        KbCommand::Search(a) => search(ctx, a),
        KbCommand::Suggest(a) => suggest(ctx, a),
    }
}

/// An article id argument: `7` or `#7`.
pub fn article_id(s: &str) -> Result<i64> {
    crate::domain::ticket::parse_id(s).ok_or_else(|| {
        DeskError::usage_hint(
            format!("{s:?} is not an article id"),
            "ids look like 7 or #7; `desk kb list` shows them",
        )
        .into()
    })
}

/// Writes an article from a resolved ticket's title and solution (inside the caller's
/// transaction); returns its id. Used by `resolve --kb-new`.
pub fn article_from_ticket(tx: &mut Tx, t: &Ticket, solution: &str, user: &str) -> Result<i64> {
    let now = tx.now;
    tx.store().insert_article(&Article {
        id: 0,
        title: t.title.clone(),
        body: solution.to_string(),
        tags: Vec::new(),
        category: t.category.clone(),
        author: user.to_string(),
        source_ticket: Some(t.id),
        created_at: now,
        updated_at: now,
        uses: 0,
    })
}

/// The articles most likely to solve a ticket: an any-word query from its title,
/// description and category (noise words dropped, words cut to stem prefixes), ranked
/// by bm25 with titles weighing more, articles of the ticket's category first.
pub fn suggestions(rd: &mut dyn ReadTxn, t: &Ticket, limit: u64) -> Result<Vec<Hit>> {
    let texts = [
        t.title.as_str(),
        t.category.as_deref().unwrap_or(""),
        t.description.as_deref().unwrap_or(""),
    ];
    let q = TextQuery::any_of(&suggest_terms(&texts, SUGGEST_TERMS));
    let boost = t.category.as_deref().map(|c| (c, CATEGORY_BOOST));
    find(rd, &q, boost, limit)
}

/// The articles matching `q`, best first, at most `limit`: the store finds and scores
/// them (bm25, titles weighing more), `domain::search` ranks them (`boost`'s category
/// multiplied by its factor) and cuts the snippets, the same on every engine. Only the
/// hits shown are read in full.
pub fn find(
    rd: &mut dyn ReadTxn,
    q: &TextQuery,
    boost: Option<(&str, f64)>,
    limit: u64,
) -> Result<Vec<Hit>> {
    if q.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let ranked = rank(rd.article_candidates(q)?, boost, limit);
    let ids: Vec<i64> = ranked.iter().map(|r| r.id).collect();
    let mut articles = rd.articles_by_id(&ids)?.into_iter().peekable();
    let (open, close) = (MARK_START.to_string(), MARK_END.to_string());
    let mut hits = Vec::with_capacity(ranked.len());
    for r in ranked {
        // An article deleted between the two reads (there is no deleting) is left out.
        let Some(article) = articles.next_if(|a| a.id == r.id) else {
            continue;
        };
        hits.push(Hit {
            snippet: snippet(q, &article.body, &open, &close),
            score: shown_score(r.score),
            article,
        });
    }
    Ok(hits)
}

/// After `desk new` on a terminal: up to `n` articles that may solve the new ticket, on
/// stderr. Only a help: whatever goes wrong here never fails the command.
pub fn show_suggestions(ctx: &mut Context, t: &Ticket, n: usize) {
    let Ok(hits) = ctx
        .store
        .read()
        .and_then(|mut rd| suggestions(&mut *rd, t, n as u64))
    else {
        return;
    };
    if hits.is_empty() {
        return;
    }
    let mut lines = vec![format!(
        "Articles that may help (desk resolve {} --kb ID):",
        t.id
    )];
    for h in &hits {
        lines.push(format!(
            "  {:>4}  {}",
            h.article.id,
            one_line(&h.article.title)
        ));
    }
    ctx.out.info(&lines.join("\n"));
}

fn view(ctx: &Context) -> View<'_> {
    View {
        tz: &ctx.tz,
        color: ctx.out.color,
        width: ctx.out.width,
        terminal: ctx.out.stdout_tty,
    }
}

fn list_format(ctx: &Context, f: Option<ListFormat>) -> ListFormat {
    f.unwrap_or(if ctx.out.stdout_tty {
        ListFormat::Table
    } else {
        ListFormat::Tsv
    })
}

fn new(ctx: &mut Context, mut a: KbNewArgs) -> Result<()> {
    // Everything from the ticket and the editor is gathered before the transaction.
    let source = match &a.from_ticket {
        Some(s) => {
            let t = ctx.store.read()?.ticket(one_id(s)?)?;
            if !matches!(t.status, Status::Resolved | Status::Closed) {
                return Err(DeskError::not_allowed(format!(
                    "ticket #{} is {}: an article is written from a resolved ticket's solution",
                    t.id, t.status
                ))
                .into());
            }
            Some(t)
        }
        None => None,
    };
    let mut title = clean(a.title.take()).or_else(|| source.as_ref().map(|t| t.title.clone()));
    let mut body = match &a.body {
        Some(b) => text_arg(b)?,
        None => source
            .as_ref()
            .and_then(|t| t.resolution.clone())
            .unwrap_or_default(),
    };
    if a.edit {
        let initial = format!("{}\n\n{}\n", title.as_deref().unwrap_or(""), body);
        let (t, b) = split_title_body(&edit_text(&initial, ".md")?);
        title = clean(Some(t));
        body = b;
    }
    let title = title.ok_or_else(|| {
        DeskError::usage_hint(
            "an article needs a title",
            "desk kb new \"Printer jams on 2F\" --body \"...\", or --from-ticket ID",
        )
    })?;
    let category =
        clean(a.category.take()).or_else(|| source.as_ref().and_then(|t| t.category.clone()));
    let tags = clean_tags(std::mem::take(&mut a.tags))?;
    let source_id = source.as_ref().map(|t| t.id);
    let format = a.format;
    let id = write_and_print(
        ctx,
        |tx| {
            let article = Article {
                id: 0,
                title: title.clone(),
                body: body.trim_end().to_string(),
                tags: tags.clone(),
                category: category.clone(),
                author: tx.user.to_string(),
                source_ticket: source_id,
                created_at: tx.now,
                updated_at: tx.now,
                uses: 0,
            };
            let id = tx.store().insert_article(&article)?;
            // The ticket the article came from was solved by what it says.
            if let Some(tid) = source_id {
                let mut w = tx.load(tid)?;
                if w.ticket.kb_article.is_none() {
                    w.ticket.kb_article = Some(id);
                    let now = tx.now;
                    let detail = Some(format!("kb article {id}"));
                    tx.event(&mut w, now, action::EDIT, detail, None);
                    tx.save(w)?;
                }
            }
            Ok(id)
        },
        |tx, &id, w| {
            match format {
                NewFormat::Id => writeln!(w, "{id}")?,
                NewFormat::Json => {
                    let art = tx.store()?.article(id)?;
                    serde_json::to_writer_pretty(&mut *w, &article_json(&art))?;
                    writeln!(w)?;
                }
            }
            Ok(())
        },
        |&id| format!("article {id}"),
    )?;
    ctx.out.info(&format!("Created article {id}: {title}"));
    Ok(())
}

fn list(ctx: &mut Context, a: KbListArgs) -> Result<()> {
    let f = ArticleFilter {
        category: clean(a.category),
        tag: clean(a.tag),
        limit: a.limit,
    };
    let rows = ctx.store.read()?.articles(&f)?;
    if a.output.quiet {
        let w = ctx.out.data();
        for r in &rows {
            writeln!(w, "{}", r.id)?;
        }
        return Ok(());
    }
    let format = list_format(ctx, a.output.format);
    if format == ListFormat::Table && rows.is_empty() {
        ctx.out.info("No articles.");
        return Ok(());
    }
    let v = view(ctx);
    let mut buf = Vec::new();
    write_articles(&mut buf, &rows, &v, format)?;
    ctx.out.data().write_all(&buf)?;
    Ok(())
}

fn show(ctx: &mut Context, a: KbShowArgs) -> Result<()> {
    let art = ctx.store.read()?.article(article_id(&a.id)?)?;
    let (tz, color) = (ctx.tz, ctx.out.color);
    let w = ctx.out.data();
    match a.format {
        ShowFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &article_json(&art))?;
            writeln!(w)?;
        }
        ShowFormat::Text => write_article_text(w, &art, &tz, color)?,
    }
    Ok(())
}

fn edit(ctx: &mut Context, mut a: KbEditArgs) -> Result<()> {
    let id = article_id(&a.id)?;
    let no_fields = a.title.is_none()
        && a.body.is_none()
        && a.category.is_none()
        && a.tags.is_empty()
        && a.untags.is_empty();
    // The editor runs before the transaction, never inside it.
    let mut edited: Option<(String, String)> = None;
    if no_fields {
        let art = ctx.store.read()?.article(id)?;
        let initial = format!("{}\n\n{}\n", art.title, art.body);
        let text = edit_text(&initial, ".md")?;
        let (title, body) = split_title_body(&text);
        if title.is_empty() {
            return Err(DeskError::usage("the title is empty; nothing changed").into());
        }
        edited = Some((title, body));
    }
    let body = a.body.as_deref().map(text_arg).transpose()?;
    let tags = clean_tags(std::mem::take(&mut a.tags))?;
    let untags = clean_tags(std::mem::take(&mut a.untags))?;
    let changed = write(ctx, |tx| {
        let mut art = tx.store().article(id)?;
        let before = art.clone();
        if let Some((title, body)) = &edited {
            art.title = title.clone();
            art.body = body.clone();
        }
        if let Some(t) = &a.title {
            art.title =
                clean(Some(t.clone())).ok_or_else(|| DeskError::usage("the title is empty"))?;
        }
        if let Some(b) = &body {
            art.body = b.trim_end().to_string();
        }
        if let Some(c) = &a.category {
            // `--category ""` clears it.
            art.category = clean(Some(c.clone()));
        }
        art.tags.retain(|t| !untags.contains(t));
        for t in &tags {
            if !art.tags.contains(t) {
                art.tags.push(t.clone());
            }
        }
        if art == before {
            return Ok(false);
        }
        art.updated_at = tx.now;
        tx.store().update_article(&art)?;
        Ok(true)
    })?;
    if changed {
        ctx.out.info(&format!("Updated article {id}"));
    } else {
        ctx.out.info(&format!("Article {id}: nothing changed"));
    }
    Ok(())
}

fn search(ctx: &mut Context, a: KbSearchArgs) -> Result<()> {
    let hits = {
        let mut rd = ctx.store.read()?;
        // Every word first; when no article has them all, any of them (ranked, so the
        // articles with more of the words still come first).
        let q = TextQuery::words(&a.query, Join::All);
        let mut hits = find(&mut *rd, &q, None, a.limit)?;
        if hits.is_empty() && q.terms.len() > 1 {
            hits = find(&mut *rd, &q.with_join(Join::Any), None, a.limit)?;
        }
        hits
    };
    write_hit_list(ctx, &hits, a.output.quiet, a.output.format)
}

fn suggest(ctx: &mut Context, a: KbSuggestArgs) -> Result<()> {
    let hits = {
        let mut rd = ctx.store.read()?;
        let t = rd.ticket(one_id(&a.ticket)?)?;
        suggestions(&mut *rd, &t, a.limit)?
    };
    write_hit_list(ctx, &hits, a.output.quiet, a.output.format)
}

fn write_hit_list(
    ctx: &mut Context,
    hits: &[Hit],
    quiet: bool,
    format: Option<ListFormat>,
) -> Result<()> {
    if quiet {
        let w = ctx.out.data();
        for h in hits {
            writeln!(w, "{}", h.article.id)?;
        }
        return Ok(());
    }
    let format = list_format(ctx, format);
    if format == ListFormat::Table && hits.is_empty() {
        ctx.out.info("No articles match.");
        return Ok(());
    }
    let v = view(ctx);
    let mut buf = Vec::new();
    write_hits(&mut buf, hits, &v, format)?;
    ctx.out.data().write_all(&buf)?;
    Ok(())
}
