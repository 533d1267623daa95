#!/usr/bin/env python3
"""Rebuilds the whole-playbook catalogue from the FastTrack partner playbook pages.

How to run (from the repository root; python3, standard library only):

    # from a git mirror of willknoll/vigilant-chainsaw (bare or not); without --commit the script
    # uses the parent of the last commit that deleted md-files/partner-site/fasttrack-playbook/
    eng/catalogue/build-catalogue.py --git /work/.mirror/willknoll+vigilant-chainsaw/repo/.git

    # from a checkout or an extract that holds md-files/partner-site/fasttrack-playbook/
    eng/catalogue/build-catalogue.py --dir /path/to/checkout

    # check only: exit 1 when the shipped files differ from what the pages give
    eng/catalogue/build-catalogue.py --git <mirror> --check

It writes (deterministically: same pages, same bytes):
    src/FastTrack.Core/Data/Seed/playbook-catalogue.csv  the tasks, in the import format of docs/catalogue-format.md
    src/FastTrack.Core/Data/Seed/playbook-sections.csv   the approach sections, with phase and process order,
                                                         ja/zh names, motions, applies-to and summaries
and prints a review report (conflicts between copies, ids on several pages, what was left out) on stderr.

Inputs besides the pages: src/FastTrack.Core/Data/Seed/seed-tasks.csv and seed-sections.csv (the seed pages' values
win for the 20 seed tasks and the 22 seed sections) and eng/catalogue/section-summaries.csv (the summaries of what the
FM does in each section, written by hand for this product; the pages' prose is not copied).
The rules applied are those of docs/decisions/0014-whole-playbook-catalogue.md.
"""

import argparse
import csv
import io
import os
import re
import subprocess
import sys
from collections import OrderedDict, defaultdict

PLAYBOOK = "md-files/partner-site/fasttrack-playbook"
LANG_DIRS = {"en": "english-playbook", "ja": "japanese-playbook", "zh": "simplified-chineses-playbook"}
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SEED_DIR = os.path.join(REPO, "src", "FastTrack.Core", "Data", "Seed")
TASKS_OUT = os.path.join(SEED_DIR, "playbook-catalogue.csv")
SECTIONS_OUT = os.path.join(SEED_DIR, "playbook-sections.csv")
SUMMARIES = os.path.join(HERE, "section-summaries.csv")

TASK_HEADER = ["id", "phase", "process", "section", "required", "role", "services", "name_en", "name_ja", "name_zh"]
# The first ten columns are those of seed-sections.csv, in its order; the others are optional extensions.
SECTION_HEADER = ["phase", "process", "order", "section", "section_ja", "section_zh", "primary_role", "motions",
                  "applies_to", "task_ids", "phase_order", "phase_ja", "phase_zh", "process_order", "process_ja",
                  "process_zh", "summary_en", "summary_ja", "summary_zh"]

# The lifecycle, in playbook order. The English table of contents lists the first five phases; the Success phase
# comes from its Japanese and Chinese phase pages (phase-success-jp.md, phase-success-sc.md) and the seed pages.
# Within a phase, processes follow the table of contents; pages with a "Phase:" line that the contents do not list
# (Conduct Customer Success Workshop, the two Success pages) are placed as the ADR says.
PHASES = ["Initiate", "Assess", "Remediate", "Enable", "Migrate", "Success"]
PROCESS_PAGES = OrderedDict([
    ("Initiate", ["initiate-conduct-customer-kick-off", "initiate-deploy-securely", "initiate-review-meeting-cadence"]),
    # Kickoff's next steps send the FM to the success workshop and the technical assessment: the workshop comes first.
    ("Assess", ["assess-conduct-customer-success-workshop", "assess-conduct-technical-assessment",
                "assess-conduct-security-workshop", "assess-conduct-services-workshops",
                "assess-conduct-adoption-and-change-management-conversation"]),
    ("Remediate", ["remediate-address-technical-gaps"]),
    ("Enable", ["enable-enable-services", "enable-conduct-engagement-completion-discussion"]),
    ("Migrate", ["migrate-migration", "migrate-conduct-engagement-completion-discussion"]),
    ("Success", ["success-support-success-execution", "success-conduct-success-review"]),
])
# Pages that hold FTOP task tables but describe an approach (a kind of engagement), not a lifecycle process.
APPROACH_PAGES = ["approach-get-modern-ftc", "approach-opp-365-standalone", "opp365-standalone-engagement"]

