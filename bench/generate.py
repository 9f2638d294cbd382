#!/usr/bin/env python3
"""Generate a realistic desk as JSON Lines for `desk import`.

Three years of a small multilingual IT service desk, ending at --end: tickets with
their whole history (events, comments, time logs, links), and knowledge-base
articles. Articles come first in the output because tickets name the articles that
solved them (`kb_article`), and `desk import` wants those earlier in the file.

Deterministic: the same arguments give the same bytes. Python 3 standard library
only. Streams: memory holds one record plus two arrays of timestamps.

    bench/generate.py --tickets 100000 --articles 10000 --seed 1 --end 2026-11-20 > desk.jsonl
    bench/generate.py --tickets 1000 --stats          # shares, to stderr, no output

Shares (of tickets): about 1% active (new/open/waiting) at --end, the rest resolved,
closed or cancelled (2%); 20% solved on first contact, 12% escalated (2% twice),
15% waited on the customer, 4% reopened; channels, categories, organisations and
requesters drawn with Zipf-like skew; busier on Monday mornings (08-10) and on the
first two working days of a month; monitoring alerts also at night.
"""

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import sys

# --- vocabulary ---------------------------------------------------------------------
# Per language: ticket titles (with {ci}, {app}, {place} slots), words for free text,
# solutions, comment phrases. Drawn from the five background articles on how service
# desks work (Finnish, Finnish, Estonian, Russian, Polish) plus everyday IT words.

LANGS = ["fi", "en", "et", "ru", "pl"]
LANG_WEIGHTS = [40, 25, 15, 10, 10]

TITLES = {
    "fi": [
        "Tulostin ei tulosta ({ci})", "Salasana vanhentunut, en pääse kirjautumaan",
        "Sähköposti ei toimi {app}-ohjelmassa", "Näyttö vilkkuu, {ci}",
        "VPN-yhteys katkeilee etätyössä", "Pääsyoikeus verkkolevylle {place}",
        "Uuden työntekijän työasema ja tunnukset", "{app} kaatuu käynnistyksessä",
        "Verkkoyhteys hidas {place}", "Tulostimen paperitukos, {place}",
        "Ohjelmiston asennuspyyntö: {app}", "Tunnus lukittu, {ci}",
        "Kalenterikutsut eivät näy {app}:ssa", "Puhelimen sähköposti ei päivity",
        "Tietokone ei käynnisty ({ci})", "Varmuuskopiointi epäonnistui yöllä",
        "Levytila loppumassa palvelimella {ci}", "Wifi ei toimi neuvotteluhuoneessa",
    ],
    "en": [
        "Printer on {place} jams again ({ci})", "Password expired, cannot log in",
        "Outlook keeps asking for the password", "Monitor flickers on {ci}",
        "VPN drops every few minutes", "Access to the shared drive for {place}",
        "New starter: laptop and accounts", "{app} crashes on start",
        "Network slow in {place}", "Install {app} please",
        "Account locked out ({ci})", "Calendar invites missing in {app}",
        "Phone mail not syncing", "PC does not boot ({ci})",
        "Nightly backup failed", "Disk almost full on {ci}",
        "Wi-Fi down in the meeting room", "Scanner sends nothing to email",
    ],
    "et": [
        "Printer ei prindi ({ci})", "Parool aegunud, ei saa sisse logida",
        "E-post ei tööta {app} programmis", "Monitor vilgub, {ci}",
        "VPN ühendus katkeb", "Ligipääs võrgukettale {place}",
        "Uue töötaja tööjaam ja kasutajakonto", "{app} jookseb kokku",
        "Võrguühendus aeglane {place}", "Tarkvara paigaldus: {app}",
        "Konto lukustatud ({ci})", "Arvuti ei käivitu ({ci})",
        "Varundus ebaõnnestus öösel", "Kettaruum otsas serveris {ci}",
    ],
    "ru": [
        "Не печатает принтер ({ci})", "Истёк пароль, не могу войти",
        "Не работает почта в {app}", "Монитор рябит, {ci}",
        "Обрывается VPN-соединение", "Доступ к сетевой папке {place}",
        "Рабочее место для нового сотрудника", "{app} падает при запуске",
        "Медленная сеть в {place}", "Установить программу {app}",
        "Учётная запись заблокирована ({ci})", "Не включается компьютер ({ci})",
        "Ошибка резервного копирования ночью", "Заканчивается место на сервере {ci}",
        "Документы не сохраняются на файловом ресурсе",
    ],
    "pl": [
        "Drukarka nie drukuje ({ci})", "Hasło wygasło, nie mogę się zalogować",
        "Poczta nie działa w {app}", "Monitor miga, {ci}",
        "Zrywa się połączenie VPN", "Dostęp do dysku sieciowego {place}",
        "Stanowisko dla nowego pracownika", "{app} zawiesza się przy starcie",
        "Wolna sieć w {place}", "Prośba o instalację {app}",
        "Konto zablokowane ({ci})", "Komputer nie uruchamia się ({ci})",
        "Kopia zapasowa nie powiodła się w nocy", "Brak miejsca na dysku serwera {ci}",
    ],
}

