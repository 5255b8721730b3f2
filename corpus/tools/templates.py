"""Templated units: combine the hand-written fragments in fragments.py.

Every frame below fixes the labels by construction (see GUIDELINES.md):
  V = vague_language, M = missing_metric, D = undefined_deadline.
The generator is deterministic (random.Random seeded with the domain name).
"""
import random

from fragments import F

NAMES = ["Anna Kowalska", "Tom Reid", "Priya Nair", "Kofi Mensah", "Lucía Ortega", "Jan de Vries", "Mei Lin",
         "Oskar Berg", "Fatima Zahra", "Diego Alves", "Hiro Tanaka", "Sanna Virtanen", "Ahmed Saleh", "Claire Dubois",
         "Bogdan Ionescu", "Ines Costa", "Raj Patel", "Olu Adeyemi", "Elif Demir", "Mateus Rocha", "Greta Schulz",
         "Sipho Dlamini", "Noor Haddad", "Pavel Novak", "Aoife Byrne", "Lars Nilsson", "Chiara Rossi", "Yusuf Kaya"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MILESTONES = ["the go-live", "the start of UAT", "the design review", "the steering committee", "the cut-over weekend",
              "the factory acceptance test", "the release freeze", "the board meeting"]
EVENTS = ["contract signature", "the kick-off meeting", "receipt of the test data", "the design sign-off",
          "the purchase order", "the end of the pilot"]

# Vague or missing deadlines (D=1).  Temporal vagueness alone does not set V (GUIDELINES rule B3).
VAGUE_DL = ["", "", "", "ASAP", "as soon as possible", "soon", "shortly", "in due course", "later",
            "in the coming weeks", "in the next phase", "when resources allow", "by next sprint", "at a later stage",
            "after the summer", "early next year", "at your earliest convenience",
            "once the budget is approved", "before long", "at some point", "after the pilot", "next quarter or so"]
LOOPHOLE_FRAMES = ["{S} shall, where feasible, {f}.", "{S} should {f} if possible.", "If necessary, {s} shall {f}.",
                   "{S} shall {f} as appropriate.", "As far as practicable, {s} shall {f}.",
                   "Where technically possible, {s} shall {f}.", "{S} shall {f}, where reasonable.",
                   "{S} may {f} if the project decides it is useful."]
VAGUE_TIME = ["quickly", "promptly", "without undue delay", "in good time", "as soon as possible", "almost immediately",
              "shortly afterwards", "fast enough", "in a timely manner", "without noticeable delay"]
SLA_VAGUE = ["promptly", "as quickly as possible", "in a timely manner", "without undue delay", "swiftly",
             "within a reasonable time", "in most cases on time", "as fast as practicable"]
SLA_HIDDEN = ["within the agreed service level", "within the time set in the service catalogue",
              "in line with the contractual service levels", "within the response time defined by the customer"]
STORY_VAGUE = ["quickly", "easily", "effortlessly", "smoothly", "conveniently", "rapidly"]
SLA_ORGS = ["the service provider", "the contractor", "the Supplier", "the outsourcing partner", "the maintenance provider"]
TECH_ORGS = ["the vendor", "the Supplier", "the integrator", "the development partner"]
EMAIL_ONLY_DL = {"at your earliest convenience", "before long", "next quarter or so", "at some point"}
STORY_LOOP = ["if possible", "where feasible", "as appropriate", "if necessary"]
DETAIL_VAGUE = ["in sufficient detail", "to a high standard", "in an appropriate level of detail", "with adequate coverage",
                "in a comprehensive form", "of reasonable quality", "in a user-friendly format", "of the best possible quality"]
QTY_VAGUE = ["a few", "several", "some", "a number of", "enough", "a couple of", "sufficient", "many"]
QTY_EXACT = ["three", "five", "ten", "12", "20", "two", "four", "six"]
DOC_VERBS = ["send", "share", "circulate", "finalise", "provide", "upload", "update", "review and return"]
FIX_VERBS = ["fix", "resolve", "investigate and fix", "patch", "correct"]
PAST_VERBS = ["sent", "shared", "circulated", "delivered", "uploaded", "presented"]


def cap(s):
    return s[0].upper() + s[1:] if s else s


def sentence_end(text, end="."):
    text = " ".join(text.split())
    text = text.replace(" ,", ",").replace(" .", ".").replace(" ?", "?")
    return text.rstrip(".") + end if not text.endswith(end) else text


class Gen:
    def __init__(self, domain):
        self.d = domain
        self.f = F[domain]
        self.r = random.Random("corpus-" + domain)
        self.out = []
        self.n = 0

    def add(self, style, vmd, text, end="."):
        text = sentence_end(text, end)
        for prefix in ("- ", "[ ] ", ""):
            if text.startswith(prefix):
                text = prefix + cap(text[len(prefix):])
                break
        self.out.append((style, tuple(int(c) for c in vmd), text))

    def pick(self, seq):
        return self.r.choice(seq)

    def date(self, year=True, weekday=False):
        r = self.r
        m = r.randrange(12)
        d = r.randint(1, 28)
        y = r.choice([2026, 2027, 2027, 2028])
        fmt = r.randrange(5 if year else 3)
        if weekday:
            return f"{r.choice(DAYS)} {d} {MONTHS[m]}"
        if fmt == 0:
            return f"{d} {MONTHS[m]}"
        if fmt == 1:
            return f"{MONTHS[m][:3]} {d}"
        if fmt == 2:
            return f"{d} {MONTHS[m]}"
        if fmt == 3:
            return f"{d} {MONTHS[m]} {y}"
        return f"{y}-{m + 1:02d}-{d:02d}"

    def concrete_dl(self):
        r = self.r
        k = r.randrange(14)
        if k == 0:
            return f"by {self.date()}"
        if k == 1:
            return f"by {self.date(weekday=True)}"
        if k == 2:
            return f"by {r.choice(DAYS)}"
        if k == 3:
            return r.choice(["by end of day tomorrow", "by close of business today", "by 15:00 tomorrow",
                             "by the end of next week", "by end of this month"])
        if k == 4:
            return f"within {r.choice([5, 10, 15, 20])} business days of {r.choice(EVENTS)}"
        if k == 5:
            return f"before {r.choice(MILESTONES)} on {self.date()}"
        if k == 6:
            return f"no later than {self.date()}"
        if k == 7:
            return f"in Sprint {r.randint(8, 40)}, ending {self.date()}"
        if k == 8:
            return f"by {r.choice(['2027-', '2026-'])}{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        if k == 9:
            return f"before {r.choice(MILESTONES)}"
        if k == 10:
            return f"within {r.choice([2, 3, 5])} working days"
        if k == 11:
            return f"by the end of Q{r.randint(1, 4)} {r.choice([2026, 2027])}"
        if k == 12:
            return f"ahead of the workshop on {self.date(weekday=True)}"
        return f"by noon on {r.choice(DAYS)}"

    def dl(self, p_vague, formal=False):
        if self.r.random() < p_vague:
            pool = [v for v in VAGUE_DL if v not in EMAIL_ONLY_DL] if formal else VAGUE_DL
            return 1, self.pick(pool)
        return 0, self.concrete_dl()

    def S(self):
        return self.pick(self.f["sys"])

    def person(self):
        n = self.pick(NAMES)
        return n if self.r.random() < 0.5 else n.split()[0]

    # ---------------------------------------------------------------- frames
    def functional(self):
        f = self.f
        code = self.d[:3].upper()
        for i, feat in enumerate(f["feat"]):
            s = self.S()
            if i % 3 == 0:
                self.add("shall", "000", f"REQ-{code}-{self.r.randint(100, 999)}: {cap(s)} shall {feat}.")
            elif i % 3 == 1:
                self.add("shall", "000", f"{cap(s)} shall {feat}.")
            # loophole variant for every feature, different system
            s2 = self.pick([x for x in f["sys"] if x != s])
            frame = LOOPHOLE_FRAMES[(i + len(self.d)) % len(LOOPHOLE_FRAMES)]
            text = frame.format(S=cap(s2), s=s2, f=feat)
            if i % 4 and self.r.random() < 0.5:
                self.add("bullet", "100", "- " + text)
            else:
                self.add("shall", "100", text)
        # 'must' bullets without loophole
        for feat in self.r.sample(f["feat"], 1):
            self.add("bullet", "000", f"- {cap(feat)}.")

    def lists(self):
        for intro, items in self.f["lists"]:
            s = self.S()
            a, b, c, d = items
            self.add("shall", "100", f"{cap(s)} shall {intro} {a}, {b}, {c} etc.")
            self.add("shall", "000", f"{cap(self.S())} shall {intro} {a}, {b}, {c} and {d}.")
            self.add("nfr" if self.r.random() < 0.3 else "shall", "100",
                     f"{cap(self.S())} shall {intro} the following, including but not limited to: {b}, {a}.")
            self.add("bullet", "100", f"- {cap(intro)} {d}, {a} and so on.")

    def ears(self):
        for trig, resp, pin, unitless in self.f["ears"]:
            s = self.S()
            if pin is None:
                self.add("ears", "000", f"{trig}, {s} shall {resp}.")
                if not trig.startswith("While"):
                    self.add("ears", "110", f"{trig}, {self.S()} shall {resp} {self.pick(VAGUE_TIME)}.")
                continue
            self.add("ears", "000", f"{trig}, {s} shall {resp} {pin}.")
            if pin.startswith("for "):
                vt = self.pick(["for a reasonable time", "for a while", "for a short period"])
            elif pin.startswith("at least"):
                vt = self.pick(["well in advance", "early enough", "sufficiently ahead"])
            elif pin.startswith("after"):
                vt = self.pick(["after a short while", "after a reasonable wait"])
            elif pin.startswith("before") or pin.startswith("on the same"):
                vt = self.pick(["in good time", "as early as possible"])
            else:
                vt = self.pick(VAGUE_TIME)
            self.add("ears", "110", f"{trig}, {self.S()} shall {resp} {vt}.")
            if unitless:
                cond = trig.split(" ", 1)[1]
                self.add("ears", "010", f"{cap(self.S())} shall {resp} {unitless} whenever {cond}.")
            elif self.r.random() < 0.5:
                self.add("acceptance", "000", f"Given normal operation, when {trig[trig.index(' ') + 1:]}, then {self.S()} must {resp} {pin}.")

    def acceptance(self):
        givens = ["Given normal operation", "Given a configured test environment", "Given the production data set",
                  "Given a trained user", "Given the pilot configuration", "Given peak-hour conditions"]
        for i, (trig, resp, pin, unitless) in enumerate(self.f["ears"]):
            if trig.startswith("While"):
                continue
            cond = trig.split(" ", 1)[1]
            g = givens[(i + len(self.d)) % len(givens)]
            if pin is not None and i % 2 == 0:
                self.add("acceptance", "000", f"{g}, when {cond}, then {self.S()} must {resp} {pin}.")
            elif pin is not None:
                self.add("acceptance", "110", f"{g}, when {cond}, then {self.S()} must {resp} {self.pick(['quickly', 'promptly', 'in good time', 'without noticeable delay'])}.")
            else:
                self.add("acceptance", "000", f"{g}, when {cond}, then {self.S()} must {resp}.")

    def quality(self):
        code = self.d[:2].upper()
        frames = ["{S} shall {p}.", "NFR-{n}: {S} must {p}.", "- {S} must {p}.", "{S} is required to {p}.",
                  "REQ-{c}-{n}: {S} shall {p}."]
        for i, (vague, pinned, hidden) in enumerate(self.f["qual"]):
            variants = [("110", vague), ("000", pinned), ("010", hidden)]
            for j, (lab, pred) in enumerate(variants):
                fr = frames[(i + j) % len(frames)]
                style = "bullet" if fr.startswith("-") else ("nfr" if (i + j) % 2 else "shall")
                self.add(style, lab, fr.format(S=cap(self.S()), p=pred, n=self.r.randint(10, 99), c=code))

    def upgrades(self):
        f = self.f
        frames = ["{O} shall upgrade {s} so that it can {p} {dl}.", "{O} will tune {s} to {p} {dl}.",
                  "Action: {o} to rework {s} so that it will {p} {dl}.", "{O} commits to changing {s} so that it will {p} {dl}.",
                  "Decision: {o} will re-architect {s} to {p} {dl}."]
        for i, (vague, pinned, hidden) in enumerate(f["qual"]):
            o = self.pick(TECH_ORGS)
            fr = frames[i % len(frames)]
            style = "action-item" if fr.startswith("Action") else ("decision" if fr.startswith("Decision") else "sow")
            dlab, dl = self.dl(0.7, formal=True)
            self.add(style, f"01{dlab}", fr.format(O=cap(o), o=o, s=self.S(), p=hidden, dl=dl))
            fr = frames[(i + 2) % len(frames)]
            style = "action-item" if fr.startswith("Action") else ("decision" if fr.startswith("Decision") else "sow")
            o = self.pick(TECH_ORGS)
            dlab, dl = self.dl(0.7, formal=True)
            self.add(style, f"11{dlab}", fr.format(O=cap(o), o=o, s=self.S(), p=vague, dl=dl))
        # stakeholder expectations recorded in notes: not commitments, V=1, M=1
        frames = ["- Stakeholders expect {s} to {p}.", "Note: the business wants {s} to {p}.",
                  "The client stressed that {s} must {p}.", "Workshop outcome: {s} should {p}."]
        for i, (vague, pinned, hidden) in enumerate(f["qual"]):
            fr = frames[i % len(frames)]
            self.add("bullet" if fr.startswith("-") else "note", "110", fr.format(s=self.S(), p=vague))

    def stories(self):
        for role, want, benefit in self.f["story"]:
            art = "an" if role[0] in "aeiou" else "a"
            self.add("user-story", "000", f"As {art} {role}, I want to {want} so that {benefit}.")
            adv = self.pick(STORY_VAGUE)
            t = f"As {art} {role}, I want to {adv} {want}."
            self.add("user-story", "110", t)
            self.add("user-story", "100", f"As {art} {role}, I want to {want}, {self.pick(STORY_LOOP)}, so that {benefit}.")

    def sla(self):
        orgs = SLA_ORGS
        for act, pin in self.f["sla"]:
            o = self.pick(orgs)
            self.add("sla", "000", f"{cap(o)} shall {act} {pin}.")
            self.add("sla", "110", f"{cap(self.pick(orgs))} shall {act} {self.pick(SLA_VAGUE)}.")
            self.add("sla", "010", f"{cap(self.pick(orgs))} shall {act} {self.pick(SLA_HIDDEN)}.")

    def actions(self):
        f = self.f
        frames = ["Action: {P} to {v} {x} {dl}.", "AI-{n}: {P} to {v} {x} {dl}.", "{P} will {v} {x} {dl}.",
                  "- {P}: {v} {x} {dl}", "[ ] {P} to {v} {x} {dl}", "ACTION {P} - {v} {x} {dl}"]
        items = [(self.pick(DOC_VERBS), d) for d in f["docs"]] + \
                [(self.pick(FIX_VERBS), d) for d in f["defects"]] + [(t.split(" ", 1)[0], t.split(" ", 1)[1]) for t in f["tasks"]]
        for k, (v, x) in enumerate(items):
            who = self.person() if k % 3 else self.pick(f["orgs"])
            for rep in range(2 if k % 2 == 0 else 1):
                dlab, dl = self.dl(0.8 if rep == 0 else 0.7)
                fr = frames[(k + rep) % len(frames)]
                style = "bullet" if fr.startswith(("-", "[")) else "action-item"
                self.add(style, f"00{dlab}", fr.format(P=who, v=v, x=x, dl=dl, n=self.r.randint(1, 80)))
                who = self.person()
        # casual vague quantities in action items: V=1, M=0
        for cnt in f["count"]:
            dlab, dl = self.dl(0.5)
            self.add("action-item", f"10{dlab}", f"{self.person()} to collect {self.pick(QTY_VAGUE[:4] + QTY_VAGUE[5:6])} {cnt} {dl}.")

    def emails(self):
        f = self.f
        frames = ["Could you please send {x} {dl}?", "Hi {F}, could you share {x} {dl}?", "Please provide {x} {dl}.",
                  "Would you be able to send over {x} {dl}?", "Dear {F}, we are still waiting for {x}; please send it {dl}.",
                  "Can your team update {x} {dl}?", "{F}, can you look into {y} and let us know {dl}?",
                  "We would appreciate it if you could fix {y} {dl}."]
        docs = self.r.sample(f["docs"], 6)
        for k, x in enumerate(docs):
            dlab, dl = self.dl(0.85)
            fr = frames[k % len(frames)]
            first = self.person().split()[0]
            if dlab == 1 and dl == "" and "please send it {dl}" in fr:
                fr = "Dear {F}, we are still waiting for {x}; please send it."
            self.add("email", f"00{dlab}", fr.format(x=x, y=self.pick(f["defects"]), F=first, dl=dl), end="?" if fr.endswith("?") else ".")
        for y in f["defects"][:2]:
            dlab, dl = self.dl(0.6)
            self.add("email", f"00{dlab}", f"{self.person().split()[0]}, can you look into {y} and get back to us {dl}?", end="?")
        for cnt in f["count"]:
            dlab, dl = self.dl(0.5)
            self.add("email", f"10{dlab}", f"Could you send us {self.pick(['a few', 'some', 'a couple of', 'several'])} {cnt} {dl}?", end="?")

    def sow(self):
        f = self.f
        frames = ["{O} shall deliver {x} {dl}.", "{O} will provide {x} {dl}.", "{O} is responsible for delivering {x} {dl}.",
                  "Deliverable D{n}: {x}, to be provided by {o} {dl}.", "{O} shall submit {x} for approval {dl}."]
        for k, x in enumerate(self.r.sample(f["docs"], 6)):
            dlab, dl = self.dl(0.8, formal=True)
            o = self.pick(f["orgs"])
            self.add("sow", f"00{dlab}", frames[k % len(frames)].format(O=cap(o), o=o, x=x, dl=dl, n=self.r.randint(1, 30)))
        # vague quality of a deliverable: V=1, M=1
        for x in self.r.sample(f["docs"], 3):
            dlab, dl = self.dl(0.5, formal=True)
            self.add("sow", f"11{dlab}", f"{cap(self.pick(f['orgs']))} shall deliver {x} {self.pick(DETAIL_VAGUE)} {dl}.")
        # contractual quantities: vague -> V=1, M=1; exact -> V=0, M=0
        for cnt in f["count"]:
            dlab, dl = self.dl(0.5, formal=True)
            self.add("sow", f"11{dlab}", f"{cap(self.pick(f['orgs']))} shall provide {self.pick(QTY_VAGUE)} {cnt} to the project team {dl}.")
            dlab, dl = self.dl(0.5, formal=True)
            self.add("sow", f"00{dlab}", f"{cap(self.pick(f['orgs']))} shall provide {self.pick(QTY_EXACT)} {cnt} to the project team {dl}.")

    def decisions(self):
        f = self.f
        for k, c in enumerate(f["choices"]):
            fr = ["Decision: {c}.", "Agreed: {c}.", "The steering group decided that {c}."][k % 3]
            self.add("decision", "000", fr.format(c=c))
        for x in self.r.sample(f["docs"], 3):
            dlab, dl = self.dl(0.7, formal=True)
            self.add("decision", f"00{dlab}", f"Decision: {self.pick(f['orgs'])} will deliver {x} {dl}.")

    def past(self):
        f = self.f
        for x in self.r.sample(f["docs"], 4):
            k = self.r.randrange(3)
            if k == 0:
                t = f"{self.person()} {self.pick(PAST_VERBS)} {x} on {self.date()}."
            elif k == 1:
                t = f"{cap(x)} was received from {self.pick(f['orgs'])} on {self.date(weekday=True)}."
            else:
                t = f"{cap(self.pick(f['orgs']))} {self.pick(['delivered', 'submitted'])} {x} last week; it is under review."
            self.add("note", "000", t)
        y = self.pick(f["defects"])
        self.add("note", "000", f"The fix for {y} was released on {self.date()}.")

    def bullets(self):
        f = self.f
        for x in self.r.sample(f["docs"], 4):
            p = self.person()
            if self.r.random() < 0.7:
                self.add("bullet", "001", f"- {cap(x)}: owner {p}, due date {self.pick(['TBD', 'to be confirmed', 'open', 'not set'])}")
            else:
                self.add("bullet", "000", f"- {cap(x)}: owner {p}, due {self.date()}")

    def obligations(self):
        f = self.f
        frames = ["{O} shall {t} {dl}.", "{P} agreed to {t} {dl}.", "Follow-up: {o} to {t} {dl}.", "{O} will {t} {dl}."]
        for k, t in enumerate(f["tasks"]):
            o = self.pick(f["orgs"])
            fr = frames[k % len(frames)]
            dlab, dl = self.dl(0.8, formal=fr.startswith("{O}"))
            style = "sow" if fr.startswith("{O} shall") else ("note" if "agreed" in fr else "action-item")
            self.add(style, f"00{dlab}", fr.format(O=cap(o), o=o, P=self.person(), t=t, dl=dl))
        docs = [d for d in f["docs"]]
        self.r.shuffle(docs)
        for k, x in enumerate(docs[:6]):
            o = self.pick(f["orgs"])
            dlab, dl = self.dl(0.8, formal=k in (1, 3))
            fr = ["{P} agreed to send {x} {dl}.", "{O} undertakes to hand over {x} {dl}.",
                  "Open point: {x} still to be provided by {o} {dl}.", "{O} owes us {x}; to be delivered {dl}.",
                  "Reminder to {o}: please deliver {x} {dl}.", "{P} promised {x} {dl}."][k]
            style = "email" if fr.startswith("Reminder") else ("sow" if "undertakes" in fr else ("note" if "agreed" in fr or "promised" in fr else "action-item"))
            self.add(style, f"00{dlab}", fr.format(O=cap(o), o=o, P=self.person(), x=x, dl=dl))

    def run(self):
        for step in (self.functional, self.lists, self.ears, self.acceptance, self.quality, self.upgrades, self.stories, self.sla, self.actions, self.obligations,
                     self.emails, self.sow, self.decisions, self.past, self.bullets):
            step()
        return self.out


def generate(domain):
    if domain not in F:
        return []
    return Gen(domain).run()