# Role abbreviations of the approach pages' tables (they are only used in the report).
ROLE_ABBREVIATIONS = {"FM": "FastTrack Manager", "FE": "FastTrack Engineer"}
# Service names that contain a slash and are one service.
COMPOUND_SERVICES = ["Classroom/SDS"]

LABELS = {
    "role": r"(?:Primary Roles?|主な役割|主要角色)",
    "motions": r"(?:Motions|モーション|行动)",
    "applies": r"(?:Applies To|適用対象|适用于)",
    "phase": r"(?:Phase|フェーズ|阶段)",
}
ALL_SERVICES = {"All Services", "すべてのサービス", "所有服务"}


# ---------------------------------------------------------------------------------------------------- sources
class DirSource:
    def __init__(self, path):
        for base in (path, os.path.join(path, PLAYBOOK)):
            if os.path.isdir(os.path.join(base, LANG_DIRS["en"])):
                self.base = base
                return
        sys.exit(f"{path}: no {PLAYBOOK}/{LANG_DIRS['en']} there")

    def names(self, lang):
        d = os.path.join(self.base, LANG_DIRS[lang])
        return sorted(f for f in os.listdir(d) if f.endswith(".md")) if os.path.isdir(d) else []

    def read(self, lang, name):
        with open(os.path.join(self.base, LANG_DIRS[lang], name), encoding="utf-8") as f:
            return f.read()

    def names_any(self, lang):
        d = os.path.join(self.base, LANG_DIRS[lang])
        return sorted(os.listdir(d)) if os.path.isdir(d) else []

    def describe(self):
        return self.base


class GitSource:
    def __init__(self, git_dir, commit):
        if os.path.isdir(os.path.join(git_dir, ".git")):
            git_dir = os.path.join(git_dir, ".git")  # a clone's work tree was given
        self.git_dir = git_dir
        if not commit:
            deleted = self._git("log", "--all", "--diff-filter=D", "-1", "--format=%H", "--", PLAYBOOK).strip()
            if not deleted:
                sys.exit(f"{git_dir}: no commit deletes {PLAYBOOK}; pass --commit")
            commit = self._git("rev-parse", deleted + "^").strip()
        self.commit = self._git("rev-parse", "--verify", commit + "^{commit}").strip()
        listing = self._git("ls-tree", "-r", "--name-only", self.commit, "--", PLAYBOOK)
        self.files = set(listing.splitlines())

    def _git(self, *args):
        done = subprocess.run(["git", "--git-dir", self.git_dir, *args], capture_output=True)
        if done.returncode != 0:
            sys.exit(f"git {' '.join(args[:2])} in {self.git_dir} failed: {done.stderr.decode('utf-8', 'replace').strip()}")
        return done.stdout.decode("utf-8")

    def names(self, lang):
        prefix = f"{PLAYBOOK}/{LANG_DIRS[lang]}/"
        return sorted(f[len(prefix):] for f in self.files if f.startswith(prefix) and "/" not in f[len(prefix):] and f.endswith(".md"))

    def read(self, lang, name):
        return self._git("show", f"{self.commit}:{PLAYBOOK}/{LANG_DIRS[lang]}/{name}")

    def names_any(self, lang):
        prefix = f"{PLAYBOOK}/{LANG_DIRS[lang]}/"
        return sorted(f[len(prefix):] for f in self.files if f.startswith(prefix) and "/" not in f[len(prefix):])

    def describe(self):
        return f"{self.git_dir} at {self.commit}"


def page_key(name):
    """english 'x-partner.md', japanese 'x-partner-jp.md', chinese 'x-partner-sc.md' / '-en.md' → 'x'."""
    key = name[:-3]
    key = re.sub(r"-(jp|sc|en|de|pr|es)$", "", key)
    return re.sub(r"-partner$", "", key)