WORDS = {
    "fi": (
        "asiakas asiakkaan palvelupiste palvelupyyntö palvelupyynnön häiriö häiriön ongelma "
        "ratkaisu ratkaista ohje ohjeen tietämyskanta työasema työasemalle tunnus tunnukset "
        "salasana salasanan sähköposti sähköpostin tulostin tulostimen verkkolevy verkko "
        "yhteys yhteyden ohjelmisto ohjelmiston asennus asentaminen pääsyoikeus pääsyoikeudet "
        "käyttäjä käyttäjän kirjautuminen kirjautua näyttö kone tietokone päivitys päivityksen "
        "virheilmoitus virhe toimii ei toimi enää aamulla eilen tänään jälkeen ennen kiireellinen "
        "kiireetön työnteko estyy hidastuu soitto soitti takaisinsoitto sovellus sovelluksen "
        "toimittaja kumppani tukitiimi asiantuntija eteenpäin siirretty odottaa vastausta "
        "kokeiltu uudelleenkäynnistys käynnistin uudelleen tyhjensin välimuistin kuukauden "
        "alussa ruuhka palveluaika arkisin toimisto kerros huone neuvotteluhuone etätyö "
        "tiimi esimies uusi työntekijä lukittu vanhentunut vaihtaa muuttaa pyydän apua kiitos"
    ),
    "en": (
        "user customer request incident problem error message fails failed cannot login "
        "password account locked expired reset email mailbox outlook calendar printer toner "
        "paper jam driver network wifi vpn connection slow drops laptop desktop monitor screen "
        "docking station keyboard mouse headset install update upgrade license software "
        "application crash freeze restart reboot cache profile permission access share folder "
        "drive backup restore server disk space certificate browser teams meeting room "
        "morning yesterday today since after before urgent blocked hampered still broken "
        "works again tried already please help thanks new starter leaver manager approval "
        "ticket callback phone walked office floor building remote home"
    ),
    "et": (
        "klient kliendi kasutaja teenus teenuse intsident intsidendi probleem päring "
        "teenuspäring lahendus lahendusaeg ligipääs ligipääsu parool konto arvuti printer "
        "võrk ühendus tarkvara paigaldus uuendus viga veateade ei tööta töötab jälle täna "
        "eile hommikul kiiresti vajalik palun abi aitäh info teavitada tugitelefon portaal "
        "seadmed server ketas varundus monitor klaviatuur hiir e-post postkast kalender"
    ),
    "ru": (
        "пользователь пользователя заявка заявки обращение инцидент проблема решение "
        "поддержка техподдержка служба принтер компьютер монитор пароль учётная запись "
        "почта сеть подключение доступ папка сервер диск программа установка обновление "
        "ошибка не работает снова сегодня вчера утром срочно пожалуйста помогите спасибо "
        "документы сохраняются файловом ресурсе рабочее место сотрудник оператор звонок "
        "коридоре уровень специалист эскалация"
    ),
    "pl": (
        "klient klienta zgłoszenie zgłoszenia problem incydent rozwiązanie wsparcie linia "
        "drukarka komputer monitor hasło konto poczta sieć połączenie dostęp dysk serwer "
        "program instalacja aktualizacja błąd nie działa znowu dzisiaj wczoraj rano pilne "
        "proszę pomóc dziękuję urządzenie technik weryfikacja priorytet kategoria usługa "
        "dostawca pracownik biuro piętro"
    ),
}