# ---------------------------------------------------------------------------------------------------- parsing
def clean(text):
    """Markdown cell or heading → plain text: links to their text, no bold, single spaces."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("\u200b", "").replace("\\*", "*")
    return re.sub(r"\s+", " ", text).strip()


def parse_page(text):
    """A playbook page: title, phase, and its approach sections (heading, role, motions, applies-to, task rows)."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if lines and lines[0].strip().startswith("---"):
        for i in range(1, len(lines)):
            if lines[i].strip().startswith("---"):
                lines = lines[i + 1:]
                break
    page = {"title": None, "phase": None, "sections": []}
    current = None      # the section that task rows and labels go to
    heading = None      # the last heading seen, a section once it has a role line or a task table
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        m = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
        if m:
            title = clean(m.group(2))
            if len(m.group(1)) == 1 and page["title"] is None:
                page["title"] = title
            elif len(m.group(1)) >= 3 and not title.startswith("FTOP"):
                heading = {"name": title, "role": None, "motions": None, "applies": None, "tasks": []}
                current = None
            elif len(m.group(1)) == 2:
                heading, current = None, None
            continue
        label = None
        for key, pattern in LABELS.items():
            lm = re.match(r"^\s*" + pattern + r"\s*[:：]\s*(.*)$", line)
            if lm:
                label, value = key, lm.group(1).strip()
                break
        if label:
            # a value in bold may run over lines: "Applies To: **Exchange / OneDrive /" … "SharePoint**"
            while value.startswith("**") and value.count("**") < 2 and i < len(lines) and lines[i].strip():
                value += " " + lines[i].strip()
                i += 1
            value = clean(value)
            if label == "phase":
                if page["phase"] is None:
                    page["phase"] = value
            else:
                if label == "role" and heading is not None and current is None:
                    current = heading
                    page["sections"].append(current)
                if current is not None and current[label] is None:
                    current[label] = value
            continue
        tm = re.match(r"^\s*\|\s*\[?(\d{3,5})\]?(?:\([^)]*\))?\s*\|(.*)$", line)
        if tm:
            if current is None:
                current = heading or {"name": page["title"], "role": None, "motions": None, "applies": None, "tasks": []}
                current["inherits"] = True
                page["sections"].append(current)
                heading = current
            cells = [clean(c) for c in tm.group(2).rstrip().rstrip("|").split("|")]
            while len(cells) < 4:
                cells.append("")
            merged = re.match(r"^([MOmo])\s+(\S.*)$", cells[1])
            if merged:  # "| 3184 | name | O FastTrack Engineer | Core Onboarding |": flag and role in one cell
                cells = [cells[0], merged.group(1), merged.group(2)] + cells[2:]
            current["tasks"].append({"id": int(tm.group(1)), "name": cells[0], "required": cells[1].upper(),
                                     "role": cells[2], "services": cells[3] if len(cells) > 3 else ""})
    return page


def split_list(text, keep=()):
    """'Exchange / OneDrive for Business/ SharePoint' → ['Exchange', 'OneDrive for Business', 'SharePoint']."""
    protected = text
    for i, name in enumerate(keep):
        protected = protected.replace(name, f"\x00{i}\x00")
    parts = [p.strip() for p in re.split(r"/", protected) if p.strip()]
    result = []
    for p in parts:
        for i, name in enumerate(keep):
            p = p.replace(f"\x00{i}\x00", name)
        result.append(p)
    return result


def services_text(text):
    names = split_list(text, COMPOUND_SERVICES)
    if not names or any(n in ALL_SERVICES for n in names):
        return "All Services"
    seen, out = set(), []
    for n in names:
        if n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return ";".join(out)


def motions_text(text):
    return ";".join(split_list(text or ""))


# ---------------------------------------------------------------------------------------------------- matching
def match_sections(en_sections, other_sections):
    """Pairs each English section with its translated copy: by shared task ids first, then, between those anchors,
    task-less sections in order (by the same applies-to when the counts differ). Returns {en index: other index}."""
    pairs = {}
    used = set()
    candidates = []
    for ei, es in enumerate(en_sections):
        ids = {t["id"] for t in es["tasks"]}
        for oi, os_ in enumerate(other_sections):
            shared = len(ids & {t["id"] for t in os_["tasks"]})
            if shared:
                candidates.append((-shared, ei, oi))
    for _, ei, oi in sorted(candidates):
        if ei not in pairs and oi not in used:
            pairs[ei] = oi
            used.add(oi)
    anchors = sorted(pairs.items())
    bounds = [(-1, -1)] + anchors + [(len(en_sections), len(other_sections))]
    for (e0, o0), (e1, o1) in zip(bounds, bounds[1:]):
        if o1 <= o0:
            continue
        en_gap = [e for e in range(e0 + 1, e1) if e not in pairs and not en_sections[e]["tasks"]]
        ot_gap = [o for o in range(o0 + 1, o1) if o not in used and not other_sections[o]["tasks"]]
        if len(en_gap) == len(ot_gap):
            for e, o in zip(en_gap, ot_gap):
                pairs[e] = o
                used.add(o)
        else:
            for e in en_gap:
                sig = applies_signature(en_sections[e]["applies"])
                for o in ot_gap:
                    if o not in used and applies_signature(other_sections[o]["applies"]) == sig:
                        pairs[e] = o
                        used.add(o)
                        break
    return pairs


def applies_signature(text):
    return services_text(text or "All Services").replace("すべてのサービス", "All Services")


# ---------------------------------------------------------------------------------------------------- build
def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def build(source, report):
    pages = {lang: {} for lang in LANG_DIRS}
    for lang in LANG_DIRS:
        for name in source.names(lang):
            pages[lang][page_key(name)] = (name, parse_page(source.read(lang, name)))

    toc = toc_names(source.read("en", "toc.yml")) if "toc.yml" in source.names_any("en") else {}
    seed_tasks = {int(r["id"]): r for r in read_csv(os.path.join(SEED_DIR, "seed-tasks.csv"))}
    seed_sections = {(r["process"], r["section"]): r for r in read_csv(os.path.join(SEED_DIR, "seed-sections.csv"))}
    summaries = {(r["phase"], r["process"], r["section"]): r for r in read_csv(SUMMARIES)} if os.path.exists(SUMMARIES) else {}

    sections = []           # in playbook order
    occurrences = defaultdict(list)   # id → [(section, row)]
    phase_names = {p: {"ja": "", "zh": ""} for p in PHASES}
    for phase_order, (phase, keys) in enumerate(PROCESS_PAGES.items(), start=1):
        for process_order, key in enumerate(keys, start=1):
            if key not in pages["en"]:
                sys.exit(f"the English page {key} is missing from {source.describe()}")
            en_name, en = pages["en"][key]
            if en["phase"] and en["phase"] != phase:
                report.append(f"page {en_name} says phase {en['phase']}, placed in {phase}")
            # the name the table of contents gives the page ("Deploy Securely"), else the page's title
            process = {"phase": phase, "phase_order": phase_order, "name": toc.get(en_name, en["title"]), "order": process_order,
                       "ja": "", "zh": "", "page": en_name}
            translated = {}
            for lang in ("ja", "zh"):
                if key not in pages[lang]:
                    report.append(f"{phase} › {en['title']}: no {lang} page")
                    continue
                tname, tpage = pages[lang][key]
                if tpage["title"] == en["title"]:
                    report.append(f"{phase} › {en['title']}: the {lang} page {tname} is not translated; its names are not used")
                    process[lang] = phase_link_text(source, lang, phase, tname)
                    continue
                process[lang] = tpage["title"]
                if tpage["phase"] and not phase_names[phase][lang]:
                    phase_names[phase][lang] = tpage["phase"]
                translated[lang] = (tname, tpage, match_sections(en["sections"], tpage["sections"]))
            previous = None
            for order, es in enumerate(en["sections"], start=1):
                if es.get("inherits") and previous:
                    for k in ("role", "motions", "applies"):
                        es[k] = es[k] or previous[k]
                section = {"process": process, "name": es["name"], "order": order, "role": es["role"] or "-",
                           "motions": motions_text(es["motions"]), "applies": services_text(es["applies"] or "All Services"),
                           "ja": "", "zh": "", "tasks": [], "page_ids": [t["id"] for t in es["tasks"]]}
                for lang, (tname, tpage, pairs) in translated.items():
                    if order - 1 in pairs:
                        section[lang] = tpage["sections"][pairs[order - 1]]["name"]
                seed = seed_sections.get((process["name"], es["name"]))
                if seed:
                    for field, column in (("order", "order"), ("role", "primary_role"), ("motions", "motions"),
                                          ("applies", "applies_to"), ("ja", "section_ja"), ("zh", "section_zh")):
                        value = int(seed[column]) if field == "order" else seed[column]
                        if field in ("ja", "zh") and not value:
                            continue  # the seed pages had no such translation; the playbook copy's stays
                        if value != section[field]:
                            report.append(f"seed section {process['name']} › {es['name']}: {field} {section[field]!r} → seed {value!r}")
                            section[field] = value
                sections.append(section)
                for t in es["tasks"]:
                    occurrences[t["id"]].append((section, t))
                previous = es
    for phase in PHASES:
        for lang in ("ja", "zh"):
            if not phase_names[phase][lang]:
                report.append(f"phase {phase}: no {lang} name")

    # translated task names: the copy on the matching translated page, else any translated lifecycle page
    translated_names = {"ja": {}, "zh": {}}
    for lang in ("ja", "zh"):
        for keys in PROCESS_PAGES.values():
            for key in keys:
                if key in pages[lang] and pages[lang][key][1]["title"] != pages["en"][key][1]["title"]:
                    for s in pages[lang][key][1]["sections"]:
                        for t in s["tasks"]:
                            translated_names[lang].setdefault(t["id"], (t, pages[lang][key][0]))

    # one entry per id: the seed's place for the 20 seed tasks, else the first appearance in playbook order
    tasks = []
    for task_id, places in occurrences.items():
        home, row = places[0]
        if task_id in seed_tasks:
            seed = seed_tasks[task_id]
            match = [p for p in places if p[0]["process"]["name"] == seed["process"] and p[0]["name"] == seed["section"]]
            if not match:
                sys.exit(f"seed task {task_id} is not on the page of its seed section {seed['process']} › {seed['section']}")
            home, row = match[0]
        others = [p for p in places if p[0] is not home]
        for section, other in others:
            report.append(f"task {task_id} also on {path(section)} (home {path(home)})"
                          + diff_note(row, other))
        entry = OrderedDict()
        entry["id"] = str(task_id)
        entry["phase"] = home["process"]["phase"]
        entry["process"] = home["process"]["name"]
        entry["section"] = home["name"]
        entry["required"] = row["required"]
        entry["role"] = row["role"] or "-"
        entry["services"] = services_text(row["services"])
        entry["name_en"] = row["name"]
        for lang in ("ja", "zh"):
            found = translated_names[lang].get(task_id)
            entry["name_" + lang] = found[0]["name"] if found else ""
            if found and found[0]["required"] and found[0]["required"] != row["required"]:
                report.append(f"task {task_id}: M/O {row['required']} in English, {found[0]['required']} in {lang} ({found[1]}); English kept")
        if task_id in seed_tasks:
            seed = seed_tasks[task_id]
            for column in TASK_HEADER:
                if seed[column] != entry[column]:
                    report.append(f"seed task {task_id}: {column} {entry[column]!r} → seed {seed[column]!r}")
            entry = OrderedDict((c, seed[c]) for c in TASK_HEADER)
        home["tasks"].append(task_id)
        tasks.append((home, entry))

    # approach pages: not a lifecycle process; every id they name must have its lifecycle entry
    for key in APPROACH_PAGES:
        if key not in pages["en"]:
            continue
        name, page = pages["en"][key]
        ids = [t["id"] for s in page["sections"] for t in s["tasks"]]
        missing = [i for i in ids if i not in occurrences]
        report.append(f"approach page {name}: {len(ids)} task rows, {len(ids) - len(missing)} with a lifecycle entry")
        if missing:
            sys.exit(f"approach page {name} names ids without a lifecycle entry: {missing}; decide where they belong (ADR 0014)")

    # ids on translated pages only (sections the English pages have since removed)
    for lang in ("ja", "zh"):
        only = sorted(set(translated_names[lang]) - set(occurrences))
        if only:
            report.append(f"ids only on {lang} pages (not in the English playbook, left out): "
                          + ", ".join(f"{i} ({translated_names[lang][i][1]})" for i in only))

    for section in sections:  # a section's tasks in the order its page lists them
        section["tasks"].sort(key=section["page_ids"].index)
    for section in sections:
        s = summaries.get((section["process"]["phase"], section["process"]["name"], section["name"]))
        section["summary"] = {lang: (s or {}).get("summary_" + lang, "") for lang in ("en", "ja", "zh")}
        if not s:
            report.append(f"no summary for {path(section)}")
    known = {(s["process"]["phase"], s["process"]["name"], s["name"]) for s in sections}
    for key in summaries:
        if key not in known:
            report.append(f"summary for an unknown section: {' › '.join(key)}")

    return sections, tasks, phase_names