SOLUTIONS = {
    "fi": ["Salasana vaihdettu ja ohjeistettu", "Tulostinajuri asennettu uudelleen",
           "Käyttäjälle lisätty pääsyoikeus", "Välimuisti tyhjennetty, toimii",
           "Kone käynnistetty uudelleen", "Ohjelmisto asennettu etänä"],
    "en": ["Password reset and user guided", "Reinstalled the printer driver",
           "Access granted to the group", "Cleared the cache, works now",
           "Rebooted the machine", "Installed remotely"],
    "et": ["Parool lähtestatud", "Printeri draiver uuesti paigaldatud",
           "Ligipääs antud", "Arvuti taaskäivitatud"],
    "ru": ["Пароль сброшен", "Драйвер принтера переустановлен",
           "Доступ предоставлен", "Компьютер перезагружен"],
    "pl": ["Hasło zresetowane", "Sterownik drukarki zainstalowany ponownie",
           "Dostęp nadany", "Komputer uruchomiony ponownie"],
}

COMMENTS = {
    "fi": ["Soitin käyttäjälle, ei vastannut", "Käyttäjä vahvisti, että toimii",
           "Odotetaan toimittajan vastausta", "Kokeiltiin uudelleenkäynnistystä"],
    "en": ["Called the user, no answer", "User confirms it works",
           "Waiting for the vendor", "Tried a restart, no change"],
    "et": ["Helistasin kasutajale", "Kasutaja kinnitas, et töötab", "Ootame tarnijat"],
    "ru": ["Позвонил пользователю", "Пользователь подтвердил", "Ждём ответа поставщика"],
    "pl": ["Dzwoniłem do użytkownika", "Użytkownik potwierdza", "Czekamy na dostawcę"],
}

FIRST = ["Anna", "Mikko", "Liisa", "Juha", "Aino", "Ville", "Kaisa", "Timo", "Mari", "Jari",
         "Kadri", "Tanel", "Mart", "Olga", "Ivan", "Natalja", "Sergei", "Agnieszka", "Piotr",
         "Katarzyna", "Tomasz", "John", "Emma", "Sofia", "Elias", "Helmi", "Eino", "Leena"]
LAST = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine", "Pölönen",
        "Tamm", "Saar", "Sepp", "Kask", "Ivanov", "Smirnova", "Petrov", "Kowalski",
        "Nowak", "Wiśniewska", "Wójcik", "Smith", "Brown", "Lehtonen", "Heikkinen", "Koskinen"]
AGENTS = ["ana", "esa", "mikko", "liisa", "kadri", "olga", "piotr", "timo", "mari", "jari",
          "sanna", "tanel"]
TIER2 = ["netops", "sysadm", "dba", "secops", "appteam"]
TIER3 = ["vendor", "devteam"]
CATEGORIES = ["password", "printing", "access", "email", "network", "hardware", "software",
              "vpn", "accounts", "onboarding", "phone", "backup", "server", "database",
              "security", "licensing"]
ORGS = ["Meita", "Kaupunki", "Sairaala", "Koulutus", "Tallinna Sadam", "Rahandus", "Vesi",
        "Lasipalatsi", "Kirjasto", "Museo", "Energia", "Logistiikka", "Pank", "Apteek",
        "Biuro Rachunkowe", "Szkoła", "Urząd", "Hotel", "Rakennus", "Kuljetus"] + \
       ["Org %02d" % i for i in range(21, 41)]
APPS = ["Outlook", "Teams", "Excel", "SAP", "Visma", "Chrome", "Firefox", "AutoCAD",
        "Adobe Reader", "Zoom", "1C", "Office"]
PLACES = ["2F", "3F", "A-siipi", "B-talo", "Tallinn", "Tartu", "Warszawa", "Kraków",
          "Helsinki", "Tampere", "Oulu", "Moskva", "reception", "warehouse"]
CHANNELS = ["email", "phone", "portal", "walk-in", "chat", "monitoring"]
CHANNEL_WEIGHTS = [35, 25, 20, 8, 7, 5]
TAGS = ["vip", "remote", "hardware", "urgent", "recurring", "customer-error", "vendor",
        "onboarding", "security"]
WAIT_REASONS = ["waiting for the user", "odotetaan käyttäjää", "ootame klienti",
                "ждём пользователя", "czekamy na klienta", "waiting for the vendor part"]

# Rare terms: error codes, each in a handful of articles and tickets, so `kb search` and
# `list --search` have a selective query. 0x8007xxxx codes like Windows prints them.
RARE_CODES = ["0x8007%04X" % i for i in range(20000)]

DAY = 86400
HOUR = 3600