def toc_names(text):
    """toc.yml → {page file: the name the table of contents shows}."""
    names, name = {}, None
    for line in text.splitlines():
        m = re.match(r"^\s*-?\s*name:\s*(.+?)\s*$", line)
        if m:
            name = m.group(1)
            continue
        m = re.match(r"^\s*href:\s*(\S+)\s*$", line)
        if m and name:
            names.setdefault(m.group(1), name)
            name = None
    return names


def phase_link_text(source, lang, phase, page_name):
    """The name a translated phase page gives to a process page that is itself not translated."""
    for name in source.names(lang):
        if page_key(name) == "phase-" + phase.lower():
            for m in re.finditer(r"\[([^\]]+)\]\(([^)]+)\)", source.read(lang, name)):
                if m.group(2) == page_name:
                    return clean(m.group(1))
    return ""


def path(section):
    return f"{section['process']['phase']} › {section['process']['name']} › {section['name']}"


def diff_note(row, other):
    notes = [f"{k} {row[k]!r} there {other[k]!r}" for k in ("required", "role", "name") if row[k] != other[k]]
    if services_text(row["services"]) != services_text(other["services"]):
        notes.append(f"services {services_text(row['services'])!r} there {services_text(other['services'])!r}")
    return ("; differs: " + ", ".join(notes)) if notes else ""