def zipf_weights(n, s=1.1):
    return [1.0 / (i + 1) ** s for i in range(n)]


def cum(weights):
    return list(itertools.accumulate(weights))


TWO = ["%02d" % i for i in range(60)]


class Clock:
    """RFC 3339 strings for epoch seconds, with the hour part cached."""

    def __init__(self):
        self.hours = {}

    def __call__(self, t):
        h, s = divmod(t, HOUR)
        prefix = self.hours.get(h)
        if prefix is None:
            prefix = (dt.datetime(1970, 1, 1) + dt.timedelta(hours=h)).strftime("%Y-%m-%dT%H:")
            self.hours[h] = prefix
        m, s = divmod(s, 60)
        return prefix + TWO[m] + ":" + TWO[s] + "Z"


def hour_weights(start, hours):
    """Relative ticket intake per hour from `start` (UTC, treated as local time)."""
    out = []
    month_workday = {}  # (year, month) -> working days seen so far
    for i in range(hours):
        t = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=start + i * HOUR)
        wd, h = t.weekday(), t.hour
        if wd >= 5:
            w = 0.25 if 8 <= h < 18 else 0.08
        elif 8 <= h < 16:
            w = 10.0
        elif h == 7 or 16 <= h < 18:
            w = 3.0
        else:
            w = 0.15  # monitoring at night
        if wd == 0 and 8 <= h < 10:
            w *= 2.5  # Monday morning
        if wd < 5:
            key = (t.year, t.month)
            if h == 0:
                month_workday[key] = month_workday.get(key, 0) + 1
            if month_workday.get(key, 1) <= 2:
                w *= 1.8  # first working days of the month
        # A desk grows: 20% more per year over the three years.
        w *= 1.0 + 0.2 * (i / (365 * 24))
        out.append(w)
    return out


_CW = {}


def creation_times(rng, n, start, end):
    """n sorted creation times spread over [start, end) by `hour_weights`."""
    hours = (end - start) // HOUR
    if (start, hours) not in _CW:
        _CW[(start, hours)] = cum(hour_weights(start, hours))
    cw = _CW[(start, hours)]
    total = cw[-1]
    times = []
    for i in range(n):
        # Stratified: one draw per 1/n of the mass keeps the shape exact at small n.
        x = (i + rng.random()) / n * total
        h = bisect.bisect_left(cw, x)
        times.append(start + min(h, hours - 1) * HOUR + rng.randrange(HOUR))
    times.sort()
    return times


class Gen:
    def __init__(self, a):
        self.rng = random.Random(a.seed)
        self.clock = Clock()
        end = dt.datetime.fromisoformat(a.end.replace("Z", ""))
        if end.tzinfo is not None:
            end = end.astimezone(dt.timezone.utc).replace(tzinfo=None)
        self.end = int((end - dt.datetime(1970, 1, 1)).total_seconds())
        self.start = self.end - 3 * 365 * DAY
        self.start -= self.start % HOUR
        self.n_tickets = a.tickets
        self.n_articles = a.articles
        self.requesters = [
            "%s %s" % (f, l) for f in FIRST for l in LAST
        ]  # 644 people
        self.req_cw = cum(zipf_weights(len(self.requesters), 0.8))
        self.org_cw = cum(zipf_weights(len(ORGS), 1.0))
        self.cat_cw = cum(zipf_weights(len(CATEGORIES), 0.9))
        self.chan_cw = cum(CHANNEL_WEIGHTS)
        self.lang_cw = cum(LANG_WEIGHTS)
        self.words = {k: v.split() for k, v in WORDS.items()}
        self.word_cw = {k: cum(zipf_weights(len(v), 1.0)) for k, v in self.words.items()}
        self.ci_cw = cum(zipf_weights(3000, 0.7))
        self.stats = {}

    def pick(self, seq, cw):
        return seq[bisect.bisect_left(cw, self.rng.random() * cw[-1])]

    def count(self, key, n=1):
        self.stats[key] = self.stats.get(key, 0) + n

    def text(self, lang, k):
        rng = self.rng
        words = rng.choices(self.words[lang], cum_weights=self.word_cw[lang], k=k)
        if rng.random() < 0.05:
            words.insert(rng.randrange(len(words) + 1), rng.choice(RARE_CODES))
        s = " ".join(words)
        return s[0].upper() + s[1:] + "."

    def ci(self):
        n = bisect.bisect_left(self.ci_cw, self.rng.random() * self.ci_cw[-1])
        kind = "PC" if n < 2400 else ("PRN" if n < 2800 else "SRV")
        return "%s-%04d" % (kind, n + 1)

    # --- articles -----------------------------------------------------------------

    def articles(self, out, ticket_times):
        rng, ts = self.rng, self.clock
        times = creation_times(rng, self.n_articles, self.start, self.end)
        self.article_times = times
        for i, created in enumerate(times):
            aid = i + 1
            lang = self.pick(LANGS, self.lang_cw)
            cat = self.pick(CATEGORIES, self.cat_cw)
            title = rng.choice(TITLES[lang]).format(
                ci=self.ci(), app=rng.choice(APPS), place=rng.choice(PLACES)
            )
            paras = [self.text(lang, rng.randint(12, 40)) for _ in range(rng.randint(2, 5))]
            paras.append(rng.choice(SOLUTIONS[lang]) + ".")
            rec = {
                "type": "article",
                "id": aid,
                "title": title,
                "body": "\n\n".join(paras),
                "tags": rng.sample(TAGS, rng.randint(0, 2)) + [cat],
                "category": cat,
                "author": rng.choice(AGENTS),
                "created_at": ts(created),
                "updated_at": ts(min(self.end, created + rng.randrange(90 * DAY))),
            }
            # A third are written from a ticket created a little earlier.
            k = bisect.bisect_left(ticket_times, created - DAY)
            if k > 0 and rng.random() < 0.33:
                rec["source_ticket"] = rng.randint(max(1, k - 500), k)
            out.write(json.dumps(rec, ensure_ascii=False))
            out.write("\n")
            self.count("articles")
            self.count("articles_" + lang)

    # --- tickets ------------------------------------------------------------------

    def ticket(self, tid, created):
        rng, ts, end = self.rng, self.clock, self.end
        lang = self.pick(LANGS, self.lang_cw)
        t_local = dt.datetime(1970, 1, 1) + dt.timedelta(seconds=created)
        off_hours = t_local.weekday() >= 5 or not (7 <= t_local.hour < 17)
        if off_hours and rng.random() < 0.6:
            channel = "monitoring"
        else:
            channel = self.pick(CHANNELS, self.chan_cw)
        cat = self.pick(CATEGORIES, self.cat_cw)
        r = rng.random()
        kind = "incident" if r < 0.70 else ("request" if r < 0.97 else "problem")
        ci = self.ci()
        title = rng.choice(TITLES[lang]).format(
            ci=ci, app=rng.choice(APPS), place=rng.choice(PLACES)
        )
        requester = self.pick(self.requesters, self.req_cw)
        org = self.pick(ORGS, self.org_cw)
        rec = {
            "id": tid,
            "kind": kind,
            "title": title,
        }
        if rng.random() < 0.8:
            rec["description"] = self.text(lang, rng.randint(8, 30))
        r = rng.random()
        if r < 0.6:
            impact = rng.choices(["low", "medium", "high"], [70, 25, 5])[0]
            urgency = rng.choices(["low", "medium", "high"], [40, 45, 15])[0]
            rec["impact"], rec["urgency"] = impact, urgency
            prio = {("high", "high"): "P1", ("high", "medium"): "P2", ("medium", "high"): "P2",
                    ("high", "low"): "P3", ("medium", "medium"): "P3", ("low", "high"): "P3"
                    }.get((impact, urgency), "P4")
        else:
            prio = rng.choices(["P1", "P2", "P3", "P4"], [2, 10, 60, 28])[0]
        rec["priority"] = prio
        if channel != "monitoring":
            first, last = requester.split(" ", 1)
            rec["requester"] = requester
            rec["email"] = "%s.%s@%s.example" % (
                first.lower(), last.lower().replace("ä", "a").replace("ö", "o")
                .replace("ś", "s").replace("ó", "o"), org.lower().replace(" ", "-"))
            if rng.random() < 0.5:
                rec["phone"] = "+358 40 %03d %04d" % (rng.randrange(1000), rng.randrange(10000))
            rec["location"] = rng.choice(PLACES)
        else:
            # Unique per ticket: desk allows one active ticket per key, and an alert
            # that comes back after its ticket was closed files a new ticket anyway.
            rec["dedup_key"] = "%s/%s/%d" % (ci, cat, tid)
        rec["org"] = org
        rec["category"] = cat
        rec["ci"] = ci
        rec["channel"] = channel
        if rng.random() < 0.15:
            rec["tags"] = rng.sample(TAGS, rng.randint(1, 2))

        events, comments, worklog = [], [], []
        status = "new"
        assignee = None
        tier = 1
        escalations = reopens = spent = 0
        resolved_at = closed_at = None

        def ev(at, actor, action, detail=None, st=None):
            s = ts(at)
            e = {"at": s, "recorded_at": s, "actor": actor, "action": action}
            if detail is not None:
                e["detail"] = detail
            if st is not None:
                e["status"] = st
            events.append(e)

        creator = rng.choice(AGENTS) if channel in ("phone", "walk-in") else "desk"
        ev(created, creator, "create", None, "new")
        t = created
        fast = {"P1": 0.2, "P2": 0.5, "P3": 1.0, "P4": 2.0}[prio]

        def later(mean):
            return int(rng.expovariate(1.0 / (mean * fast))) + 60

        cancelled = rng.random() < 0.02
        fcr = not cancelled and channel in ("phone", "walk-in", "chat") and rng.random() < 0.55
        if fcr:
            agent = creator if creator != "desk" else rng.choice(AGENTS)
            t += rng.randint(60, 900)
            ev(t, agent, "assign", "to " + agent, "open")
            assignee, status = agent, "open"
        else:
            t += later(2 * HOUR)
            if t < end:
                agent = rng.choice(AGENTS)
                ev(t, agent, "assign", "to " + agent, "open")
                assignee, status = agent, "open"
        if cancelled and t < end:
            t += later(4 * HOUR)
            if t < end:
                ev(t, assignee or "desk", "cancel", "duplicate request", "cancelled")
                status = "cancelled"
        plan_wait = rng.random() < 0.15
        plan_escalate = rng.random() < 0.12
        plan_reopen = rng.random() < 0.04
        # Problems and a few forgotten tickets take much longer.
        slow = 40.0 if kind == "problem" else (25.0 if rng.random() < 0.15 else 1.0)

        def work(at, actor):
            nonlocal spent
            m = rng.choice([5, 10, 15, 15, 20, 30, 30, 45, 60, 90, 120])
            note = rng.choice(COMMENTS[lang]) if rng.random() < 0.4 else None
            w = {"at": ts(at), "actor": actor, "minutes": m}
            if note:
                w["note"] = note
            worklog.append(w)
            ev(at, actor, "log", "%dm" % m + (": " + note if note else ""))
            spent += m

        def comment(at, actor, internal):
            text = rng.choice(COMMENTS[lang])
            if rng.random() < 0.5:
                text += " " + self.text(lang, rng.randint(4, 15))
            comments.append({"at": ts(at), "actor": actor, "text": text, "internal": internal})
            ev(at, actor, "note" if internal else "comment", text[:80])

        rounds = 0
        while status in ("new", "open", "waiting") and rounds < 3:
            rounds += 1
            if fcr and rounds == 1:
                t += rng.randint(60, 900)
                if t >= end:
                    break
                ev(t, assignee, "resolve", rng.choice(SOLUTIONS[lang]), "resolved")
                status, resolved_at = "resolved", t
                if rng.random() < 0.5:
                    work(t, assignee)
                self.count("fcr")
            else:
                if rng.random() < 0.5:
                    t += later(3 * HOUR * slow)
                    if t >= end:
                        break
                    comment(t, assignee or rng.choice(AGENTS), rng.random() < 0.3)
                if plan_wait and rounds == 1:
                    t += later(HOUR)
                    if t >= end:
                        break
                    ev(t, assignee, "wait", rng.choice(WAIT_REASONS), "waiting")
                    status = "waiting"
                    t += later(30 * HOUR * slow)
                    if t >= end:
                        break
                    ev(t, assignee, "resume", None, "open")
                    status = "open"
                    self.count("waited")
                if plan_escalate and rounds == 1:
                    t += later(4 * HOUR)
                    if t >= end:
                        break
                    tier = 2
                    escalations += 1
                    team = rng.choice(TIER2)
                    ev(t, assignee, "escalate", "to tier 2", "new")
                    status, assignee = "new", None
                    t += later(3 * HOUR)
                    if t >= end:
                        break
                    ev(t, team, "assign", "to " + team, "open")
                    status, assignee = "open", team
                    if rng.random() < 0.15:
                        t += later(24 * HOUR)
                        if t >= end:
                            break
                        tier = 3
                        escalations += 1
                        v = rng.choice(TIER3)
                        ev(t, assignee, "escalate", "to tier 3, " + v, "open")
                        assignee = v
                    self.count("escalated")
                if rng.random() < 0.6:
                    t += later(2 * HOUR * slow)
                    if t >= end:
                        break
                    work(t, assignee)
                t += later(20 * HOUR * slow)
                if t >= end:
                    break
                ev(t, assignee, "resolve", rng.choice(SOLUTIONS[lang]), "resolved")
                status, resolved_at = "resolved", t
            # The customer verifies: silence closes after 24 h, a complaint reopens.
            if plan_reopen and rounds == 1:
                t += later(6 * HOUR)
                if t >= end:
                    break
                ev(t, rec.get("requester", "desk"), "reopen", "still broken",
                   "open" if assignee else "new")
                status = "open" if assignee else "new"
                reopens += 1
                plan_reopen = False
                self.count("reopened")
                continue
            if rng.random() < 0.3:
                t += later(4 * HOUR)
                if t >= end:
                    break
                ev(t, assignee, "close", "confirmed by the customer", "closed")
            else:
                t = resolved_at + DAY
                if t >= end:
                    break
                ev(t, "desk", "close", "verification window passed", "closed")
            status, closed_at = "closed", t

        rec["status"] = status
        rec["tier"] = tier
        if assignee and status not in ("new",):
            rec["assignee"] = assignee
        rec["created_at"] = ts(created)
        last = max(created, min(t, end))
        rec["updated_at"] = ts(last)
        if resolved_at is not None and status in ("resolved", "closed"):
            rec["resolved_at"] = ts(resolved_at)
            rec["resolution"] = events[[e["action"] for e in events].index("resolve")]["detail"]
            k = bisect.bisect_left(self.article_times, resolved_at)
            if k > 0 and rng.random() < 0.12:
                rec["kb_article"] = max(1, int(k * (1 - rng.random() ** 3)))
                self.count("with_article")
        if closed_at is not None and status == "closed":
            rec["closed_at"] = ts(closed_at)
        rec["time_spent"] = spent
        rec["escalations"] = escalations
        rec["reopens"] = reopens
        if rng.random() < 0.02 and tid > 1:
            rec["links"] = [{"id": rng.randint(max(1, tid - 200), tid - 1), "kind": "related"}]
        rec["events"] = events
        if comments:
            rec["comments"] = comments
        if worklog:
            rec["worklog"] = worklog
        self.count("tickets")
        self.count("status_" + status)
        self.count("channel_" + channel)
        self.count("kind_" + kind)
        self.count("events", len(events))
        self.count("comments", len(comments))
        self.count("worklog", len(worklog))
        return rec

    def run(self, out):
        times = creation_times(self.rng, self.n_tickets, self.start, self.end)
        self.articles(out, times)
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        for i, created in enumerate(times):
            out.write(dumps(self.ticket(i + 1, created)))
            out.write("\n")