def write_csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for r in rows:
        writer.writerow(r)
    return out.getvalue()


def render(sections, tasks, phase_names):
    order = {id(s): i for i, s in enumerate(sections)}
    task_rows = [[e[c] for c in TASK_HEADER] for s, e in sorted(tasks, key=lambda x: (order[id(x[0])], x[0]["tasks"].index(int(x[1]["id"]))))]
    section_rows = []
    for s in sections:
        p = s["process"]
        section_rows.append([p["phase"], p["name"], str(s["order"]), s["name"], s["ja"], s["zh"], s["role"], s["motions"],
                             s["applies"], ";".join(str(i) for i in s["tasks"]), str(p["phase_order"]),
                             phase_names[p["phase"]]["ja"], phase_names[p["phase"]]["zh"], str(p["order"]), p["ja"], p["zh"],
                             s["summary"]["en"], s["summary"]["ja"], s["summary"]["zh"]])
    return write_csv(TASK_HEADER, task_rows), write_csv(SECTION_HEADER, section_rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--git", help="git directory of a mirror of willknoll/vigilant-chainsaw")
    group.add_argument("--dir", help="checkout or extract holding md-files/partner-site/fasttrack-playbook/")
    parser.add_argument("--commit", help="with --git: the commit to read (default: parent of the deleting commit)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the shipped files differ")
    parser.add_argument("--quiet", action="store_true", help="no review report")
    args = parser.parse_args()
    source = GitSource(args.git, args.commit) if args.git else DirSource(args.dir)
    report = []
    sections, tasks, phase_names = build(source, report)
    tasks_csv, sections_csv = render(sections, tasks, phase_names)
    if not args.quiet:
        print(f"source: {source.describe()}", file=sys.stderr)
        for line in report:
            print("  " + line, file=sys.stderr)
    counts = defaultdict(int)
    for s, _ in tasks:
        counts[s["process"]["phase"]] += 1
    print(f"{len(tasks)} tasks, {len(sections)} sections, "
          f"{len({s['process']['name'] for s in sections})} processes, {len(PHASES)} phases: "
          + ", ".join(f"{p} {counts[p]}" for p in PHASES), file=sys.stderr)
    outputs = [(TASKS_OUT, tasks_csv), (SECTIONS_OUT, sections_csv)]
    if args.check:
        stale = [p for p, text in outputs if not os.path.exists(p) or open(p, encoding="utf-8", newline="").read() != text]
        for p in stale:
            print(f"differs: {os.path.relpath(p, REPO)}", file=sys.stderr)
        sys.exit(1 if stale else 0)
    for p, text in outputs:
        with open(p, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        print(f"wrote {os.path.relpath(p, REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