class Null:
    def write(self, s):
        pass


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tickets", type=int, default=10000)
    p.add_argument("--articles", type=int, default=None,
                   help="default: a tenth of --tickets")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--end", default="2026-11-20T12:00:00Z",
                   help="the desk's 'now': the last moment of the three years (UTC)")
    p.add_argument("--out", default="-", help="file to write, - for stdout")
    p.add_argument("--stats", action="store_true",
                   help="print the shares to stderr (with --out - and no pipe: no output)")
    a = p.parse_args()
    if a.articles is None:
        a.articles = a.tickets // 10
    g = Gen(a)
    if a.stats and a.out == "-" and sys.stdout.isatty():
        out = Null()
    elif a.out == "-":
        out = sys.stdout
    else:
        out = open(a.out, "w", encoding="utf-8", buffering=1 << 20)
    try:
        g.run(out)
    except BrokenPipeError:
        sys.exit(1)
    if out is not sys.stdout and not isinstance(out, Null):
        out.close()
    if a.stats:
        n = max(1, g.stats.get("tickets", 0))
        for k in sorted(g.stats):
            v = g.stats[k]
            share = "" if k in ("tickets", "articles") else " (%.2f per ticket)" % (v / n) \
                if k in ("events", "comments", "worklog") else " (%.1f%%)" % (100 * v / n)
            print("%-22s %9d%s" % (k, v, share), file=sys.stderr)


if __name__ == "__main__":
    main()
